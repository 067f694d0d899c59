import { describe, expect, it } from "vitest";
import { parseEvent } from "../../src/model/index.js";
import { actorsToCheck } from "../../src/store/actors.js";
import { items, launch, RECORDED_AT } from "../ledger/helpers.js";
import { ENGINE, newStore } from "./engine.js";

const options = { importer: "jsonl", file: "events.jsonl", recordedAt: RECORDED_AT };

describe(`the actor codes a filter names, checked on ${ENGINE}`, () => {
  it("actorsPresent finds codes as actors or targets, superseded entries included, in the order asked", async () => {
    const store = await newStore();
    const russian = launch("2019-05-04", { actor: "RUS" });
    const parsed = parseEvent(russian);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await store.appendEvents(
      items("events.jsonl", [
        launch("2022-10-28"),
        {
          type: "sanctions_imposed",
          date: "2022-12-01",
          actor: "USA",
          target: "PRK",
          attributes: { authority: "OFAC", instrument: "SDN designations" },
          sources: [{ title: "Treasury" }],
        },
        russian,
      ]),
      options,
    );
    // The RUS launch corrected to a CHN one: RUS stays in the ledger's history.
    await store.appendEvents(
      items("fix.jsonl", [launch("2019-05-04", { actor: "CHN", supersedes: [parsed.event.id] })]),
      { ...options, file: "fix.jsonl" },
    );
    expect(await store.actorsPresent(["NKR", "USA", "PRK", "KOR", "RUS", "CHN"])).toEqual([
      "USA",
      "PRK",
      "RUS",
      "CHN",
    ]);
    expect(await store.actorsPresent([])).toEqual([]);

    // A filter's codes all there: they are what the check needs. One missing: the ledger's every code, for "did you
    // mean", as ledgerActors lists them.
    expect(await actorsToCheck(store, [{ actors: ["PRK"], targets: ["PRK"] }, { with: ["USA"] }])).toEqual([
      "PRK",
      "USA",
    ]);
    const every = (await store.ledgerActors({ history: true })).map((a) => a.code);
    expect(every.sort()).toEqual(["CHN", "PRK", "RUS", "USA"]);
    expect(await actorsToCheck(store, [{ actors: ["NKR"] }])).toEqual(
      (await store.ledgerActors({ history: true })).map((a) => a.code),
    );
  });
});
