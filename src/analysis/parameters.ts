/**
 * An analysis's parameters, defined once: a Valibot object of text parameters (as a command line and a query string
 * give them) that reads them into values. The same object gives the command line its flags (src/cli), the route its
 * JSON Schema (src/server) and the code its types; messages here never name the parameter — the caller's name for
 * it (`--min-shift`, `minShift`) is put before them when they are reported.
 */
import * as v from "valibot";
import { InputError, isDayDate, ParameterError } from "../model/index.js";

/** How a parameter is named to the caller: `--min-shift` on the command line, `minShift` in a query. */
export type ParamName = ((key: string) => string) & {
  /** Prefix the paths of a matcher's issues with the parameter (`effect.class`), as a query's caller expects. */
  prefixIssuePaths?: boolean;
};
export const optionName: ParamName = (key) => "--" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
export const queryName: ParamName = Object.assign((key: string) => key, { prefixIssuePaths: true });

/** What a command line shows after the flag: `--cause <terms>`. */
export type ParameterHint = { placeholder: string; /** Given once or more. */ list?: boolean };

type Described<S extends v.GenericSchema> = v.SchemaWithPipe<
  readonly [
    S,
    v.DescriptionAction<v.InferOutput<S>, string>,
    v.MetadataAction<v.InferOutput<S>, ParameterHint>,
  ]
>;

function described<S extends v.GenericSchema>(
  schema: S,
  description: string,
  placeholder: string,
): Described<S> {
  return v.pipe(schema, v.description(description), v.metadata({ placeholder }));
}

/**
 * Text that must be given and not empty: a matcher's terms, an actor code. (A check, not `nonEmpty`: that would
 * become a JSON Schema `minLength` that the server's validator reports before this message.)
 */
export function requiredText(description: string, placeholder: string) {
  return v.pipe(
    described(v.string(), description, placeholder),
    v.check((text) => text.length > 0, `is required: ${description}`),
  );
}

/** Text with a default, read later by the analysis (a window). */
export function text(description: string, placeholder: string, fallback: string) {
  return v.optional(described(v.string(), description, placeholder), fallback);
}

/** A calendar day, YYYY-MM-DD; absent means "from the data". */
export function day(description: string) {
  return v.optional(
    v.pipe(
      described(v.string(), description, "date"),
      v.check(isDayDate, (issue) => `must be a date YYYY-MM-DD, not ${issue.received}`),
    ),
  );
}

/** Digits only: Number() would also take "0x10", "1e3", " 5" and "1.0". */
const WHOLE = /^\d{1,15}$/;
const SIGNED_WHOLE = /^-?\d{1,15}$/;

interface CountOptions {
  /** The least allowed; default 1 (0 for a number of days that may be none). */
  min?: 0 | 1;
  /** The most the caller allows (the server bounds the work of a request). */
  max?: number | undefined;
  placeholder?: string;
}

/** A whole number ≥ 1 given as digits, with a default. */
export function count(description: string, fallback: number, options: CountOptions = {}) {
  return v.optional(countText(description, options), String(fallback));
}

/** A whole number ≥ 1 given as digits, or nothing. */
export function optionalCount(description: string, options: CountOptions = {}) {
  return v.optional(countText(description, options));
}

function countText(description: string, { min = 1, max, placeholder = "n" }: CountOptions) {
  const said = max === undefined ? description : `${description} (at most ${max})`;
  return v.pipe(
    described(v.string(), said, placeholder),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const given = dataset.value;
      const n = WHOLE.test(given) ? Number(given) : NaN;
      if (!Number.isInteger(n) || n < min) {
        addIssue({ message: `must be a whole number ≥ ${min}, not "${given}"` });
        return NEVER;
      }
      if (max !== undefined && n > max) {
        addIssue({ message: `must be at most ${max}, not ${n}` });
        return NEVER;
      }
      return n;
    }),
  );
}

/** A whole number that may be negative or zero (a seed). */
export function wholeNumber(description: string, fallback: number) {
  return v.optional(
    v.pipe(
      described(v.string(), description, "n"),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const n = SIGNED_WHOLE.test(dataset.value) ? Number(dataset.value) : NaN;
        if (Number.isInteger(n)) return n;
        addIssue({ message: `must be a whole number, not "${dataset.value}"` });
        return NEVER;
      }),
    ),
    String(fallback),
  );
}

/** One of a closed list of words. */
export function choice<const T extends readonly [string, ...string[]]>(
  options: T,
  description: string,
  fallback: T[number],
) {
  const list =
    options.length === 2 ? options.join(" or ") : `${options.slice(0, -1).join(", ")} or ${options.at(-1)}`;
  return v.optional(
    described(
      v.picklist(options, (issue) => `must be ${list}, not ${issue.received}`),
      description,
      options.join("|"),
    ),
    fallback,
  );
}

/**
 * A parameter given once or more (`--period a --period b`, `period=a&period=b`), at least once. A query string gives
 * one value as text and several as a list: both are read as a list.
 */
export function textList(description: string, placeholder: string) {
  return v.pipe(
    v.union([v.string(), v.array(v.string())], `is required: ${description}`),
    v.description(description),
    v.metadata({ placeholder, list: true }),
    v.transform((given) => (typeof given === "string" ? [given] : given)),
    v.check((list) => list.length > 0 && list.every((x) => x.length > 0), `is required: ${description}`),
  );
}

/** A switch: present or not. */
export function flag(description: string) {
  return v.optional(v.pipe(v.boolean(), v.description(description)), false);
}

export type ParameterEntries = v.ObjectEntries;
export type ParameterList<E extends ParameterEntries = ParameterEntries> = v.StrictObjectSchema<
  E,
  v.ErrorMessage<v.StrictObjectIssue> | undefined
>;

/** The parameters of an analysis; a parameter it does not have is refused, one left out that it needs too. */
export function parameters<const E extends ParameterEntries>(entries: E): ParameterList<E> {
  return v.strictObject(entries, (issue) =>
    issue.received === "undefined"
      ? `is required${requiredHint(entries, issue)}`
      : `is not a parameter here; the parameters are ${Object.keys(entries).join(", ")}`,
  );
}

function requiredHint(entries: ParameterEntries, issue: v.StrictObjectIssue): string {
  const key = issue.path?.[0]?.key;
  const entry = typeof key === "string" ? entries[key] : undefined;
  const description = entry && v.getDescription(entry);
  return description ? `: ${description}` : "";
}

/**
 * Reads the parameters as given: the values, or every problem at once, each message beginning with the parameter's
 * name as the caller knows it.
 */
export function readParameters<E extends ParameterEntries>(
  list: ParameterList<E>,
  given: unknown,
  name: ParamName,
): v.InferOutput<ParameterList<E>> {
  const read = v.safeParse(list, given);
  if (read.success) return read.output;
  const problems = read.issues.map((issue) => {
    const param = name(String(issue.path?.[0]?.key ?? ""));
    return { param, message: issue.message };
  });
  if (problems.length === 1) {
    const [{ param, message }] = problems as [{ param: string; message: string }];
    throw new ParameterError(param, `${param} ${message}`);
  }
  throw new InputError(
    `${problems.length} parameters cannot be used: ${problems.map((p) => p.param).join(", ")}`,
    problems.map((p) => ({ issue: { kind: "validation", path: p.param, message: p.message } })),
  );
}

/** Each parameter's place on a command line: its key, description, placeholder, default and whether it is a switch. */
export interface ParameterFlag {
  key: string;
  description: string;
  placeholder?: string;
  fallback?: string;
  isSwitch: boolean;
  /** Given once or more. */
  isList?: boolean;
}

export function parameterFlags(list: ParameterList): ParameterFlag[] {
  return Object.entries(list.entries).map(([key, entry]) => {
    const inner = (
      entry.type === "optional" ? (entry as v.OptionalSchema<v.GenericSchema, unknown>).wrapped : entry
    ) as v.GenericSchema;
    const isSwitch =
      inner.type === "boolean" || (inner as { pipe?: { type: string }[] }).pipe?.[0]?.type === "boolean";
    const hint = v.getMetadata(inner) as Partial<ParameterHint>;
    const fallback = v.getDefault(entry as v.OptionalSchema<v.GenericSchema, unknown>);
    return {
      key,
      description: v.getDescription(inner) ?? key,
      ...(hint.placeholder ? { placeholder: hint.placeholder } : {}),
      ...(typeof fallback === "string" ? { fallback } : {}),
      isSwitch,
      ...(hint.list ? { isList: true } : {}),
    };
  });
}
