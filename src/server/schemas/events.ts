/** What the event routes answer: events in the interchange form, facets, and the reports of a write or an import. */
import { CONFIDENCE_LEVELS, EVENT_TYPES, UNITS } from "../../model/index.js";
import {
  answer,
  arrayOf,
  mapOf,
  nullable,
  number,
  oneOf,
  strictObject,
  text,
  wholeNumber,
  type Schema,
} from "./json-schema.js";

const codes = (description: string): Schema => ({
  description,
  anyOf: [text(), arrayOf(text())],
});

export const sourceSchema = strictObject(
  {},
  {
    url: text(),
    title: text(),
    publisher: text(),
    date: text("publication date, partial allowed"),
    quote: text(),
  },
);

export const unitSchema = oneOf(Object.keys(UNITS));
export const amountSchema = strictObject({ value: number(), unit: unitSchema });

export const eventTypeSchema = oneOf(EVENT_TYPES);
export const confidenceSchema = oneOf(CONFIDENCE_LEVELS);

/** An event as `lockstep events --format json` writes it (src/importers/export.ts, docs/interchange.md). */
export const eventJsonSchema = strictObject(
  {
    id: text("derived from the event's content"),
    date: text("local date: YYYY-MM-DD, YYYY-MM or YYYY"),
    actor: codes("one actor code, or a list"),
    type: eventTypeSchema,
    count: wholeNumber(),
    attributes: mapOf({}, "the attributes of the event's type (docs/event-model.md)"),
    sources: arrayOf(sourceSchema),
    confidence: confidenceSchema,
  },
  {
    time: text("UTC instant, ISO 8601"),
    end: text("last local day of an event that lasts, inclusive"),
    target: codes("one actor code, or a list"),
    amount: amountSchema,
    summary: text(),
    supersedes: arrayOf(text(), "ids of the events this one corrects, merges or retracts"),
    note: text(),
    provenance: strictObject({ importer: text(), file: text(), record: text() }),
    supersededBy: arrayOf(text(), "with `history`: ids of the events that superseded this one"),
  },
);

export const eventPageAnswer = answer(
  "a page of the matching events",
  strictObject(
    {
      total: wholeNumber("all the matches, on every page"),
      limit: wholeNumber(),
      offset: wholeNumber(),
      events: arrayOf(eventJsonSchema),
    },
    { next: text("on a full page: pass as `after` for the next page") },
  ),
);

const span = {
  first: nullable(text("the first event's first day; null when there is none")),
  last: nullable(text("the last day an event reaches; null when there is none")),
};

export const facetsAnswer = answer(
  "how many events of each type, and the days they span",
  strictObject({
    events: wholeNumber(),
    ...span,
    types: arrayOf(strictObject({ type: text(), events: wholeNumber(), first: text(), last: text() })),
  }),
);

const added = strictObject({
  added: wholeNumber(),
  duplicates: wholeNumber("already in the ledger: not added again"),
  ids: arrayOf(text(), "the ids of the events added"),
});

export const eventsAddedAnswers = {
  201: answer("events were added", added),
  200: answer("every event was in the ledger already: nothing added", added),
};

const imported = strictObject({
  importer: text("the format read"),
  file: text("as the events' provenance records it: api/TOKEN-ID/FILENAME"),
  read: wholeNumber("records read"),
  added: wholeNumber(),
  duplicates: wholeNumber("already in the ledger: not added again"),
  filtered: wholeNumber("left out by `actors`"),
  rejected: wholeNumber("invalid records (always 0: one makes the import fail)"),
});

export const importAnswers = {
  201: answer("events were imported", imported),
  200: answer("every event was in the ledger already: nothing added", imported),
};
