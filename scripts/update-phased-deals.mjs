// Refreshes the tables of what Lockstep says in docs/phased-deals.md: builds the demo ledger in a temporary folder
// and evaluates each deal at the dates of its table. Run after `npm run build`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "./case-study-blocks.mjs";
import { readEvents, refresh } from "./phased-deals-tables.mjs";

const doc = new URL("../docs/phased-deals.md", import.meta.url);
const ledger = join(mkdtempSync(join(tmpdir(), "lockstep-phased-deals-")), "lockstep.db");
run("lockstep demo", ledger);
writeFileSync(doc, refresh(readFileSync(doc, "utf8"), readEvents(ledger)));
