/**
 * What an administrator grants the role Lockstep connects as, once the schema exists (created by the first
 * `lockstep copy --to URL`, or any open, as the database's owner): no UPDATE, DELETE or TRUNCATE on the entries,
 * supersessions, the import log or the token log, so that even SQL sent with the application's credentials cannot
 * rewrite the record; the triggers refuse it for every role, the owner's included, besides. Tokens are updated
 * (a revocation), coverage replaced and the verified mark moved, so those keep what that needs.
 *
 * Entries are partitioned by year (schema 8): the application writes and reads them through `entries`, never a
 * partition by name, so it has no right on any partition; a year's partition is made by calling
 * lockstep_entry_partitions, which runs as its owner, so the role needs no CREATE right. A ledger migrated from
 * schema 7 needs these grants run again (links and that function are new).
 */
export function applicationGrants(role: string, database: string): string {
  const r = quoteIdent(role);
  return [
    `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${r};`,
    `GRANT USAGE ON SCHEMA public TO ${r};`,
    `GRANT SELECT ON schema_version TO ${r};`,
    `GRANT SELECT, INSERT ON entries, links, supersessions, imports, token_log TO ${r};`,
    `GRANT EXECUTE ON FUNCTION lockstep_entry_partitions(text[]) TO ${r};`,
    `GRANT SELECT, INSERT, UPDATE ON tokens, verified TO ${r};`,
    `GRANT SELECT, INSERT, DELETE ON coverage TO ${r};`,
  ].join("\n");
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
