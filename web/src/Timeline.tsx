import * as Plot from "@observablehq/plot";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { getJson, type AgreementSummary, type EventFacets, type Evaluation, type LedgerEvent } from "./api";
import { ErrorBox, EventCard, isoDay, Loading, toDate, TypeSelect } from "./common";
import { cappedNote } from "./timeline/drawing-cap";
import { coveredRange, FALLBACK_RANGE } from "./timeline/covered-range";
import { ExportView } from "./timeline/ExportView";
import { tagEvents, visibleSpan } from "./timeline/intervals";
import { LaunchMap } from "./timeline/LaunchMap";
import { MonthlyLaunches } from "./timeline/MonthlyLaunches";
import { useCoverage } from "./timeline/useCoverage";
import { useRangeEvents, type DrawnEvents, type Range } from "./timeline/useRangeEvents";
import { useFacets } from "./useFacets";

/**
 * DPRK launches are told apart by missile class, nuclear tests by their own mark, and the steps phased deals are
 * made of by theirs (a facility shut down or restarted, inspectors let in or sent out, aid or fuel delivered, a
 * party walking out); every other event is a dot.
 */
const MARKS = [
  { id: "ICBM", symbol: "triangle", glyph: "▲" },
  { id: "IRBM", symbol: "diamond", glyph: "◆" },
  { id: "MRBM", symbol: "square", glyph: "■" },
  { id: "SRBM", symbol: "circle", glyph: "●" },
  { id: "SLBM", symbol: "wye", glyph: "Y" },
  { id: "SLV", symbol: "star", glyph: "★" },
  { id: "hypersonic", symbol: "triangle2", glyph: "△" },
  { id: "cruise", symbol: "times", glyph: "×" },
  { id: "unknown", symbol: "hexagon", glyph: "⬡" },
  { id: "nuclear test", symbol: "asterisk", glyph: "✱" },
  { id: "facility", symbol: "square2", glyph: "□" },
  { id: "inspectors", symbol: "diamond2", glyph: "◇" },
  { id: "aid or fuel", symbol: "plus", glyph: "+" },
  { id: "withdrawal", symbol: "cross", glyph: "✚" },
  { id: "other event", symbol: "circle", glyph: "•" },
] as const;

const DEAL_MARKS: Record<string, string> = {
  facility_status: "facility",
  inspection: "inspectors",
  aid_delivered: "aid or fuel",
  withdrawal: "withdrawal",
};

const MISSILE_CLASSES = MARKS.slice(0, 9).map((m) => m.id);

function markOf(e: LedgerEvent): string {
  if (e.type === "nuclear_test") return "nuclear test";
  if (DEAL_MARKS[e.type]) return DEAL_MARKS[e.type]!;
  if (e.type !== "missile_launch") return "other event";
  const cls = String((e.attributes as Record<string, unknown> | undefined)?.class ?? "unknown");
  return MARKS.some((m) => m.id === cls) ? cls : "unknown";
}
import { GROUPS, colorOf, groupOf } from "./parties";
import { SETTLED, STATUS_INK } from "./statuses";

const DAY = 86_400_000;
const start = (e: LedgerEvent) => toDate(e.date);
const endOf = (e: LedgerEvent) => new Date(toDate(e.end ?? e.date).getTime() + DAY);
const label = (e: LedgerEvent) =>
  `${e.date}${e.end ? ` – ${e.end}` : ""} · ${e.type.replaceAll("_", " ")}${e.count && e.count > 1 ? ` ×${e.count}` : ""}`;

/** The visible range is zoomable from a few days to a century. */
const MIN_SPAN = 2 * DAY;
const MAX_SPAN = 100 * 365 * DAY;
const ZOOM_STEP = 1.5;
const MARGIN_LEFT = 180;
/** On a phone the lane names get less room, and are cut short, so that the dates keep most of the width. */
const NARROW = 640;
const marginLeftFor = (width: number) => (width < NARROW ? 90 : MARGIN_LEFT);
const laneName = (name: string, width: number) =>
  width < NARROW && name.length > 13 ? `${name.slice(0, 12)}…` : name;
const MARGIN_RIGHT = 20;

const roundDay = (ms: number) => Math.round(ms / DAY) * DAY;
const bounds = (r: Range): [number, number] => {
  const lo = toDate(r.from || "2006-01-01").getTime();
  const hi = toDate(r.to || isoDay(new Date())).getTime();
  return hi > lo ? [lo, hi] : [lo, lo + MIN_SPAN];
};
const toRange = (lo: number, hi: number): Range => ({
  from: isoDay(new Date(roundDay(lo))),
  to: isoDay(new Date(roundDay(hi))),
});
/** Zoom by `factor` (< 1 narrows) keeping the date at `anchor` (0 = left edge, 1 = right edge) in place. */
export function zoomRange(r: Range, factor: number, anchor = 0.5): Range {
  const [lo, hi] = bounds(r);
  const span = hi - lo;
  const next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
  const at = lo + anchor * span;
  const nextLo = at - anchor * next;
  return toRange(nextLo, nextLo + next);
}
/** Move the range by `fraction` of its span (negative: earlier), at least a day. */
export function panRange(r: Range, fraction: number): Range {
  const [lo, hi] = bounds(r);
  const raw = (hi - lo) * fraction;
  const shift = Math.sign(raw) * Math.max(DAY, Math.abs(raw));
  return toRange(lo + shift, hi + shift);
}

/** The whole record: the first event's day to the day after the last one ends. */
function wholeRecord(facets: EventFacets | null): Range | null {
  if (!facets?.first || !facets.last) return null;
  return toRange(toDate(facets.first).getTime(), toDate(facets.last).getTime() + DAY);
}

/** The events drawn that overlap the range shown (while the range moves, those read for the last one). */
function inRange(events: LedgerEvent[], { from, to }: Range): LedgerEvent[] {
  const lo = toDate(from || "0001-01-01");
  const hi = new Date(toDate(to || "9999-12-31").getTime() + DAY);
  return events.filter((e) => endOf(e) > lo && start(e) < hi);
}

// Dark enough for the band labels, which are written in the band's colour; the board's hues.
const statusColor = (s: string) => STATUS_INK[s as keyof typeof STATUS_INK] ?? "#868e96";

/** One obligation's in-force span as of the evaluation's date. */
interface Band {
  lane: string;
  id: string;
  title: string;
  status: string;
  start: string;
  end: string;
}
function bandsOf(evaluation: Evaluation): Band[] {
  const bands: Band[] = [];
  for (const o of evaluation.obligations) {
    if (!o.started) continue;
    let end = SETTLED.has(o.status) && o.since ? o.since : evaluation.asOf;
    if (o.due && o.due < end) end = o.due;
    if (end < o.started) end = o.started;
    bands.push({
      lane: `obligation:${o.id}`,
      id: o.id,
      title: o.title,
      status: o.status,
      start: o.started,
      end,
    });
  }
  return bands;
}

export function Timeline() {
  const [range, setShownRange] = useState<Range>(FALLBACK_RANGE);
  /** Whether the reader has moved the range: the coverage, read later, no longer sets it. */
  const moved = useRef(false);
  const setRange = (next: Range | ((r: Range) => Range)) => {
    moved.current = true;
    setShownRange(next);
  };
  const { from, to } = range;
  const setFrom = (v: string) => setRange((r) => ({ ...r, from: v }));
  const setTo = (v: string) => setRange((r) => ({ ...r, to: v }));
  const [type, setType] = useState("");
  const [selected, setSelected] = useState<LedgerEvent | null>(null);
  const [agreements, setAgreements] = useState<AgreementSummary[]>([]);
  const [agreement, setAgreement] = useState("");
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [agreementError, setAgreementError] = useState<string | null>(null);
  const chart = useRef<HTMLDivElement>(null);
  /** The plot's width, for turning pointer positions into dates. */
  const plotWidth = useRef(900);
  const plotMargin = useRef(MARGIN_LEFT);
  /** The chart's box, kept current on resize: the chart is drawn to it, never wider. */
  const [boxWidth, setBoxWidth] = useState(0);
  useEffect(() => {
    const div = chart.current;
    if (!div) return;
    // The content box (inside the padding): a plot as wide as the padding box would be shrunk to fit, off scale.
    const observer = new ResizeObserver(([entry]) => setBoxWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(div);
    return () => observer.disconnect();
  }, []);
  const width = Math.max(280, boxWidth || 900);
  const marginLeft = marginLeftFor(width);
  /** A drag in progress (where it started and the range then); whether it has moved. */
  const drag = useRef<{ x: number; range: Range } | null>(null);
  const dragged = useRef(false);

  const { facets, error: facetsError, retry: retryFacets } = useFacets();
  const types = useMemo(() => facets?.types.map((t) => t.type) ?? [], [facets]);
  const whole = useMemo(() => wholeRecord(facets), [facets]);
  const { coverage, failed: coverageFailed } = useCoverage();
  const covered = useMemo(() => (coverage ? coveredRange(coverage, facets) : null), [coverage, facets]);
  useEffect(() => {
    if (covered && !moved.current) setShownRange(covered);
  }, [covered]);
  // Nothing is read before the range to open on is shown (or cannot be known): no read of a range never drawn.
  const opening =
    covered ?? (coverageFailed || facetsError || facets?.first === null ? FALLBACK_RANGE : null);
  const ready = moved.current || (opening?.from === from && opening.to === to);
  const { drawn, loading, error, retry } = useRangeEvents(range, type, ready);
  const shown = useMemo(() => inRange(drawn?.events ?? [], range), [drawn, range]);

  useEffect(() => {
    const abort = new AbortController();
    getJson<{ agreements: AgreementSummary[] }>("/api/agreements", abort.signal)
      .then((r) => setAgreements(r.agreements))
      .catch((e: Error) => {
        if (!abort.signal.aborted) setAgreementError(e.message);
      });
    return () => abort.abort();
  }, []);

  // The chosen agreement as of the end of the visible range (debounced while zooming or dragging).
  const asOf = to || isoDay(new Date());
  useEffect(() => {
    if (!agreement) {
      setEvaluation(null);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      getJson<Evaluation>(
        `/api/agreements/${encodeURIComponent(agreement)}/evaluation?asOf=${encodeURIComponent(asOf)}`,
        abort.signal,
      )
        .then((e) => {
          setEvaluation(e);
          setAgreementError(null);
        })
        .catch((e: Error) => {
          if (!abort.signal.aborted) setAgreementError(e.message);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [agreement, asOf]);
  const bands = useMemo(
    () => (evaluation && evaluation.agreement.id === agreement ? bandsOf(evaluation) : []),
    [evaluation, agreement],
  );

  useEffect(() => {
    const div = chart.current;
    if (!div) return;
    const intervals = shown.filter((e) => e.end);
    const points = shown.filter((e) => !e.end);
    const [lo, hi] = bounds({ from, to });
    plotWidth.current = width;
    plotMargin.current = marginLeft;
    const msPerPx = (hi - lo) / (width - marginLeft - MARGIN_RIGHT);
    const spanOf = (e: LedgerEvent) => visibleSpan(start(e).getTime(), endOf(e).getTime(), msPerPx);
    const ids = (events: LedgerEvent[]) => events.map((e) => e.id);
    const laneTitle = new Map(bands.map((b) => [b.lane, b.id]));
    const plot = Plot.plot({
      width,
      height: 250 + 30 * bands.length,
      marginLeft,
      marginRight: MARGIN_RIGHT,
      marginBottom: 36,
      style: { fontSize: "13px" },
      x: {
        type: "utc",
        domain: [new Date(lo), new Date(hi)],
        label: null,
        grid: true,
      },
      y: {
        domain: [...GROUPS.map((g) => g.id), ...bands.map((b) => b.lane)],
        tickFormat: (id: string) =>
          laneName(GROUPS.find((g) => g.id === id)?.label ?? laneTitle.get(id) ?? id, width),
        label: null,
      },
      color: { domain: GROUPS.map((g) => g.id), range: GROUPS.map((g) => g.color) },
      symbol: { domain: MARKS.map((m) => m.id), range: MARKS.map((m) => m.symbol) },
      marks: [
        Plot.barX(bands, {
          x1: (b: Band) => toDate(b.start),
          x2: (b: Band) => new Date(toDate(b.end).getTime() + DAY),
          y: "lane",
          fill: (b: Band) => statusColor(b.status),
          fillOpacity: 0.25,
          stroke: (b: Band) => statusColor(b.status),
          strokeOpacity: 0.6,
          inset: 8,
          clip: true,
          className: "agreement-band",
        }),
        Plot.text(bands, {
          x: (b: Band) => new Date(Math.max(lo, toDate(b.start).getTime())),
          y: "lane",
          text: (b: Band) => `${b.title} · ${b.status} · ${b.start} – ${b.end}`,
          textAnchor: "start",
          dx: 4,
          fill: (b: Band) => statusColor(b.status),
          fontWeight: 600,
          clip: true,
          className: "agreement-label",
        }),
        // At least MIN_INTERVAL_PX wide at every zoom: a week-long exercise over decades is a sliver, not nothing.
        Plot.barX(intervals, {
          x1: (e: LedgerEvent) => new Date(spanOf(e)[0]),
          x2: (e: LedgerEvent) => new Date(spanOf(e)[1]),
          y: groupOf,
          fill: groupOf,
          fillOpacity: 0.45,
          insetTop: 6,
          insetBottom: 6,
          className: "timeline-interval",
          render: (index, scales, values, dimensions, context, next) => {
            const g = next?.(index, scales, values, dimensions, context) ?? null;
            tagEvents(g, index, ids(intervals));
            return g;
          },
        }),
        Plot.dot(points, {
          x: start,
          y: groupOf,
          symbol: markOf,
          r: (e: LedgerEvent) => 3 + Math.min(4, Math.sqrt(e.count ?? 1)),
          fill: groupOf,
          fillOpacity: 0.75,
          stroke: "white",
          strokeWidth: 0.5,
          className: "timeline-point",
          render: (index, scales, values, dimensions, context, next) => {
            const g = next?.(index, scales, values, dimensions, context) ?? null;
            tagEvents(g, index, ids(points));
            return g;
          },
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
      if (hovered && !dragged.current) setSelected(hovered);
    });
    div.replaceChildren(plot);
    return () => plot.remove();
  }, [shown, from, to, bands, width, marginLeft]);

  /** Where the pointer is across the plot's frame: 0 at the left edge, 1 at the right. */
  const anchorAt = (clientX: number): number => {
    const div = chart.current;
    const svg = div?.querySelector("svg");
    if (!svg) return 0.5;
    const x = clientX - svg.getBoundingClientRect().left;
    const inner = plotWidth.current - plotMargin.current - MARGIN_RIGHT;
    return Math.min(1, Math.max(0, (x - plotMargin.current) / inner));
  };

  // Wheel zoom around the pointer; a non-passive listener, so the page does not scroll meanwhile.
  useEffect(() => {
    const div = chart.current;
    if (!div) return;
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY === 0) return;
      e.preventDefault();
      const anchor = anchorAt(e.clientX);
      setRange((r) => zoomRange(r, e.deltaY > 0 ? 1.2 : 1 / 1.2, anchor));
    };
    div.addEventListener("wheel", onWheel, { passive: false });
    return () => div.removeEventListener("wheel", onWheel);
  }, []);

  // Drag to pan: the range at the start of the drag, shifted by the distance moved.
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, range };
    dragged.current = false;
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    if (!dragged.current && Math.abs(dx) < 4) return;
    if (!dragged.current) e.currentTarget.setPointerCapture(e.pointerId);
    dragged.current = true;
    const inner = plotWidth.current - plotMargin.current - MARGIN_RIGHT;
    const [lo, hi] = bounds(d.range);
    const shift = (-dx / inner) * (hi - lo);
    setRange(toRange(lo + shift, hi + shift));
  };
  const onPointerUp = () => {
    drag.current = null;
    // Let the click that ends a drag pass without selecting an event.
    setTimeout(() => (dragged.current = false), 0);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, () => Range> = {
      "+": () => zoomRange(range, 1 / ZOOM_STEP),
      "=": () => zoomRange(range, 1 / ZOOM_STEP),
      "-": () => zoomRange(range, ZOOM_STEP),
      "−": () => zoomRange(range, ZOOM_STEP),
      ArrowLeft: () => panRange(range, -0.2),
      ArrowRight: () => panRange(range, 0.2),
    };
    const next = step[e.key];
    if (!next) return;
    e.preventDefault();
    setRange(next());
  };

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
        <span className="zoom" role="group" aria-label="Zoom and pan">
          <button
            type="button"
            id="timeline-zoom-in"
            aria-label="Zoom in"
            onClick={() => setRange(zoomRange(range, 1 / ZOOM_STEP))}
          >
            +
          </button>
          <button
            type="button"
            id="timeline-zoom-out"
            aria-label="Zoom out"
            onClick={() => setRange(zoomRange(range, ZOOM_STEP))}
          >
            −
          </button>
          <button type="button" aria-label="Earlier" onClick={() => setRange(panRange(range, -0.2))}>
            ←
          </button>
          <button type="button" aria-label="Later" onClick={() => setRange(panRange(range, 0.2))}>
            →
          </button>
          <button
            type="button"
            id="timeline-reset"
            disabled={!whole}
            onClick={() => whole && setRange(whole)}
          >
            Whole record
          </button>
        </span>
        <label>
          <span className="visually-hidden">Agreement windows</span>
          <select id="timeline-agreement" value={agreement} onChange={(e) => setAgreement(e.target.value)}>
            <option value="">Show agreement…</option>
            {agreements.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
      </form>
      {facetsError && <ErrorBox error={facetsError} retry={retryFacets} />}
      {error && <ErrorBox error={error} retry={retry} />}
      {drawn && <CappedNote drawn={drawn} />}
      {agreementError && (
        <p className="error" role="alert">
          Could not load the agreement: {agreementError}
        </p>
      )}
      <ul className="legend" aria-label="Lanes">
        {GROUPS.map((g) => (
          <li key={g.id}>
            <span className="swatch" style={{ background: colorOf(g.id) }} /> {g.label}
          </li>
        ))}
      </ul>
      <p className="marks-legend" id="timeline-marks">
        Marks: {MARKS.map((m) => `${m.glyph} ${m.id}`).join(" · ")}
      </p>
      {covered && (
        <p className="muted small" id="timeline-covered">
          Opened on the record&apos;s coverage, {covered.from} to {covered.to}: the periods its families of
          events are researched over.
        </p>
      )}
      <MonthlyLaunches
        events={shown}
        lo={bounds(range)[0]}
        hi={bounds(range)[1]}
        classes={MISSILE_CLASSES}
        classOf={markOf}
        width={width}
        marginLeft={marginLeft}
        marginRight={MARGIN_RIGHT}
      />
      <div
        className="chart timeline-chart"
        ref={chart}
        id="timeline-chart"
        tabIndex={0}
        role="group"
        aria-busy={loading}
        aria-label={`Timeline of ${shown.length} events from ${from} to ${to}${bands.length ? ` with ${bands.length} obligations of ${agreement}` : ""}; + and − zoom, ← and → pan`}
        onKeyDown={onKeyDown}
        onPointerDownCapture={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      <ExportView events={shown} from={from} to={to} type={type} chart={chart} />
      {bands.length > 0 && (
        <ul className="legend" id="timeline-obligations" aria-label={`Obligations as of ${asOf}`}>
          {bands.map((b) => (
            <li key={b.id} data-obligation={b.id} data-status={b.status}>
              <span className="swatch" style={{ background: statusColor(b.status) }} /> {b.title}: {b.status},{" "}
              {b.start} – {b.end}
            </li>
          ))}
        </ul>
      )}
      <LaunchMap events={shown} width={width} />
      <div className="split">
        <div>
          {drawn ? (
            <DrawnList drawn={drawn} loading={loading} selected={selected} onSelect={setSelected} />
          ) : (
            !error && <Loading what="the events of this range" />
          )}
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

/** When the range holds more events than are drawn: said above the chart, so that none is left out unseen. */
function CappedNote({ drawn }: { drawn: DrawnEvents }) {
  const note = cappedNote(drawn.events.length, drawn.total);
  return note ? (
    <p className="warnings" role="status" id="timeline-capped">
      {note}
    </p>
  ) : null;
}

/** The events drawn, as a list to pick from; its heading says the range they were read for. */
function DrawnList(props: {
  drawn: DrawnEvents;
  loading: boolean;
  selected: LedgerEvent | null;
  onSelect: (e: LedgerEvent) => void;
}) {
  const { drawn, selected } = props;
  return (
    <>
      <h3>
        {drawn.total} event{drawn.total === 1 ? "" : "s"} from {drawn.from || "the start"} to{" "}
        {drawn.to || "today"}
        {props.loading && <span className="loading"> · reading the new range…</span>}
      </h3>
      <ol className="event-list" id="timeline-list">
        {drawn.events.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              className={selected?.id === e.id ? "selected" : ""}
              aria-pressed={selected?.id === e.id}
              onClick={() => props.onSelect(e)}
              data-event={e.id}
            >
              <span className="swatch" style={{ background: colorOf(groupOf(e)) }} />
              <strong>{label(e)}</strong> {e.summary ?? ""}
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
