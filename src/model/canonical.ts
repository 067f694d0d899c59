/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, undefined members dropped, numbers as
 * ECMAScript prints them. For the values the ledger stores (strings, finite numbers, booleans, null, arrays,
 * plain objects) this is the JSON Canonicalization Scheme of RFC 8785, so any JCS implementation reproduces the
 * hashes.
 */
export function canonicalJson(value: unknown): string {
  // JSON.stringify writes members in the order Object.keys lists them, so for a value already in canonical order it
  // gives the canonical text, natively and several times faster. Events are built in that order (see event.ts).
  return inCanonicalOrder(value) ? JSON.stringify(value) : encode(value);
}

/**
 * Whether JSON.stringify would write `value` canonically: plain objects with keys in ascending UTF-16 order (which
 * also rules out integer-like keys such as "10" before "9", listed first by Object.keys), no undefined members, no
 * holes, finite numbers only, nothing with a toJSON.
 */
function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const x: unknown = value[i];
          if (x === undefined || !inCanonicalOrder(x)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        if (i && keys[i - 1]! >= keys[i]!) return false;
        const x = (value as Record<string, unknown>)[keys[i]!];
        if (x === undefined || !inCanonicalOrder(x)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The general encoder, for values in any key order. */
function encode(value: unknown): string {
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
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const x: unknown = value[i];
          out += (i ? "," : "") + (x === undefined ? "null" : encode(x));
        }
        return out + "]";
      }
      let out = "";
      for (const k of sortedKeys(value)) {
        const x = (value as Record<string, unknown>)[k];
        if (x !== undefined) out += (out ? "," : "") + keyText(k) + encode(x);
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
