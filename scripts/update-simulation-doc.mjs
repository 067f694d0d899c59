// Refreshes docs/simulation.md's "Sequencing compared": builds the demo ledger in a temporary folder, runs each
// command the section shows and writes what it printed beneath it, and recomputes the two tables
// (scripts/simulation-comparison.mjs). Run after `npm run build`; `npm run simulation-doc` does both.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { refreshBlocks, run } from "./case-study-blocks.mjs";
import { comparisonTables, refresh } from "./simulation-comparison.mjs";

const doc = new URL("../docs/simulation.md", import.meta.url);
const ledger = join(mkdtempSync(join(tmpdir(), "lockstep-simulation-doc-")), "lockstep.db");
run("lockstep demo", ledger);
const text = refresh(refreshBlocks(readFileSync(doc, "utf8"), ledger), await comparisonTables(ledger));
// Formatted as `prettier --write` would, with the project's settings.
writeFileSync(doc, await format(text, { ...(await resolveConfig(doc.pathname)), filepath: doc.pathname }));
