import { hash } from "node:crypto";
import { canonicalJson } from "./canonical.js";
import type { EventContent } from "./event.js";

/**
 * An event's id is a hash of its content (not of where it was imported from), so the same record imported twice,
 * from any file, is recognised as the same event.
 */
export function eventId(content: EventContent): string {
  return idOfCanonical(canonicalJson(content));
}

/** The id of content already in canonical JSON. */
export function idOfCanonical(canonicalContent: string): string {
  return "ev_" + hash("sha256", canonicalContent).slice(0, 20);
}
