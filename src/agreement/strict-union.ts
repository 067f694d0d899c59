import * as v from "valibot";

/** The keys each option of a union of strict objects knows, and those it requires. */
export interface UnionOption {
  keys: string[];
  required: string[];
}

/**
 * Unions of strict objects, by their message. Valibot reports a failed union as the flat list of its options'
 * problems, and a strict object stops at its first unknown key, so a key that one option knows is reported as
 * unknown by another. The loader looks the union up here to judge the input against the option it fits best.
 */
const REGISTRY = new Map<string, UnionOption[]>();

type Entries = v.ObjectEntries;

/** A union of strict objects (and, first, any other schemas, such as a plain string form) with one message. */
export function strictUnion<const O extends v.StrictObjectSchema<Entries, undefined>[]>(
  objects: O,
  message: string,
): v.UnionSchema<O, string>;
export function strictUnion<
  const P extends v.GenericSchema[],
  const O extends v.StrictObjectSchema<Entries, undefined>[],
>(plain: P, objects: O, message: string): v.UnionSchema<[...P, ...O], string>;
export function strictUnion(
  a: v.GenericSchema[],
  b: v.GenericSchema[] | string,
  c?: string,
): v.UnionSchema<v.GenericSchema[], string> {
  const [plain, objects, message] = typeof b === "string" ? [[], a, b] : [a, b, c!];
  REGISTRY.set(
    message,
    (objects as v.StrictObjectSchema<Entries, undefined>[]).map((o) => ({
      keys: Object.keys(o.entries),
      required: Object.entries(o.entries)
        .filter(([, s]) => s.type !== "optional")
        .map(([k]) => k),
    })),
  );
  return v.union([...plain, ...objects], message);
}

/**
 * The option of a registered union that an object input fits best: the one that knows most of its keys, then the
 * one missing fewest of its own required keys. Undefined for a union not registered here.
 */
export function bestOption(message: string, input: Record<string, unknown>): UnionOption | undefined {
  const options = REGISTRY.get(message);
  if (!options) return undefined;
  const keys = Object.keys(input);
  let best: UnionOption | undefined;
  let bestScore = [-1, 0];
  for (const o of options) {
    const known = keys.filter((k) => o.keys.includes(k)).length;
    const missing = o.required.filter((k) => !(k in input)).length;
    if (known > bestScore[0]! || (known === bestScore[0] && missing < bestScore[1]!)) {
      best = o;
      bestScore = [known, missing];
    }
  }
  return best;
}
