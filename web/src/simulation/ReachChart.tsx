import * as Plot from "@observablehq/plot";
import { useCallback, useEffect, useRef } from "react";
import { useWidth } from "../board/useWidth";
import { interval, pct } from "./query";

/** One row of the chart: a phase reached (or a step taken) in a share of the runs, with its 95% interval. */
export interface Reach {
  id: string;
  title: string;
  probability: number;
  interval: [number, number];
}

/** About the width of a character of the axis's 12 px labels. */
const CHAR = 7;

/** Each phase's (or step's) probability by the horizon as a dot, its 95% Wilson interval as a bar through it. */
export function ReachChart({ rows, what }: { rows: Reach[]; what: "phase" | "step" }) {
  const done = what === "phase" ? "reached" : "taken";
  const [measure, width] = useWidth<HTMLDivElement>();
  const ref = useRef<HTMLDivElement | null>(null);
  const setRef = useCallback(
    (el: HTMLDivElement | null) => {
      ref.current = el;
      return measure(el);
    },
    [measure],
  );
  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    // The labels take at most 40% of the width, cut with an ellipsis beyond it (the title says them whole).
    const longest = Math.max(...rows.map((r) => r.id.length));
    const marginLeft = Math.min(Math.floor(width * 0.4), longest * CHAR + 12);
    const room = Math.max(4, Math.floor((marginLeft - 12) / CHAR));
    const cut = (id: string) => (id.length > room ? id.slice(0, room - 1) + "…" : id);
    const plot = Plot.plot({
      width,
      height: 56 + 34 * rows.length,
      marginLeft,
      marginRight: 16,
      marginBottom: 44,
      style: { fontSize: "12px" },
      x: {
        domain: [0, 1],
        label: `share of runs in which the ${what} was ${done} by the horizon, with its 95% interval`,
        labelAnchor: "center",
        labelOffset: 36,
        tickFormat: "%",
        grid: true,
      },
      y: { domain: rows.map((r) => r.id), label: null, tickFormat: cut },
      marks: [
        Plot.ruleY(rows, {
          y: "id",
          x1: (r: Reach) => r.interval[0],
          x2: (r: Reach) => r.interval[1],
          stroke: "#1a56db",
          strokeWidth: 6,
          strokeOpacity: 0.35,
        }),
        Plot.dot(rows, {
          x: "probability",
          y: "id",
          r: 4.5,
          fill: "#1a56db",
          title: (r: Reach) => `${r.title}: ${pct(r.probability)} (95% interval ${interval(r.interval)})`,
        }),
      ],
    });
    div.replaceChildren(plot);
    return () => plot.remove();
  }, [rows, what, done, width]);
  return (
    <div
      className="chart reach-chart"
      id="sim-reach-chart"
      data-rows={rows.length}
      ref={setRef}
      role="img"
      aria-label={`The share of runs in which each ${what} was ${done} by the horizon, with 95% intervals: ${rows
        .map((r) => `${r.id} ${pct(r.probability)}`)
        .join(", ")}`}
    />
  );
}
