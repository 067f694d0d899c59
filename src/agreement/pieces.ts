import * as v from "valibot";
import { fromValibot, type AgreementIssue } from "./issues.js";
import { headerEntries, LIST_SCHEMAS, type AgreementInput } from "./schema.js";

type Lists = typeof LIST_SCHEMAS;
type ListKey = keyof Lists;
type ItemOf<K extends ListKey> = v.InferOutput<Lists[K]["item"]>;

/** Each list's items as checked, at their place in the document; an item with a problem is a hole (undefined). */
export type Pieces = {
  header?: Omit<AgreementInput, ListKey>;
} & { [K in ListKey]: (ItemOf<K> | undefined)[] } & {
  /** Ids of obligations, phases and parties as written, valid or not, so that a reference to a bad item is no error. */
  writtenIds: { obligations: Set<string>; phases: Set<string>; parties: Set<string> };
  /** The agreement's effective (or signed) date as written, for obligations' starts when the header is not valid. */
  writtenStart?: string;
  issues: AgreementIssue[];
};

// Unknown top-level keys are reported by the header; each list is checked item by item below.
const headerSchema = v.strictObject({
  ...headerEntries,
  ...(Object.fromEntries(Object.keys(LIST_SCHEMAS).map((k) => [k, v.optional(v.unknown())])) as Record<
    ListKey,
    v.OptionalSchema<v.UnknownSchema, undefined>
  >),
});

function writtenIds(list: unknown): Set<string> {
  const ids = new Set<string>();
  if (Array.isArray(list))
    for (const x of list as unknown[])
      if (typeof x === "object" && x !== null && typeof (x as { id?: unknown }).id === "string")
        ids.add((x as { id: string }).id);
  return ids;
}

/**
 * Checks an agreement document's shape piece by piece: the header, then every item of every list on its own. A
 * problem in one item hides nothing else: the caller compiles the items that passed and reports everything.
 */
export function parsePieces(input: unknown): Pieces {
  const issues: AgreementIssue[] = [];
  const doc = typeof input === "object" && input !== null && !Array.isArray(input) ? input : undefined;
  const header = v.safeParse(headerSchema, input);
  if (!header.success) issues.push(...fromValibot(header.issues));
  const raw = (doc ?? {}) as Record<string, unknown>;
  const lists = {} as { [K in ListKey]: unknown[] };
  for (const key of Object.keys(LIST_SCHEMAS) as ListKey[]) {
    const spec = LIST_SCHEMAS[key];
    const value = raw[key];
    lists[key] = [];
    if (value === undefined && !("min" in spec)) continue;
    if (!Array.isArray(value)) {
      if (doc) issues.push({ severity: "error", kind: "schema", at: [key], message: `must be a list` });
      continue;
    }
    if ("min" in spec && value.length === 0)
      issues.push({ severity: "error", kind: "validation", at: [key], message: spec.min });
    lists[key] = value.map((item, i) => {
      const r = v.safeParse(spec.item as v.GenericSchema, item);
      if (r.success) return r.output;
      issues.push(...fromValibot(r.issues, [key, i]));
      return salvage(spec.item as v.GenericSchema, item, r.issues);
    });
  }
  let headerOut: Pieces["header"];
  if (header.success) {
    const h = { ...header.output } as Record<string, unknown>;
    for (const key of Object.keys(LIST_SCHEMAS)) delete h[key];
    headerOut = h as Pieces["header"];
  }
  return {
    ...(headerOut ? { header: headerOut } : {}),
    ...(lists as unknown as { [K in ListKey]: (ItemOf<K> | undefined)[] }),
    writtenIds: {
      obligations: writtenIds(raw.obligations),
      phases: writtenIds(raw.phases),
      parties: writtenIds(raw.parties),
    },
    ...(writtenStartOf(raw) ? { writtenStart: writtenStartOf(raw)! } : {}),
    issues,
  };
}

/**
 * An item without the keys its problems are in, if it is valid without them: so that the rest of it (a matcher, a
 * reference) is still checked and its problems reported too. The agreement is not loaded either way.
 */
function salvage(schema: v.GenericSchema, item: unknown, problems: v.BaseIssue<unknown>[]): unknown {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const bad = new Set(
    problems.map((p) => p.path?.[0]?.key).filter((k): k is string => typeof k === "string"),
  );
  if (bad.size === 0) return undefined;
  const rest = Object.fromEntries(Object.entries(item).filter(([k]) => !bad.has(k)));
  const r = v.safeParse(schema, rest);
  return r.success ? r.output : undefined;
}

function writtenStartOf(raw: Record<string, unknown>): string | undefined {
  const d = raw.effective ?? raw.signed;
  return typeof d === "string" ? d : d instanceof Date ? d.toISOString().slice(0, 10) : undefined;
}
