import * as Plot from "@observablehq/plot";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { getJson, type ReactResult, type WindowSummary } from "./api";
import { ErrorBox, Loading, isDay } from "./common";
import { writeRoute } from "./route";

interface Inputs {
  cause: string;
  effect: string;
  window: string;
  from: string;
  to: string;
  permutations: string;
  seasonal: boolean;
  /** What the effect series counts: events, days with an event, or counts (missiles). */
  unit: string;
}

const UNITS = [
  ["count", "missiles (counts)"],
  ["events", "events"],
  ["days", "days with an event"],
] as const;

const DEFAULTS: Inputs = {
  cause: "actor=USA type=military_exercise status=held",
  effect: "actor=PRK type=missile_launch",
  window: "0..14",
  from: "",
  to: "",
  permutations: "2000",
  seasonal: false,
  unit: "count",
};

function queryOf(i: Inputs): string {
  const q = new URLSearchParams({ cause: i.cause.trim(), effect: i.effect.trim() });
  if (i.window.trim()) q.set("window", i.window.trim());
  if (i.from) q.set("from", i.from);
  if (i.to) q.set("to", i.to);
  if (i.permutations.trim()) q.set("permutations", i.permutations.trim());
  if (i.seasonal) q.set("seasonal", "true");
  if (i.unit !== "count") q.set("unit", i.unit);
  return q.toString();
}

/**
 * The form a link asks for. A link carries the API's own parameters (those of `queryOf`), so a parameter it leaves out
 * is left out of the analysis too; a link without cause and effect is the default form.
 */
function inputsOf(link: URLSearchParams): Inputs {
  if (!link.has("cause") && !link.has("effect")) return DEFAULTS;
  const day = (key: string) => {
    const d = link.get(key) ?? "";
    return isDay(d) ? d : "";
  };
  return {
    cause: link.get("cause") || DEFAULTS.cause,
    effect: link.get("effect") || DEFAULTS.effect,
    window: link.get("window") ?? "",
    from: day("from"),
    to: day("to"),
    permutations: link.get("permutations") ?? "",
    seasonal: link.get("seasonal") === "true",
    unit: UNITS.some(([u]) => u === link.get("unit")) ? link.get("unit")! : "count",
  };
}

/** JSON has no ∞ or NaN: the API sends null for both; an interval's null upper bound is ∞. */
const num = (v: number | null | undefined, digits = 2, nullText = "—"): string =>
  v === null || v === undefined || Number.isNaN(v) ? nullText : Number.isFinite(v) ? v.toFixed(digits) : "∞";
const pValue = (p: number): string => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function WindowRow({ label, id, w }: { label: string; id: string; w: WindowSummary }) {
  return (
    <tr data-window={id}>
      <th scope="row">{label}</th>
      <td>{w.days}</td>
      <td className="observed">{w.observed}</td>
      <td className="expected">
        {num(w.expected)}{" "}
        <span className="muted small">
          [{num(w.nullInterval[0], 1)}, {num(w.nullInterval[1], 1, "∞")}]
        </span>
      </td>
      <td className="rate-ratio">
        <strong>{num(w.rateRatio)}</strong>{" "}
        <span className="muted small">
          [{num(w.rateRatioInterval[0])}, {num(w.rateRatioInterval[1], 2, "∞")}]
        </span>
      </td>
      <td className="p-one">{pValue(w.pOneSided)}</td>
      <td className="p-two">{pValue(w.pTwoSided)}</td>
    </tr>
  );
}

function StudyChart({ study }: { study: ReactResult["eventStudy"] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    const rows = study.lags.map((lag, i) => ({
      lag,
      mean: study.mean[i] ?? NaN,
      lower: study.lower[i] ?? NaN,
      upper: study.upper[i] ?? NaN,
    }));
    const plot = Plot.plot({
      width: Math.max(600, div.clientWidth || 900),
      height: 320,
      marginLeft: 56,
      style: { fontSize: "13px" },
      x: { label: "days after the cause starts (lag)", grid: true },
      y: { label: "mean effect events per cause day", grid: true, zero: true },
      marks: [
        Plot.areaY(rows, { x: "lag", y1: "lower", y2: "upper", fill: "#9aa0a6", fillOpacity: 0.3 }),
        Plot.ruleY([study.dailyMean], { stroke: "#5f6368", strokeDasharray: "4,3" }),
        Plot.ruleX([0], { stroke: "#1d1d1f", strokeOpacity: 0.5 }),
        Plot.line(rows, { x: "lag", y: "mean", stroke: "#c5221f", strokeWidth: 2 }),
        Plot.dot(rows, { x: "lag", y: "mean", fill: "#c5221f", r: 2.5 }),
        Plot.tip(
          rows,
          Plot.pointerX({
            x: "lag",
            y: "mean",
            title: (d: { lag: number; mean: number; lower: number; upper: number }) =>
              `lag ${d.lag}: mean ${num(d.mean, 3)}\nband [${num(d.lower, 3)}, ${num(d.upper, 3)}]`,
          }),
        ),
      ],
    });
    div.replaceChildren(plot);
    return () => plot.remove();
  }, [study]);
  return (
    <div
      className="chart"
      id="event-study"
      ref={ref}
      role="img"
      aria-label={`Event study: mean effect per cause day at lags −${study.k}..+${study.k}, with the permutation band`}
    />
  );
}

/** `link`: the parameters of the link the view was opened from, the same as the API's. */
export function Reaction({ link }: { link: URLSearchParams }) {
  const [inputs, setInputs] = useState<Inputs>(() => inputsOf(link));
  const [query, setQuery] = useState(() => queryOf(inputsOf(link)));
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<ReactResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    getJson<ReactResult>(`/api/analysis/react?${query}`, abort.signal)
      .then((r) => {
        setResult(r);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setError(e);
        setResult(null);
        setLoading(false);
      });
    return () => abort.abort();
  }, [query, attempt]);

  // The address carries the analysis shown, which changes when the form is run (not at each keystroke).
  useEffect(() => writeRoute("react", new URLSearchParams(query)), [query]);

  const set = (patch: Partial<Inputs>) => setInputs((i) => ({ ...i, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(queryOf(inputs));
    setAttempt((n) => n + 1);
  };

  const wt = result?.windowTest;
  return (
    <section aria-labelledby="react-title" className="view" data-loading={loading ? "true" : "false"}>
      <h2 id="react-title">Action–reaction</h2>
      <p className="muted">
        Do effect events follow cause events more often than chance? Matchers are filter terms (
        <code>actor=PRK type=missile_launch</code>); the window counts days after each cause starts. Left
        empty, from and to are the common coverage of the two series, where the record has them.
      </p>
      <form className="controls react-form" onSubmit={submit}>
        <label>
          Cause{" "}
          <input
            id="react-cause"
            className="wide"
            value={inputs.cause}
            onChange={(e) => set({ cause: e.target.value })}
          />
        </label>
        <label>
          Effect{" "}
          <input
            id="react-effect"
            className="wide"
            value={inputs.effect}
            onChange={(e) => set({ effect: e.target.value })}
          />
        </label>
        <label>
          Window{" "}
          <input
            id="react-window"
            size={9}
            value={inputs.window}
            onChange={(e) => set({ window: e.target.value })}
          />
        </label>
        <label>
          From{" "}
          <input
            type="date"
            id="react-from"
            value={inputs.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label>
          To{" "}
          <input type="date" id="react-to" value={inputs.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          Permutations{" "}
          <input
            id="react-permutations"
            type="number"
            min={1}
            max={100000}
            value={inputs.permutations}
            onChange={(e) => set({ permutations: e.target.value })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            id="react-seasonal"
            checked={inputs.seasonal}
            onChange={(e) => set({ seasonal: e.target.checked })}
          />{" "}
          seasonal (shift by whole years)
        </label>
        <label>
          Count{" "}
          <select id="react-unit" value={inputs.unit} onChange={(e) => set({ unit: e.target.value })}>
            {UNITS.map(([u, label]) => (
              <option key={u} value={u}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={loading}>
          Run
        </button>
      </form>
      {loading && <Loading what="the analysis" />}
      {error && <ErrorBox error={error} retry={() => setAttempt((n) => n + 1)} />}
      {result && wt && !error && (
        <div id="react-result" className={loading ? "stale" : ""}>
          <p id="react-method">
            <strong>Method:</strong> {result.method}. {wt.causes} cause{wt.causes === 1 ? "" : "s"} and{" "}
            {wt.effectTotal} effect {UNITS.find(([u]) => u === result.unit)?.[1] ?? result.unit} over{" "}
            {wt.days} days ({result.from} to {result.to}); {wt.permutations}{" "}
            {wt.shiftStep > 1 ? "whole-year " : ""}circular shifts.
            {result.causesSkipped ? ` ${result.causesSkipped} cause(s) skipped.` : ""}
            {result.effectSkipped.partialDate
              ? ` ${result.effectSkipped.partialDate} effect event(s) with a partial date skipped.`
              : ""}
          </p>
          {result.coverageWarnings.length > 0 && (
            <ul id="react-coverage" className="muted small" aria-label="Coverage of the two series">
              {result.coverageWarnings.map((w) => (
                <li key={w}>Coverage: {w}.</li>
              ))}
            </ul>
          )}
          <div className="table-wrap">
            <table className="react-table">
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">Days</th>
                  <th scope="col">Observed</th>
                  <th scope="col">Expected [95% null]</th>
                  <th scope="col">Rate ratio [interval]</th>
                  <th scope="col">p one-sided</th>
                  <th scope="col">p two-sided</th>
                </tr>
              </thead>
              <tbody>
                <WindowRow label="Window" id="window" w={wt.window} />
                <WindowRow label="Pre-window (pre-trend check)" id="pre" w={wt.preWindow} />
              </tbody>
            </table>
          </div>
          <h3>Event study</h3>
          <p className="muted small">
            Red: the mean number of effect events per cause day at each lag ({result.eventStudy.causeDays}{" "}
            cause days
            {result.eventStudy.excluded ? `, ${result.eventStudy.excluded} left out near the edges` : ""});
            grey band: 95% of the rotated means; dashed: the daily mean ({num(result.eventStudy.dailyMean, 3)}
            ).
          </p>
          <StudyChart study={result.eventStudy} />
        </div>
      )}
    </section>
  );
}
