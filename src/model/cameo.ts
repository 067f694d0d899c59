import type { EventType } from "./event-types.js";
import type { EventContent } from "./event.js";

/**
 * How each Lockstep event type reads in CAMEO, the coding scheme of GDELT and ICEWS, with the Goldstein weight GDELT
 * gives that code (−10 most conflictual, +10 most cooperative). One table, documented in docs/event-model.md and
 * checked against GDELT's own lookup tables in the tests.
 */
export interface CameoMapping {
  code: string;
  label: string;
  goldstein: number;
}

interface Rule {
  /** Applies where the attribute has this value; the rule without `when` is the type's default. */
  when?: { attribute: string; equals: string[] };
  cameo: CameoMapping;
}

const DEMONSTRATE: CameoMapping = {
  code: "150",
  label: "Demonstrate military or police power, not specified below",
  goldstein: -7.2,
};

export const CAMEO_RULES: Readonly<Record<Exclude<EventType, "cameo_event" | "retraction">, Rule[]>> = {
  missile_launch: [{ cameo: DEMONSTRATE }],
  nuclear_test: [{ cameo: DEMONSTRATE }],
  military_exercise: [
    {
      when: { attribute: "status", equals: ["suspended", "postponed", "cancelled"] },
      cameo: { code: "087", label: "De-escalate military engagement", goldstein: 9.0 },
    },
    { cameo: DEMONSTRATE },
  ],
  sanctions_imposed: [
    { cameo: { code: "163", label: "Impose embargo, boycott, or sanctions", goldstein: -8.0 } },
  ],
  sanctions_relieved: [
    { cameo: { code: "085", label: "Ease economic sanctions, boycott, embargo", goldstein: 7.0 } },
  ],
  summit_or_meeting: [{ cameo: { code: "040", label: "Consult, not specified below", goldstein: 1.0 } }],
  agreement_signed: [{ cameo: { code: "057", label: "Sign formal agreement", goldstein: 8.0 } }],
  declaration: [
    {
      when: { attribute: "effect", equals: ["announced", "reaffirmed"] },
      cameo: { code: "030", label: "Express intent to cooperate, not specified below", goldstein: 4.0 },
    },
    {
      when: { attribute: "effect", equals: ["ended"] },
      cameo: { code: "124", label: "Refuse to yield, not specified below", goldstein: -4.0 },
    },
    { cameo: { code: "010", label: "Make statement, not specified below", goldstein: 0.0 } },
  ],
  statement: [{ cameo: { code: "010", label: "Make statement, not specified below", goldstein: 0.0 } }],
  draft_resolution: [
    {
      when: { attribute: "aim", equals: ["relief"] },
      cameo: {
        code: "0354",
        label: "Express intent to ease economic sanctions, boycott, or embargo",
        goldstein: 7.0,
      },
    },
    {
      when: { attribute: "aim", equals: ["sanctions"] },
      cameo: {
        code: "132",
        label: "Threaten with administrative sanctions, not specified below",
        goldstein: -5.8,
      },
    },
    { cameo: { code: "020", label: "Appeal, not specified below", goldstein: 3.0 } },
  ],
  veto: [{ cameo: { code: "129", label: "Veto", goldstein: -5.0 } }],
  dismantlement: [{ cameo: { code: "087", label: "De-escalate military engagement", goldstein: 9.0 } }],
  repatriation: [{ cameo: { code: "0841", label: "Return, release person(s)", goldstein: 7.0 } }],
};

/** The CAMEO code and Goldstein weight of one event, or undefined for a retraction. */
export function cameoOf(event: Pick<EventContent, "type" | "attributes">): CameoMapping | undefined {
  if (event.type === "retraction") return undefined;
  if (event.type === "cameo_event") {
    const a = event.attributes as { code: string; goldstein: number };
    return { code: a.code, label: "as coded by the source dataset", goldstein: a.goldstein };
  }
  for (const rule of CAMEO_RULES[event.type]) {
    if (!rule.when) return rule.cameo;
    const value = event.attributes[rule.when.attribute];
    if (typeof value === "string" && rule.when.equals.includes(value)) return rule.cameo;
  }
  return undefined;
}
