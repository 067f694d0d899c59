import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAgreement, type Agreement } from "../../src/agreement/index.js";
import { evaluate } from "../../src/engine/index.js";
import { addDays, parseEvent, type LedgerEvent } from "../../src/model/index.js";

/**
 * Properties of evaluate() over random small agreements (a few obligations of each kind, optional windows — also
 * counted from a condition — starts, quantities, debtors each or joint, cure, keep duties, verification, lapses,
 * links of every kind, powers, phases, a withdrawal clause and a termination) and random events over a small set of
 * actors and types:
 *   (a) events that no matcher names change nothing;
 *   (b) events dated after the as-of date change nothing;
 *   (c) the order in which events are given changes nothing.
 */

const ACTORS = ["PRK", "USA"] as const;
const TYPES = [
  "nuclear_test",
  "missile_launch",
  "summit_or_meeting",
  "aid_delivered",
  "facility_status",
] as const;
/** Named by no matcher: neither these actors nor these types. */
const OTHER_ACTORS = ["JPN", "RUS"] as const;
const OTHER_TYPES = ["veto", "statement"] as const;

const EPOCH = "2020-01-01";
const day = (min: number, max: number) => fc.integer({ min, max }).map((n) => addDays(EPOCH, n));
const duration = fc.integer({ min: 1, max: 90 }).map((n) => `P${n}D`);

const matcher = fc.record({
  actor: fc.constantFrom(...ACTORS),
  type: fc.constantFrom(...TYPES),
  icbm: fc.boolean(),
});
const matcherText = (m: { actor: string; type: string; icbm: boolean }) =>
  `actor=${m.actor} type=${m.type}${m.type === "missile_launch" && m.icbm ? " class=ICBM" : ""}${m.type === "facility_status" ? ` status=${m.icbm ? "restarted" : "shut_down"}` : ""}`;

/** A start condition that refers only to earlier obligations, so that most agreements have no deadlock. */
const startFor = (i: number): fc.Arbitrary<unknown> => {
  const earlier = fc.integer({ min: 0, max: Math.max(0, i - 1) }).map((j) => `o${j}`);
  const options: fc.Arbitrary<unknown>[] = [
    fc.constant(undefined),
    fc.constant(undefined),
    day(-10, 120),
    matcher.map((m) => ({ event: matcherText(m) })),
  ];
  if (i > 0)
    options.push(
      earlier.map((o) => ({ fulfilled: o })),
      fc.tuple(earlier, duration).map(([o, d]) => ({ held: o, for: d })),
      fc.tuple(earlier, day(0, 120)).map(([o, d]) => ({ any: [d, { violated: o }] })),
      fc.tuple(earlier, day(0, 120)).map(([o, d]) => ({ all: [d, { started: o }] })),
    );
  return fc.oneof(...options);
};

const obligationAt = (i: number) =>
  fc
    .record({
      kind: fc.constantFrom("perform", "refrain", "maintain"),
      debtor: fc.constantFrom(...ACTORS),
      each: fc.boolean(),
      counts: matcher,
      start: startFor(i),
      window: fc.option(
        fc.oneof(
          day(0, 200).map((d) => ({ until: d })),
          duration.map((d) => ({ for: d })),
          fc
            .tuple(duration, startFor(i))
            .map(([d, from]) => ({ for: d, ...(from !== undefined ? { from } : {}) })),
        ),
        {
          nil: undefined,
        },
      ),
      every: duration,
      quantity: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
      cureNone: fc.boolean(),
      then: fc.option(matcher, { nil: undefined }),
      verified: fc.option(matcher, { nil: undefined }),
      lapses: fc.option(startFor(i), { nil: undefined }),
    })
    .map((o) => ({
      id: `o${i}`,
      title: `Obligation ${i}`,
      debtor: o.each ? { each: [...ACTORS] } : o.debtor,
      creditor: o.debtor === "PRK" ? "USA" : "PRK",
      kind: o.kind,
      counts: o.each ? matcherText(o.counts).replace(/^actor=\S+ /, "") : matcherText(o.counts),
      ...(o.start !== undefined ? { start: o.start } : {}),
      ...(o.window ? { window: o.window } : {}),
      ...(o.kind === "maintain" ? { every: o.every } : {}),
      ...(o.quantity !== undefined && o.kind !== "refrain"
        ? { quantity: { value: o.quantity, unit: "t" } }
        : {}),
      ...(o.cureNone && o.kind !== "refrain" ? { cure: "none" } : {}),
      ...(o.then && o.kind === "perform" ? { then: { kind: "refrain", counts: matcherText(o.then) } } : {}),
      ...(o.verified && o.kind === "perform" ? { verified_by: matcherText(o.verified) } : {}),
      ...(o.lapses !== undefined ? { lapses: o.lapses } : {}),
    }));

const agreementInput = fc.integer({ min: 1, max: 4 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `o${i}`);
  const pair = fc
    .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
    .filter(([x, y]) => x < y)
    .map(([x, y]) => [ids[x]!, ids[y]!] as const);
  const link =
    n < 2
      ? fc.constant(undefined)
      : fc
          .tuple(
            fc.constantFrom(
              "gates",
              "unlocks",
              "unlocks-held",
              "in_return_for",
              "remedy",
              "paired",
              "parallel",
            ),
            pair,
            duration,
          )
          .map(([kind, [from, to], held]) =>
            kind === "unlocks-held"
              ? { kind: "unlocks", from, to, on: "held", held }
              : kind === "in_return_for"
                ? { kind, from, to, held }
                : kind === "parallel"
                  ? { kind, from, to, tolerance: held }
                  : { kind, from, to },
          );
  const power = fc
    .record({
      action: fc.constantFrom("suspend", "resume", "terminate"),
      holder: fc.constantFrom(...ACTORS),
      targets: fc.subarray(ids, { minLength: 1 }),
      all: fc.boolean(),
      available: fc.option(
        fc.oneof(
          day(0, 200),
          fc.constantFrom(...ids).map((o) => ({ violated: o })),
        ),
        { nil: undefined },
      ),
      effect: fc.constantFrom("ended", "reaffirmed", "announced"),
    })
    .map((p) => ({
      holder: p.holder,
      action: p.action,
      obligations: p.all ? "all" : p.targets,
      ...(p.available !== undefined ? { available: p.available } : {}),
      exercised: `actor=${p.holder} type=declaration subject=deal effect=${p.effect}`,
    }));
  const phase = fc.oneof(
    day(0, 200),
    fc.constantFrom(...ids).map((o) => ({ started: o })),
    fc.constantFrom(...ids).map((o) => ({ fulfilled: o })),
  );
  return fc.record({
    obligations: fc.tuple(...ids.map((_, i) => obligationAt(i))),
    links: fc.array(link, { maxLength: 3 }),
    powers: fc.array(power, { maxLength: 2 }),
    phases: fc.array(phase, { maxLength: 2 }),
    status: fc.constantFrom("in_force", "proposed", "terminated"),
    terminated: day(0, 200),
    withdrawal: fc.option(
      fc.record({
        own: fc.constantFrom("breached", "discharged"),
        others: fc.constantFrom("continue", "discharged", "terminated"),
      }),
      { nil: undefined },
    ),
  });
});

type AgreementInput = typeof agreementInput extends fc.Arbitrary<infer T> ? T : never;

/** The agreement, or undefined when the random one has an error (a deadlock through pairing, mostly). */
function toAgreement(x: AgreementInput): Agreement | undefined {
  const input = {
    id: "random",
    title: "Random",
    status: x.status,
    effective: EPOCH,
    ...(x.status === "terminated" ? { terminated: { date: x.terminated } } : {}),
    parties: ACTORS.map((id) => ({ id, role: "party" })),
    obligations: x.obligations,
    links: x.links.filter(Boolean),
    powers: x.powers.map((p, i) => ({ id: `p${i}`, ...p })),
    phases: x.phases.map((enters, i) => ({ id: `ph${i}`, title: `Phase ${i}`, enters })),
    ...(x.withdrawal ? { withdrawal: { counts: "type=withdrawal", ...x.withdrawal } } : {}),
  };
  // YAML is a superset of JSON.
  const r = parseAgreement(JSON.stringify(input), "random.yaml");
  return r.agreement;
}

const CONFIDENCE = ["confirmed", "reported", "unverified", "disputed"] as const;
const CLASSES = ["ICBM", "IRBM", "SRBM"] as const;

function event(
  e: { date: string; actor: string; type: string; cls: number; conf: number; effect: string },
  k: number,
): LedgerEvent {
  const attributes: Record<string, unknown> =
    e.type === "missile_launch"
      ? { class: CLASSES[e.cls % CLASSES.length] }
      : e.type === "declaration"
        ? { subject: "deal", effect: e.effect }
        : e.type === "summit_or_meeting"
          ? { name: "talks" }
          : e.type === "sanctions_relieved"
            ? { authority: "UNSC", instrument: "Resolution" }
            : e.type === "aid_delivered"
              ? { goods: "heavy_fuel_oil" }
              : e.type === "facility_status"
                ? { facility: "reactor", status: e.cls % 2 ? "restarted" : "shut_down" }
                : e.type === "withdrawal"
                  ? { agreement: "random" }
                  : e.type === "veto"
                    ? { body: "UNSC" }
                    : e.type === "statement"
                      ? { subject: "anything" }
                      : {};
  const r = parseEvent({
    type: e.type,
    date: e.date,
    actor: e.actor,
    attributes,
    // Amounts now and then in another unit (kg adds up, USD does not), now and then none.
    ...(e.type === "aid_delivered" && e.cls % 4 !== 3
      ? { amount: { value: 10 + (e.cls % 90), unit: ["t", "kg", "USD"][e.cls % 3] } }
      : {}),
    sources: [{ title: `source ${k}` }],
    confidence: CONFIDENCE[e.conf % CONFIDENCE.length],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.event;
}

/**
 * Every third day from..to after the epoch, so that events often share a day (where order could leak in), and now
 * and then a partial date (placed on the first day it covers).
 */
const dates = (from: number, to: number) => {
  const every3 = fc
    .integer({ min: Math.ceil(from / 3), max: Math.floor(to / 3) })
    .map((n) => addDays(EPOCH, 3 * n));
  return fc.oneof(
    { weight: 9, arbitrary: every3 },
    { weight: 1, arbitrary: every3.map((d) => d.slice(0, 7)) },
  );
};

const eventsOf = (actors: readonly string[], types: readonly string[], date: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.record({
        date,
        actor: fc.constantFrom(...actors),
        type: fc.constantFrom(...types),
        cls: fc.nat(),
        conf: fc.nat(),
        effect: fc.constantFrom("ended", "reaffirmed", "announced"),
      }),
      { minLength: 4, maxLength: 40 },
    )
    .map((es) => es.map(event));

const RELEVANT_TYPES = [...TYPES, "declaration", "withdrawal"];
const relevant = eventsOf(ACTORS, RELEVANT_TYPES, dates(-10, 160));
const asOfDay = day(-5, 200);
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };

const run = (a: Agreement, events: LedgerEvent[], asOf: string) => JSON.stringify(evaluate(a, events, asOf));

describe("evaluate: properties", () => {
  it("(a) adding events that no matcher names changes nothing (but the ledger-wide hints of a warning)", () => {
    fc.assert(
      fc.property(
        agreementInput,
        relevant,
        eventsOf(OTHER_ACTORS, OTHER_TYPES, dates(-10, 160)),
        asOfDay,
        (input, events, unrelated, asOf) => {
          const a = toAgreement(input);
          fc.pre(a !== undefined);
          // A warning that a matcher matches nothing suggests the closest values in the whole ledger, which
          // unrelated events may add to; which matchers match nothing, and everything else, cannot change.
          const withUnrelated = evaluate(a!, [...events, ...unrelated], asOf);
          const without = evaluate(a!, events, asOf);
          const { warnings: w1, ...rest1 } = withUnrelated;
          const { warnings: w2, ...rest2 } = without;
          expect(JSON.stringify(rest1)).toBe(JSON.stringify(rest2));
          expect(w1.map((w) => w.at)).toEqual(w2.map((w) => w.at));
        },
      ),
      RUNS,
    );
  });

  it("(b) adding events dated after the as-of date changes nothing", () => {
    const asOfAndLater = asOfDay.chain((asOf) => {
      const after = fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => addDays(asOf, n)) },
        // A month that begins after the as-of date.
        { weight: 1, arbitrary: fc.integer({ min: 31, max: 400 }).map((n) => addDays(asOf, n).slice(0, 7)) },
      );
      return fc.tuple(fc.constant(asOf), eventsOf(ACTORS, RELEVANT_TYPES, after));
    });
    fc.assert(
      fc.property(agreementInput, relevant, asOfAndLater, (input, events, [asOf, later]) => {
        const a = toAgreement(input);
        fc.pre(a !== undefined);
        expect(run(a!, [...events, ...later], asOf)).toBe(run(a!, events, asOf));
      }),
      RUNS,
    );
  });

  it("(c) the order of the events changes nothing", () => {
    fc.assert(
      fc.property(
        agreementInput,
        relevant,
        asOfDay,
        fc.infiniteStream(fc.nat()),
        (input, events, asOf, randoms) => {
          const a = toAgreement(input);
          fc.pre(a !== undefined);
          // Fisher–Yates with the stream's numbers, so that a failure shrinks and replays.
          const shuffled = [...events];
          const it = randoms[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expect(run(a!, shuffled, asOf)).toBe(run(a!, events, asOf));
          expect(run(a!, [...events].reverse(), asOf)).toBe(run(a!, events, asOf));
        },
      ),
      RUNS,
    );
  });

  it("(d) the history is a chain: each transition starts where the last ended, dates never go back", () => {
    fc.assert(
      fc.property(agreementInput, relevant, asOfDay, (input, events, asOf) => {
        const a = toAgreement(input);
        fc.pre(a !== undefined);
        for (const o of evaluate(a!, events, asOf).obligations) {
          const parts = o.parties ?? [{ ...o, party: null }];
          for (const p of parts) {
            let status = "dormant";
            let date = "";
            for (const h of p.history) {
              expect(h.from).toBe(status);
              expect(h.date >= date).toBe(true);
              expect(h.date <= asOf).toBe(true);
              if (h.to === "fulfilled_late") expect(h.daysLate).toBeGreaterThan(0);
              [status, date] = [h.to, h.date];
            }
            expect(p.status).toBe(status);
            if (p.history.length) expect(p.since).toBe(date);
          }
          if (o.quantity)
            expect(o.quantity.done).toBe(o.quantity.contributions.reduce((x, c) => x + c.counted, 0));
        }
      }),
      RUNS,
    );
  });

  it("random agreements mostly load (the generator is not testing nothing)", () => {
    const samples = fc.sample(agreementInput, { numRuns: 200, seed: 42 });
    const loaded = samples.filter((x) => toAgreement(x) !== undefined).length;
    expect(loaded).toBeGreaterThan(150);
  });
});
