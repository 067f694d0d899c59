/**
 * A small real ledger (SQLite, written by the ledger's own append) for the calibration tests, with every number the
 * calibration should derive from it worked by hand below.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAgreement, type Agreement } from "../../src/agreement/index.js";
import { appendEvents, openLedger, writeCoverage } from "../../src/ledger/index.js";
import type { CoverageEntry } from "../../src/model/index.js";

const SRC = [{ title: "calibration test record" }];
const launch = (date: string, cls = "SRBM") => ({
  date,
  actor: "PRK",
  type: "missile_launch",
  attributes: { class: cls },
  sources: SRC,
});
const exercise = (date: string, name: string, status: string, actor = "USA+KOR") => ({
  date,
  actor,
  type: "military_exercise",
  attributes: { name, status },
  sources: SRC,
});

export const EVENTS = [
  // PRK: 7 events on 5 dates in the coverage (2020–2021), one before it.
  launch("2020-03-05"),
  launch("2020-03-05", "MRBM"),
  launch("2020-03-20"),
  launch("2020-11"),
  launch("2021-08-01"),
  { date: "2021-08-01", actor: "PRK", type: "nuclear_test", attributes: {}, sources: SRC },
  launch("2021"),
  launch("2019-05-05"),
  // USA+KOR exercises held: 3 events on 2 dates in the exercises' coverage (2020), one after it.
  exercise("2020-03-09", "Big Drill 2020", "held"),
  exercise("2020-08-17", "Summer Drill 2020", "held"),
  exercise("2020-08-17", "Summer Air Drill 2020", "held"),
  exercise("2021-03-01", "Big Drill 2021", "held"),
  // The ROK's own drills (no US actor: no breach of the freeze): suspensions and resumptions.
  exercise("2020-04-01", "Drill Alpha 2020", "suspended", "KOR"),
  exercise("2020-07-01", "Drill Alpha 2020-2", "held", "KOR"),
  exercise("2020-05-01", "Drill Beta 19", "cancelled", "KOR"),
  exercise("2020-09-01", "Drill Gamma", "postponed", "KOR"),
  exercise("2020-10-01", "Drill Delta 2020", "held", "KOR"),
  // Steps and answers for the reciprocity accounts.
  {
    date: "2020-02-01",
    actor: "PRK",
    type: "document_handover",
    attributes: { document: "x" },
    sources: SRC,
  },
  {
    date: "2020-02-11",
    actor: "USA",
    type: "document_handover",
    attributes: { document: "y" },
    sources: SRC,
  },
  { date: "2020-02-01", actor: "KOR", type: "repatriation", attributes: { of: "remains" }, sources: SRC },
  { date: "2020-03-01", actor: "PRK", type: "repatriation", attributes: { of: "remains" }, sources: SRC },
  { date: "2020-04-01", actor: "USA", type: "aid_delivered", attributes: { goods: "food" }, sources: SRC },
];

export const COVERAGE: CoverageEntry[] = [
  {
    id: "launches",
    label: "Launches",
    filter: "type=missile_launch actor=PRK",
    from: "2020-01-01",
    to: "2021-12-31",
    extent: "complete",
    basis: "test",
  },
  {
    id: "tests",
    label: "Nuclear tests",
    filter: "type=nuclear_test actor=PRK",
    from: "2020-01-01",
    to: "2021-12-31",
    extent: "complete",
    basis: "test",
  },
  {
    id: "exercises",
    label: "Exercises",
    filter: "type=military_exercise",
    from: "2020-01-01",
    to: "2020-12-31",
    extent: "partial",
    basis: "test",
  },
];

/** Writes the ledger and its coverage; returns its path. */
export async function calibrationLedger(): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), "lockstep-calibration-")), "calibration.db");
  const ledger = openLedger(db);
  try {
    await appendEvents(
      ledger,
      EVENTS.map((input, i) => ({ where: { file: "calibration", record: String(i + 1) }, input })),
      { importer: "jsonl", file: "calibration" },
    );
    writeCoverage(ledger, COVERAGE);
  } finally {
    ledger.close();
  }
  return db;
}

/** The agreement played: the DPRK's two freezes, the allies' joint one, and talks. */
export const PLAYED = `id: calib
title: Calibration test
status: proposed
effective: 2020-01-01
parties: [{ id: PRK, role: party }, { id: USA, role: party }, { id: KOR, role: party }]
obligations:
  - { id: no-launches, title: No launches, debtor: PRK, kind: refrain, counts: actor=PRK type=missile_launch }
  - { id: no-tests, title: No tests, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }
  - { id: no-drills, title: No drills, debtor: [USA, KOR], creditor: PRK, kind: refrain, counts: actor=USA type=military_exercise status=held }
  - { id: talks, title: Talks, debtor: [USA, PRK], kind: perform, counts: actor=USA type=summit_or_meeting }
phases:
  - { id: talks, title: Talks, enters: { fulfilled: talks } }
`;

/** A step and its answer, by two parties (`late`: the answer owed within ten days of day 0). */
const account = (id: string, step: string, answer: string, late = false) => `id: ${id}
title: ${id}
status: in_force
effective: 2020-01-01
parties: [{ id: PRK, role: party }, { id: USA, role: party }, { id: KOR, role: party }]
obligations:
  - { id: step, title: Step, debtor: ${step.split(" ")[0]!.slice(6)}, kind: perform, counts: ${step} }
  - { id: answer, title: Answer, debtor: ${answer.split(" ")[0]!.slice(6)}, kind: perform, counts: ${answer}${late ? ", window: { for: P10D }" : ""} }
links: [{ kind: in_return_for, from: step, to: answer }]
`;

/**
 * The accounts: x answered in 10 days (2020-02-01 → 02-11), y late in 29 (2020-02-01 → 03-01, due 01-10), z never
 * answered, and x again under another id (the same answer: counted once).
 */
export const ACCOUNTS = [
  account("acc-x", "actor=PRK type=document_handover", "actor=USA type=document_handover"),
  account("acc-y", "actor=KOR type=repatriation", "actor=PRK type=repatriation", true),
  account("acc-z", "actor=USA type=aid_delivered", "actor=KOR type=aid_delivered"),
  account("acc-x-again", "actor=PRK type=document_handover", "actor=USA type=document_handover"),
];

export function agreementOf(text: string, file = "test.yaml"): Agreement {
  const r = parseAgreement(text, file);
  const errors = r.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new Error(JSON.stringify(errors));
  return r.agreement!;
}

/** The played agreement as a file (for the command line). */
export function playedFile(dir: string): string {
  const file = join(dir, "calib.yaml");
  writeFileSync(file, PLAYED);
  return file;
}
