import { describe, expect, it } from "vitest";
import {
  choice,
  count,
  day,
  flag,
  optionalCount,
  optionName,
  parameterFlags,
  parameters,
  queryName,
  readParameters,
  requiredText,
  text,
  wholeNumber,
} from "../../src/analysis/parameters.js";
import { InputError, ParameterError } from "../../src/model/index.js";

const list = parameters({
  x: requiredText("first series' events", "terms"),
  window: text("days after each cause", "window", "0..14"),
  from: day("first day"),
  maxlag: count("test lags 1..k", 4, { max: 60, placeholder: "k" }),
  lag: optionalCount("this lag"),
  seed: wholeNumber("seed of the shifts", 1),
  freq: choice(["day", "week", "month"], "the bins", "week"),
  seasonal: flag("whole years only"),
});

/** The error thrown for these parameters, or a failure if none is. */
function refusal(given: Record<string, unknown>, name = optionName): Error {
  try {
    readParameters(list, given, name);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`accepted ${JSON.stringify(given)}`);
}

describe("readParameters", () => {
  it("reads text into values and fills the defaults", () => {
    expect(readParameters(list, { x: "actor=PRK", maxlag: "60", seasonal: true }, optionName)).toEqual({
      x: "actor=PRK",
      window: "0..14",
      maxlag: 60,
      seed: 1,
      freq: "week",
      seasonal: true,
    });
    expect(
      readParameters(list, { x: "a", seed: "-7", lag: "2", from: "2024-02-29" }, queryName),
    ).toMatchObject({ seed: -7, lag: 2, from: "2024-02-29" });
  });

  it("takes digits only for a count: no hex, exponent, sign, space or decimal point", () => {
    for (const bad of ["0x10", "1e3", " 5", "5 ", "1.0", "+3", "-1", "", "0", "1234567890123456"]) {
      const e = refusal({ x: "a", maxlag: bad });
      expect(e, bad).toBeInstanceOf(ParameterError);
      expect(e.message).toBe(`--maxlag must be a whole number ≥ 1, not "${bad}"`);
    }
  });

  it("says the limit a count is above, and takes the limit itself", () => {
    expect(refusal({ x: "a", maxlag: "61" }).message).toBe("--maxlag must be at most 60, not 61");
    expect(readParameters(list, { x: "a", maxlag: "60" }, optionName).maxlag).toBe(60);
  });

  it("names each parameter as the caller knows it", () => {
    const e = refusal({ x: "a", from: "2023-02-29" }, queryName) as ParameterError;
    expect(e.param).toBe("from");
    expect(e.message).toBe('from must be a date YYYY-MM-DD, not "2023-02-29"');
    expect((refusal({ x: "a", from: "2023-02-29" }) as ParameterError).param).toBe("--from");
  });

  it("refuses a missing or empty required parameter with what it is", () => {
    expect(refusal({}).message).toBe("--x is required: first series' events");
    expect(refusal({ x: "" }).message).toBe("--x is required: first series' events");
  });

  it("refuses a word outside a closed list, saying the list", () => {
    expect(refusal({ x: "a", freq: "year" }).message).toBe('--freq must be day, week or month, not "year"');
    expect(refusal({ x: "a", seed: "1.5" }).message).toBe('--seed must be a whole number, not "1.5"');
  });

  it("refuses a parameter the analysis does not have", () => {
    expect(refusal({ x: "a", lags: "2" }, queryName).message).toMatch(
      /^lags is not a parameter here; the parameters are x, window, from, maxlag/,
    );
  });

  it("reports every problem at once, each with its parameter", () => {
    const e = refusal({ freq: "year", maxlag: "0" }, queryName);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe("3 parameters cannot be used: x, maxlag, freq");
    expect((e as InputError).issues.map((i) => [i.issue.path, i.issue.message])).toEqual([
      ["x", "is required: first series' events"],
      ["maxlag", 'must be a whole number ≥ 1, not "0"'],
      ["freq", 'must be day, week or month, not "year"'],
    ]);
  });
});

describe("parameterFlags", () => {
  it("gives each parameter's flag: placeholder, description, default, switch", () => {
    const flags = new Map(parameterFlags(list).map((f) => [f.key, f]));
    expect([...flags.keys()]).toEqual(["x", "window", "from", "maxlag", "lag", "seed", "freq", "seasonal"]);
    expect(flags.get("x")).toEqual({
      key: "x",
      description: "first series' events",
      placeholder: "terms",
      isSwitch: false,
    });
    expect(flags.get("maxlag")).toEqual({
      key: "maxlag",
      description: "test lags 1..k (at most 60)",
      placeholder: "k",
      fallback: "4",
      isSwitch: false,
    });
    expect(flags.get("freq")).toMatchObject({ placeholder: "day|week|month", fallback: "week" });
    expect(flags.get("from")).toMatchObject({ placeholder: "date", description: "first day" });
    expect(flags.get("seasonal")).toEqual({
      key: "seasonal",
      description: "whole years only",
      isSwitch: true,
    });
  });
});
