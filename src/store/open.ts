import type { OpenOptions } from "../ledger/index.js";
import { isPostgresUrl } from "./postgres/url.js";
import { SqliteStore } from "./sqlite/store.js";
import type { LedgerStore } from "./store.js";

export { isPostgresUrl, redactUrl } from "./postgres/url.js";

/**
 * Opens a ledger by where it is: a `postgres://` URL is a PostgreSQL database (its module loaded only then: SQLite
 * users never load pg), anything else a SQLite file. `flag` names where the location came from, for errors.
 */
export async function openStore(
  location: string,
  options: OpenOptions & { flag?: string } = {},
): Promise<LedgerStore> {
  if (isPostgresUrl(location)) {
    const { PostgresStore } = await import("./postgres/store.js");
    return PostgresStore.open(location, {
      ...(options.flag ? { flag: options.flag } : {}),
      ...(options.readonly ? { readonly: true } : {}),
    });
  }
  return SqliteStore.open(location, options);
}
