import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/index.js";
import { agreement, ev, obligation, v, verdicts } from "./helpers.js";

/** `verified_by`: performed but not yet confirmed is provisional; disputed evidence is marked as such. */

const a = agreement(`obligations:
  - id: disable
    title: Disable the reactor, verified by inspectors
    debtor: PRK
    kind: perform
    counts: actor=PRK type=facility_status status=disabled
    verified_by: type=inspection action=confirmed
    window: { for: P1Y }
phases:
  - { id: verified, title: Verified, enters: { verified: disable } }
`);
const disabled = (extra = {}) => ev("2020-03-01", "PRK", "facility_status", { status: "disabled" }, extra);
const confirmed = (d: string) => ev(d, "IAEA", "inspection", { action: "confirmed" });

describe("verification", () => {
  it("performed, not yet verified: fulfilled but provisional, and the verified condition does not hold", () => {
    const r = evaluate(a, [disabled()], "2020-06-01");
    expect(verdicts(r)).toEqual({ disable: v("fulfilled", "2020-03-01", "event") });
    expect(obligation(r, "disable")).toMatchObject({
      provisional: true,
      verification: {
        by: "type=inspection action=confirmed",
        status: "unverified",
        date: null,
        evidence: [],
      },
    });
    expect(r.phase).toBeNull();
  });

  it("verified by a later confirmation: not provisional, and the phase that waits on it is entered", () => {
    const c = confirmed("2020-04-10");
    const r = evaluate(a, [disabled(), c], "2020-06-01");
    expect(obligation(r, "disable")).toMatchObject({
      provisional: false,
      verification: {
        status: "verified",
        date: "2020-04-10",
        evidence: [expect.objectContaining({ id: c.id })],
      },
    });
    expect(r.phase).toMatchObject({ id: "verified", since: "2020-04-10" });
  });

  it("a confirmation before the step verifies nothing", () => {
    const r = evaluate(a, [confirmed("2020-02-01"), disabled()], "2020-06-01");
    expect(obligation(r, "disable").verification!.status).toBe("unverified");
  });

  it("a step resting on disputed evidence is marked disputed and provisional", () => {
    const r = evaluate(a, [disabled({ confidence: "disputed" }), confirmed("2020-04-10")], "2020-06-01");
    expect(obligation(r, "disable")).toMatchObject({
      provisional: true,
      verification: { status: "disputed" },
    });
  });
});
