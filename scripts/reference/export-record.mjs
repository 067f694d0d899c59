// The bundled record's daily series for the count-model fixture (scripts/reference/count_models.py runs this):
// launch days and missiles of `actor=PRK type=missile_launch`, and the starts of large held US exercises, read
// from a demo ledger with the library exactly as `lockstep react` reads them (events in the range, causes that
// overlap it), with what `lockstep react --json` reports as the window total for each unit, so that the test can
// check that the regression's window column covers the days the window test counts.
//
//   npm run build && node dist/cli/main.js demo --force --db /tmp/h4-demo.db
//   node scripts/reference/export-record.mjs --db /tmp/h4-demo.db > /tmp/record.json
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  buildSeries,
  causesOf,
  openLedger,
  parseMatcher,
  queryEvents,
  verifyLedger,
} from "../../dist/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    from: { type: "string", default: "2015-01-01" },
    to: { type: "string", default: "2025-12-31" },
    window: { type: "string", default: "0..14" },
  },
});
if (!args.db) throw new Error("--db is required: a ledger built by `lockstep demo`");

const EFFECT = "actor=PRK type=missile_launch";
const CAUSE = "actor=USA type=military_exercise scale=large status=held";

function matcher(terms) {
  const parsed = parseMatcher(terms);
  if (!parsed.ok) throw new Error(`${terms}: ${JSON.stringify(parsed.issues)}`);
  return parsed.matcher;
}

const ledger = openLedger(args.db, { readonly: true });
const range = { from: args.from, to: args.to };
const effectMatcher = matcher(EFFECT);
const causeMatcher = matcher(CAUSE);
const effectEvents = queryEvents(ledger, { ...effectMatcher, ...range });
const causeEvents = queryEvents(ledger, { ...causeMatcher, ...range });
const series = (unit) =>
  buildSeries(effectEvents, effectMatcher, { freq: "day", ...range, measure: "count", unit });
const launchDays = series("days");
const missiles = series("count");
const { causes, skipped } = causesOf(causeEvents, causeMatcher);
const inRange = causes.filter((c) => c.end >= range.from && c.start <= range.to);
const head = verifyLedger(ledger, { quick: true }).head;
ledger.close();

/** `lockstep react`'s window total for a unit, from the command itself. */
function reactObserved(unit) {
  const out = execFileSync(
    process.execPath,
    [
      join(root, "dist/cli/main.js"),
      "react",
      "--cause",
      CAUSE,
      "--effect",
      EFFECT,
      "--window",
      args.window,
      "--unit",
      unit,
      "--from",
      range.from,
      "--to",
      range.to,
      "--permutations",
      "10",
      "--db",
      args.db,
      "--json",
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  return JSON.parse(out).windowTest.window.observed;
}

console.log(
  JSON.stringify({
    ledgerHead: head,
    effect: EFFECT,
    cause: CAUSE,
    ...range,
    window: args.window,
    launchDays: launchDays.values,
    missiles: missiles.values,
    causes: inRange,
    causesSkipped: skipped,
    effectSkipped: { launchDays: launchDays.skipped, missiles: missiles.skipped },
    reactObserved: { launchDays: reactObserved("days"), missiles: reactObserved("count") },
  }),
);
