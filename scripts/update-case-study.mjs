// Refreshes the outputs in docs/case-study-2022-10-28.md: builds the demo ledger in a temporary folder, runs every
// command the document shows, and writes what each printed beneath it. Run after `npm run build`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { refreshBlocks, run, staleQuotes } from "./case-study-blocks.mjs";

const doc = new URL("../docs/case-study-2022-10-28.md", import.meta.url);
const ledger = join(mkdtempSync(join(tmpdir(), "lockstep-case-study-")), "lockstep.db");
run("lockstep demo", ledger);
const text = refreshBlocks(readFileSync(doc, "utf8"), ledger);
writeFileSync(doc, text);
// The prose may quote an output (an inline code span with a digit); say which quotes the new outputs no longer print.
const stale = staleQuotes(text);
for (const q of stale)
  console.error(`docs/case-study-2022-10-28.md:${q.line}: \`${q.quote}\` is in no output above it`);
if (stale.length > 0) process.exitCode = 1;
