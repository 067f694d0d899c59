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

const DE_ESCALATE: CameoMapping = { code: "087", label: "De-escalate military engagement", goldstein: 9.0 };
const REFUSE_TO_DE_ESCALATE: CameoMapping = {
  code: "1246",
  label: "Refuse to de-escalate military engagement",
  goldstein: -4.0,
};
const MAKE_STATEMENT: CameoMapping = {
  code: "010",
  label: "Make statement, not specified below",
  goldstein: 0.0,
};

export const CAMEO_RULES: Readonly<Record<Exclude<EventType, "cameo_event" | "retraction">, Rule[]>> = {
  missile_launch: [{ cameo: DEMONSTRATE }],
  nuclear_test: [{ cameo: DEMONSTRATE }],
  military_exercise: [
    {
      when: { attribute: "status", equals: ["suspended", "postponed", "cancelled"] },
      cameo: DE_ESCALATE,
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
      when: { attribute: "effect", equals: ["announced", "reaffirmed", "resumed"] },
      cameo: { code: "030", label: "Express intent to cooperate, not specified below", goldstein: 4.0 },
    },
    {
      when: { attribute: "effect", equals: ["ended", "suspended"] },
      cameo: { code: "124", label: "Refuse to yield, not specified below", goldstein: -4.0 },
    },
    { cameo: MAKE_STATEMENT },
  ],
  statement: [{ cameo: MAKE_STATEMENT }],
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
  dismantlement: [{ cameo: DE_ESCALATE }],
  repatriation: [{ cameo: { code: "0841", label: "Return, release person(s)", goldstein: 7.0 } }],
  facility_status: [
    {
      when: { attribute: "status", equals: ["restarted", "unsealed", "construction_resumed"] },
      cameo: REFUSE_TO_DE_ESCALATE,
    },
    // CAMEO has no code for building something; a construction start is recorded as a plain statement of fact.
    {
      when: { attribute: "status", equals: ["construction_started", "construction_completed"] },
      cameo: MAKE_STATEMENT,
    },
    { cameo: DE_ESCALATE },
  ],
  inspection: [
    {
      when: { attribute: "action", equals: ["admitted", "confirmed"] },
      cameo: { code: "0862", label: "Receive inspectors", goldstein: 9.0 },
    },
    {
      when: { attribute: "action", equals: ["expelled", "departed"] },
      cameo: { code: "1662", label: "Expel or withdraw inspectors, observers", goldstein: -7.0 },
    },
    {
      when: { attribute: "action", equals: ["refused"] },
      cameo: {
        code: "1245",
        label: "Refuse to allow international involvement (non mediation)",
        goldstein: -4.0,
      },
    },
    { cameo: MAKE_STATEMENT },
  ],
  aid_delivered: [
    {
      when: { attribute: "goods", equals: ["food"] },
      cameo: { code: "073", label: "Provide humanitarian aid", goldstein: 7.4 },
    },
    { cameo: { code: "071", label: "Provide economic aid", goldstein: 7.4 } },
  ],
  document_handover: [
    { cameo: { code: "030", label: "Express intent to cooperate, not specified below", goldstein: 4.0 } },
  ],
  withdrawal: [{ cameo: { code: "160", label: "Reduce relations, not specified below", goldstein: -4.0 } }],
  show_of_force: [{ cameo: DEMONSTRATE }],
  military_activity: [
    {
      when: { attribute: "activity", equals: ["gunfire"] },
      cameo: { code: "193", label: "Fight with small arms and light weapons", goldstein: -10.0 },
    },
    {
      when: { attribute: "activity", equals: ["guard_post_restored", "border_fortification"] },
      cameo: REFUSE_TO_DE_ESCALATE,
    },
    {
      when: { attribute: "activity", equals: ["mine_clearing", "guard_post_removed", "remains_recovery"] },
      cameo: DE_ESCALATE,
    },
    { cameo: DEMONSTRATE },
  ],
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
