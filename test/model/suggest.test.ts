import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, suggestNames } from "../../src/model/suggest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["actor", "actr", 1],
    ["klass", "class", 1],
    ["events", "evnets", 1], // a transposition is one edit
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("is a metric on short words: zero only for equals, symmetric, and the triangle holds", () => {
    const word = fc.string({ maxLength: 6 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("suggestNames", () => {
  const keys = ["actor", "target", "type", "from", "to", "class", "missile", "status"];
  it("offers the near names, nearest first", () => {
    expect(suggestNames("actr", keys)).toEqual(["actor"]);
    expect(suggestNames("klass", keys)).toEqual(["class"]);
    expect(suggestNames("tpye", keys)).toEqual(["type"]);
  });
  it("offers nothing for a name near none, and says so in words", () => {
    expect(suggestNames("zzzzzz", keys)).toEqual([]);
    expect(didYouMean("zzzzzz", keys)).toBe("");
    expect(didYouMean("actr", keys)).toBe(" (did you mean actor?)");
  });
  it("offers the names a short prefix begins", () => {
    expect(suggestNames("miss", keys)).toEqual(["missile"]);
  });
});
