import { Ajv } from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { agreementJsonSchema } from "../../src/agreement/index.js";

const root = resolve(import.meta.dirname, "../..");
const agreements = join(root, "scenarios/korea/agreements");

describe("the agreement JSON Schema for editors", () => {
  it("is the committed docs/agreement.schema.json (run `npm run schema` after changing the format)", () => {
    const committed = JSON.parse(readFileSync(join(root, "docs/agreement.schema.json"), "utf8")) as unknown;
    expect(committed).toEqual(agreementJsonSchema());
  });

  const validate = new Ajv({ strict: false }).compile(agreementJsonSchema());

  it.each(readdirSync(agreements).filter((f) => f.endsWith(".yaml")))("accepts the bundled %s", (file) => {
    const ok = validate(parse(readFileSync(join(agreements, file), "utf8")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects an obligation with an unknown kind and a window of the wrong shape", () => {
    const doc = parse(readFileSync(join(agreements, "moratorium-2018.yaml"), "utf8")) as {
      obligations: Record<string, unknown>[];
    };
    doc.obligations[0]!.kind = "promise";
    expect(validate(doc)).toBe(false);
    doc.obligations[0]!.kind = "refrain";
    doc.obligations[0]!.window = { from: "2018-01-01" };
    expect(validate(doc)).toBe(false);
  });
});
