import * as Plot from "@observablehq/plot";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useAnswer } from "./useAnswer";
import { getJson, type ReactResult, type WindowSummary } from "./api";
import { ErrorBox, Loading } from "./common";
import { CountModel, useCountModel } from "./reaction/CountModel";
import { LeaveOneOut } from "./reaction/LeaveOneOut";
import { NullUsed } from "./reaction/NullUsed";
import { num, pValue } from "./reaction/numbers";
import { countModelQuery, inputsOf, reactQuery, searchOf, UNITS, type Inputs } from "./reaction/query";
import { ReactForm } from "./reaction/ReactForm";
import { writeRoute } from "./route";

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
  const [asked, setAsked] = useState(() => reactQuery(inputsOf(link)));
  const [attempt, setAttempt] = useState(0);
  const query = searchOf(asked);
  const countModel = useCountModel(searchOf(countModelQuery(asked)), attempt);
  const { result, error, loading } = useAnswer(
    (signal) => getJson<ReactResult>(`/api/analysis/react?${query}`, signal),
    query,
    attempt,
  );

  // The address carries the analysis shown, which changes when the form is run (not at each keystroke).
  useEffect(() => writeRoute("react", new URLSearchParams(query)), [query]);

  const set = (patch: Partial<Inputs>) => setInputs((i) => ({ ...i, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(reactQuery(inputs));
    setAttempt((n) => n + 1);
  };

  const wt = result?.windowTest;
  // The line above says it: the coverage list need not say "as known on" again.
  const coverage = (result?.coverageWarnings ?? []).filter(
    (w) => !(result?.knownAt && w.startsWith(`as known on ${result.knownAt}`)),
  );
  return (
    <section aria-labelledby="react-title" className="view" data-loading={loading ? "true" : "false"}>
      <h2 id="react-title">Action–reaction</h2>
      <p className="muted">
        Do effect events follow cause events more often than chance? Matchers are filter terms (
        <code>actor=PRK type=missile_launch</code>); the window counts days after each cause starts. Left
        empty, from and to are the common coverage of the two series, where the record has them.
      </p>
      <ReactForm inputs={inputs} set={set} submit={submit} loading={loading} />
      {loading && <Loading what="the analysis" />}
      {error && <ErrorBox error={error} retry={() => setAttempt((n) => n + 1)} />}
      {result && wt && !error && (
        <div id="react-result" className={loading ? "stale" : ""}>
          <p id="react-method">
            <strong>Method:</strong> {result.method}. {wt.causes} cause{wt.causes === 1 ? "" : "s"} and{" "}
            {wt.effectTotal} effect {UNITS.find(([u]) => u === result.unit)?.[1] ?? result.unit} over{" "}
            {wt.days} days ({result.from} to {result.to}); the null: <NullUsed test={wt} />.
            {result.causesSkipped ? ` ${result.causesSkipped} cause(s) skipped.` : ""}
            {result.effectSkipped.partialDate
              ? ` ${result.effectSkipped.partialDate} effect event(s) with a partial date skipped.`
              : ""}
          </p>
          {result.knownAt && (
            <p id="react-known-at-line" className="known-at">
              <strong>As known on {result.knownAt}</strong>: only the events dated by then; the analysis ends
              there.
            </p>
          )}
          {coverage.length > 0 && (
            <ul id="react-coverage" className="muted small" aria-label="Coverage of the two series">
              {coverage.map((w) => (
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
          <CountModel answer={countModel} />
          {result.leaveOneOut && <LeaveOneOut result={result.leaveOneOut} withAll={wt.window.rateRatio} />}
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
