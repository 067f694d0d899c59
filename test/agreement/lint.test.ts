import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  formatAgreementIssue,
  formatPath,
  parseAgreement,
  type AgreementIssue,
} from "../../src/agreement/index.js";

/**
 * The loader's contract (docs/agreements.md, "Errors"): every problem comes with the file, line and column, the path
 * in the document, and what was expected and what was found; errors block loading, warnings do not.
 */

/** A header of 11 lines, so that the first obligation starts on line 12. */
const HEADER = `id: x
title: X
status: in_force
effective: 2020-01-01
parties:
  - { id: PRK, role: party }
  - { id: USA, role: party }
  - { id: CHN, role: proposer }
documents:
  - { id: statement, title: A statement }
obligations:
`;

/** An agreement with the given obligations (YAML list items, indented by two) and more top-level text after them. */
const withObligations = (obligations: string, rest = "") => HEADER + obligations + rest;

const A = `  - { id: a, title: A, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test }\n`;
const B = `  - { id: b, title: B, debtor: USA, kind: refrain, counts: actor=USA type=military_exercise }\n`;
const C = `  - { id: c, title: C, debtor: USA, kind: perform, counts: actor=USA type=summit_or_meeting, window: { for: P30D } }\n`;

const errorsOf = (text: string) =>
  parseAgreement(text, "x.yaml").issues.filter((i) => i.severity === "error");

/** The one error the text has, located in the file; fails if there are none or several. */
function onlyError(text: string): AgreementIssue {
  const errors = errorsOf(text);
  expect(errors.map(formatAgreementIssue)).toHaveLength(1);
  const e = errors[0]!;
  expect(e.file).toBe("x.yaml");
  expect(e.line).toBeGreaterThanOrEqual(1);
  expect(e.column).toBeGreaterThanOrEqual(1);
  expect(formatAgreementIssue(e)).toMatch(/^x\.yaml:\d+:\d+: error: /);
  return e;
}

const pathOf = (i: AgreementIssue) => formatPath(i.at);

describe("a valid agreement", () => {
  it("loads the example of docs/agreements.md without any issue", () => {
    const doc = readFileSync(new URL("../../docs/agreements.md", import.meta.url), "utf8");
    const example = /## A small example\n\n```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = parseAgreement(example, "x.yaml");
    expect(r.issues).toEqual([]);
    expect(r.agreement?.id).toBe("freeze-for-freeze");
    expect(r.agreement?.file).toBe("x.yaml");
    expect(r.agreement?.obligations.map((o) => o.id)).toEqual([
      "dprk-test-freeze",
      "us-exercise-freeze",
      "talks",
    ]);
  });

  it("loads the phased-deal example of docs/agreements.md without any issue", () => {
    const doc = readFileSync(new URL("../../docs/agreements.md", import.meta.url), "utf8");
    const example = /## Real phased deals[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const header = `id: x\ntitle: X\nstatus: in_force\neffective: 2007-02-13\nparties:\n${["PRK", "KOR", "USA", "CHN", "RUS"].map((p) => `  - { id: ${p}, role: party }`).join("\n")}\n`;
    const r = parseAgreement(header + example, "x.yaml");
    expect(r.issues).toEqual([]);
    expect(r.agreement?.obligations.map((o) => [o.id, o.debtorMode])).toEqual([
      ["shutdown", "jointly"],
      ["fuel", "jointly"],
      ["declarations", "each"],
    ]);
  });

  it("loads a small agreement of every obligation kind", () => {
    const r = parseAgreement(
      withObligations(
        A +
          C +
          `  - { id: m, title: M, debtor: USA, kind: maintain, every: P90D, counts: actor=USA type=summit_or_meeting }\n`,
        `links:\n  - { kind: in_return_for, from: a, to: c }\n`,
      ),
      "x.yaml",
    );
    expect(r.issues).toEqual([]);
    expect(r.agreement?.obligations.map((o) => o.kind)).toEqual(["refrain", "perform", "maintain"]);
  });
});

describe("formatPath", () => {
  it("writes keys with dots and indices in brackets", () => {
    expect(formatPath(["obligations", 3, "window", "from"])).toBe("obligations[3].window.from");
    expect(formatPath(["links", 0])).toBe("links[0]");
    expect(formatPath([])).toBe("");
  });
});

describe("errors, located by file, line, column and path", () => {
  it("an unknown key in a window: at the key, with what a window must be", () => {
    const text = withObligations(`  - id: a
    title: A
    debtor: PRK
    kind: perform
    counts: actor=PRK type=nuclear_test
    window: { since: 2020-01-01 }
`);
    const e = onlyError(text);
    expect(e).toMatchObject({
      file: "x.yaml",
      line: 17,
      column: 15,
      at: ["obligations", 0, "window", "since"],
    });
    expect(formatAgreementIssue(e)).toBe(
      'x.yaml:17:15: error: obligations[0].window.since: unknown key "since": must be {until: DATE} or {for: DURATION, from: CONDITION}',
    );
  });

  it("a key one form of a union knows is not unknown: only the stray key is reported", () => {
    // Before: `unknown key "for"` too, because the {until} form does not know it.
    const text = withObligations(`  - id: a
    title: A
    debtor: PRK
    kind: perform
    counts: actor=PRK type=nuclear_test
    window: { for: P60D, since: 2020-01-01 }
`);
    const e = onlyError(text);
    expect(pathOf(e)).toBe("obligations[0].window.since");
    expect(e.message).toBe('unknown key "since": must be {until: DATE} or {for: DURATION, from: CONDITION}');
  });

  it("a form missing a key it needs: says which", () => {
    const e = onlyError(
      withObligations(`  - { id: a, title: A, debtor: PRK, kind: perform, counts: actor=PRK type=nuclear_test, window: { from: 2020-01-01 } }
`),
    );
    expect(pathOf(e)).toBe("obligations[0].window");
    expect(e.message).toMatch(/^missing key "for": /);
  });

  it("a condition with one stray key: that key, not the condition's own", () => {
    const e = onlyError(withObligations(A.replace(" }\n", ", start: { held: a, for: P30D, extra: 1 } }\n")));
    expect(pathOf(e)).toBe("obligations[0].start.extra");
  });

  it("an invalid calendar date: what was expected, and what was found", () => {
    const text = withObligations(`  - id: a
    title: A
    debtor: PRK
    kind: perform
    counts: actor=PRK type=nuclear_test
    window: { until: 2021-02-30 }
`);
    const e = onlyError(text);
    expect(e).toMatchObject({
      file: "x.yaml",
      line: 17,
      column: 15,
      at: ["obligations", 0, "window", "until"],
    });
    expect(e.message).toMatch(/must be a real calendar date/);
    expect(e.received).toContain("2021-02-30");
    expect(formatAgreementIssue(e)).toBe(
      'x.yaml:17:15: error: obligations[0].window.until: must be a real calendar date; found "2021-02-30"',
    );
  });

  it("an invalid duration: says it must be ISO 8601, and what was found", () => {
    const e = onlyError(withObligations(C.replace("P30D", '"90 days"')));
    expect(pathOf(e)).toBe("obligations[0].window.for");
    expect(e.line).toBe(12);
    expect(e.message).toMatch(/must be an ISO 8601 duration/);
    expect(e.received).toContain("90 days");
    // No regular expression in the message: a reader is told in words.
    expect(formatAgreementIssue(e)).not.toMatch(/\^P/);
    expect(formatAgreementIssue(e)).toMatch(/; found "90 days"$/);
  });

  it("an unknown party as debtor: the parties there are, and the one found", () => {
    const e = onlyError(withObligations(A.replace("debtor: PRK", "debtor: KOR")));
    expect(e).toMatchObject({
      at: ["obligations", 0, "debtor"],
      message: 'unknown party "KOR"',
      expected: "PRK | USA | CHN",
      received: "KOR",
      line: 12,
      column: 24, // the key: "debtor"
    });
    expect(formatAgreementIssue(e)).toBe(
      'x.yaml:12:24: error: obligations[0].debtor: unknown party "KOR"; expected PRK | USA | CHN; found KOR',
    );
  });

  it("an unknown party in a list of debtors: at its index", () => {
    const e = onlyError(withObligations(A.replace("debtor: PRK", "debtor: [PRK, KOR]")));
    expect(pathOf(e)).toBe("obligations[0].debtor[1]");
    expect(e.received).toBe("KOR");
  });

  it("a proposer as debtor: a proposer owes nothing", () => {
    const e = onlyError(withObligations(A.replace("debtor: PRK", "debtor: CHN")));
    expect(pathOf(e)).toBe("obligations[0].debtor");
    expect(e.message).toMatch(/"CHN" is a proposer, and a proposer owes nothing/);
  });

  it("an unknown obligation in a link", () => {
    const e = onlyError(withObligations(A + B, `links:\n  - { kind: gates, from: a, to: z }\n`));
    expect(e).toMatchObject({
      at: ["links", 0, "to"],
      message: 'unknown obligation "z"',
      expected: "a | b",
      received: "z",
      line: 15,
      column: 29,
    });
  });

  it("an unknown obligation in a condition", () => {
    const e = onlyError(
      withObligations(A.replace(" }\n", ", start: { any: [2021-01-01, { fulfilled: zz }] } }\n")),
    );
    expect(pathOf(e)).toBe("obligations[0].start.any[1].fulfilled");
    expect(e).toMatchObject({ received: "zz", expected: "a", line: 12 });
  });

  it("a condition with a misspelt key, deep inside all/any: at that key", () => {
    const e = onlyError(
      withObligations(A + B.replace(" }\n", ", start: { any: [2021-01-01, { fulfiled: a }] } }\n")),
    );
    expect(pathOf(e)).toBe("obligations[1].start.any[1].fulfiled");
    expect(e.message).toMatch(/^unknown key "fulfiled": must be a condition/);
  });

  it("a condition with a bad value: the value, not its key, is at fault", () => {
    const held = onlyError(withObligations(A + B.replace(" }\n", ", start: { held: a, for: 90 } }\n")));
    expect(pathOf(held)).toBe("obligations[1].start.for");
    expect(held.received).toBe("90");
    const date = onlyError(withObligations(A.replace(" }\n", ", start: { date: 2021-02-30 } }\n")));
    expect(pathOf(date)).toBe("obligations[0].start.date");
    expect(formatAgreementIssue(date)).toMatch(/must be a real calendar date; found "2021-02-30"$/);
  });

  it("a bare date is a condition everywhere: in all/any and in a power's `available`", () => {
    const r = parseAgreement(
      withObligations(
        A + B.replace(" }\n", ", start: { all: [2021-01-01, { started: a }] } }\n"),
        `powers:\n  - { id: p, holder: USA, action: suspend, obligations: [b], available: 2021-06-01 }\n`,
      ),
      "x.yaml",
    );
    expect(r.issues).toEqual([]);
    expect(r.agreement?.obligations[1]!.start).toEqual({
      kind: "all",
      conditions: [
        { kind: "date", date: "2021-01-01" },
        { kind: "status", status: "started", obligation: "a" },
      ],
    });
    expect(r.agreement?.powers[0]!.available).toEqual({ kind: "date", date: "2021-06-01" });
  });

  it("an unknown document in a source", () => {
    const e = onlyError(withObligations(A.replace(" }\n", ", source: { document: treaty } }\n")));
    expect(e).toMatchObject({
      at: ["obligations", 0, "source", "document"],
      message: 'unknown document "treaty"',
      expected: "statement",
      received: "treaty",
    });
  });

  it("an unknown event type in counts, as text and as a map", () => {
    const text = onlyError(withObligations(A.replace("type=nuclear_test", "type=nuclear_tset")));
    expect(pathOf(text)).toBe("obligations[0].counts");
    expect(text).toMatchObject({
      message: 'unknown event type "nuclear_tset" (did you mean nuclear_test?)',
      received: "nuclear_tset",
    });
    expect(text.expected).toContain("nuclear_test");

    const map = onlyError(
      withObligations(A.replace("actor=PRK type=nuclear_test", "{ actor: PRK, type: nuclear_tset }")),
    );
    expect(pathOf(map)).toBe("obligations[0].counts.type");
    expect(map.received).toBe("nuclear_tset");
  });

  it("an attribute the event type does not have (class on a nuclear_test)", () => {
    const e = onlyError(withObligations(A.replace("type=nuclear_test", "type=nuclear_test class=ICBM")));
    expect(pathOf(e)).toBe("obligations[0].counts");
    expect(e).toMatchObject({
      message: 'no event of type nuclear_test has an attribute "class"',
      expected: "sequence | site | yield",
      received: "class",
    });
  });

  it("an impossible value (class=ICMB): at the term, with the possible values", () => {
    const text = withObligations(`  - id: a
    title: A
    debtor: PRK
    kind: refrain
    counts: { actor: PRK, type: missile_launch, class: ICMB }
`);
    const e = onlyError(text);
    expect(e).toMatchObject({
      line: 16,
      column: 49,
      at: ["obligations", 0, "counts", "class"],
      received: "ICMB",
    });
    expect(formatAgreementIssue(e)).toBe(
      'x.yaml:16:49: error: obligations[0].counts.class: "ICMB" is not a possible class (did you mean ICBM?); ' +
        "expected SRBM | MRBM | IRBM | ICBM | SLBM | SLV | cruise | hypersonic | unknown | guided_weapon | artillery_rocket; found ICMB",
    );
  });

  it("an impossible value in a text matcher and in an event condition", () => {
    const counts = onlyError(
      withObligations(A.replace("type=nuclear_test", "type=missile_launch class=ICMB")),
    );
    expect(pathOf(counts)).toBe("obligations[0].counts");
    expect(counts.received).toBe("ICMB");
    const cond = onlyError(
      withObligations(A.replace(" }\n", ", start: { event: actor=USA type=missile_launch class=ICMB } }\n")),
    );
    expect(pathOf(cond)).toBe("obligations[0].start.event");
    expect(cond.received).toBe("ICMB");
  });

  it("a duplicate obligation id: at the second one", () => {
    const e = onlyError(withObligations(A + B.replace("id: b", "id: a")));
    expect(e).toMatchObject({
      at: ["obligations", 1, "id"],
      line: 13,
      message: 'obligation "a" is defined twice',
    });
  });

  it("a maintain obligation without `every`: at the obligation", () => {
    const e = onlyError(withObligations(B.replace("kind: refrain", "kind: maintain")));
    expect(pathOf(e)).toBe("obligations[0].every");
    expect(e.message).toMatch(/a maintain obligation needs `every`/);
    expect(e.line).toBe(12);
  });

  it("`every` on an obligation that is not maintain", () => {
    const e = onlyError(withObligations(A.replace(" }\n", ", every: P30D }\n")));
    expect(pathOf(e)).toBe("obligations[0].every");
  });

  it("a YAML syntax error, with its line", () => {
    const dup = parseAgreement("id: x\ntitle: X\ntitle: Y\n", "x.yaml");
    expect(dup.agreement).toBeUndefined();
    expect(dup.issues).toHaveLength(1);
    expect(dup.issues[0]).toMatchObject({ kind: "format", file: "x.yaml", line: 3, column: 1, at: [] });
    expect(formatAgreementIssue(dup.issues[0]!)).toBe(
      "x.yaml:3:1: error: not valid YAML: Map keys must be unique",
    );

    const tab = parseAgreement(withObligations(A).replace("  - { id: USA", "\t- { id: USA"), "x.yaml");
    expect(tab.agreement).toBeUndefined();
    expect(tab.issues[0]).toMatchObject({ kind: "format", line: 7 });
    expect(tab.issues[0]!.message).toMatch(/not valid YAML/);
  });

  it("a missing required key: at the nearest place that exists", () => {
    const e = onlyError(withObligations(A.replace("title: A, ", "")));
    expect(pathOf(e)).toBe("obligations[0].title");
    expect(e.line).toBe(12);
  });

  it("reports every error at once, in the order of the text", () => {
    const errors = errorsOf(
      withObligations(
        A.replace("debtor: PRK", "debtor: KOR") + B.replace("type=military_exercise", "type=nope"),
      ),
    );
    expect(errors.map(pathOf)).toEqual(["obligations[0].debtor", "obligations[1].counts"]);
    expect(errors.map((e) => e.line)).toEqual([12, 13]);
  });

  it("a schema error hides no other error: a bad key, an unknown party and a bad link, all at once", () => {
    // Before: the shape error alone was reported, and the rest only once it was fixed.
    const errors = errorsOf(
      withObligations(
        A.replace("kind: refrain", "kind: refrian") +
          B.replace("debtor: USA", "debtor: KOR") +
          C.replace(" }\n", ", colour: red }\n"),
        `links:\n  - { kind: gates, from: b, to: zz }\nphases:\n  - { id: p, enters: 2020-01-01 }\n`,
      ).replace("title: X", "title: X\nstatus2: in_force"),
    );
    expect(errors.map(pathOf)).toEqual([
      "status2",
      "obligations[0].kind",
      "obligations[1].debtor",
      "obligations[2].colour",
      "links[0].to",
      "phases[0].title",
    ]);
  });
});

describe("sequencing deadlocks", () => {
  it("a cycle of gates: A gates B, B gates A", () => {
    const e = onlyError(
      withObligations(
        A + B,
        `links:\n  - { kind: gates, from: a, to: b }\n  - { kind: gates, from: b, to: a }\n`,
      ),
    );
    expect(e.message).toMatch(/^sequencing deadlock: /);
    expect(e.message).toMatch(/a waits on b waits on a|b waits on a waits on b/);
    expect(pathOf(e)).toMatch(/^links\[[01]\]$/);
    expect(e.line).toBeGreaterThanOrEqual(15);
  });

  it("a cycle through an unlocks link and a start condition", () => {
    const e = onlyError(
      withObligations(
        A.replace(" }\n", ", start: { fulfilled: c } }\n") + C,
        `links:\n  - { kind: unlocks, from: a, to: c, on: held, held: P30D }\n`,
      ),
    );
    expect(e.message).toMatch(/^sequencing deadlock: .*\ba\b.*\bc\b|^sequencing deadlock: .*\bc\b.*\ba\b/);
  });

  it("a longer cycle: a gates b, b unlocks c, c's start waits on a", () => {
    const e = onlyError(
      withObligations(
        A.replace(" }\n", ", start: { started: c } }\n") + B + C,
        `links:\n  - { kind: gates, from: a, to: b }\n  - { kind: unlocks, from: b, to: c }\n`,
      ),
    );
    expect(e.message).toMatch(/sequencing deadlock/);
    for (const id of ["a", "b", "c"]) expect(e.message).toMatch(new RegExp(`\\b${id}\\b`));
  });

  it("paired obligations count as one: pairing A and B while B gates A is a deadlock", () => {
    const e = onlyError(
      withObligations(
        A + C,
        `links:\n  - { kind: paired, from: a, to: c }\n  - { kind: gates, from: c, to: a }\n`,
      ),
    );
    expect(e.message).toMatch(/sequencing deadlock/);
    expect(pathOf(e)).toBe("links[1]");
  });

  it("an obligation whose start waits on itself", () => {
    const e = onlyError(withObligations(A.replace(" }\n", ", start: { started: a } }\n")));
    expect(e.message).toMatch(/sequencing deadlock: a waits on a/);
    expect(pathOf(e)).toBe("obligations[0].start");
  });

  it("a link from an obligation to itself", () => {
    const errors = errorsOf(withObligations(A, `links:\n  - { kind: gates, from: a, to: a }\n`));
    expect(errors.map((e) => e.message)).toContain("a link must join two different obligations");
    expect(errors.every((e) => e.line === 14)).toBe(true);
  });

  it("`action` or `exercised` on a link that is no remedy", () => {
    const e = onlyError(
      withObligations(A + B, `links:\n  - { kind: in_return_for, from: a, to: b, action: terminate }\n`),
    );
    expect(e.message).toBe("`action` and `exercised` belong to a `remedy` link");
    expect(pathOf(e)).toBe("links[0].action");
  });

  it("a remedy's `exercised` is checked as a matcher", () => {
    const e = onlyError(
      withObligations(A + B, `links:\n  - { kind: remedy, from: a, to: b, exercised: typo=USA }\n`),
    );
    expect(pathOf(e)).toMatch(/^links\[0\]\.exercised/);
  });

  it("a cycle closed by a pairing: a gates b, b unlocks c, c starts with a", () => {
    const e = onlyError(
      withObligations(
        A + B + C,
        `links:\n  - { kind: gates, from: a, to: b }\n  - { kind: unlocks, from: b, to: c }\n  - { kind: paired, from: a, to: c }\n`,
      ),
    );
    expect(e.message).toMatch(/sequencing deadlock/);
  });

  it("a chain that is no cycle is no deadlock", () => {
    const chain = parseAgreement(
      withObligations(
        A + B + C,
        `links:\n  - { kind: gates, from: a, to: b }\n  - { kind: unlocks, from: b, to: c }\n`,
      ),
      "x.yaml",
    );
    expect(chain.issues).toEqual([]);
  });
});

describe("warnings", () => {
  it("a perform without a deadline is a warning and does not block loading", () => {
    const r = parseAgreement(withObligations(A + C.replace(", window: { for: P30D }", "")), "x.yaml");
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      severity: "warning",
      at: ["obligations", 1, "window"],
      file: "x.yaml",
      line: 13,
    });
    expect(formatAgreementIssue(r.issues[0]!)).toMatch(
      /^x\.yaml:13:\d+: warning: obligations\[1\]\.window: a perform obligation without a deadline can never be violated$/,
    );
    expect(r.agreement?.obligations.map((o) => o.id)).toEqual(["a", "c"]);
  });

  it("an error alongside a warning blocks loading", () => {
    const r = parseAgreement(
      withObligations(A.replace("debtor: PRK", "debtor: KOR") + C.replace(", window: { for: P30D }", "")),
      "x.yaml",
    );
    expect(r.issues.map((i) => i.severity).sort()).toEqual(["error", "warning"]);
    expect(r.agreement).toBeUndefined();
  });
});

describe("the constructs of phased deals: each error explained, with line and column", () => {
  const P = (extra: string) =>
    withObligations(
      `  - { id: p, title: P, debtor: PRK, kind: perform, counts: actor=PRK type=aid_delivered, window: { for: P30D }${extra} }\n`,
    );
  const R = (extra: string) =>
    withObligations(
      `  - { id: r, title: R, debtor: PRK, kind: refrain, counts: actor=PRK type=nuclear_test${extra} }\n`,
    );

  it.each([
    [R(", quantity: { value: 5, unit: t }"), "obligations[0].quantity", /applies to perform .* and maintain/],
    [R(", cure: none"), "obligations[0].cure", /a broken restraint stays broken/],
    [
      R(", then: { kind: refrain, counts: actor=PRK type=nuclear_test }"),
      "obligations[0].then",
      /follows a perform/,
    ],
    [R(", verified_by: type=inspection"), "obligations[0].verified_by", /perform obligations only/],
    [P(", quantity: { value: 5, unit: barrels }"), "obligations[0].quantity.unit", /must be one of: t, kg/],
    [P(", then: { kind: maintain, counts: type=inspection }"), "obligations[0].then.every", /needs `every`/],
    [P(", start: { withdrawn: XYZ }"), "obligations[0].start.withdrawn", /unknown party "XYZ"/],
    [P(", start: { phase: nope }"), "obligations[0].start.phase", /unknown phase "nope"/],
    [P(", cure: sometimes"), "obligations[0].cure", /Invalid type|Expected/],
  ])("%#: %s", (text, path, message) => {
    const e = onlyError(text);
    expect(pathOf(e)).toBe(path);
    expect(e.message + (e.expected ?? "")).toMatch(message);
  });

  it("shares: of a quantity, among the joint debtors, adding up to no more than the whole", () => {
    const shares = (s: string, q = ", quantity: { value: 100, unit: t }") =>
      errorsOf(
        withObligations(
          `  - { id: p, title: P, debtor: { jointly: [PRK, USA], shares: ${s} }, kind: perform, counts: type=aid_delivered${q} }\n`,
        ),
      ).map((e) => `${pathOf(e)}: ${e.message}`);
    expect(shares("{ PRK: 0.5, USA: 0.5 }")).toEqual([]);
    expect(shares("{ PRK: 0.5 }", "")).toEqual([
      "obligations[0].debtor.shares: shares divide a quantity: give the obligation a `quantity` to share",
    ]);
    expect(shares("{ PRK: 0.5, CHN: 0.2 }")).toEqual([
      'obligations[0].debtor.shares.CHN: "CHN" has a share but is not one of the joint debtors',
    ]);
    expect(shares("{ PRK: 0.7, USA: 0.7 }")).toEqual([
      "obligations[0].debtor.shares: the shares add up to 1.4, more than the whole (1)",
    ]);
  });

  it("an unknown form of debtor: what the forms are", () => {
    const e = onlyError(
      withObligations(
        `  - { id: p, title: P, debtor: { several: [PRK] }, kind: perform, counts: type=aid_delivered }\n`,
      ),
    );
    expect(pathOf(e)).toBe("obligations[0].debtor.several");
    expect(e.message).toMatch(/\{each: \[parties\]\} or \{jointly: \[parties\], shares/);
  });

  it("parallel links: between two steps to perform, with a tolerance; tolerance on no other link", () => {
    const two = A + C.replace("id: c", "id: d").replace("title: C", "title: D");
    const errors = (links: string) =>
      errorsOf(withObligations(two + C, `links:\n${links}`)).map((e) => `${pathOf(e)}: ${e.message}`);
    expect(errors("  - { kind: parallel, from: c, to: d, tolerance: P10D }\n")).toEqual([]);
    expect(errors("  - { kind: parallel, from: c, to: d }\n")).toEqual([
      "links[0].tolerance: a parallel link needs `tolerance`: how far apart the steps may come (P0D: the same day)",
    ]);
    expect(errors("  - { kind: parallel, from: a, to: c, tolerance: P1D }\n")).toEqual([
      'links[0].from: a parallel link joins two steps to perform; "a" is a refrain obligation',
    ]);
    expect(errors("  - { kind: gates, from: c, to: d, tolerance: P1D }\n")).toEqual([
      "links[0].tolerance: `tolerance` belongs to a `parallel` link",
    ]);
  });

  it("a withdrawal clause: its matcher checked, its choices spelt out", () => {
    const e = errorsOf(
      withObligations(A, "withdrawal: { counts: type=withdrawl, own: breached, others: continue }\n"),
    );
    expect(e.map(pathOf)).toEqual(["withdrawal.counts"]);
    const f = errorsOf(
      withObligations(A, "withdrawal: { counts: type=withdrawal, own: maybe, others: continue }\n"),
    );
    expect(f.map(pathOf)).toEqual(["withdrawal.own"]);
  });

  it("warnings: waiting for a refrain to be fulfilled; an each debtor whose events counts can never match", () => {
    const w = parseAgreement(
      withObligations(A + C.replace(" }\n", ", start: { fulfilled: a } }\n")),
      "x.yaml",
    ).issues.filter((i) => i.severity === "warning");
    expect(w.map((i) => i.message)).toContainEqual(
      expect.stringMatching(/"a" is a refrain: it is never fulfilled/),
    );
    const each = parseAgreement(
      withObligations(
        `  - { id: p, title: P, debtor: { each: [PRK, USA] }, kind: perform, counts: actor=PRK type=aid_delivered, window: { for: P30D } }\n`,
      ),
      "x.yaml",
    ).issues;
    expect(each.map((i) => [i.severity, i.message])).toEqual([
      ["warning", "USA owes its own step, but counts names only events by PRK: nothing can count for USA"],
    ]);
    // An actor that `with` requires is among the counted events' actors: it can count for that debtor.
    const meeting = parseAgreement(
      withObligations(
        `  - { id: p, title: P, debtor: { each: [PRK, USA] }, kind: perform, counts: actor=USA with=PRK type=summit_or_meeting, window: { for: P30D } }\n`,
      ),
      "x.yaml",
    ).issues;
    expect(meeting).toEqual([]);
  });
});
