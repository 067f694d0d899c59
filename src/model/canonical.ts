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
      if (Array.isArray(value)) {
        // Concatenation, not map and join: this runs for every event of a bulk import.
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const x: unknown = value[i];
          out += (i ? "," : "") + (x === undefined ? "null" : canonicalJson(x));
        }
        return out + "]";
      }
      let out = "";
      for (const k of sortedKeys(value)) {
        const x = (value as Record<string, unknown>)[k];
        if (x !== undefined) out += (out ? "," : "") + keyText(k) + canonicalJson(x);
      }
      return `{${out}}`;
    }
    default:
      throw new TypeError(`cannot encode a ${typeof value}`);
  }
}

/** Keys in UTF-16 code unit order. Objects built in code usually list them so already: check before sorting. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
  return keys;
}

/** `"key":`, remembered for the few hundred keys events use (bounded, as attribute keys come from input). */
const KEY_TEXT = new Map<string, string>();
function keyText(k: string): string {
  let t = KEY_TEXT.get(k);
  if (t === undefined) {
    t = `${JSON.stringify(k)}:`;
    if (KEY_TEXT.size < 4096) KEY_TEXT.set(k, t);
  }
  return t;
}

/** An object's members in canonical order, each as `"key":value` text: to encode an object and a superset of it once. */
export function canonicalMembers(value: Record<string, unknown>): [key: string, text: string][] {
  const out: [string, string][] = [];
  for (const k of sortedKeys(value)) {
    const x = value[k];
    if (x !== undefined) out.push([k, keyText(k) + canonicalJson(x)]);
  }
  return out;
}

export function joinMembers(members: readonly [string, string][]): string {
  let out = "";
  for (let i = 0; i < members.length; i++) out += (i ? "," : "") + members[i]![1];
  return `{${out}}`;
}
