import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/model/canonical.js";

/** RFC 8785 writes -0 as 0, so a round trip cannot give back -0; generated values use 0 instead. */
function withoutNegativeZero(x: unknown): unknown {
  if (typeof x === "number") return Object.is(x, -0) ? 0 : x;
  if (Array.isArray(x)) return x.map(withoutNegativeZero);
  if (x !== null && typeof x === "object")
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, withoutNegativeZero(v)]));
  return x;
}

/**
 * The keys of a flat canonical object in the order the text gives them (Object.keys would list integer-like keys
 * such as "1" first, whatever the text says).
 */
function keysInOrder(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

const json = fc.jsonValue().map(withoutNegativeZero);

/** The same members in another insertion order, at every depth. */
function reordered(x: unknown, seed: number): unknown {
  if (Array.isArray(x)) return x.map((y) => reordered(y, seed));
  if (x !== null && typeof x === "object") {
    const entries = Object.entries(x);
    const rotation = entries.length ? seed % entries.length : 0;
    const moved = [...entries.slice(rotation), ...entries.slice(0, rotation)].reverse();
    const out: Record<string, unknown> = {};
    for (const [k, v] of moved)
      Object.defineProperty(out, k, { value: reordered(v, seed), enumerable: true });
    return out;
  }
  return x;
}

describe("canonicalJson", () => {
  it("does not depend on the order in which keys were inserted", () => {
    fc.assert(
      fc.property(json, fc.nat(), (x, seed) => {
        expect(canonicalJson(reordered(x, seed))).toBe(canonicalJson(x));
      }),
    );
  });

  it("round-trips JSON values through JSON.parse", () => {
    fc.assert(
      fc.property(json, (x) => {
        expect(JSON.parse(canonicalJson(x))).toEqual(x);
      }),
    );
  });

  it("is idempotent: the canonical form of a parsed canonical form is the same string", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const once = canonicalJson(x);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it("writes no whitespace", () => {
    expect(canonicalJson({ b: [1, 2, { d: null }], a: "x y" })).toBe('{"a":"x y","b":[1,2,{"d":null}]}');
  });

  it("orders the members of any object by UTF-16 code units, whatever the characters of the keys", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.nat()), (x) => {
        const byCodeUnits = Object.keys(x).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(keysInOrder(canonicalJson(x))).toEqual(byCodeUnits);
      }),
    );
  });

  it("sorts keys by UTF-16 code units (the example of RFC 8785 §3.2.3)", () => {
    const value = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    const keys = keysInOrder(canonicalJson(value));
    // U+1F600 is stored as the surrogates D83D DE00, so it sorts before U+FB33 although its code point is larger.
    expect(keys).toEqual(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"]);
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("sorts an accented key after every ASCII key, and capitals before small letters", () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, e: 4 })).toBe('{"Z":3,"e":4,"z":2,"é":1}');
  });

  it("writes numbers as ECMAScript does (RFC 8785 §3.2.2.3)", () => {
    expect(canonicalJson([1e21, 1e-7, 333333333.3333333, 4.5, 0.002, -0, 100])).toBe(
      "[1e+21,1e-7,333333333.3333333,4.5,0.002,0,100]",
    );
  });

  it("escapes strings as JSON.stringify does", () => {
    expect(canonicalJson('a"b\\c\n\u0001é😀')).toBe('"a\\"b\\\\c\\n\\u0001é😀"');
  });

  it("drops undefined members of objects and writes undefined in arrays as null", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe("[null,1]");
  });

  it.each([NaN, Infinity, -Infinity])("rejects %s", (n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [n] })).toThrow(/non-finite/);
  });

  it("rejects values JSON has no form for", () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson(Symbol("s"))).toThrow(TypeError);
  });
});
