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
