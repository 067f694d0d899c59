// docs/phased-deals.md shows, for each bundled phased deal, what Lockstep says of every obligation at several dates.
// This module computes those tables from the demo ledger (scripts/update-phased-deals.mjs writes them into the
// document between markers; a test checks the document still says what Lockstep computes).
import { loadAgreement } from "../dist/agreement/index.js";
import { evaluate } from "../dist/engine/index.js";
import { openLedger, queryEvents } from "../dist/ledger/index.js";

export const DEALS = {
  "agreed-framework-1994": [
    "1995-06-30",
    "1998-12-31",
    "2002-10-31",
    "2002-12-31",
    "2003-12-31",
    "2006-12-31",
  ],
  "military-agreement-2018": [
    "2018-12-31",
    "2019-12-31",
    "2022-12-31",
    "2023-11-30",
    "2024-06-30",
    "2026-02-28",
  ],
};

const MARKER = /<!-- lockstep:([a-z0-9-]+) -->\n[\s\S]*?<!-- \/lockstep -->/g;

function cell(o) {
  const one = (s) =>
    `${s.status.replace("_", " ")}${s.since ? ` ${s.since}` : ""}${s.daysLate ? ` (${s.daysLate} days late)` : ""}`;
  if (o.parties) return o.parties.map((p) => `${p.party}: ${one(p)}`).join("; ");
  const verified = o.verification ? `, ${o.verification.status}` : "";
  return one(o) + verified;
}

/** The table of one deal: a row per obligation, a column per date. */
export function table(id, events) {
  const file = new URL(`../scenarios/korea/agreements/${id}.yaml`, import.meta.url).pathname;
  const a = loadAgreement(file).agreement;
  const dates = DEALS[id];
  const results = dates.map((d) => evaluate(a, events, d));
  const rows = a.obligations.map(
    (o, i) => `| \`${o.id}\` | ${results.map((r) => cell(r.obligations[i])).join(" | ")} |`,
  );
  const summary = results.map((r, k) => `- ${dates[k]}: ${r.summary.text}`);
  return [
    `| obligation | ${dates.join(" | ")} |`,
    `| --- | ${dates.map(() => "---").join(" | ")} |`,
    ...rows,
    "",
    "The short answer `check` gives first, at each date:",
    "",
    ...summary,
  ].join("\n");
}

export function readEvents(ledgerFile) {
  const ledger = openLedger(ledgerFile, { mustExist: true });
  try {
    return queryEvents(ledger);
  } finally {
    ledger.close();
  }
}

/** The document with every marked table computed afresh. */
export function refresh(markdown, events) {
  return markdown.replace(
    MARKER,
    (_, id) => `<!-- lockstep:${id} -->\n${table(id, events)}\n<!-- /lockstep -->`,
  );
}
