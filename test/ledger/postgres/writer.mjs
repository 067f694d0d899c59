// One writer process of the concurrent-writers test: appends its imports to the PostgreSQL ledger at argv[2], as
// a separate server or CLI would, through the built store (dist/).
const [url, tag, imports, size] = process.argv.slice(2);
const { PostgresStore } = await import(
  new URL("../../../dist/store/postgres/store.js", import.meta.url).href
);
const store = await PostgresStore.open(url);
let added = 0;
for (let b = 0; b < Number(imports); b++) {
  const items = Array.from({ length: Number(size) }, (_, i) => ({
    where: { file: `${tag}-${b}.jsonl`, record: String(i + 1) },
    input: {
      type: "statement",
      date: new Date(Date.UTC(2000, 0, 1) + (b * Number(size) + i) * 86_400_000).toISOString().slice(0, 10),
      actor: "PRK",
      attributes: { subject: `${tag} ${b} ${i}` },
      sources: [{ title: `${tag} source ${b} ${i}` }],
    },
  }));
  added += (await store.appendEvents(items, { importer: "jsonl", file: `${tag}-${b}.jsonl` })).added;
}
await store.close();
process.stdout.write(JSON.stringify({ tag, added }) + "\n");
