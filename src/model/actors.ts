/**
 * Who acts. States use ISO 3166 alpha-3 codes; bodies use a short named code. The list names the actors of the
 * bundled scenario for display; any code of 2 to 12 capital letters or digits is accepted so that imports from
 * event datasets keep their own actors.
 */
export const ACTOR_CODE_RE = /^[A-Z][A-Z0-9]{1,11}$/;

export const KNOWN_ACTORS: Readonly<Record<string, string>> = {
  PRK: "North Korea (DPRK)",
  KOR: "South Korea (ROK)",
  USA: "United States",
  CHN: "China",
  RUS: "Russia",
  JPN: "Japan",
  UNSC: "UN Security Council",
  OFAC: "US Treasury, Office of Foreign Assets Control",
  UN: "United Nations",
  EU: "European Union",
  IAEA: "International Atomic Energy Agency",
};

export function actorName(code: string): string {
  return KNOWN_ACTORS[code] ?? code;
}

/**
 * Other names users write for the actors of the record, each to its code (matched without regard to case, spaces or
 * punctuation): DPRK, North Korea, NK → PRK, and so on. A filter names an actor by any of them.
 */
export const ACTOR_ALIASES: Readonly<Record<string, string>> = {
  DPRK: "PRK",
  "North Korea": "PRK",
  NK: "PRK",
  ROK: "KOR",
  "South Korea": "KOR",
  SK: "KOR",
  US: "USA",
  "United States": "USA",
  America: "USA",
  PRC: "CHN",
  China: "CHN",
  Russia: "RUS",
  "Russian Federation": "RUS",
  Japan: "JPN",
  "UN Security Council": "UNSC",
  "Security Council": "UNSC",
  Treasury: "OFAC",
  "United Nations": "UN",
};

const squash = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, "");
const ALIAS_INDEX = new Map(Object.entries(ACTOR_ALIASES).map(([alias, code]) => [squash(alias), code]));

/** The code an actor is named by: an alias resolved (`North Korea` → PRK), any other name upper-cased. */
export function resolveActorCode(name: string): string {
  return ALIAS_INDEX.get(squash(name)) ?? name.trim().toUpperCase();
}
