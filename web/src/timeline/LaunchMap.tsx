import * as Plot from "@observablehq/plot";
import { useEffect, useMemo, useRef } from "react";
import type { LedgerEvent } from "../api";
import {
  dotRadius,
  launchSites,
  mapAspect,
  siteExtent,
  siteLabel,
  siteLine,
  sitesCaption,
  unplacedNote,
  type LaunchSite,
} from "./launch-sites";
import { OUTLINE_CREDIT, useWorldOutline, type Outline } from "./useWorldOutline";

/** A map larger than this says no more, and would push the list below it out of sight. */
const MAX_WIDTH = 640;
const MAX_HEIGHT = 520;
/** The largest dot's radius: smaller on a phone, where the sites are close together. */
const largestDot = (width: number) => (width < 480 ? 14 : 22);

/** Marks each dot with its site (`data-facility`, `data-missiles`), in index order: what a test or a reader can query. */
function tagSites(g: SVGElement | null, index: readonly number[], sites: readonly LaunchSite[]) {
  g?.querySelectorAll(":scope > circle").forEach((dot, i) => {
    const site = sites[index[i] ?? -1];
    if (!site) return;
    dot.setAttribute("data-facility", site.facility);
    dot.setAttribute("data-missiles", String(site.missiles));
  });
}

function drawMap(outline: Outline, sites: LaunchSite[], width: number): SVGSVGElement | HTMLElement {
  const extent = siteExtent(sites)!;
  const most = Math.max(...sites.map((s) => s.missiles));
  const largest = largestDot(width);
  return Plot.plot({
    width,
    // As tall as the sites' box needs, within bounds; Plot fits the box inside and shows more around it.
    height: Math.round(Math.min(MAX_HEIGHT, Math.max(0.5, mapAspect(extent)) * width)),
    margin: 0,
    style: { fontSize: "12px" },
    projection: {
      type: "mercator",
      // The corners as points: a polygon this small is read the wrong way round on the sphere as often as not.
      domain: {
        type: "MultiPoint",
        coordinates: [
          [extent.west, extent.south],
          [extent.east, extent.north],
        ],
      },
    },
    r: { type: "identity" },
    marks: [
      Plot.frame({ fill: "#e3eef7" }),
      Plot.geo(outline, { fill: "#f4f4f2", stroke: "#9aa0a6", strokeWidth: 0.6 }),
      Plot.dot(sites, {
        x: "lon",
        y: "lat",
        r: (s: LaunchSite) => dotRadius(s.missiles, most, largest),
        fill: "#c5221f",
        fillOpacity: 0.55,
        stroke: "white",
        strokeWidth: 1,
        className: "launch-site",
        render: (index, scales, values, dimensions, context, next) => {
          const g = next?.(index, scales, values, dimensions, context) ?? null;
          tagSites(g, index, sites);
          return g;
        },
      }),
      // Lines short enough on a phone for the tip to fit beside a dot anywhere on the map.
      Plot.tip(
        sites,
        Plot.pointer({ x: "lon", y: "lat", title: siteLabel, lineWidth: width < 480 ? 14 : 30 }),
      ),
    ],
  });
}

/**
 * The launch sites of the launches the timeline shows (its range and type), on Natural Earth's country outlines:
 * one dot per site, its area by missiles, named on hover with its launches and where they landed. Launches whose
 * site has no coordinates in the ledger are counted under the map, not left out.
 */
export function LaunchMap({ events, width }: { events: LedgerEvent[]; width: number }) {
  const { sites, unplaced } = useMemo(() => launchSites(events), [events]);
  const { outline, error } = useWorldOutline();
  const box = useRef<HTMLDivElement>(null);
  const drawWidth = Math.min(width, MAX_WIDTH);

  useEffect(() => {
    const div = box.current;
    if (!div || !outline || sites.length === 0) return;
    const plot = drawMap(outline, sites, drawWidth);
    div.replaceChildren(plot);
    return () => plot.remove();
  }, [outline, sites, drawWidth]);

  const note = unplacedNote(unplaced);
  const caption = sitesCaption(sites);
  return (
    <section aria-labelledby="launch-map-title" className="launch-map-section">
      <h3 id="launch-map-title">Launch sites</h3>
      {error && (
        <p className="error" role="alert">
          Could not load the world outline: {error.message}
        </p>
      )}
      {sites.length === 0 ? (
        <p className="muted" id="launch-map-empty">
          No launch in this range and type has a site with coordinates.
        </p>
      ) : (
        <div
          className="chart launch-map"
          id="launch-map"
          ref={box}
          role="img"
          aria-busy={!outline && !error}
          data-sites={outline ? sites.length : undefined}
          aria-label="Map of the launch sites in the range shown"
          aria-describedby="launch-map-caption"
        />
      )}
      <p className="muted small" id="launch-map-caption">
        {caption && `${caption} `}
        {OUTLINE_CREDIT}.
      </p>
      {note && (
        <p className="warnings" role="status" id="launch-map-unplaced">
          {note}
        </p>
      )}
      {sites.length > 0 && (
        <details id="launch-map-list">
          <summary>The sites, by missiles</summary>
          <ol>
            {sites.map((s) => (
              <li key={`${s.facility} ${s.lat} ${s.lon}`}>{siteLine(s)}</li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
