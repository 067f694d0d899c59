import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical.js";
import type { EventContent } from "./event.js";

/**
 * An event's id is a hash of its content (not of where it was imported from), so the same record imported twice,
 * from any file, is recognised as the same event.
 */
export function eventId(content: EventContent): string {
  return "ev_" + createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, 20);
}
