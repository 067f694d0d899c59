import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** `then`: after a step is performed, the duty to keep it; undoing it reverses the step. */

const a = agreement(`obligations:
  - id: shutdown
    title: Shut down the reactor within 60 days, and keep it shut
    debtor: PRK
    kind: perform
    counts: actor=PRK type=facility_status status=shut_down
    window: { for: P60D }
    then: { kind: refrain, counts: actor=PRK type=facility_status status=restarted }
`);
const shut = ev("2020-02-01", "PRK", "facility_status", { status: "shut_down" });
const restart = (d: string) => ev(d, "PRK", "facility_status", { status: "restarted" });

describe("keeping a performed step", () => {
  it("performed and kept: fulfilled", () => {
    const r = evaluate(a, [shut], "2020-12-31");
    expect(verdicts(r)).toEqual({ shutdown: v("fulfilled", "2020-02-01", "event") });
    expect(obligation(r, "shutdown").keep).toEqual({
      kind: "refrain",
      counts: "actor=PRK type=facility_status status=restarted",
      until: null,
      reversedBy: [],
    });
  });

  it("restarted later: reversed on the restart day, with the restart as evidence", () => {
    const back = restart("2021-03-01");
    const r = evaluate(a, [shut, back], "2021-12-31");
    expect(verdicts(r)).toEqual({ shutdown: v("reversed", "2021-03-01", "event") });
    const o = obligation(r, "shutdown");
    expect(o.keep!.reversedBy.map((e) => e.id)).toEqual([back.id]);
    expect(o.history.map((h) => h.to)).toEqual(["active", "fulfilled", "reversed"]);
    // The step was taken: it stays on the reciprocity account, marked undone.
    expect(r.reciprocity.steps).toMatchObject([
      { kind: "performed", date: "2020-02-01", reversedOn: "2021-03-01" },
    ]);
    expect(r.summary.firstBreach).toMatchObject({
      obligation: "shutdown",
      status: "reversed",
      date: "2021-03-01",
    });
  });

  it("a restart before the step does not reverse it; one after the keep duty's window does not either", () => {
    expect(verdicts(evaluate(a, [restart("2020-01-15"), shut], "2020-12-31"))).toEqual({
      shutdown: v("fulfilled", "2020-02-01", "event"),
    });
    const b = agreement(`obligations:
  - { id: shutdown, title: S, debtor: PRK, kind: perform, counts: actor=PRK type=facility_status status=shut_down, then: { kind: refrain, counts: actor=PRK type=facility_status status=restarted, window: { for: P1Y } } }
`);
    expect(verdicts(evaluate(b, [shut, restart("2021-03-01")], "2021-12-31"))).toEqual({
      shutdown: v("fulfilled", "2020-02-01", "event"),
    });
    expect(verdicts(evaluate(b, [shut, restart("2020-12-01")], "2021-12-31"))).toEqual({
      shutdown: v("reversed", "2020-12-01", "event"),
    });
  });

  it("then: maintain — kept up by a step every period, reversed when one is missed", () => {
    const m = agreement(`obligations:
  - { id: inspect, title: Admit inspectors, debtor: PRK, kind: perform, counts: actor=PRK type=inspection action=admitted, then: { kind: maintain, counts: type=inspection action=confirmed, every: P90D } }
`);
    const admitted = ev("2020-02-01", "PRK", "inspection", { action: "admitted" });
    const report = (d: string) => ev(d, "IAEA", "inspection", { action: "confirmed" });
    expect(
      verdicts(evaluate(m, [admitted, report("2020-04-01"), report("2020-06-25")], "2020-09-20")),
    ).toEqual({
      inspect: v("fulfilled", "2020-02-01", "event"),
    });
    expect(verdicts(evaluate(m, [admitted, report("2020-04-01")], "2020-09-20"))).toEqual({
      inspect: v("reversed", "2020-07-01", "deadline"),
    });
  });
});
