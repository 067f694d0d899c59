import type { Command } from "commander";
import { Presets, SingleBar } from "cli-progress";
import {
  CATALOG,
  match,
  parseStrategy,
  STRATEGY_NAMES,
  tournament,
  type MatchResult,
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

/** A progress bar on a terminal (stderr), none otherwise or with --json. */
function progressBar(json: boolean): SingleBar | undefined {
  if (json || !process.stderr.isTTY) return undefined;
  return new SingleBar(
    { format: "tournament {bar} {percentage}% | {value}/{total} matches", stream: process.stderr },
    Presets.shades_classic,
  );
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
      const bar = progressBar(flags.json === true);
      let r: TournamentResult;
      try {
        r = tournament(players, {
          ...gameOptions(flags),
          repetitions,
          ...(bar
            ? {
                onProgress: (done: number, total: number) => {
                  if (bar.getTotal() !== total) bar.start(total, 0);
                  bar.update(done);
                },
              }
            : {}),
        });
      } finally {
        bar?.stop();
      }
      if (flags.json) printJson(r);
      else process.stdout.write(tournamentText(r));
    }),
  );
}
