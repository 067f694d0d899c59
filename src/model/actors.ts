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
