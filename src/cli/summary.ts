import { COUNTING_UNIT_WORDS, COUNTING_UNITS, type CountingUnit, type LedgerEvent } from "../model/index.js";
import { renderTable } from "./table.js";

/** What the table by year counts (src/model/counting.ts); which one is used is always said. */
export const SUMMARY_UNITS = COUNTING_UNITS;
export type SummaryUnit = CountingUnit;

export interface LedgerSummary {
  /** What `byYear` counts. */
  unit: SummaryUnit;
  events: number;
  /** Distinct days with an event. */
  days: number;
  /** Sum of counts: missiles rather than salvos. */
  units: number;
  byType: Record<string, { events: number; days: number; units: number }>;
  byYear: Record<string, Record<string, number>>;
  firstDate?: string;
  lastDate?: string;
}

/** Events by type and by year, for the demo and `lockstep summary`, counted in the unit asked for. */
export function summarize(events: LedgerEvent[], unit: SummaryUnit = "events"): LedgerSummary {
  const s: LedgerSummary = { unit, events: 0, days: 0, units: 0, byType: {}, byYear: {} };
  const days = new Set<string>();
  const typeDays = new Set<string>();
  for (const e of events) {
    s.events++;
    s.units += e.count;
    days.add(e.date);
    const t = (s.byType[e.type] ??= { events: 0, days: 0, units: 0 });
    t.events++;
    t.units += e.count;
    const newDay = !typeDays.has(`${e.type} ${e.date}`);
    if (newDay) {
      typeDays.add(`${e.type} ${e.date}`);
      t.days++;
    }
    const year = e.date.slice(0, 4);
    const y = (s.byYear[year] ??= {});
    const add = unit === "events" ? 1 : unit === "count" ? e.count : newDay ? 1 : 0;
    y[e.type] = (y[e.type] ?? 0) + add;
    if (!s.firstDate || e.date < s.firstDate) s.firstDate = e.date;
    if (!s.lastDate || e.date > s.lastDate) s.lastDate = e.date;
  }
  s.days = days.size;
  return s;
}

const SHORT: Record<string, string> = {
  missile_launch: "launch",
  nuclear_test: "nuke",
  military_exercise: "exerc",
  sanctions_imposed: "sanct+",
  sanctions_relieved: "sanct-",
  summit_or_meeting: "summit",
  agreement_signed: "agreem",
  declaration: "decl",
  statement: "stmt",
  draft_resolution: "draft",
  veto: "veto",
  cameo_event: "cameo",
  dismantlement: "dismant",
  repatriation: "repat",
  facility_status: "facil",
  inspection: "inspect",
  aid_delivered: "aid",
  document_handover: "doc",
  withdrawal: "withdr",
  military_activity: "milact",
  show_of_force: "force",
};

const UNIT_WORDS = COUNTING_UNIT_WORDS;

export function renderSummary(s: LedgerSummary): string {
  const types = Object.keys(s.byType).sort();
  let out = `${s.events} events on ${s.days} days (${s.units} counted units) from ${s.firstDate ?? "–"} to ${s.lastDate ?? "–"}\n\n`;
  out += renderTable(
    ["type", "events", "days", "units"],
    types.map((t) => [t, s.byType[t]!.events, s.byType[t]!.days, s.byType[t]!.units]),
  );
  out += `\nBy year, in ${UNIT_WORDS[s.unit]}:\n`;
  const years = Object.keys(s.byYear).sort();
  out += renderTable(
    ["year", ...types.map((t) => SHORT[t] ?? t), "total"],
    years.map((y) => {
      const row = types.map((t) => s.byYear[y]![t] ?? 0);
      return [y, ...row, row.reduce((a, b) => a + b, 0)];
    }),
  );
  return out;
}
