import * as Plot from "@observablehq/plot";
import { useEffect, useMemo, useRef, useState } from "react";
import type { LedgerEvent } from "./api";
import { EventCard, isoDay, toDate, TypeSelect } from "./common";
import { GROUPS, colorOf, groupOf } from "./parties";

const DAY = 86_400_000;
const start = (e: LedgerEvent) => toDate(e.date);
const endOf = (e: LedgerEvent) => new Date(toDate(e.end ?? e.date).getTime() + DAY);
const label = (e: LedgerEvent) =>
  `${e.date}${e.end ? ` – ${e.end}` : ""} · ${e.type.replaceAll("_", " ")}${e.count && e.count > 1 ? ` ×${e.count}` : ""}`;

export function Timeline({ events }: { events: LedgerEvent[] }) {
  const [from, setFrom] = useState("2016-01-01");
  const [to, setTo] = useState("2023-12-31");
  const [type, setType] = useState("");
  const [selected, setSelected] = useState<LedgerEvent | null>(null);
  const chart = useRef<HTMLDivElement>(null);

  const types = useMemo(() => [...new Set(events.map((e) => e.type))].sort(), [events]);
  const shown = useMemo(() => {
    const lo = toDate(from || "0001-01-01");
    const hi = new Date(toDate(to || "9999-12-31").getTime() + DAY);
    return events.filter((e) => (!type || e.type === type) && endOf(e) > lo && start(e) < hi);
  }, [events, from, to, type]);

  useEffect(() => {
    const div = chart.current;
    if (!div) return;
    const intervals = shown.filter((e) => e.end);
    const points = shown.filter((e) => !e.end);
    const plot = Plot.plot({
      width: Math.max(600, div.clientWidth || 900),
      height: 250,
      marginLeft: 180,
      marginRight: 20,
      marginBottom: 36,
      style: { fontSize: "13px" },
      x: {
        type: "utc",
        domain: [toDate(from || "2006-01-01"), toDate(to || isoDay(new Date()))],
        label: null,
        grid: true,
      },
      y: {
        domain: GROUPS.map((g) => g.id),
        tickFormat: (id: string) => GROUPS.find((g) => g.id === id)?.label ?? id,
        label: null,
      },
      color: { domain: GROUPS.map((g) => g.id), range: GROUPS.map((g) => g.color) },
      marks: [
        Plot.barX(intervals, {
          x1: start,
          x2: endOf,
          y: groupOf,
          fill: groupOf,
          fillOpacity: 0.35,
          inset: 6,
        }),
        Plot.dot(points, {
          x: start,
          y: groupOf,
          r: (e: LedgerEvent) => 3 + Math.min(4, Math.sqrt(e.count ?? 1)),
          fill: groupOf,
          fillOpacity: 0.75,
          stroke: "white",
          strokeWidth: 0.5,
        }),
        Plot.tip(
          shown,
          Plot.pointer({
            x: start,
            y: groupOf,
            title: (e: LedgerEvent) => `${label(e)}\n${e.summary ?? ""}\n(click for sources)`,
          }),
        ),
      ],
    });
    let hovered: LedgerEvent | null = null;
    plot.addEventListener("input", () => {
      hovered = ((plot as unknown as { value: LedgerEvent | null }).value ?? null) as LedgerEvent | null;
    });
    plot.addEventListener("click", () => {
      if (hovered) setSelected(hovered);
    });
    div.replaceChildren(plot);
    return () => plot.remove();
  }, [shown, from, to]);

  return (
    <section aria-labelledby="timeline-title" className="view">
      <h2 id="timeline-title">Timeline</h2>
      <p className="muted">
        One lane per actor group; exercises and other events with an end date are drawn as intervals. Hover
        the chart for a summary and click for the sources, or pick an event from the list.
      </p>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          From <input type="date" id="timeline-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" id="timeline-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <TypeSelect id="timeline-type" types={types} value={type} onChange={setType} />
      </form>
      <ul className="legend" aria-label="Lanes">
        {GROUPS.map((g) => (
          <li key={g.id}>
            <span className="swatch" style={{ background: colorOf(g.id) }} /> {g.label}
          </li>
        ))}
      </ul>
      <div className="chart" ref={chart} role="img" aria-label={`Timeline of ${shown.length} events`} />
      <div className="split">
        <div>
          <h3>
            {shown.length} event{shown.length === 1 ? "" : "s"} from {from || "the start"} to {to || "today"}
          </h3>
          <ol className="event-list" id="timeline-list">
            {shown.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className={selected?.id === e.id ? "selected" : ""}
                  aria-pressed={selected?.id === e.id}
                  onClick={() => setSelected(e)}
                  data-event={e.id}
                >
                  <span className="swatch" style={{ background: colorOf(groupOf(e)) }} />
                  <strong>{label(e)}</strong> {e.summary ?? ""}
                </button>
              </li>
            ))}
          </ol>
        </div>
        <aside aria-live="polite" className="detail" id="timeline-detail">
          {selected ? (
            <EventCard event={selected} />
          ) : (
            <p className="muted">Select an event to see its sources.</p>
          )}
        </aside>
      </div>
    </section>
  );
}
