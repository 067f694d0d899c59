import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useAnswer } from "./useAnswer";
import type { SimulationInput } from "../../src/sim/roadmap/request.js";
import type { ApiErrorBody } from "../../src/server/errors.js";
import { ApiFailure, getJson, type AgreementSummary } from "./api";
import { ErrorBox, Loading } from "./common";
import { writeRoute } from "./route";
import {
  completed,
  inputsOf,
  interval,
  linkOf,
  pct,
  requestOf,
  spread,
  type Inputs,
  type Playable,
  type SimulationOptions,
  type SimulationResult,
} from "./simulation/query";
import { ReachChart, type Reach } from "./simulation/ReachChart";

/** POST /api/simulations; a refusal is an ApiFailure with the API's issues, each naming a member of the request. */
async function simulate(body: SimulationInput, signal: AbortSignal): Promise<SimulationResult> {
  const response = await fetch("/api/simulations", {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiFailure(response.status, `/api/simulations: HTTP ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const b = parsed as Partial<ApiErrorBody>;
    throw new ApiFailure(response.status, b.error ?? `HTTP ${response.status}`, b.issues ?? []);
  }
  return parsed as SimulationResult;
}

const playable = (a: Playable): a is Extract<Playable, { maxRuns: number }> => !("problem" in a);

/** The agreement a link asks for, if it can be played; else the first of the list with phases (else any). */
function chosen(id: string, options: SimulationOptions): Playable | undefined {
  const games = options.agreements.filter(playable);
  return games.find((a) => a.id === id) ?? games.find((a) => a.phases > 0) ?? games[0];
}

function Method({ r }: { r: SimulationResult }) {
  const rates = Object.entries(r.provocations).filter(([, x]) => x > 0);
  return (
    <p id="sim-method">
      <strong>{r.agreement.title}</strong>: {r.runs.toLocaleString("en")} runs, seed {r.seed}. Day 0 is{" "}
      {r.effective}; a turn is {r.tickDays} day(s), played to day {r.horizonDays}. Strategies:{" "}
      {r.strategies.map((s) => `${s.party} ${s.strategy}`).join(", ")}. Misperception {r.misperception} a
      turn; provocations a year: {rates.length ? rates.map(([p, x]) => `${p} ${x}`).join(", ") : "none"}.
    </p>
  );
}

function Results({ r }: { r: SimulationResult }) {
  const phases = r.phases.length > 0;
  const rows: Reach[] = useMemo(
    () =>
      phases
        ? r.phases.map((p) => ({ id: p.id, title: p.title, ...p.reached }))
        : r.steps.map((s) => ({ id: s.id, title: s.title, ...s.taken })),
    [r, phases],
  );
  return (
    <>
      <Method r={r} />
      <h3>
        {phases
          ? "Phases reached by the horizon"
          : "Steps taken by the horizon (the agreement has no phases)"}
      </h3>
      <ReachChart rows={rows} what={phases ? "phase" : "step"} />
      {phases && (
        <div className="table-wrap">
          <table id="sim-phases">
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Reached</th>
                <th scope="col">95% interval</th>
                <th scope="col">Day: median (5%–95%)</th>
              </tr>
            </thead>
            <tbody>
              {r.phases.map((p) => (
                <tr key={p.id} data-phase={p.id}>
                  <th scope="row" title={p.title}>
                    {p.id}
                  </th>
                  <td className="share">{pct(p.reached.probability)}</td>
                  <td className="interval">{interval(p.reached.interval)}</td>
                  <td className="days">{spread(p.days)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p id="sim-completed">
        Every step performed by the horizon: {pct(r.completed.probability)} of runs (
        {interval(r.completed.interval)})
        {r.completed.days && <>, the last on day {spread(r.completed.days)}</>}; and with no breach by anyone:{" "}
        {pct(r.completedWithoutBreach.probability)} ({interval(r.completedWithoutBreach.interval)}).
      </p>
      <h3>Steps</h3>
      <div className="table-wrap">
        <table id="sim-steps">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Debtor</th>
              <th scope="col">Taken</th>
              <th scope="col">95% interval</th>
              <th scope="col">Day: median (5%–95%)</th>
            </tr>
          </thead>
          <tbody>
            {r.steps.map((s) => (
              <tr key={s.id} data-step={s.id}>
                <th scope="row" title={s.title}>
                  {s.id}
                </th>
                <td>{s.debtors.join("+")}</td>
                <td className="share">{pct(s.taken.probability)}</td>
                <td className="interval">{interval(s.taken.interval)}</td>
                <td className="days">{spread(s.days)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Who defects first</h3>
      <p className="muted small">
        The first to break a restraint or miss a deadline in each run: how (a strategy&rsquo;s choice, a
        provocation, or a step overdue) and after which step; the day is counted from day 0.
      </p>
      <div className="table-wrap">
        <table id="sim-first-defection">
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col">Cause</th>
              <th scope="col">After step</th>
              <th scope="col">Runs</th>
              <th scope="col">Share</th>
              <th scope="col">95% interval</th>
              <th scope="col">Day</th>
            </tr>
          </thead>
          <tbody>
            {r.firstDefection.map((f) => (
              <tr
                key={`${f.party} ${f.cause} ${f.afterStep ?? ""}`}
                data-party={f.party}
                data-cause={f.cause}
                data-after={f.afterStep ?? ""}
              >
                <th scope="row">{f.party}</th>
                <td>{f.cause}</td>
                <td>{f.afterStep ?? "(before any)"}</td>
                <td className="count">{f.count}</td>
                <td className="share">{pct(f.probability)}</td>
                <td className="interval">{interval(f.interval)}</td>
                <td className="days">{spread(f.days)}</td>
              </tr>
            ))}
            <tr className="nobody" data-party="">
              <th scope="row">nobody</th>
              <td />
              <td />
              <td className="count">{r.noDefection.count}</td>
              <td className="share">{pct(r.noDefection.probability)}</td>
              <td className="interval">{interval(r.noDefection.interval)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table id="sim-players">
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col">Defected first</th>
              <th scope="col">95% interval</th>
              <th scope="col">Breaches a run</th>
              <th scope="col">Payoff a run</th>
            </tr>
          </thead>
          <tbody>
            {r.players.map((p) => {
              const f = r.firstDefector.find((x) => x.party === p.party);
              return (
                <tr key={p.party} data-party={p.party}>
                  <th scope="row">{p.party}</th>
                  <td className="share">{pct(f?.probability ?? 0)}</td>
                  <td className="interval">{interval(f?.interval ?? [0, 0])}</td>
                  <td className="breaches">{p.meanBreaches.toFixed(2)}</td>
                  <td className="payoff">{p.meanPayoff.toFixed(2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p id="sim-false-alarms" className="muted small">
        False alarms (misperceptions, acted on or not): {r.meanFalseAlarms.toFixed(2)} a run.
      </p>
      {r.notModelled.length > 0 && (
        <>
          <h3>Not in the model</h3>
          <ul id="sim-not-modelled" className="muted small">
            {r.notModelled.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * An agreement played as a roadmap game (POST /api/simulations): a strategy for each party, runs, seed and noise; the
 * share of runs reaching each phase with its interval, and who defects first. `link`: the parameters of the link the
 * view was opened from, the request's own members (`strategies.PRK=gtft`).
 */
export function Simulation({ link }: { link: URLSearchParams }) {
  const [options, setOptions] = useState<SimulationOptions | null>(null);
  const [agreements, setAgreements] = useState<AgreementSummary[] | null>(null);
  const [listError, setListError] = useState<Error | null>(null);
  const [inputs, setInputs] = useState<Inputs>(() => inputsOf(link));
  const [asked, setAsked] = useState<SimulationInput | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [unknown, setUnknown] = useState("");

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([
      getJson<SimulationOptions>("/api/simulations", abort.signal),
      getJson<{ agreements: AgreementSummary[] }>("/api/agreements", abort.signal),
    ])
      .then(([o, a]) => {
        setOptions(o);
        setAgreements(a.agreements);
        // The link's choice made whole (a strategy for each player), and run.
        const first = inputsOf(link);
        const game = chosen(first.agreement, o);
        if (!game) return;
        if (first.agreement && first.agreement !== game.id) setUnknown(first.agreement);
        const whole = completed(first, game, o.strategies[0]!.name);
        setInputs(whole);
        setAsked(requestOf(whole));
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setListError(e);
      });
    return () => abort.abort();
  }, [link]);

  // The request is its JSON (`key`): a new object asking the same is the same request.
  const key = asked ? JSON.stringify(asked) : "";
  const { result, error, loading } = useAnswer<SimulationResult>(
    asked ? (signal) => simulate(asked, signal) : null,
    key,
    attempt,
  );

  // The address carries the simulation asked for, which changes when the form is run.
  useEffect(() => {
    if (asked) writeRoute("simulation", linkOf(asked));
  }, [key]);

  const game = options?.agreements.find((a) => a.id === inputs.agreement);
  const names: string[] = options?.strategies.map((s) => s.name) ?? [];
  const issues = error instanceof ApiFailure ? error.issues : [];
  const faulty = (path: string) => issues.some((i) => i.path === path);
  const set = (patch: Partial<Inputs>) => setInputs((i) => ({ ...i, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(requestOf(inputs));
    setAttempt((n) => n + 1);
  };
  const choose = (id: string) => {
    const next = options?.agreements.find((a) => a.id === id);
    if (next && options)
      setInputs((i) => completed({ ...i, agreement: id }, next, options.strategies[0]!.name));
  };

  return (
    <section aria-labelledby="sim-title" className="view" data-loading={loading ? "true" : "false"}>
      <h2 id="sim-title">Simulation</h2>
      <p className="muted">
        An agreement played as a roadmap game, many times: each party follows a strategy, the world adds
        misperceptions (noise) and the file&rsquo;s provocations and verification delays. How often each phase
        is reached by the horizon, and who defects first. The model and its assumptions:{" "}
        <code>docs/simulation.md</code>, &ldquo;Roadmap games&rdquo;.
      </p>
      {listError && <ErrorBox error={listError} />}
      {!options && !listError && <Loading what="the strategies and agreements" />}
      {unknown && (
        <p className="error-text" role="alert" id="sim-unknown">
          No agreement &ldquo;{unknown}&rdquo; can be played; showing {inputs.agreement} instead.
        </p>
      )}
      {options && agreements && (
        <form className="controls sim-form" onSubmit={submit}>
          <label>
            Agreement{" "}
            <select id="sim-agreement" value={inputs.agreement} onChange={(e) => choose(e.target.value)}>
              {agreements.map((a) => {
                const g = options.agreements.find((x) => x.id === a.id);
                return (
                  <option key={a.id} value={a.id} disabled={!g || !playable(g)}>
                    {a.title}
                  </option>
                );
              })}
            </select>
          </label>
          <fieldset className="sim-strategies">
            <legend>Strategies</legend>
            {Object.entries(inputs.strategies).map(([party, strategy]) => (
              <label key={party}>
                {party}{" "}
                <select
                  id={`sim-strategy-${party}`}
                  data-party={party}
                  value={strategy}
                  aria-invalid={faulty(`strategies.${party}`) || undefined}
                  onChange={(e) => set({ strategies: { ...inputs.strategies, [party]: e.target.value } })}
                >
                  {(names.includes(strategy) ? names : [...names, strategy]).map((n) => (
                    <option key={n} value={n} title={options.strategies.find((s) => s.name === n)?.rule}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
          <label>
            Runs{" "}
            <input
              id="sim-runs"
              type="number"
              min={1}
              max={game && playable(game) ? game.maxRuns : options.limits.maxRuns}
              size={7}
              placeholder="1000"
              value={inputs.runs}
              aria-invalid={faulty("runs") || undefined}
              onChange={(e) => set({ runs: e.target.value })}
            />
          </label>
          <label>
            Seed{" "}
            <input
              id="sim-seed"
              type="number"
              size={5}
              placeholder="1"
              value={inputs.seed}
              aria-invalid={faulty("seed") || undefined}
              onChange={(e) => set({ seed: e.target.value })}
            />
          </label>
          <label title="The probability each turn that a party reads another's kept restraint as broken">
            Noise{" "}
            <input
              id="sim-noise"
              type="number"
              min={0}
              max={1}
              step={0.01}
              size={5}
              placeholder={game && playable(game) ? String(game.misperception) : "0"}
              value={inputs.noise}
              aria-invalid={faulty("noise") || undefined}
              onChange={(e) => set({ noise: e.target.value })}
            />
          </label>
          <button type="submit" disabled={loading}>
            Run
          </button>
        </form>
      )}
      {options && game && playable(game) && (
        <p id="sim-bound" className="muted small">
          At most {game.maxRuns.toLocaleString("en")} runs of this agreement ({game.turns} turns of{" "}
          {game.tickDays} day(s)): the server refuses more than {options.limits.maxWork.toLocaleString("en")}{" "}
          turn-units of work ({options.limits.work}).
        </p>
      )}
      {options && (
        <details id="sim-rules" className="small">
          <summary>The strategies&rsquo; rules</summary>
          <dl>
            {options.strategies.map((s) => (
              <div key={s.name}>
                <dt>
                  <code>{s.name}</code>
                  {s.parameters.length > 0 &&
                    ` (parameters after colons: ${s.parameters.map((p) => `${p.name} ${p.default.toFixed(2).replace(/\.?0+$/, "")}`).join(", ")})`}
                </dt>
                <dd>{s.rule}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {loading && <Loading what="the simulation" />}
      {error && <ErrorBox error={error} retry={() => setAttempt((n) => n + 1)} />}
      {result && !error && (
        <div id="sim-result" className={loading ? "stale" : ""}>
          <Results r={result} />
        </div>
      )}
    </section>
  );
}
