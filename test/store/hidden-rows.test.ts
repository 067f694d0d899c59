import { beforeEach, describe, expect, it } from "vitest";
import { importKoreaScenario } from "../../src/scenario/build.js";
import { openStore } from "../../src/store/open.js";
import { literal, tamperEntries } from "./attacker.js";
import { newStore, rawSql, tamper } from "./engine.js";

// What the campaign found verify passing: rows numbered outside the chain, and logs removed from a ledger whose
// schema keeps them.
let location: string;
beforeEach(async () => {
  const store = await newStore();
  await importKoreaScenario(store);
  await store.createToken("admin");
  location = store.location;
});

async function verify() {
  const store = await openStore(location, { mustExist: true, readonly: true });
  try {
    return await store.verify();
  } finally {
    await store.close();
  }
}

describe("verify sees every row", () => {
  it.each([0, -5])("catches an invented entry numbered %i, which queries would return", async (seq) => {
    expect((await verify()).ok).toBe(true);
    const [r] = await rawSql(location, "SELECT * FROM entries WHERE seq = 400");
    const values = [
      seq,
      "ev_fake0000000000000000",
      r!.recorded_at,
      r!.body,
      "x",
      "y",
      r!.type,
      r!.date_first,
      r!.date_last,
      r!.actors,
      r!.targets,
      Number(r!.count),
      r!.confidence,
    ];
    await tamperEntries(location, [
      `INSERT INTO entries (seq, id, recorded_at, body, prev_hash, hash, type, date_first, date_last, actors, targets, count, confidence) VALUES (${values.map(literal).join(", ")})`,
    ]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(seq);
  });

  it("catches the token log removed from a ledger whose schema keeps one", async () => {
    // No trigger to set aside: the table goes, its triggers with it.
    await tamper(location, [], ["DROP TABLE token_log"]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.tokens?.problems.join()).toMatch(/token log is gone/);
  });

  it("catches the import log's hashes removed and a count changed", async () => {
    await tamper(
      location,
      ["imports"],
      [
        "ALTER TABLE imports DROP COLUMN hash",
        "ALTER TABLE imports DROP COLUMN prev_hash",
        "UPDATE imports SET added = added + 1 WHERE id = 1",
      ],
    );
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.imports?.problems.join()).toMatch(/import log is gone/);
  });
});
