import type { LedgerEvent } from "../model/index.js";
import { renderTable } from "./table.js";

export interface LedgerSummary {
  events: number;
  /** Sum of counts: missiles rather than salvos. */
  units: number;
  byType: Record<string, { events: number; units: number }>;
  byYear: Record<string, Record<string, number>>;
  firstDate?: string;
  lastDate?: string;
}

/** Events by type and by year, for the demo and `lockstep summary`. */
export function summarize(events: LedgerEvent[]): LedgerSummary {
  const s: LedgerSummary = { events: 0, units: 0, byType: {}, byYear: {} };
  for (const e of events) {
    s.events++;
    s.units += e.count;
    const t = (s.byType[e.type] ??= { events: 0, units: 0 });
    t.events++;
    t.units += e.count;
    const year = e.date.slice(0, 4);
    const y = (s.byYear[year] ??= {});
    y[e.type] = (y[e.type] ?? 0) + 1;
    if (!s.firstDate || e.date < s.firstDate) s.firstDate = e.date;
    if (!s.lastDate || e.date > s.lastDate) s.lastDate = e.date;
  }
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
};

export function renderSummary(s: LedgerSummary): string {
  const types = Object.keys(s.byType).sort();
  let out = `${s.events} events (${s.units} counted units) from ${s.firstDate ?? "–"} to ${s.lastDate ?? "–"}\n\n`;
  out += renderTable(
    ["type", "events", "units"],
    types.map((t) => [t, s.byType[t]!.events, s.byType[t]!.units]),
  );
  out += "\nEvents by year:\n";
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
