/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, undefined members dropped, numbers as
 * ECMAScript prints them. For the values the ledger stores (strings, finite numbers, booleans, null, arrays,
 * plain objects) this is the JSON Canonicalization Scheme of RFC 8785, so any JCS implementation reproduces the
 * hashes.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`cannot encode non-finite number ${value}`);
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value))
        return `[${value.map((x) => (x === undefined ? "null" : canonicalJson(x))).join(",")}]`;
      const keys = Object.keys(value).sort();
      const parts: string[] = [];
      for (const k of keys) {
        const x = (value as Record<string, unknown>)[k];
        if (x !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(x)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      throw new TypeError(`cannot encode a ${typeof value}`);
  }
}

/** An object's members in canonical order, each as `"key":value` text: to encode an object and a superset of it once. */
export function canonicalMembers(value: Record<string, unknown>): [key: string, text: string][] {
  const out: [string, string][] = [];
  for (const k of Object.keys(value).sort()) {
    const x = value[k];
    if (x !== undefined) out.push([k, `${JSON.stringify(k)}:${canonicalJson(x)}`]);
  }
  return out;
}

export function joinMembers(members: readonly [string, string][]): string {
  return `{${members.map((m) => m[1]).join(",")}}`;
}
