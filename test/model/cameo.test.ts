import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  ATTRIBUTE_SCHEMAS,
  CAMEO_RULES,
  EVENT_TYPES,
  cameoOf,
  type CameoMapping,
  type EventType,
} from "../../src/model/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cameoDir = path.resolve(repoRoot, "../shared/data/cameo");
const haveGdeltTables =
  fs.existsSync(path.join(cameoDir, "CAMEO.eventcodes.txt")) &&
  fs.existsSync(path.join(cameoDir, "CAMEO.goldsteinscale.txt"));

type RuleType = keyof typeof CAMEO_RULES;
const RULE_TYPES = Object.keys(CAMEO_RULES) as RuleType[];

/** A GDELT lookup table: a header row, then code TAB value. Labels may carry trailing spaces. */
function readTable(file: string): Map<string, string> {
  const lines = fs.readFileSync(path.join(cameoDir, file), "utf8").split(/\r?\n/).slice(1);
  const table = new Map<string, string>();
  for (const line of lines) {
    if (!line.trim()) continue;
    const [code, value] = line.split("\t");
    table.set(code!.trim(), (value ?? "").trim());
  }
  return table;
}

/** The picklist values of an attribute of a type, or undefined if the attribute is free text or absent. */
function optionsOf(type: EventType, attribute: string): string[] | undefined {
  type Field = v.GenericSchema & { type: string; wrapped?: Field; options?: string[] };
  let field = (ATTRIBUTE_SCHEMAS[type] as unknown as { entries: Record<string, Field> }).entries[attribute];
  while (field?.wrapped) field = field.wrapped;
  return field?.type === "picklist" ? field.options : undefined;
}

describe("CAMEO_RULES", () => {
  it("maps every Lockstep type except retraction to a CAMEO code", () => {
    const mapped = [...RULE_TYPES, "cameo_event"].sort();
    expect(mapped).toEqual(EVENT_TYPES.filter((t) => t !== "retraction").sort());
    for (const type of RULE_TYPES) {
      const rules = CAMEO_RULES[type];
      expect(rules.length).toBeGreaterThan(0);
      // The last rule has no condition, so every event of the type gets a code.
      expect(rules[rules.length - 1]!.when).toBeUndefined();
      expect(rules.slice(0, -1).every((r) => r.when !== undefined)).toBe(true);
    }
  });

  it("gives every code in CAMEO's form: three digits, or four for a subcode", () => {
    for (const rules of Object.values(CAMEO_RULES))
      for (const { cameo } of rules) {
        expect(cameo.code).toMatch(/^\d{3,4}$/);
        expect(cameo.goldstein).toBeGreaterThanOrEqual(-10);
        expect(cameo.goldstein).toBeLessThanOrEqual(10);
      }
  });

  it("conditions only on attributes the type has, with values those attributes can take", () => {
    for (const type of RULE_TYPES)
      for (const { when } of CAMEO_RULES[type]) {
        if (!when) continue;
        const options = optionsOf(type, when.attribute);
        expect(options, `${type}.${when.attribute}`).toBeDefined();
        for (const value of when.equals) expect(options, `${type}.${when.attribute}`).toContain(value);
      }
  });
});

describe("cameoOf", () => {
  it("gives an event of every type but retraction a code", () => {
    const attributes: Partial<Record<EventType, Record<string, unknown>>> = {
      cameo_event: { code: "0311", goldstein: 5.2 },
    };
    for (const type of EVENT_TYPES) {
      const mapping = cameoOf({ type, attributes: attributes[type] ?? {} });
      if (type === "retraction") expect(mapping).toBeUndefined();
      else expect(mapping?.code, type).toMatch(/^\d{2,4}$/);
    }
  });

  it.each([
    ["missile_launch", { class: "ICBM" }, "150"],
    ["nuclear_test", {}, "150"],
    ["military_exercise", { name: "Foal Eagle", status: "held" }, "150"],
    ["military_exercise", { name: "Ulchi Freedom Guardian", status: "suspended" }, "087"],
    ["military_exercise", { name: "Vigilant Ace", status: "postponed" }, "087"],
    ["military_exercise", { name: "Key Resolve", status: "cancelled" }, "087"],
    ["declaration", { subject: "moratorium", effect: "announced" }, "030"],
    ["declaration", { subject: "moratorium", effect: "reaffirmed" }, "030"],
    ["declaration", { subject: "moratorium", effect: "ended" }, "124"],
    ["declaration", { subject: "moratorium", effect: "other" }, "010"],
    ["draft_resolution", { body: "UNSC", aim: "relief", outcome: "pending" }, "0354"],
    ["draft_resolution", { body: "UNSC", aim: "sanctions", outcome: "vetoed" }, "132"],
    ["draft_resolution", { body: "UNSC", aim: "other", outcome: "adopted" }, "020"],
    ["veto", { body: "UNSC" }, "129"],
  ] as const)("reads %s with %j as %s", (type, attributes, code) => {
    expect(cameoOf({ type, attributes })?.code).toBe(code);
  });

  it("keeps the code and weight of a CAMEO-coded record", () => {
    expect(cameoOf({ type: "cameo_event", attributes: { code: "0311", goldstein: 5.2 } })).toEqual({
      code: "0311",
      label: "as coded by the source dataset",
      goldstein: 5.2,
    });
  });
});

const gdeltTitle = haveGdeltTables
  ? `against GDELT's lookup tables in ${cameoDir}`
  : `against GDELT's lookup tables: skipped, the shared folder ${cameoDir} is absent`;

describe.skipIf(!haveGdeltTables)(gdeltTitle, () => {
  const labels = haveGdeltTables ? readTable("CAMEO.eventcodes.txt") : new Map<string, string>();
  const weights = haveGdeltTables ? readTable("CAMEO.goldsteinscale.txt") : new Map<string, string>();
  const cases = RULE_TYPES.flatMap((type) =>
    CAMEO_RULES[type].map((r): [string, CameoMapping] => [type, r.cameo]),
  );

  it.each(cases)("%s: %j has GDELT's label and Goldstein value", (_type, cameo) => {
    expect(labels.get(cameo.code)).toBe(cameo.label);
    expect(Number(weights.get(cameo.code))).toBe(cameo.goldstein);
  });
});

describe("the CAMEO table of docs/event-model.md", () => {
  interface DocRow {
    type: string;
    when?: { attribute: string; equals: string[] };
    code: string;
    label: string;
    goldstein: number;
  }

  function docRows(): DocRow[] {
    const text = fs.readFileSync(path.join(repoRoot, "docs/event-model.md"), "utf8");
    const lines = text.split("\n");
    const header = lines.findIndex((l) => /^\|\s*Type\s*\|\s*Condition\s*\|\s*CAMEO code\s*\|/.test(l));
    expect(
      header,
      "docs/event-model.md has a table with the header | Type | Condition | CAMEO code | ...",
    ).toBeGreaterThan(-1);
    const rows: DocRow[] = [];
    for (const line of lines.slice(header + 2)) {
      if (!line.startsWith("|")) break;
      const [type, condition, code, label, goldstein] = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const backticked = [...condition!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      rows.push({
        type: type!.replace(/`/g, ""),
        ...(backticked.length ? { when: { attribute: backticked[0]!, equals: backticked.slice(1) } } : {}),
        code: code!,
        label: label!,
        goldstein: Number(goldstein!.replace("−", "-")),
      });
    }
    return rows;
  }

  it("equals CAMEO_RULES, row for row and in order", () => {
    const fromCode: DocRow[] = RULE_TYPES.flatMap((type) =>
      CAMEO_RULES[type].map((r) => ({ type, ...(r.when ? { when: r.when } : {}), ...r.cameo })),
    );
    expect(docRows()).toEqual(fromCode);
  });

  it("says `always` for a type's only rule and `otherwise` for a default after conditions", () => {
    const text = fs.readFileSync(path.join(repoRoot, "docs/event-model.md"), "utf8");
    for (const type of RULE_TYPES) {
      const rules = CAMEO_RULES[type];
      const word = rules.length === 1 ? "always" : "otherwise";
      expect(text).toMatch(new RegExp(`\\|\\s*\`${type}\`\\s*\\|\\s*${word}\\s*\\|`));
    }
  });
});
