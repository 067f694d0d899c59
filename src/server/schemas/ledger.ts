/** What the ledger routes answer: health, the chain's verification, the audit, the coverage and the checkpoint. */
import { AUDIT_RULES, CLASS_RANK, COVERAGE_EXTENTS } from "../../model/index.js";
import {
  answer,
  arrayOf,
  boolean,
  instant,
  oneOf,
  strictObject,
  text,
  wholeNumber,
  type Schema,
} from "./json-schema.js";
import { eventTypeSchema } from "./events.js";

const hash = text("SHA-256, hex");
const problems = arrayOf(text(), "what is wrong, in words; empty when ok");

/** A hash-chained log beside the entries: tokens, imports (src/ledger/log-chain.ts). */
const logReport = strictObject({
  ok: boolean(),
  kept: boolean("false on a ledger from before schema 5, which keeps no such log yet"),
  records: wholeNumber(),
  head: hash,
  problems,
});

/** `lockstep verify --json` (src/ledger/verify.ts); `database`, `tokens` and `imports` only when all was checked. */
const verifyFields = {
  required: { ok: boolean(), entries: wholeNumber(), head: text("hash of the last link: publish it") },
  optional: {
    firstBroken: strictObject(
      { seq: wholeNumber(), id: text(), reason: text() },
      {},
      "the first entry changed outside Lockstep",
    ),
    database: strictObject({ ok: boolean(), checks: arrayOf(text(), "what was checked"), problems }),
    tokens: logReport,
    imports: logReport,
  },
};

export const verifyAnswer = answer(
  "the chain recomputed from the first entry (always 200: read `ok`)",
  strictObject(verifyFields.required, verifyFields.optional),
);

export const healthAnswer = answer(
  "event counts and the chain's state",
  strictObject(
    {
      ok: boolean(),
      entries: wholeNumber("entries in the chain"),
      events: wholeNumber("events in the current view"),
      schemaVersion: wholeNumber(),
      engine: strictObject({
        name: oneOf(["sqlite", "postgresql"]),
        version: text("the engine's version: SQLite's library, or the PostgreSQL server's server_version"),
      }),
      chain: strictObject(
        {
          ...verifyFields.required,
          checkedAt: instant(),
          fullCheckAt: instant("when the whole chain was last read"),
        },
        verifyFields.optional,
      ),
    },
    {
      replica: strictObject({
        location: text("the read replica's URL, without its password (`lockstep serve --read-replica`)"),
        replayed: text("the WAL position the replica has replayed"),
        lagBytes: wholeNumber(
          "how far its replay is behind the primary's WAL position now, in bytes: 0 when caught up",
        ),
        lastReplayedCommit: {
          anyOf: [
            instant(
              "when the last transaction it replayed was committed on the primary: old when the primary is idle",
            ),
            { type: "null" },
          ],
        },
      }),
    },
  ),
);

const finding = strictObject(
  {
    rule: oneOf(Object.keys(AUDIT_RULES)),
    severity: oneOf(["error", "warning"]),
    event: text(),
    date: text(),
    type: eventTypeSchema,
    message: text(),
  },
  { summary: text(), excepted: text("the reason it is accepted, from the exceptions file") },
);

export const auditAnswer = answer(
  "the record checked against the source policy",
  strictObject({
    events: wholeNumber(),
    byClass: strictObject(
      Object.fromEntries([...CLASS_RANK, "no URL"].map((c): [string, Schema] => [c, wholeNumber()])),
      {},
      "events by the strongest class of their sources",
    ),
    findings: arrayOf(finding),
    errors: wholeNumber(),
    warnings: wholeNumber(),
    excepted: wholeNumber(),
  }),
);

export const coverageAnswer = answer(
  "each family of events and the period it is researched over; empty when none is written down",
  arrayOf(
    strictObject({
      id: text(),
      label: text(),
      filter: text("type (and actor) terms naming the family"),
      from: text(),
      to: text(),
      extent: oneOf(COVERAGE_EXTENTS),
      basis: text("how the period and the extent are known"),
    }),
  ),
);

export const checkpointAnswer = {
  description: "the signed checkpoint, as the file holds it (a C2SP signed note)",
  content: { "text/plain": { schema: text() } },
};
