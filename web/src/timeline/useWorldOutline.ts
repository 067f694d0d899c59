import { useEffect, useState } from "react";
import { feature } from "topojson-client";
import type countries50m from "world-atlas/countries-50m.json";

/** Natural Earth's country outlines, for the map's background: whose data it is, said under the map. */
export const OUTLINE_CREDIT =
  "Outline: Natural Earth 1:50m admin-0 countries, v4.1.0 (public domain), as TopoJSON by the world-atlas package";

/** The countries as GeoJSON features, what Plot.geo draws. */
const outlineOf = (topology: typeof countries50m) => feature(topology, topology.objects.countries);
export type Outline = ReturnType<typeof outlineOf>;

/**
 * The world's country outlines, bundled with the dashboard (no tiles or files from the network), and read only
 * when a map is first drawn: the timeline's other charts do not wait for them.
 */
export function useWorldOutline(): { outline: Outline | null; error: Error | null } {
  const [outline, setOutline] = useState<Outline | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    import("world-atlas/countries-50m.json").then(
      ({ default: topology }) => {
        if (live) setOutline(outlineOf(topology));
      },
      (e: Error) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { outline, error };
}
