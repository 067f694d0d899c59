import { useId } from "react";
import type { Evaluation, Evidence } from "../api";
import { BREACHES, STATUS_ORDER, statusFill, statusLabel } from "../statuses";
import { NEVER_VIOLATED_LABEL } from "./never-violated";
import { usePartId } from "./part-ids";
import {
  causeEvents,
  eventsById,
  stripRows,
  stripStart,
  type Segment,
  type StripMark,
  type StripRow,
} from "./strip-rows";
import { dayNumber, dayScale, dayTicks, daysBetween, type DayScale } from "./time";
import { useWidth } from "./useWidth";

/** Below this width the labels go above the bars instead of beside them. */
const WIDE = 600;
const AXIS = 24;

/** The legend's order: the statuses', with the mark of obligations that can never be violated beside "active". */
const MARK_ORDER: readonly StripMark[] = STATUS_ORDER.flatMap((s): StripMark[] =>
  s === "active" ? [s, "never_violated"] : [s],
);

const markLabel = (m: StripMark): string => (m === "never_violated" ? NEVER_VIOLATED_LABEL : statusLabel(m));

/** A never-violated stretch is outlined, not filled: owed, but nothing that could turn red. */
const NEVER_VIOLATED_LOOK = { fill: "#fff", stroke: "#868e96", strokeDasharray: "3 2" } as const;
const markLook = (m: StripMark) => (m === "never_violated" ? NEVER_VIOLATED_LOOK : { fill: statusFill(m) });

/** What hovering a segment says: the status and its days, what began it, and the dates of the events behind it. */
function segmentTitle(row: StripRow, s: Segment, asOf: string, events: Map<string, Evidence>): string {
  const who = row.party ? `${row.obligation.id} (${row.party})` : row.obligation.id;
  const late = s.causes.find((h) => h.to === s.status && h.daysLate !== undefined)?.daysLate;
  const days = daysBetween(s.from, s.to) + 1;
  const lines = [
    `${who}: ${markLabel(s.mark)}${late !== undefined ? `, ${late} days late` : ""}`,
    `${s.from} to ${s.to}${s.to === asOf ? " (the as-of date)" : ""}: ${days} day${days === 1 ? "" : "s"}`,
  ];
  for (const h of s.causes) {
    lines.push(
      `${h.date}${h.party ? ` ${h.party}` : ""}: ${statusLabel(h.from)} → ${statusLabel(h.to)}: ${h.cause.text}`,
    );
    const dates = causeEvents(h).map((id) => events.get(id)?.date ?? id);
    if (dates.length) lines.push(`  evidence: ${dates.join(", ")}`);
  }
  return lines.join("\n");
}

/** Cut a label to about what fits in `px` pixels (the whole is in the row's title). */
const fit = (text: string, px: number) => {
  const chars = Math.max(4, Math.floor(px / 6.6));
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
};

function Row({
  row,
  y,
  barY,
  bar,
  scale,
  labelWidth,
  asOf,
  hatch,
}: {
  row: StripRow;
  y: number;
  barY: number;
  bar: number;
  scale: DayScale;
  labelWidth: number;
  asOf: string;
  hatch: string;
}) {
  const events = eventsById(row.obligation);
  const label = row.party ? `${row.party}` : row.obligation.id;
  const indent = row.party ? 14 : 0;
  const labelY = labelWidth ? barY + bar / 2 + 4 : y + 12;
  return (
    <g
      data-obligation={row.obligation.id}
      {...(row.party ? { "data-party": row.party } : {})}
      className={row.party ? "strip-row strip-part" : "strip-row"}
    >
      <title>
        {row.party
          ? `${row.obligation.title}: ${row.party}'s part`
          : `${row.obligation.title} (${row.obligation.id})`}
      </title>
      <text x={indent} y={labelY} className={row.party ? "strip-label strip-party" : "strip-label"}>
        {row.party ? "↳ " : ""}
        {fit(label, (labelWidth || scale.right) - indent - 8)}
      </text>
      {row.segments.map((s) => {
        const x = scale.x(s.from);
        const width = Math.max(1, scale.x(dayNumber(s.to) + 1) - x);
        return (
          <g key={s.from}>
            <rect
              x={x}
              y={barY}
              width={width}
              height={bar}
              {...markLook(s.mark)}
              data-status={s.status}
              data-mark={s.mark}
              data-from={s.from}
              data-to={s.to}
            >
              <title>{segmentTitle(row, s, asOf, events)}</title>
            </rect>
            {BREACHES.has(s.status) && (
              <rect x={x} y={barY} width={width} height={bar} fill={`url(#${hatch})`} pointerEvents="none" />
            )}
          </g>
        );
      })}
    </g>
  );
}

/**
 * Each obligation's status over time, from the agreement's start to the as-of date: one row per obligation (and per
 * debtor, where each owes its own part), cut at every transition and coloured by status.
 */
export function StatusStrip({ ev }: { ev: Evaluation }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const id = usePartId();
  const start = stripStart(ev);
  if (start > ev.asOf)
    return (
      <div id={id("status-strip")}>
        <p className="muted">Nothing to draw yet: the agreement takes effect on {start}.</p>
      </div>
    );
  const rows = stripRows(ev, start);
  const wide = width >= WIDE;
  const labelWidth = wide ? Math.min(220, Math.round(width * 0.26)) : 0;
  const scale = dayScale(dayNumber(start), dayNumber(ev.asOf) + 1, labelWidth, width - 1);
  // Beside the bars: one line per row. Above them (narrow): the label, then the bar.
  const heightOf = (r: StripRow) => (wide ? (r.party ? 18 : 24) : r.party ? 30 : 34);
  const barOf = (r: StripRow) => (r.party ? 10 : 14);
  let y = 4;
  const placed = rows.map((r) => {
    const top = y;
    y += heightOf(r);
    const barY = wide ? top + (heightOf(r) - barOf(r)) / 2 : top + heightOf(r) - barOf(r) - 3;
    return { r, top, barY };
  });
  const height = y + AXIS;
  const ticks = dayTicks(scale, wide ? 72 : 66);
  const shown = MARK_ORDER.filter((m) => rows.some((r) => r.segments.some((g) => g.mark === m)));
  return (
    <div id={id("status-strip")} ref={ref} className="strip" data-from={start} data-to={ev.asOf}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-label={`Status of ${ev.obligations.length} obligations from ${start} to ${ev.asOf}`}
      >
        <defs>
          <pattern
            id={hatch}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="1.6" strokeOpacity="0.55" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <line
            key={t.day}
            x1={scale.x(t.day)}
            x2={scale.x(t.day)}
            y1={0}
            y2={y}
            className="grid"
            aria-hidden="true"
          />
        ))}
        {placed.map(({ r, top, barY }) => (
          <Row
            key={`${r.obligation.id}/${r.party ?? ""}`}
            row={r}
            y={top}
            barY={barY}
            bar={barOf(r)}
            scale={scale}
            labelWidth={labelWidth}
            asOf={ev.asOf}
            hatch={hatch}
          />
        ))}
        <g className="axis" aria-hidden="true">
          {ticks.map((t) => {
            const x = scale.x(t.day);
            const anchor = x < scale.left + 16 ? "start" : x > scale.right - 24 ? "end" : "middle";
            return (
              <text key={t.day} x={x} y={y + 15} textAnchor={anchor}>
                {t.label}
              </text>
            );
          })}
        </g>
      </svg>
      <ul className="legend strip-legend" aria-label="Statuses">
        {shown.map((m) => (
          <li key={m} data-mark={m}>
            {m === "never_violated" ? (
              <span className="swatch swatch-never-violated" />
            ) : (
              <span
                className={`swatch${BREACHES.has(m) ? " breach" : ""}`}
                style={{ backgroundColor: statusFill(m) }}
              />
            )}
            {markLabel(m)}
          </li>
        ))}
      </ul>
      <p className="muted small">
        From {start} to the as-of date, {ev.asOf}. Hover a segment for its dates, what began it and the dates
        of its evidence; hatched segments are breaches.
      </p>
    </div>
  );
}
