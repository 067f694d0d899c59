import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLedger, queryEvents, type StoredEvent } from "../../src/ledger/index.js";
import { importKoreaScenario } from "../../src/scenario/build.js";
import { koreaScenarioDir } from "../../src/scenario/korea.js";

/** The CNS facility table the scenario ships, by name; the "unknown" site's coordinates stand for no place. */
function facilityTable(): Map<string, { lat: number; lon: number }> {
  const file = join(koreaScenarioDir(), "cns", "facility.en.json");
  const { facilities } = JSON.parse(readFileSync(file, "utf8")) as {
    facilities: Record<string, { name: string; lat: number; lon: number }>;
  };
  return new Map(
    Object.entries(facilities)
      .filter(([key]) => key !== "unknown")
      .map(([, f]) => [f.name, { lat: f.lat, lon: f.lon }]),
  );
}

const dir = mkdtempSync(join(tmpdir(), "lockstep-sites-"));
let launches: StoredEvent[] = [];

beforeAll(async () => {
  const ledger = openLedger(join(dir, "korea.db"));
  try {
    await importKoreaScenario(ledger);
    launches = queryEvents(ledger, { types: ["missile_launch"] }, { history: true });
  } finally {
    ledger.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bundled record's launch sites", () => {
  it("every launch from a CNS facility carries that facility's coordinates, CNS's own and the copies that supersede them", () => {
    const table = facilityTable();
    const fromCns = launches.filter((e) => table.has(e.attributes.facility as string));
    expect(fromCns.length).toBeGreaterThan(300);
    const wrong = fromCns.filter(
      (e) =>
        JSON.stringify(e.attributes.facilityLocation) !==
        JSON.stringify(table.get(e.attributes.facility as string)),
    );
    expect(wrong.map((e) => [e.id, e.date, e.attributes.facility])).toEqual([]);
    // The current view (what the map draws) is mostly the copies: they must carry them too.
    expect(fromCns.filter((e) => e.supersedes?.length).length).toBeGreaterThan(150);
  });

  it("no launch carries coordinates for a site the table does not name: none are made up", () => {
    const table = facilityTable();
    const elsewhere = launches.filter((e) => !table.has(e.attributes.facility as string));
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.filter((e) => e.attributes.facilityLocation !== undefined)).toEqual([]);
  });
});
