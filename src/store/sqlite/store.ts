import {
  appendEvents,
  appendPrepared,
  countCurrentEvents,
  countEntries,
  countEvents,
  createToken,
  eventFacets,
  lastSeq,
  actorsPresent,
  ledgerActors,
  listTokens,
  openLedger,
  queryEventPage,
  queryEvents,
  readCoverage,
  revokeToken,
  verifyLedger,
  verifySinceLastCheck,
  writeCoverage,
  type Ledger,
  type OpenOptions,
} from "../../ledger/index.js";
import { checkSchemaVersion } from "../../ledger/migrations.js";
import { lookupToken } from "../../ledger/tokens.js";
import type { LedgerStore } from "../store.js";
import { checkpointOf, verifyAgainst } from "./checkpoint.js";
import { dumpSqlite, isEmptySqlite, loadSqlite } from "./copy.js";

/** The embedded engine: a SQLite file, through the ledger's own synchronous functions. */
export class SqliteStore implements LedgerStore {
  readonly engine = "sqlite";
  readonly location: string;

  constructor(readonly ledger: Ledger) {
    this.location = ledger.path;
  }

  static open(path: string, options: OpenOptions = {}): SqliteStore {
    return new SqliteStore(openLedger(path, options));
  }

  appendEvents: LedgerStore["appendEvents"] = (items, options) => appendEvents(this.ledger, items, options);
  appendPrepared: LedgerStore["appendPrepared"] = (records, options) =>
    appendPrepared(this.ledger, records, options);

  queryEvents: LedgerStore["queryEvents"] = async (matcher, options) =>
    queryEvents(this.ledger, matcher, options);
  queryEventPage: LedgerStore["queryEventPage"] = async (matcher, options) =>
    queryEventPage(this.ledger, matcher, options);
  countEvents: LedgerStore["countEvents"] = async (matcher, options) =>
    countEvents(this.ledger, matcher, options);
  countEntries = async () => countEntries(this.ledger);
  countCurrentEvents = async () => countCurrentEvents(this.ledger);
  lastSeq = async () => lastSeq(this.ledger);
  eventFacets: LedgerStore["eventFacets"] = async (options) => eventFacets(this.ledger, options);
  ledgerActors: LedgerStore["ledgerActors"] = async (options) => ledgerActors(this.ledger, options);
  actorsPresent: LedgerStore["actorsPresent"] = async (codes) => actorsPresent(this.ledger, codes);

  verify: LedgerStore["verify"] = async (options) => verifyLedger(this.ledger, options);
  verifySinceLastCheck = async () => verifySinceLastCheck(this.ledger);
  checkpoint: LedgerStore["checkpoint"] = async (origin, now) => checkpointOf(this.ledger, origin, now);
  verifyAgainst: LedgerStore["verifyAgainst"] = async (cp, options) =>
    verifyAgainst(this.ledger, cp, options);

  createToken: LedgerStore["createToken"] = async (role, now, expiresAt) =>
    createToken(this.ledger, role, now, expiresAt);
  listTokens = async () => listTokens(this.ledger);
  revokeToken: LedgerStore["revokeToken"] = async (id, now) => revokeToken(this.ledger, id, now);
  lookupToken: LedgerStore["lookupToken"] = async (token, now) => lookupToken(this.ledger, token, now);

  readCoverage = async () => readCoverage(this.ledger);
  writeCoverage: LedgerStore["writeCoverage"] = async (entries, now) =>
    writeCoverage(this.ledger, entries, now);

  engineVersion = async () => this.ledger.db.prepare("SELECT sqlite_version()").pluck().get() as string;
  schemaVersion = async () => checkSchemaVersion(this.ledger.db);
  dump = async () => dumpSqlite(this.ledger);
  load: LedgerStore["load"] = (dump) => loadSqlite(this.ledger, dump);
  isEmpty = async () => isEmptySqlite(this.ledger);
  close = async () => this.ledger.close();
}
