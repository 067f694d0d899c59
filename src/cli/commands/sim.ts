import type { Command } from "commander";
import { Presets, SingleBar } from "cli-progress";
import { findAgreement } from "../../agreement/index.js";
import {
  buildRoadmap,
  CATALOG,
  match,
  moran,
  parseStrategy,
  parseStrategyAssignments,
  ROADMAP_CATALOG,
  ROADMAP_STRATEGY_NAMES,
  simulateRoadmap,
  STRATEGY_NAMES,
  SWEEP_PARAMETERS,
  sweepRoadmap,
  sweepValues,
  wilson,
  tournament,
  type MatchResult,
  type MoranResult,
  type RoadmapOverrides,
  type RoadmapResult,
  type Strategy,
  type SweepResult,
  type SweepSpec,
  type TournamentResult,
} from "../../sim/index.js";
import { checkCount, checkNoise, checkSeed, checkTurns } from "../../sim/options.js";
import type { LedgerCalibration } from "../calibration.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
import { allowBrokenOption, dbOption } from "../ledger-flags.js";
import { renderTable } from "../table.js";

interface GameFlags extends CommonOptions {
  turns: string;
  noise: string;
  seed: string;
}

interface MoranFlags extends GameFlags {
  population: string;
  runs: string;
}

interface TournamentFlags extends GameFlags {
  players: string;
  repetitions: string;
}

interface SimulateFlags extends CommonOptions {
  strategy: string;
  runs: string;
  seed: string;
  horizon?: string;
  tick?: string;
  noise?: string;
  provocations?: string;
  delay?: string;
  agreements?: string[];
  calibrate?: boolean;
  calibrateFrom?: string;
  calibrateTo?: string;
  seriesRenamed?: string;
  allowBroken?: boolean;
  sweep?: string;
  plot?: string;
}

/** A number given on the command line, refused (naming the option) when it is not one. */
function numberOf(text: string, option: string): number {
  const x = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new UsageError(`${option} must be a number, not "${text}"`);
  return x;
}

function gameOptions(flags: GameFlags) {
  return {
    turns: checkTurns(numberOf(flags.turns, "--turns"), "--turns"),
    noise: checkNoise(numberOf(flags.noise, "--noise"), "--noise"),
    seed: checkSeed(numberOf(flags.seed, "--seed"), "--seed"),
  };
}

/** `--players A,B,…`, or `all` for every strategy with its defaults. */
function playersOf(text: string): Strategy[] {
  const names = text.trim() === "all" ? [...STRATEGY_NAMES] : text.split(",").map((n) => n.trim());
  if (names.some((n) => n === "")) throw new UsageError(`--players has an empty name in "${text}"`);
  const players = names.map((n) => parseStrategy(n));
  const seen = new Set<string>();
  for (const p of players) {
    if (seen.has(p.name)) throw new UsageError(`--players names ${p.name} twice`);
    seen.add(p.name);
  }
  if (players.length < 2)
    throw new UsageError(`--players must name at least 2 strategies, not ${players.length}`);
  return players;
}

/** `--population A=1,B=9`: each strategy with its number of individuals (1 when not given). */
function populationOf(text: string): Strategy[] {
  return text.split(",").flatMap((part) => {
    const [name = "", count, ...rest] = part.split("=");
    if (name.trim() === "" || rest.length)
      throw new UsageError(`--population takes NAME=COUNT,NAME=COUNT…, not "${part}" in "${text}"`);
    const n =
      count === undefined
        ? 1
        : checkCount(numberOf(count, "--population count"), "--population count", 1, 1000);
    return Array<Strategy>(n).fill(parseStrategy(name));
  });
}

const strategyHelp = () =>
  "\nStrategies (names as in Axelrod-Python; parameters after colons, e.g. GTFT:0.1, GRIT:2:4):\n" +
  STRATEGY_NAMES.map((n) => `  ${n.padEnd(20)} ${CATALOG[n].rule}`).join("\n") +
  "\n";

const settings = (r: { turns: number; noise: number; seed: number }) =>
  `${r.turns} turns, noise ${r.noise}, seed ${r.seed}`;

function matchText(r: MatchResult): string {
  return (
    `${r.players[0]} v ${r.players[1]}: ${settings(r)}\n` +
    renderTable(
      ["player", "score", "per turn", "C", "moves (turn 1 first)"],
      [0, 1].map((i) => [
        r.players[i]!,
        r.scores[i]!,
        (r.scores[i]! / r.turns).toFixed(3),
        r.cooperations[i]!,
        r.actions[i]!,
      ]),
    )
  );
}

function tournamentText(r: TournamentResult): string {
  return (
    `Round robin of ${r.players.length} players, each also against a copy of itself: ${settings(r)}, ` +
    `${r.repetitions} repetition(s), ${r.matches.toLocaleString("en")} matches. Ranked by the median over ` +
    "repetitions of the mean score per turn against the others (self-play left out).\n" +
    renderTable(
      ["rank", "player", "median score", "cooperation", "median wins"],
      r.ranking.map((s) => [
        s.rank,
        s.name,
        s.medianScore.toFixed(4),
        s.cooperationRating.toFixed(3),
        s.medianWins,
      ]),
    )
  );
}

function moranText(r: MoranResult): string {
  return (
    `Moran process (birth–death, no mutation) of ${r.size} individuals: ${settings(r)}, ${r.runs} run(s) to ` +
    `fixation, ${r.meanSteps.toFixed(1)} births a run on average.\n` +
    renderTable(
      ["strategy", "initial", "fixations", "probability", "95% interval", "neutral"],
      r.fixation.map((f) => [
        f.name,
        f.initial,
        f.fixations,
        f.probability.toFixed(3),
        `[${f.interval[0].toFixed(3)}, ${f.interval[1].toFixed(3)}]`,
        f.neutral.toFixed(3),
      ]),
    ) +
    "Neutral: the probability of a strategy with no advantage (its share of the initial population).\n"
  );
}

/** A progress bar on a terminal (stderr), none otherwise or with --json. */
function progressBar(json: boolean, what: string): SingleBar | undefined {
  if (json || !process.stderr.isTTY) return undefined;
  return new SingleBar(
    { format: `{bar} {percentage}% | {value}/{total} ${what}`, stream: process.stderr },
    Presets.shades_classic,
  );
}

/** Runs `work` with a progress callback that drives the bar, and stops the bar however it ends. */
function withProgress<T>(
  bar: SingleBar | undefined,
  work: (onProgress?: (done: number, total: number) => void) => T,
): T {
  try {
    return work(
      bar &&
        ((done, total) => {
          if (bar.getTotal() !== total) bar.start(total, 0);
          bar.update(done);
        }),
    );
  } finally {
    bar?.stop();
  }
}

const roadmapStrategyHelp = () =>
  "\nStrategies (each turn a party takes its next step, holds, or defects: breaks its restraints; parameters " +
  "after colons, e.g. reciprocal:2, grit:3, gtft:0.1):\n" +
  ROADMAP_STRATEGY_NAMES.map((n) => `  ${n.padEnd(18)} ${ROADMAP_CATALOG[n].rule}`).join("\n") +
  "\nAn alarm is a breach of a restraint owed to the party, or a deadline missed on a step owed to it, seen the " +
  "turn before. The model, its defaults and the agreement file's simulation: section: docs/simulation.md.\n";

/** Whole days, from the command line. */
function daysOf(text: string, option: string, min: number): number {
  const x = numberOf(text, option);
  if (!Number.isInteger(x) || x < min || x > 36_500)
    throw new UsageError(`${option} must be a whole number of days from ${min} to 36500, not ${text}`);
  return x;
}

function overridesOf(flags: SimulateFlags): RoadmapOverrides {
  const o: RoadmapOverrides = {};
  if (flags.horizon !== undefined) o.horizonDays = daysOf(flags.horizon, "--horizon", 1);
  if (flags.tick !== undefined) o.tickDays = daysOf(flags.tick, "--tick", 1);
  if (flags.noise !== undefined) o.misperception = checkNoise(numberOf(flags.noise, "--noise"), "--noise");
  if (flags.delay !== undefined) o.verificationDays = daysOf(flags.delay, "--delay", 0);
  if (flags.provocations !== undefined) {
    const r = numberOf(flags.provocations, "--provocations");
    if (r < 0)
      throw new UsageError(`--provocations must be events a year, 0 or more, not ${flags.provocations}`);
    o.provocations = r;
  }
  return o;
}

/** The flag that sets each swept parameter on its own. */
const SWEPT_FLAG = { noise: "noise", provocations: "provocations", delay: "delay" } as const;

/** `--sweep noise=0..0.2:4`: the parameter, its range and the steps between (10 when not given). */
function sweepOf(text: string, flags: SimulateFlags): SweepSpec {
  const eq = text.indexOf("=");
  const name = text.slice(0, Math.max(0, eq)).trim().toLowerCase();
  const rest = text.slice(eq + 1);
  const colon = rest.lastIndexOf(":");
  const range = (colon >= 0 ? rest.slice(0, colon) : rest).split("..");
  const form = `--sweep takes NAME=FROM..TO[:STEPS] (NAME: ${SWEEP_PARAMETERS.join(", ")}), not "${text}"`;
  if (eq <= 0 || range.length !== 2) throw new UsageError(form);
  const parameter = name === "misperception" ? "noise" : SWEEP_PARAMETERS.find((n) => n === name);
  if (parameter === undefined)
    throw new UsageError(
      `--sweep: cannot sweep "${name}"; the parameters are ${SWEEP_PARAMETERS.join(", ")}`,
    );
  if (flags[SWEPT_FLAG[parameter]] !== undefined)
    throw new UsageError(
      `--sweep ${parameter} and --${SWEPT_FLAG[parameter]} both set ${parameter}: give one`,
    );
  const spec = {
    parameter,
    from: numberOf(range[0]!, "--sweep FROM"),
    to: numberOf(range[1]!, "--sweep TO"),
    steps: colon >= 0 ? numberOf(rest.slice(colon + 1), "--sweep STEPS") : 10,
  };
  try {
    sweepValues(spec);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`--sweep ${text}: ${err.message}`);
    throw err;
  }
  return spec;
}

const pct = (x: number) => (100 * x).toFixed(1) + "%";
const interval = (i: [number, number]) => `${pct(i[0])}–${pct(i[1])}`;
/** Days as whole numbers (percentiles interpolate between runs' days); the JSON keeps them exact. */
const spread = (d: { p5: number; median: number; p95: number } | null) =>
  d ? `${Math.round(d.median)} (${Math.round(d.p5)}–${Math.round(d.p95)})` : "—";

/** The game's settings in words: the agreement, day 0, turns, runs, strategies and the world's rates. */
function settingsText(r: RoadmapResult, sweep?: SweepResult): string[] {
  const rates = Object.entries(r.provocations)
    .filter(([, x]) => x > 0)
    .map(([p, x]) => `${p} ${Number(x.toFixed(3))}${r.provocationsByMonth?.[p] ? " (by month)" : ""}`);
  const world =
    sweep?.parameter === "noise" ? "Misperception swept" : `Misperception ${r.misperception} a turn`;
  return [
    `Roadmap game: ${r.agreement.title} (${r.agreement.id}). Day 0 is ${r.effective}; a turn is ${r.tickDays} ` +
      `day(s); played to day ${r.horizonDays}. ${r.runs.toLocaleString("en")} runs, seed ${r.seed}.`,
    `Strategies: ${r.strategies.map((s) => `${s.party} ${s.strategy}`).join(", ")}. ${world}; provocations a ` +
      `year: ${sweep?.parameter === "provocations" ? "swept" : rates.length ? rates.join(", ") : "none"}.`,
    ...(r.answerDelays
      ? [
          `Answer delays: after seeing a step owed to it, a player waits ${[...new Set(r.answerDelays)].join(", ")} ` +
            `day(s) before answering (drawn each run, one a step and creditor, from ${r.answerDelays.length} observed).`,
        ]
      : []),
  ];
}

function simulateText(r: RoadmapResult): string {
  const out = [
    ...settingsText(r),
    "",
    "Phases by the horizon (days from day 0: median, 5%–95%, over the runs that reached it)",
    renderTable(
      ["phase", "reached", "95% interval", "day"],
      r.phases.map((p) => [p.id, pct(p.reached.probability), interval(p.reached.interval), spread(p.days)]),
    ),
    `Every step performed by the horizon: ${pct(r.completed.probability)} of runs (${interval(r.completed.interval)})` +
      (r.completed.days ? `, the last on day ${spread(r.completed.days)}` : "") +
      `; and with no breach by anyone: ${pct(r.completedWithoutBreach.probability)} (${interval(r.completedWithoutBreach.interval)}).`,
    "",
    "Steps",
    renderTable(
      ["step", "debtor", "cost", "value", "takes", "seen after", "taken", "95% interval", "day taken"],
      r.steps.map((s) => [
        s.id,
        s.debtors.join("+"),
        s.cost,
        s.value,
        s.takesDays,
        s.verificationDays,
        pct(s.taken.probability),
        interval(s.taken.interval),
        spread(s.days),
      ]),
    ),
    "First defection: who broke a restraint or missed a deadline first, how, and after which step",
    renderTable(
      ["party", "cause", "after step", "runs", "share", "95% interval", "day"],
      [
        ...r.firstDefection.map((f) => [
          f.party,
          f.cause,
          f.afterStep ?? "(before any)",
          f.count,
          pct(f.probability),
          interval(f.interval),
          spread(f.days),
        ]),
        [
          "nobody",
          "",
          "",
          r.noDefection.count,
          pct(r.noDefection.probability),
          interval(r.noDefection.interval),
          "",
        ],
      ],
    ),
    renderTable(
      ["party", "defected first", "95% interval", "breaches a run", "payoff a run"],
      r.strategies.map(({ party }) => {
        const f = r.firstDefector.find((x) => x.party === party);
        const p = r.players.find((x) => x.party === party)!;
        return [
          party,
          pct(f?.probability ?? 0),
          interval(f?.interval ?? [0, 0]),
          p.meanBreaches.toFixed(2),
          p.meanPayoff.toFixed(2),
        ];
      }),
    ),
    `False alarms (misperceptions acted on or not): ${r.meanFalseAlarms.toFixed(2)} a run.`,
  ];
  if (r.notModelled.length) out.push("Not in the model:", ...r.notModelled.map((n) => `  - ${n}`));
  return out.join("\n") + "\n";
}

const cell = (s: { probability: number; interval: [number, number] }) =>
  `${pct(s.probability)} (${interval(s.interval)})`;

/** A sweep as two tables: the phases reached at each value, and who defected first. */
function sweepText(s: SweepResult): string {
  const first = s.points[0]!.result;
  const lines = first.phases.length ? first.phases.map((p) => p.id) : first.steps.map((x) => x.id);
  const parties = first.strategies.map((x) => x.party);
  const name = s.parameter;
  const out = [
    ...settingsText(first, s),
    `Swept: ${name} (${s.meaning}) from ${s.from} to ${s.to} in ${s.steps} step(s), every value played from ` +
      `seed ${first.seed}: each turn draws the same numbers whatever the value (common random numbers).`,
    "",
    `${first.phases.length ? "Phases reached" : "Steps taken (the agreement has no phases)"} by the horizon (95% Wilson interval)`,
    renderTable(
      [name, ...lines],
      s.points.map(({ value, result }) => [
        value,
        ...(result.phases.length
          ? result.phases.map((p) => cell(p.reached))
          : result.steps.map((x) => cell(x.taken))),
      ]),
    ),
    "First defection: the share of runs in which each party broke a restraint or missed a deadline first",
    renderTable(
      [name, ...parties, "nobody"],
      s.points.map(({ value, result }) => [
        value,
        ...parties.map((party) => {
          const f = result.firstDefector.find((x) => x.party === party);
          return cell(f ?? { probability: 0, interval: wilson(0, result.runs) });
        }),
        cell(result.noDefection),
      ]),
    ),
  ];
  const joint = [...new Set(s.points.flatMap((p) => p.result.firstDefector.map((x) => x.party)))].filter(
    (p) => !parties.includes(p),
  );
  if (joint.length)
    out.push(
      `Steps missed jointly (${joint.join(", ")}) are counted in the JSON's firstDefector, not above.`,
    );
  if (first.notModelled.length) out.push("Not in the model:", ...first.notModelled.map((n) => `  - ${n}`));
  return out.join("\n") + "\n";
}

export function registerSim(program: Command): void {
  const common = (c: Command) =>
    c
      .option("--turns <n>", "turns in each match", "200")
      .option("--noise <p>", "the probability that each intended move is flipped", "0")
      .option("--seed <n>", "seed of the one generator behind noise and stochastic players", "1")
      .option("--json", "print every number as JSON")
      .addHelpText("after", strategyHelp);

  common(
    program
      .command("match")
      .description("one iterated prisoner's dilemma match: both players' moves turn by turn and their scores")
      .argument("<a>", "the first player's strategy")
      .argument("<b>", "the second player's strategy"),
  ).action(
    action((a: string, b: string, flags: GameFlags) => {
      const r = match(parseStrategy(a), parseStrategy(b), gameOptions(flags));
      if (flags.json) printJson(r);
      else process.stdout.write(matchText(r));
    }),
  );

  common(
    program
      .command("tournament")
      .description("a round robin with Axelrod-Python's conventions, and its ranking")
      .requiredOption("--players <names>", "the strategies, comma-separated (or all)")
      .option("--repetitions <n>", "times each pair plays", "10"),
  ).action(
    action((flags: TournamentFlags) => {
      const players = playersOf(flags.players);
      const repetitions = checkCount(numberOf(flags.repetitions, "--repetitions"), "--repetitions");
      const r = withProgress(progressBar(flags.json === true, "matches"), (onProgress) =>
        tournament(players, { ...gameOptions(flags), repetitions, ...(onProgress ? { onProgress } : {}) }),
      );
      if (flags.json) printJson(r);
      else process.stdout.write(tournamentText(r));
    }),
  );

  common(
    program
      .command("moran")
      .description("fixation probabilities in a Moran process (Axelrod-Python's MoranProcess), by simulation")
      .requiredOption(
        "--population <spec>",
        "strategies and their numbers of individuals, e.g. TitForTat=1,Defector=9",
      )
      .option("--runs <n>", "processes run to fixation", "100"),
  ).action(
    action((flags: MoranFlags) => {
      const population = populationOf(flags.population);
      const runs = checkCount(numberOf(flags.runs, "--runs"), "--runs");
      const r = withProgress(progressBar(flags.json === true, "runs"), (onProgress) =>
        moran(population, { ...gameOptions(flags), runs, ...(onProgress ? { onProgress } : {}) }),
      );
      if (flags.json) printJson(r);
      else process.stdout.write(moranText(r));
    }),
  );

  program
    .command("simulate")
    .description(
      "a roadmap game from an agreement file: the probability of reaching each phase by a horizon, when, and who defects first",
    )
    .argument("<agreement>", "agreement id (lockstep agreements lists them) or YAML file")
    .requiredOption(
      "--strategy <spec>",
      "a strategy for each party that owes something, e.g. PRK=reciprocal,USA=demand-first",
    )
    .option("--runs <n>", "runs of the game", "1000")
    .option("--seed <n>", "seed of the one generator behind the noise", "1")
    .option("--horizon <days>", "days to play from day 0 (default: the file's simulation.horizon, else P2Y)")
    .option("--tick <days>", "days in a turn (default: the file's simulation.tick, else 7)")
    .option("--noise <p>", "the probability each turn that a party reads another's kept restraint as broken")
    .option("--provocations <rate>", "breaches a year by each party whatever its strategy")
    .option("--delay <days>", "days before a performed step is seen by its creditors (verification)")
    .option(
      "--agreements <dir>",
      "also know the agreement YAML files in DIR by their ids (repeatable)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      "--calibrate",
      "set provocations (by month) and answer delays from the ledger's record, and say how each was derived",
    )
    .addOption(dbOption(true))
    .addOption(allowBrokenOption())
    .option(
      "--calibrate-from <date>",
      "start of the calibration period (default: the coverage of the events)",
    )
    .option("--calibrate-to <date>", "end of the calibration period (default: the coverage of the events)")
    .option(
      "--series-renamed <OLD=NEW,...>",
      "with --calibrate: an exercise series held again under a new name (Ulchi Freedom Guardian=Ulchi Freedom Shield)",
    )
    .option(
      "--sweep <NAME=FROM..TO[:STEPS]>",
      `play the game at each of STEPS + 1 values (default 10 steps) of ${SWEEP_PARAMETERS.join(", ")}, from one seed`,
    )
    .option(
      "--plot <file>",
      "with --sweep: draw each phase's probability against the value to FILE.svg or FILE.png",
    )
    .option("--json", "print every number as JSON")
    .addHelpText("after", roadmapStrategyHelp)
    .action(
      action(async (ref: string, flags: SimulateFlags) => {
        const strategies = parseStrategyAssignments(flags.strategy, "--strategy");
        const runs = checkCount(numberOf(flags.runs, "--runs"), "--runs");
        const seed = checkSeed(numberOf(flags.seed, "--seed"), "--seed");
        const sweep = flags.sweep !== undefined ? sweepOf(flags.sweep, flags) : undefined;
        if (flags.plot !== undefined) {
          if (!sweep) throw new UsageError("--plot draws a sweep: give --sweep NAME=FROM..TO too");
          if (!/\.(svg|png)$/i.test(flags.plot))
            throw new UsageError(`--plot ${flags.plot}: the file must end in .svg or .png`);
        }
        if (!flags.calibrate)
          for (const [option, given] of [
            ["--calibrate-from", flags.calibrateFrom],
            ["--calibrate-to", flags.calibrateTo],
            ["--series-renamed", flags.seriesRenamed],
            ["--db", flags.db],
            ["--allow-broken", flags.allowBroken],
          ] as const)
            if (given !== undefined)
              throw new UsageError(
                `${option} is read only with --calibrate (simulate reads no ledger without it)`,
              );
        const agreement = findAgreement(ref, flags.agreements ?? []);
        let overrides = overridesOf(flags);
        let calibration: LedgerCalibration | undefined;
        if (flags.calibrate) {
          // The players, and a file that cannot be played refused, before the ledger is read.
          const { players } = buildRoadmap(agreement, overrides);
          const { calibrateFromLedger } = await import("../calibration.js");
          const c = await calibrateFromLedger(flags, agreement, players);
          calibration = c.calibration;
          // What the command line sets wins over what the record says (--provocations over the measured rates).
          overrides = { ...c.overrides, ...overrides };
        }
        const bar = progressBar(flags.json === true, "runs");
        const calibrated = async () =>
          calibration
            ? (await import("../calibration.js")).calibrationText(calibration, {
                provocations: flags.provocations !== undefined || sweep?.parameter === "provocations",
              }) + "\n"
            : "";
        if (sweep) {
          const s = withProgress(bar, (onProgress) =>
            sweepRoadmap(agreement, overrides, sweep, strategies, {
              runs,
              seed,
              ...(onProgress ? { onProgress } : {}),
            }),
          );
          if (flags.plot) {
            const charts = await import("../charts.js");
            const first = s.points[0]!.result;
            charts.writeChart(
              flags.plot,
              charts.sweepChart(
                s,
                `${first.agreement.title}: ${first.phases.length ? "phases reached" : "steps taken"} by day ${first.horizonDays}, by ${s.parameter}`,
                `${first.strategies.map((x) => `${x.party} ${x.strategy}`).join(", ")}; ${runs.toLocaleString("en")} runs a value, seed ${seed}; bands: 95% Wilson intervals`,
              ),
            );
          }
          const first = s.points[0]!.result;
          if (flags.json)
            printJson({
              agreement: first.agreement,
              strategies: first.strategies,
              runs,
              seed,
              sweep: {
                parameter: s.parameter,
                meaning: s.meaning,
                from: s.from,
                to: s.to,
                steps: s.steps,
                values: s.values,
              },
              points: s.points,
              ...(calibration ? { calibration } : {}),
            });
          else
            process.stdout.write(
              (await calibrated()) + sweepText(s) + (flags.plot ? `Chart written to ${flags.plot}.\n` : ""),
            );
          return;
        }
        const map = buildRoadmap(agreement, overrides);
        const r = withProgress(bar, (onProgress) =>
          simulateRoadmap(map, strategies, { runs, seed, ...(onProgress ? { onProgress } : {}) }),
        );
        if (flags.json) printJson(calibration ? { ...r, calibration } : r);
        else process.stdout.write((await calibrated()) + simulateText(r));
      }),
    );
}
