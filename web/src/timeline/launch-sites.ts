import type { LedgerEvent } from "../api.js";
import type { Coordinates } from "../../../src/model/event-types.js";

/**
 * The launch sites of a set of events, for the map: each launch (a missile_launch event) is placed at the
 * coordinates its facility carries in the ledger (`attributes.facilityLocation`); those without are counted apart,
 * so that the map can say how many it could not place rather than leave them out unseen.
 */

/** Missiles in a launch: its count (a salvo of two is one event with count 2). */
const missilesOf = (e: LedgerEvent) => e.count ?? 1;

export interface LaunchSite extends Coordinates {
  facility: string;
  /** Launch events from the site, and the missiles they fired. */
  launches: number;
  missiles: number;
  /** Where the missiles landed, as the record names it (`attributes.landing`: a sea, not a point), by missiles. */
  landings: { area: string; missiles: number }[];
  first: string;
  last: string;
}

/** Launches the map cannot place: by facility name (or none), with their missiles. */
export interface UnplacedSite {
  facility: string | null;
  launches: number;
  missiles: number;
}

export interface LaunchSites {
  /** By missiles, most first (then by name): the order of the list beside the map. */
  sites: LaunchSite[];
  unplaced: UnplacedSite[];
}

const attributesOf = (e: LedgerEvent) => (e.attributes ?? {}) as Record<string, unknown>;

function isCoordinates(x: unknown): x is Coordinates {
  if (typeof x !== "object" || x === null) return false;
  const { lat, lon } = x as Record<string, unknown>;
  return typeof lat === "number" && typeof lon === "number" && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

const text = (x: unknown): string | null => (typeof x === "string" && x.trim() ? x : null);
const byMissiles = <T extends { missiles: number }>(a: T, b: T, nameA: string, nameB: string) =>
  b.missiles - a.missiles || nameA.localeCompare(nameB);

/** The launch sites of `events` (other types are ignored): one per facility name and place. */
export function launchSites(events: readonly LedgerEvent[]): LaunchSites {
  const sites = new Map<string, LaunchSite & { areas: Map<string, number> }>();
  const unplaced = new Map<string | null, UnplacedSite>();
  for (const e of events) {
    if (e.type !== "missile_launch") continue;
    const a = attributesOf(e);
    const facility = text(a.facility);
    const missiles = missilesOf(e);
    const at = a.facilityLocation;
    if (!facility || !isCoordinates(at)) {
      const u = unplaced.get(facility) ?? { facility, launches: 0, missiles: 0 };
      u.launches++;
      u.missiles += missiles;
      unplaced.set(facility, u);
      continue;
    }
    // Name and place both: a name given two places is two sites, not one drawn at either.
    const key = JSON.stringify([facility, at.lat, at.lon]);
    const site = sites.get(key) ?? {
      facility,
      lat: at.lat,
      lon: at.lon,
      launches: 0,
      missiles: 0,
      landings: [],
      first: e.date,
      last: e.date,
      areas: new Map<string, number>(),
    };
    site.launches++;
    site.missiles += missiles;
    if (e.date < site.first) site.first = e.date;
    if (e.date > site.last) site.last = e.date;
    const area = text(a.landing) ?? "not recorded";
    site.areas.set(area, (site.areas.get(area) ?? 0) + missiles);
    sites.set(key, site);
  }
  return {
    sites: [...sites.values()]
      .map(({ areas, ...site }) => ({
        ...site,
        landings: [...areas]
          .map(([area, missiles]) => ({ area, missiles }))
          .sort((x, y) => byMissiles(x, y, x.area, y.area)),
      }))
      .sort((x, y) => byMissiles(x, y, x.facility, y.facility)),
    unplaced: [...unplaced.values()].sort((x, y) => byMissiles(x, y, x.facility ?? "", y.facility ?? "")),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a site's dot says on hover: its name, launches and missiles, dates and where they landed. */
export function siteLabel(site: LaunchSite): string {
  const when = site.first === site.last ? site.first : `${site.first} to ${site.last}`;
  const landed = site.landings.map((l) => `${l.area} (${l.missiles})`).join(", ");
  const counts = `${plural(site.launches, "launch", "launches")}, ${plural(site.missiles, "missile")}`;
  return [site.facility, counts, when, `Landed: ${landed}`].join("\n");
}

/** A site in the list beside the map: "Sohae: 3 missiles in 2 launches". */
export function siteLine(site: LaunchSite): string {
  return `${site.facility}: ${plural(site.missiles, "missile")} in ${plural(site.launches, "launch", "launches")}`;
}

/** What the map shows, in words: its sites, launches and missiles, and what a dot's size means; null when empty. */
export function sitesCaption(sites: readonly LaunchSite[]): string | null {
  const [largest] = sites;
  if (!largest) return null;
  const launches = sites.reduce((n, s) => n + s.launches, 0);
  const missiles = sites.reduce((n, s) => n + s.missiles, 0);
  return (
    `${plural(sites.length, "site")} of ${plural(launches, "launch", "launches")} (${plural(missiles, "missile")}) ` +
    `in the range shown; a dot's area is its missiles (the largest, ${largest.facility}: ${largest.missiles}). ` +
    "Point at a dot for its launches and where they landed. Impact points are not drawn: the record names only " +
    "the sea where missiles landed."
  );
}

/** The launches left off the map, in words; null when every launch is placed. */
export function unplacedNote(unplaced: readonly UnplacedSite[]): string | null {
  if (unplaced.length === 0) return null;
  const launches = unplaced.reduce((n, u) => n + u.launches, 0);
  const missiles = unplaced.reduce((n, u) => n + u.missiles, 0);
  const where = unplaced.map((u) => u.facility ?? "no site named").join(", ");
  return `Not on the map: ${plural(launches, "launch", "launches")} (${plural(missiles, "missile")}) whose site the record gives no coordinates (${where}).`;
}

/** A box around the sites, in degrees: at least `minSpan` on each side, padded, so that one site is seen in its region. */
export interface Extent {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function siteExtent(sites: readonly Coordinates[], minSpan = 4, pad = 0.15): Extent | null {
  if (sites.length === 0) return null;
  const lats = sites.map((s) => s.lat);
  const lons = sites.map((s) => s.lon);
  const widen = (lo: number, hi: number, limit: number): [number, number] => {
    const span = Math.max(minSpan, (hi - lo) * (1 + 2 * pad));
    const middle = (lo + hi) / 2;
    return [Math.max(-limit, middle - span / 2), Math.min(limit, middle + span / 2)];
  };
  const [south, north] = widen(Math.min(...lats), Math.max(...lats), 85);
  const [west, east] = widen(Math.min(...lons), Math.max(...lons), 180);
  return { west, south, east, north };
}

/** A dot's radius in pixels: its area is proportional to the site's missiles, never smaller than `least`. */
export function dotRadius(missiles: number, most: number, largest: number, least = 3): number {
  if (most <= 0) return least;
  return Math.max(least, largest * Math.sqrt(missiles / most));
}

/** Mercator's y of a latitude in degrees. */
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** Height over width of the extent on a Mercator map: the map is drawn that tall, so that it fills its frame. */
export function mapAspect({ west, south, east, north }: Extent): number {
  return (mercatorY(north) - mercatorY(south)) / (((east - west) * Math.PI) / 180);
}
