import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation } from "./helpers.js";

/**
 * `violable`: whether an obligation can be violated at all, from its terms. A perform with no deadline of its own and
 * no parallel link is owed but never missed; its `due` is null — as is, for a while, the due of a perform whose
 * deadline a parallel link sets only once the other side moves: `violable` tells the two apart.
 */
const a = agreement(`obligations:
  - { id: open-ended, title: Dismantle some day, debtor: PRK, kind: perform, counts: actor=PRK type=declaration }
  - { id: dated, title: Relieve within 90 days, debtor: USA, kind: perform, counts: actor=USA type=sanctions_relieved, window: { for: P90D } }
  - { id: quiet, title: No launches, debtor: PRK, kind: refrain, counts: actor=PRK type=missile_launch }
  - { id: answer, title: Deliver fuel, debtor: USA, kind: perform, counts: actor=USA type=aid_delivered }
  - { id: shutdown, title: Shut down, debtor: PRK, kind: perform, counts: actor=PRK type=facility_status status=shut_down }
links:
  - { kind: parallel, from: answer, to: shutdown, tolerance: P30D }
`);

describe("violable", () => {
  it("is false only for a perform with neither a deadline nor a parallel link (which binds both its ends)", () => {
    const r = evaluate(a, [], "2020-06-01");
    const of = (id: string) => obligation(r, id).violable;
    expect([of("open-ended"), of("dated"), of("quiet"), of("answer"), of("shutdown")]).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it("tells a perform waiting for its deadline from one that has none: both have due null until the link sets it", () => {
    const before = evaluate(a, [], "2020-06-01");
    expect(obligation(before, "answer")).toMatchObject({ due: null, violable: true });
    expect(obligation(before, "open-ended")).toMatchObject({ due: null, violable: false });
    const shut = ev("2020-03-01", "PRK", "facility_status", { facility: "Yongbyon", status: "shut_down" });
    const after = evaluate(a, [shut], "2020-03-02");
    expect(obligation(after, "answer").due).toBe("2020-03-31");
  });
});
