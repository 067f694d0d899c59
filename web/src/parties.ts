import { actorsOf, type LedgerEvent } from "./api";

/** One lane and one colour per actor group (Okabe–Ito palette, readable by most colour-blind readers). */
export const GROUPS = [
  { id: "DPRK", label: "DPRK", color: "#D55E00" },
  { id: "US/ROK", label: "US / ROK", color: "#0072B2" },
  { id: "Sanctions", label: "UN / US sanctions bodies", color: "#8E5A9B" },
  { id: "Others", label: "Others", color: "#4D7F3A" },
] as const;

export type GroupId = (typeof GROUPS)[number]["id"];

const SANCTIONS_BODIES = new Set(["UNSC", "OFAC", "UN", "USTREAS", "TREASURY"]);
const US_ROK = new Set(["USA", "KOR"]);

export function groupOf(e: Pick<LedgerEvent, "actor" | "type">): GroupId {
  const actors = actorsOf(e);
  if (actors.some((a) => SANCTIONS_BODIES.has(a))) return "Sanctions";
  if (actors.every((a) => a === "PRK")) return "DPRK";
  if (actors.every((a) => US_ROK.has(a))) return "US/ROK";
  return "Others";
}

/** The colour of a party (an actor code) in tables and lists. */
export function partyColor(actor: string): string {
  if (actor === "PRK") return GROUPS[0].color;
  if (US_ROK.has(actor)) return GROUPS[1].color;
  if (SANCTIONS_BODIES.has(actor)) return GROUPS[2].color;
  return GROUPS[3].color;
}

export function colorOf(id: GroupId): string {
  return GROUPS.find((g) => g.id === id)?.color ?? "#555";
}
