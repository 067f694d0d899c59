import type { Command } from "commander";
import { Presets, SingleBar } from "cli-progress";
import {
  CATALOG,
  match,
  moran,
  parseStrategy,
  STRATEGY_NAMES,
  tournament,
  type MatchResult,
  type MoranResult,
  type Strategy,
  type TournamentResult,
} from "../../sim/index.js";
import { checkCount, checkNoise, checkSeed, checkTurns } from "../../sim/options.js";
import { action, printJson, UsageError, type CommonOptions } from "../errors.js";
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
}
