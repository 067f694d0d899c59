import { describe, expect, it } from "vitest";
import { countModelQuery, DEFAULTS, inputsOf, reactQuery, searchOf } from "../../web/src/reaction/query.js";

const link = (q: Record<string, string>) => new URLSearchParams(q);

describe("the action–reaction view's query", () => {
  it("sends the new options as the API names them, and reads a link back into the same query", () => {
    const asked = {
      cause: "actor=USA type=military_exercise status=held",
      effect: "actor=PRK type=missile_launch",
      window: "0..7",
      from: "2010-01-01",
      to: "2018-12-31",
      knownAt: "2019-06-30",
      exact: "true",
      seasonal: "true",
      jitter: "3",
      unit: "days",
      leaveOneOut: "true",
    };
    const inputs = inputsOf(link(asked));
    expect(inputs).toMatchObject({ knownAt: "2019-06-30", exact: true, seasonal: true, jitter: "3" });
    expect(inputs.leaveOneOut).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(searchOf(reactQuery(inputs))))).toEqual(asked);
  });

  it("sends jitter only with seasonal, and permutations only when the null is drawn", () => {
    const base = { ...DEFAULTS, jitter: "5", permutations: "500" };
    expect(reactQuery(base)).toMatchObject({ permutations: "500", jitter: undefined, seasonal: undefined });
    expect(reactQuery({ ...base, seasonal: true })).toMatchObject({ jitter: "5", permutations: undefined });
    expect(reactQuery({ ...base, exact: true })).toMatchObject({ exact: "true", permutations: undefined });
    // Left out, a switch is off: the link has no "false".
    expect(searchOf(reactQuery(DEFAULTS))).not.toMatch(/false|knownAt|leaveOneOut|exact|jitter/);
  });

  it("a link with a date that is not one opens without it", () => {
    const inputs = inputsOf(link({ cause: "actor=USA", effect: "actor=PRK", knownAt: "2019-13-45" }));
    expect(inputs.knownAt).toBe("");
    expect(reactQuery(inputs).knownAt).toBeUndefined();
  });

  it("asks the count model for the same series, window, range and count; as known on a day, to that day", () => {
    const q = reactQuery({
      ...DEFAULTS,
      window: "0..7",
      from: "2010-01-01",
      unit: "days",
      knownAt: "2019-06-30",
    });
    expect(countModelQuery(q)).toEqual({
      y: DEFAULTS.effect,
      x: DEFAULTS.cause,
      window: "0..7",
      from: "2010-01-01",
      to: "2019-06-30",
      unit: "days",
      fe: "month",
      robust: "true",
    });
    expect(countModelQuery({ ...q, to: "2015-12-31" }).to).toBe("2015-12-31");
  });
});
