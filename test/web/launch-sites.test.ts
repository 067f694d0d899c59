import { describe, expect, it } from "vitest";
import { toEventJson } from "../../src/importers/export.js";
import { parseEvent } from "../../src/model/index.js";
import type { LedgerEvent } from "../../web/src/api.js";
import {
  dotRadius,
  launchSites,
  mapAspect,
  siteExtent,
  siteLabel,
  siteLine,
  sitesCaption,
  unplacedNote,
} from "../../web/src/timeline/launch-sites.js";

const SOHAE = { lat: 39.6596, lon: 124.7057 };
const SINPO = { lat: 40.0368, lon: 128.1839 };

/** An event as GET /api/events sends it: parsed as the ledger would, then in its interchange form. */
function event(input: Record<string, unknown>): LedgerEvent {
  const parsed = parseEvent({ actor: "PRK", sources: [{ title: "test" }], ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return toEventJson(parsed.event);
}

const launch = (date: string, count: number, attributes: Record<string, unknown>) =>
  event({ type: "missile_launch", date, count, attributes: { class: "SRBM", ...attributes } });

describe("launchSites", () => {
  const events = [
    launch("2022-03-16", 1, { facility: "Sohae", facilityLocation: SOHAE, landing: "Yellow Sea" }),
    launch("2022-01-05", 2, { facility: "Sohae", facilityLocation: SOHAE }),
    launch("2022-09-25", 1, { facility: "Sinpo", facilityLocation: SINPO, landing: "Sea of Japan" }),
    launch("2022-11-05", 4, { facility: "Tongrim", landing: "Yellow Sea" }),
    launch("2022-11-06", 1, {}),
    event({ type: "statement", date: "2022-05-01", attributes: { subject: "not a launch" } }),
  ];

  it("gives one site per facility, with its launches, missiles, dates and landings, most missiles first", () => {
    const { sites } = launchSites(events);
    expect(sites).toEqual([
      {
        facility: "Sohae",
        ...SOHAE,
        launches: 2,
        missiles: 3,
        first: "2022-01-05",
        last: "2022-03-16",
        landings: [
          { area: "not recorded", missiles: 2 },
          { area: "Yellow Sea", missiles: 1 },
        ],
      },
      {
        facility: "Sinpo",
        ...SINPO,
        launches: 1,
        missiles: 1,
        first: "2022-09-25",
        last: "2022-09-25",
        landings: [{ area: "Sea of Japan", missiles: 1 }],
      },
    ]);
  });

  it("counts apart the launches it cannot place, by site named or not", () => {
    const { unplaced } = launchSites(events);
    expect(unplaced).toEqual([
      { facility: "Tongrim", launches: 1, missiles: 4 },
      { facility: null, launches: 1, missiles: 1 },
    ]);
    expect(unplacedNote(unplaced)).toBe(
      "Not on the map: 2 launches (5 missiles) whose site the record gives no coordinates (Tongrim, no site named).",
    );
    expect(unplacedNote(launchSites(events.slice(0, 3)).unplaced)).toBeNull();
  });

  it("keeps a name given two places as two sites rather than draw it at either", () => {
    const moved = launch("2022-10-01", 1, { facility: "Sohae", facilityLocation: { lat: 39, lon: 125 } });
    const { sites } = launchSites([...events, moved]);
    expect(sites.filter((s) => s.facility === "Sohae").map((s) => [s.lat, s.lon])).toEqual([
      [SOHAE.lat, SOHAE.lon],
      [39, 125],
    ]);
  });

  it("says on hover the site, its launches and missiles, its dates and where they landed", () => {
    const [sohae, sinpo] = launchSites(events).sites;
    expect(siteLabel(sohae!)).toBe(
      "Sohae\n2 launches, 3 missiles\n2022-01-05 to 2022-03-16\nLanded: not recorded (2), Yellow Sea (1)",
    );
    expect(siteLabel(sinpo!)).toBe("Sinpo\n1 launch, 1 missile\n2022-09-25\nLanded: Sea of Japan (1)");
    expect(siteLine(sohae!)).toBe("Sohae: 3 missiles in 2 launches");
    expect(siteLine(sinpo!)).toBe("Sinpo: 1 missile in 1 launch");
  });

  it("sums the sites in its caption, naming the largest dot, and says nothing of an empty map", () => {
    expect(sitesCaption(launchSites(events).sites)).toMatch(
      /^2 sites of 3 launches \(4 missiles\) in the range shown; a dot's area is its missiles \(the largest, Sohae: 3\)\./,
    );
    expect(sitesCaption([])).toBeNull();
  });
});

describe("the map's frame", () => {
  it("is at least minSpan degrees about one site, and padded about several", () => {
    expect(siteExtent([])).toBeNull();
    expect(siteExtent([{ lat: 40, lon: 127 }], 4)).toEqual({ west: 125, south: 38, east: 129, north: 42 });
    const wide = siteExtent(
      [
        { lat: 30, lon: 120 },
        { lat: 40, lon: 140 },
      ],
      4,
      0.1,
    )!;
    expect(wide.west).toBeCloseTo(118);
    expect(wide.east).toBeCloseTo(142);
    expect(wide.south).toBeCloseTo(29);
    expect(wide.north).toBeCloseTo(41);
  });

  it("stays on the globe at its edges", () => {
    const edge = siteExtent([{ lat: 89, lon: 179 }])!;
    expect(edge.north).toBe(85);
    expect(edge.east).toBe(180);
  });

  it("is as tall as Mercator draws it: square at the equator, taller further north", () => {
    expect(mapAspect({ west: 0, south: -1, east: 2, north: 1 })).toBeCloseTo(1, 3);
    // Near 60° north a degree of latitude is drawn twice as tall as one of longitude (1 / cos 60°).
    expect(mapAspect({ west: 0, south: 59.9, east: 0.2, north: 60.1 })).toBeCloseTo(2, 2);
  });
});

describe("dotRadius", () => {
  it("gives dots an area in proportion to missiles, never smaller than `least`", () => {
    expect(dotRadius(16, 16, 20)).toBe(20);
    expect(dotRadius(4, 16, 20)).toBe(10);
    expect(dotRadius(1, 1000, 20, 3)).toBe(3);
    expect(dotRadius(0, 0, 20, 3)).toBe(3);
  });
});
