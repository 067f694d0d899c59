import * as Plot from "@observablehq/plot";
import { useEffect, useMemo, useRef } from "react";
import type { LedgerEvent } from "../api";
import { toDate } from "../common";

const missiles = (e: LedgerEvent) => e.count ?? 1;

const MONTH = 30.44 * 86_400_000;
/** Months narrower than this many pixels (decades on a phone) are summed by year instead: a bar is never lost. */
const MIN_MONTH_PX = 2;

/** Per month when a month is wide enough to see, otherwise per year. */
export function binFor(lo: number, hi: number, innerWidth: number): "month" | "year" {
  return (innerWidth * MONTH) / Math.max(1, hi - lo) >= MIN_MONTH_PX ? "month" : "year";
}

/**
 * Missiles launched per month (per year over long ranges on narrow screens), stacked by class, over the range the lanes below show (the same x axis and margins):
 * drawn from the events already read for the range.
 */
export function MonthlyLaunches(props: {
  events: LedgerEvent[];
  /** The range shown, in milliseconds. */
  lo: number;
  hi: number;
  /** The missile classes in the order of the marks legend, and each launch's class. */
  classes: readonly string[];
  classOf: (e: LedgerEvent) => string;
  /** The lanes' width and margins, so that the months line up with the lanes' dates. */
  width: number;
  marginLeft: number;
  marginRight: number;
}) {
  const { events, lo, hi, classes, classOf, width, marginLeft, marginRight } = props;
  const box = useRef<HTMLDivElement>(null);
  const launches = useMemo(() => events.filter((e) => e.type === "missile_launch"), [events]);
  const total = launches.reduce((n, e) => n + missiles(e), 0);
  const bin = binFor(lo, hi, width - marginLeft - marginRight);

  useEffect(() => {
    const div = box.current;
    if (!div) return;
    const plot = Plot.plot({
      width,
      height: 110,
      marginLeft,
      marginRight,
      marginTop: 8,
      marginBottom: 20,
      style: { fontSize: "11px" },
      x: { type: "utc", domain: [new Date(lo), new Date(hi)], label: null },
      y: { label: `missiles / ${bin}`, grid: true, ticks: 3 },
      color: { domain: classes as string[], legend: true },
      marks: [
        Plot.rectY(
          launches,
          // The binned y is the sum of each launch's missiles (Plot's types omit the y input binX reads).
          Plot.binX({ y: "sum" }, {
            x: (e: LedgerEvent) => toDate(e.date),
            y: missiles,
            fill: classOf,
            interval: bin,
            inset: 0,
            clip: true,
          } as Plot.BinXInputs<Plot.RectYOptions>),
        ),
        Plot.ruleY([0]),
      ],
    });
    div.replaceChildren(plot);
    return () => plot.remove();
  }, [launches, lo, hi, bin, classes, classOf, width, marginLeft, marginRight]);

  return (
    <div
      className="chart monthly-launches"
      id="timeline-monthly"
      ref={box}
      role="img"
      data-missiles={total}
      data-bin={bin}
      aria-label={`${total} missile${total === 1 ? "" : "s"} launched in this range, per ${bin} and by class`}
    />
  );
}
