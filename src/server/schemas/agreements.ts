/** What the agreement routes answer: the agreements known, and an agreement evaluated (src/engine/result.ts). */
import { AGREEMENT_STATUSES, OBLIGATION_KINDS, PARTY_ROLES, POWER_ACTIONS } from "../../agreement/schema.js";
import { FINAL_STATUSES, OPEN_STATUSES } from "../../engine/index.js";
import {
  answer,
  arrayOf,
  boolean,
  nullable,
  number,
  oneOf,
  strictObject,
  text,
  wholeNumber,
} from "./json-schema.js";
import { amountSchema, confidenceSchema, eventTypeSchema, sourceSchema, unitSchema } from "./events.js";

const parties = (description?: string) => arrayOf(text(), description);
const day = nullable(text());
const kind = oneOf(OBLIGATION_KINDS);
const status = oneOf([...OPEN_STATUSES, ...FINAL_STATUSES]);

export const agreementsAnswer = answer(
  "the agreements this server evaluates",
  strictObject({
    agreements: arrayOf(
      strictObject(
        {
          id: text(),
          title: text(),
          status: oneOf(AGREEMENT_STATUSES),
          origin: oneOf(["bundled", "custom"], "bundled, or from a directory given with --agreements"),
          parties: arrayOf(strictObject({ id: text(), role: oneOf(PARTY_ROLES) }, { name: text() })),
          obligations: arrayOf(
            strictObject({
              id: text(),
              title: text(),
              kind,
              debtors: parties(),
              debtorMode: text("jointly or each"),
              counts: text("the events that count, as filter terms"),
            }),
          ),
        },
        { signed: text(), effective: text(), summary: text() },
      ),
    ),
  }),
);

/** An event as a report cites it. */
const evidence = strictObject(
  {
    id: text(),
    date: text(),
    type: eventTypeSchema,
    actors: parties(),
    count: wholeNumber(),
    confidence: confidenceSchema,
    sources: arrayOf(sourceSchema),
  },
  { targets: parties(), amount: amountSchema, summary: text() },
);
const evidenceList = arrayOf(evidence);

const transition = strictObject(
  {
    date: text(),
    from: status,
    to: status,
    cause: strictObject(
      {
        kind: text("start, event, deadline, obligation, power, withdrawal, lapse or agreement"),
        text: text(),
      },
      { events: parties(), date: text(), obligation: text(), status, power: text(), party: text() },
    ),
  },
  { daysLate: wholeNumber(), party: text("whose part moved") },
);

const quantity = strictObject(
  {
    required: amountSchema,
    owed: number(),
    done: number(),
    share: number("done / owed"),
    contributions: arrayOf(
      strictObject({
        event: text(),
        date: text(),
        value: number(),
        unit: unitSchema,
        counted: number(),
      }),
    ),
    notCounted: arrayOf(strictObject({ event: text(), date: text(), reason: text() })),
  },
  {
    byParty: arrayOf(
      strictObject({ party: text(), share: nullable(number()), owed: nullable(number()), done: number() }),
    ),
  },
);

const partFields = {
  status,
  provisional: boolean("rests only on unverified or disputed events, or a step not yet verified"),
  since: day,
  due: day,
  daysLate: nullable(wholeNumber()),
  evidence: evidenceList,
  history: arrayOf(transition),
  afterWithdrawal: evidenceList,
};

const spell = strictObject({ from: text(), to: text(), days: wholeNumber(), open: boolean() });

const obligation = strictObject(
  {
    id: text(),
    title: text(),
    debtor: parties(),
    debtorMode: text("jointly or each"),
    creditor: parties(),
    kind,
    counts: text(),
    ...partFields,
    violable: boolean("false: a perform with no deadline, own or from a parallel link; owed, never missed"),
    started: day,
    context: evidenceList,
    outsideTerms: strictObject({
      count: wholeNumber(),
      groups: arrayOf(
        strictObject({
          attribute: text(),
          value: text(),
          count: wholeNumber(),
          first: evidence,
          latest: evidence,
        }),
      ),
    }),
  },
  {
    parties: arrayOf(strictObject({ party: text(), ...partFields }, { quantity })),
    statusChanges: arrayOf(strictObject({ date: text(), status })),
    quantity,
    verification: strictObject({ by: text(), status: text(), date: day, evidence: evidenceList }),
    keep: strictObject({ kind, counts: text(), until: day, reversedBy: evidenceList }),
    spells: arrayOf(spell),
    note: text(),
    source: strictObject(
      { document: text() },
      { article: text(), quote: text(), title: text(), url: text() },
    ),
  },
);

const step = strictObject(
  { party: parties(), obligation: text(), title: text(), kind: text(), began: text(), date: text() },
  { daysLate: wholeNumber(), share: number(), reversedOn: text() },
);

const link = strictObject(
  {
    kind: text(),
    from: text(),
    to: text(),
    fromParty: parties(),
    toParty: parties(),
    fromStep: nullable(step),
    toStep: nullable(step),
    firstMover: nullable(parties()),
    answer: nullable(
      strictObject(
        { status: text(), date: day, daysWaited: nullable(wholeNumber()), evidence: evidenceList },
        { share: number() },
      ),
    ),
  },
  { together: arrayOf(spell), note: text() },
);

const partyAccount = strictObject({
  party: text(),
  steps: wholeNumber(),
  owedAnswer: wholeNumber(),
  answered: wholeNumber(),
  late: wholeNumber(),
  partly: wholeNumber(),
  preceded: wholeNumber(),
  unanswered: wholeNumber(),
  pending: wholeNumber(),
  medianWait: nullable(number()),
});

const power = strictObject(
  {
    id: text(),
    holder: parties(),
    action: oneOf(POWER_ACTIONS),
    obligations: { description: "the obligations it acts on, or all", anyOf: [parties(), oneOf(["all"])] },
    availableSince: day,
    exercised: arrayOf(
      strictObject({
        date: text(),
        events: parties(),
        changed: arrayOf(
          strictObject({ obligation: text(), party: nullable(text()), from: status, to: status }),
        ),
        noEffect: arrayOf(strictObject({ obligation: text(), party: nullable(text()), status })),
      }),
    ),
  },
  { note: text() },
);

export const evaluationAnswer = answer(
  "the agreement evaluated against the ledger as of the day (the JSON of `lockstep check --format json`)",
  strictObject({
    agreement: strictObject({
      id: text(),
      title: text(),
      status: oneOf(AGREEMENT_STATUSES),
      hypothetical: boolean("a proposal, evaluated as if it had been in force"),
      effective: day,
    }),
    asOf: text(),
    summary: strictObject({
      firstBreach: nullable(strictObject({ obligation: text(), party: parties(), date: text(), status })),
      firstStep: nullable(step),
      unanswered: arrayOf(strictObject({ from: text(), to: text(), party: parties(), since: day })),
      text: text(),
    }),
    phase: nullable(strictObject({ id: text(), title: text(), since: text() })),
    phases: arrayOf(strictObject({ id: text(), title: text(), entered: day })),
    obligations: arrayOf(obligation),
    nextMoves: arrayOf(
      strictObject(
        { party: text(), obligation: text(), title: text(), kind, state: text(), due: day },
        { waitingOn: arrayOf(text()) },
      ),
    ),
    reciprocity: strictObject({ steps: arrayOf(step), links: arrayOf(link), parties: arrayOf(partyAccount) }),
    powers: arrayOf(power),
    withdrawals: arrayOf(strictObject({ party: text(), date: text(), events: evidenceList })),
    warnings: arrayOf(strictObject({ kind: text(), at: text(), matcher: text(), message: text() })),
  }),
);
