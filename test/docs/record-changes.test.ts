import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module shared with `npm run record-changes`, without type declarations.
import { changes, recordChanges } from "../../scripts/record-changes.mjs";

const file = resolve(import.meta.dirname, "../../scenarios/korea/CHANGES.md");

describe("scenarios/korea/CHANGES.md lists what the record audit added and corrected (npm run record-changes)", () => {
  it("is what the scenario files say", async () => {
    const fresh = await format(recordChanges() as string, { filepath: file });
    expect(readFileSync(file, "utf8")).toBe(fresh);
  });

  it("says what a correction changed: fields, attributes, sources added and dropped; not the order of parties", () => {
    const src = (url: string) => ({ url, title: "t", publisher: url.slice(8, 13) });
    const before = {
      date: "2022-10-31",
      end: "2022-11-04",
      actor: "USA+KOR",
      attributes: { name: "VS", status: "held" },
      sources: [src("https://aaaaa.org/1"), src("https://bbbbb.org/2")],
      confidence: "reported",
    };
    const after = {
      ...before,
      end: "2022-11-05",
      actor: ["KOR", "USA"],
      count: 1,
      attributes: { name: "VS", status: "held", aircraft: 240 },
      sources: [src("https://aaaaa.org/1"), src("https://ccccc.org/3")],
      confidence: "confirmed",
    };
    expect(changes(before, after)).toBe(
      "end 2022-11-04 → 2022-11-05; confidence reported → confirmed; aircraft — → 240; " +
        "sources added: [ccccc](https://ccccc.org/3); sources dropped: [bbbbb](https://bbbbb.org/2)",
    );
    expect(changes(before, { ...before })).toBe("wording only");
  });
});
