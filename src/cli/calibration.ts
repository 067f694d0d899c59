/**
 * `lockstep simulate --calibrate`: the ledger read (as every reading command reads it), the bundled agreements
 * loaded, and the game's inputs measured on them by src/sim/roadmap/calibrate.ts; then the text that says how each
 * was derived. Loaded only when --calibrate is given: the engine and the ledger are not needed otherwise.
 */
import { loadCatalog, type Agreement } from "../agreement/index.js";
import { isDayDate } from "../model/index.js";
import { calibrateRoadmap, type Calibration } from "../sim/roadmap/calibrate.js";
import { UsageError } from "./errors.js";
import { readStore, type LedgerFlags } from "./ledger-options.js";
import { renderTable } from "./table.js";

export interface CalibrateFlags extends LedgerFlags {
  calibrateFrom?: string;
  calibrateTo?: string;
  seriesRenamed?: string;
}

/** A calibration, with the ledger it was read from. */
export type LedgerCalibration = Omit<Calibration, "overrides"> & { ledger: string };

function dateOf(text: string | undefined, option: string): string | undefined {
  if (text === undefined) return undefined;
  if (!isDayDate(text)) throw new UsageError(`${option} must be a date YYYY-MM-DD, not "${text}"`);
  return text;
}

/** `--series-renamed "Ulchi Freedom Guardian=Ulchi Freedom Shield,…"`: OLD=NEW pairs. */
export function renamedOf(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const [old = "", now, ...rest] = part.split("=");
    if (old.trim() === "" || now === undefined || now.trim() === "" || rest.length)
      throw new UsageError(`--series-renamed takes OLD=NEW,OLD=NEW…, not "${part}" in "${text}"`);
    if (old.trim() in out) throw new UsageError(`--series-renamed names ${old.trim()} twice`);
    out[old.trim()] = now.trim();
  }
  return out;
}

/** Reads the ledger and measures the game's inputs on it; refuses bad dates naming the option. */
export async function calibrateFromLedger(
  flags: CalibrateFlags,
  agreement: Agreement,
  players: string[],
): Promise<{ calibration: LedgerCalibration; overrides: Calibration["overrides"] }> {
  const from = dateOf(flags.calibrateFrom, "--calibrate-from");
  const to = dateOf(flags.calibrateTo, "--calibrate-to");
  if (from && to && from > to)
    throw new UsageError(`--calibrate-from ${from} is after --calibrate-to ${to}: the period is empty`);
  const renamed = renamedOf(flags.seriesRenamed);
  // The reciprocity accounts come from the bundled agreements: the record's own phased deals and proposals.
  const accounts = [...loadCatalog().values()].filter((e) => e.origin === "bundled").map((e) => e.agreement);
  return readStore(flags, async (store) => {
    const events = await store.queryEvents();
    const coverage = await store.readCoverage();
    let c: Calibration;
    try {
      c = calibrateRoadmap({
        agreement,
        players,
        events,
        coverage,
        accounts,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(renamed ? { renamed } : {}),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(err.message);
      throw err;
    }
    const { overrides, ...calibration } = c;
    return { calibration: { ledger: store.location, ...calibration }, overrides };
  });
}

const fixed = (x: number, digits = 3) => x.toFixed(digits);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const rule = (text: string) => `  Rule: ${text}`;

/** How each calibrated input was derived, in words and tables. `overridden` names the inputs a flag replaced. */
export function calibrationText(c: LedgerCalibration, overridden: { provocations?: boolean } = {}): string {
  const p = c.provocations;
  const a = c.answerDelays;
  const r = c.resumption;
  const left = Object.entries(a.leftOut)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ");
  const out = [
    `Calibrated from the ledger ${c.ledger} (docs/simulation.md, "Calibration").`,
    "",
    `Provocations a year by party${overridden.provocations ? " (measured, but --provocations sets the game's rate)" : ""}:`,
    renderTable(
      ["party", "a year", "refrains", "events", "dates", "counted", "period"],
      p.map((x) => [
        x.party,
        fixed(x.value),
        x.restraints.map((o) => o.id).join(", ") || "(none)",
        x.events,
        x.days,
        Number(x.countedDays.toFixed(2)),
        `${x.period.from} to ${x.period.to} (${x.period.days.toLocaleString("en")} days)`,
      ]),
    ).trimEnd(),
    "By month of the year (provocations a year in that month):",
    renderTable(
      ["party", ...MONTHS],
      p.filter((x) => x.byMonth).map((x) => [x.party, ...x.byMonth!.map((y) => fixed(y, 2))]),
    ).trimEnd(),
    ...[...new Set(p.flatMap((x) => x.restraints.map((o) => `  ${o.id}: ${o.counts}`)))],
    ...[...new Set(p.flatMap((x) => x.period.basis.map((b) => `  Period: ${b}`)))],
    rule(p.find((x) => x.byMonth)?.rule ?? p[0]?.rule ?? "no player"),
    "",
    `Answer delays: ${a.value.length} answer(s), drawn from ${a.value.length ? a.value.join(", ") : "none"} day(s)` +
      (a.median !== null ? ` (median ${a.median}, mean ${fixed(a.mean!, 1)})` : "") +
      `; the reciprocity accounts of ${a.agreements.join(", ")} as of ${a.asOf}` +
      (left ? `; left out: ${left}.` : "."),
    a.observations.length
      ? renderTable(
          ["agreement", "link", "answered by", "step", "answer", "days", "status", "counted"],
          a.observations.map((o) => [
            o.agreement,
            o.link,
            o.answeredBy.join("+"),
            o.stepDate,
            o.answerDate,
            o.days,
            o.status,
            o.counted ? "yes" : `no: as ${o.sameAs}`,
          ]),
        ).trimEnd()
      : "  (no step in the record was answered: players answer on their next turn)",
    rule(a.rule),
    "",
    `Resumption of suspended exercises (reported, not played: the game never reverses a performed step): ` +
      `${r.resumed} of ${r.suspensions} suspension(s) resumed over ${fixed(r.yearsAtRisk, 2)} years at risk, ` +
      `${fixed(r.value)} a year (95% ${fixed(r.interval[0])}–${fixed(r.interval[1])}), ` +
      `${r.period.from} to ${r.period.to}.`,
    r.observations.length
      ? renderTable(
          ["suspension", "date", "status", "series", "resumed by", "days at risk"],
          r.observations.map((o) => [
            o.name,
            o.date,
            o.status,
            o.series.join(", "),
            o.resumedBy ? `${o.resumedBy.name} (${o.resumedBy.date})` : "not in the period",
            o.daysAtRisk,
          ]),
        ).trimEnd()
      : "  (no exercise suspended in the period)",
    ...Object.entries(r.renamed).map(([old, now]) => `  Renamed: ${old} → ${now} (--series-renamed)`),
    ...r.period.basis.map((b) => `  Period: ${b}`),
    rule(r.rule),
  ];
  return out.join("\n") + "\n";
}
