import type { ReactInput } from "../../../src/analysis/run.js";
import type { RegressInput } from "../../../src/analysis/run-regress.js";
import { isDay } from "../days.js";

/**
 * A query as the view sends it: the API's own parameters (their names come from src/analysis, so a parameter renamed
 * there fails to compile here), as text; a switch is "true" or left out.
 */
type AsText<T> = { [K in keyof T]?: NonNullable<T[K]> extends boolean ? "true" : string };
export type ReactQuery = AsText<ReactInput>;
export type RegressQuery = AsText<RegressInput>;

/** The form of the action–reaction view, as typed. */
export interface Inputs {
  cause: string;
  effect: string;
  window: string;
  from: string;
  to: string;
  /** Only what was known on this day: events dated after it left out, the analysis ending there. */
  knownAt: string;
  permutations: string;
  /** Every rotation once (the exact null) instead of `permutations` drawn. */
  exact: boolean;
  seasonal: boolean;
  /** With seasonal: each whole-year shift also moved by up to this many days. */
  jitter: string;
  /** What the effect series counts: events, days with an event, or counts (missiles). */
  unit: string;
  /** Also the window test without each cause in turn. */
  leaveOneOut: boolean;
}

export const UNITS = [
  ["count", "missiles (counts)"],
  ["events", "events"],
  ["days", "days with an event"],
] as const;

export const DEFAULTS: Inputs = {
  cause: "actor=USA type=military_exercise status=held",
  effect: "actor=PRK type=missile_launch",
  window: "0..14",
  from: "",
  to: "",
  knownAt: "",
  permutations: "2000",
  exact: false,
  seasonal: false,
  jitter: "",
  unit: "count",
  leaveOneOut: false,
};

/** Drawn rotations are asked for only when the null is drawn: the exact and the seasonal nulls take every one. */
export const drawsRotations = (i: Inputs): boolean => !i.exact && !i.seasonal;

const given = (text: string): string | undefined => text.trim() || undefined;
const on = (yes: boolean): "true" | undefined => (yes ? "true" : undefined);

/** The query of GET /api/analysis/react for the form; the link carries the same. */
export function reactQuery(i: Inputs): ReactQuery {
  return {
    cause: i.cause.trim(),
    effect: i.effect.trim(),
    window: given(i.window),
    from: given(i.from),
    to: given(i.to),
    knownAt: given(i.knownAt),
    permutations: drawsRotations(i) ? given(i.permutations) : undefined,
    exact: on(i.exact),
    seasonal: on(i.seasonal),
    jitter: i.seasonal ? given(i.jitter) : undefined,
    unit: i.unit !== "count" ? i.unit : undefined,
    leaveOneOut: on(i.leaveOneOut),
  };
}

/** A query as URL parameters, in the order given, without the parameters left out. */
export function searchOf(query: Readonly<Record<string, string | undefined>>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) q.set(key, value);
  return q.toString();
}

/**
 * The form a link asks for. A link carries the API's own parameters (those of `reactQuery`), so a parameter it leaves
 * out is left out of the analysis too; a link without cause and effect is the default form.
 */
export function inputsOf(link: URLSearchParams): Inputs {
  const get = (key: keyof ReactInput) => link.get(key);
  if (get("cause") === null && get("effect") === null) return DEFAULTS;
  const day = (key: "from" | "to" | "knownAt") => {
    const d = get(key) ?? "";
    return isDay(d) ? d : "";
  };
  const unit = get("unit");
  return {
    cause: get("cause") || DEFAULTS.cause,
    effect: get("effect") || DEFAULTS.effect,
    window: get("window") ?? "",
    from: day("from"),
    to: day("to"),
    knownAt: day("knownAt"),
    permutations: get("permutations") ?? "",
    exact: get("exact") === "true",
    seasonal: get("seasonal") === "true",
    jitter: get("jitter") ?? "",
    unit: UNITS.some(([u]) => u === unit) ? unit! : "count",
    leaveOneOut: get("leaveOneOut") === "true",
  };
}

/**
 * The count model beside the window test (GET /api/analysis/regress): Poisson of the effect's daily count on the
 * cause's window, with month-of-year effects and robust (HC1) errors, over the same days, counted the same way. As
 * known on a day, it ends there too.
 */
export function countModelQuery(q: ReactQuery): RegressQuery {
  return {
    y: q.effect,
    x: q.cause,
    window: q.window,
    from: q.from,
    to: q.to ?? q.knownAt,
    unit: q.unit,
    fe: "month",
    robust: "true",
  };
}
