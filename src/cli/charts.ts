import * as Plot from "@observablehq/plot";
import { Resvg } from "@resvg/resvg-js";
import { JSDOM } from "jsdom";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import type { CrossCorrelation, EventStudyResult, Series } from "../analysis/index.js";
import type { SweepResult } from "../sim/roadmap/sweep.js";

/**
 * Charts for the analysis commands, drawn with Observable Plot on a server-side DOM. Each function returns SVG text;
 * `writeChart` saves it as SVG, or as PNG when the file name ends in .png.
 */
const WIDTH = 760;
const HEIGHT = 360;
const COLORS = { effect: "#c2410c", band: "#94a3b8", reference: "#334155", other: "#1d4ed8" };

const HEADER = 44;
const escapeXml = (t: string) => t.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plots the marks and puts the title and subtitle above them, inside the SVG, so that they survive as PNG. */
function render({
  title,
  subtitle,
  ...options
}: Plot.PlotOptions & { title: string; subtitle?: string }): string {
  const { document } = new JSDOM("").window;
  const plot = Plot.plot({ ...options, document, width: WIDTH, height: HEIGHT }) as unknown as Element;
  // Plot wraps the SVG in an HTML <figure> when it adds a legend: such a file is not SVG, so a chart names its lines
  // with marks instead, and this says so if one ever does not.
  if (plot.tagName.toLowerCase() !== "svg")
    throw new Error(
      `a chart drew a <${plot.tagName.toLowerCase()}>, not an <svg>: name its lines with marks, not a legend`,
    );
  plot.setAttribute("y", String(HEADER));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT + HEADER}" viewBox="0 0 ${WIDTH} ${HEIGHT + HEADER}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>` +
    (subtitle ? `<text x="8" y="36" font-size="11" fill="#475569">${escapeXml(subtitle)}</text>` : "") +
    plot.outerHTML +
    `</svg>`
  );
}

/** Mean effect per day around the causes, with the permutation band and the series' daily mean. */
export function eventStudyChart(es: EventStudyResult, title: string): string {
  const rows = es.lags.map((lag, i) => ({
    lag,
    mean: es.mean[i]!,
    lower: es.lower[i]!,
    upper: es.upper[i]!,
  }));
  return render({
    title,
    subtitle: `${es.causeDays} cause days, ${es.from} to ${es.to}; band: 2.5–97.5% of ${es.permutations} circular shifts`,
    x: { label: "days from the cause", grid: true },
    y: { label: "mean effect per day", zero: true },
    marks: [
      Plot.areaY(rows, { x: "lag", y1: "lower", y2: "upper", fill: COLORS.band, fillOpacity: 0.35 }),
      Plot.ruleY([es.dailyMean], { stroke: COLORS.reference, strokeDasharray: "4,3" }),
      Plot.ruleX([0], { stroke: COLORS.reference }),
      Plot.lineY(rows, { x: "lag", y: "mean", stroke: COLORS.effect, strokeWidth: 2 }),
      Plot.dot(rows, { x: "lag", y: "mean", fill: COLORS.effect, r: 2.5 }),
    ],
  });
}

/** Two series on the same bins, one line each. */
export function seriesChart(series: { name: string; series: Series }[], title: string): string {
  const rows = series.flatMap(({ name, series: s }) =>
    s.bins.map((bin, i) => ({
      name,
      date: new Date(`${bin.length === 7 ? bin + "-01" : bin}T00:00:00Z`),
      value: s.values[i]!,
    })),
  );
  // Each line named at its last point (sweepChart says why not a legend).
  return render({
    title,
    marginRight: 110,
    color: { domain: series.map((s) => s.name), range: [COLORS.effect, COLORS.other] },
    x: { label: null, type: "utc" },
    y: {
      label: `${series[0]?.series.measure ?? "count"} per ${series[0]?.series.freq ?? "bin"}`,
      grid: true,
    },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: "date", y: "value", stroke: "name", strokeWidth: 1.2 }),
      Plot.text(
        rows,
        Plot.selectLast({
          x: "date",
          y: "value",
          z: "name",
          text: "name",
          fill: "name",
          dx: 6,
          textAnchor: "start",
        }),
      ),
    ],
  });
}

/** Cross-correlation by lag, with the white-noise band. */
export function crossCorrelationChart(cc: CrossCorrelation, title: string): string {
  return render({
    title,
    subtitle: `positive lag: the first series leads; dashed: ±${cc.band.toFixed(3)} (${Math.round(cc.level * 100)}% band for white noise)`,
    x: { label: "lag (bins)" },
    y: { label: "correlation", grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleY([cc.band, -cc.band], { stroke: COLORS.reference, strokeDasharray: "4,3" }),
      Plot.barY(cc.lags, {
        x: "lag",
        y: "correlation",
        fill: (d: { outsideBand: boolean }) => (d.outsideBand ? COLORS.effect : COLORS.band),
      }),
    ],
  });
}

/** What a sweep's chart draws: each phase (each step, when there are none) reached, at each value. */
export interface SweepLine {
  /** The phase's (or step's) id. */
  line: string;
  value: number;
  probability: number;
  lower: number;
  upper: number;
}

/** The points of a sweep's chart, from its result: the numbers its JSON gives. */
export function sweepLines(sweep: SweepResult): SweepLine[] {
  return sweep.points.flatMap(({ value, result }) =>
    result.phases.length
      ? result.phases.map((p) => ({
          line: p.id,
          value,
          probability: p.reached.probability,
          lower: p.reached.interval[0],
          upper: p.reached.interval[1],
        }))
      : result.steps.map((s) => ({
          line: s.id,
          value,
          probability: s.taken.probability,
          lower: s.taken.interval[0],
          upper: s.taken.interval[1],
        })),
  );
}

/**
 * A sweep: one line a phase, its probability of being reached by the horizon against the swept value, with its 95%
 * Wilson band. Each point's exact numbers are in its title (shown on hover).
 */
export function sweepChart(sweep: SweepResult, title: string, subtitle: string): string {
  const rows = sweepLines(sweep);
  // Each line named at its last point, not in a legend: Plot draws a legend as HTML beside the SVG, not in it.
  return render({
    title,
    subtitle,
    marginRight: 110,
    x: { label: sweep.meaning, grid: true },
    y: { label: "probability by the horizon", domain: [0, 1], grid: true },
    marks: [
      Plot.areaY(rows, { x: "value", y1: "lower", y2: "upper", fill: "line", fillOpacity: 0.18 }),
      Plot.lineY(rows, { x: "value", y: "probability", stroke: "line", strokeWidth: 2 }),
      Plot.text(
        rows,
        Plot.selectLast({
          x: "value",
          y: "probability",
          z: "line",
          text: "line",
          fill: "line",
          dx: 6,
          textAnchor: "start",
        }),
      ),
      Plot.dot(rows, {
        x: "value",
        y: "probability",
        fill: "line",
        r: 3,
        title: (d: SweepLine) =>
          `${d.line} at ${sweep.parameter} ${d.value}: ${d.probability} [${d.lower}, ${d.upper}]`,
      }),
    ],
  });
}

/** The file's type from its name, checked before any work is done. */
export function chartFormat(file: string, option = "--plot"): "svg" | "png" {
  if (/\.png$/i.test(file)) return "png";
  if (/\.svg$/i.test(file)) return "svg";
  throw new Error(`${option} ${file}: the file must end in .svg or .png`);
}

/** Written beside, then renamed over: a reader never sees half a chart, and a failed write leaves the old one. */
export function writeChart(file: string, svg: string): void {
  const data =
    chartFormat(file) === "png"
      ? new Resvg(svg, { background: "white", fitTo: { mode: "width", value: WIDTH * 2 } }).render().asPng()
      : svg;
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
