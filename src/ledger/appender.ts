import { InputError, type Issue, type RecordLocation } from "../model/index.js";
import type { AppendOptions, AppendReport, PreparedEntry, PreparedRecord } from "./append.js";
import { GENESIS, linkHash } from "./chain.js";

/**
 * Where an append writes: the one thing that differs between the engines (SQLite, PostgreSQL). Everything else —
 * the chain's links, duplicates, supersessions, the all-or-nothing rules and the report — is the Appender's, so
 * both engines write the same entries from the same records.
 */
export interface EntrySink {
  /** Whether the ledger (including what this import wrote) already holds an event with this id. */
  has(id: string): boolean;
  /**
   * Writes the entry as number `seq` with these links, unless the ledger already holds it: then nothing is written
   * and false is returned (the chain does not move).
   */
  write(entry: PreparedEntry, seq: number, prevHash: string, hash: string, recordedAt: string): boolean;
  supersede(oldId: string, newSeq: number): void;
}

/** How many rejected records a failed all-or-nothing import lists before it stops looking. */
const MAX_LISTED = 20;

/**
 * One import's pass over its records, after the caller holds the write lock and has read the chain's head. `take`
 * each record in order (it returns true when the import is failing and has listed enough: stop reading), then
 * `finish`, which throws when nothing may be written.
 */
export class Appender {
  readonly report: AppendReport;
  /** The chain's head: the last entry written (by this import or before it). */
  seq: number;
  prev: string;
  private readonly recordedAt: string;
  /**
   * Records accepted but not written because the import is already failing: the ledger cannot see them, so they
   * are remembered here, for duplicates and for later records that supersede them. Written ones it can see.
   */
  private readonly unwritten = new Set<string>();
  private failing = false;

  constructor(
    private readonly sink: EntrySink,
    private readonly options: AppendOptions,
    head: { seq: number; hash: string } = { seq: 0, hash: GENESIS },
    recordedAt = options.recordedAt ?? new Date().toISOString(),
  ) {
    this.seq = head.seq;
    this.prev = head.hash;
    this.recordedAt = recordedAt;
    this.report = {
      importer: options.importer,
      file: options.file,
      read: 0,
      added: 0,
      duplicates: 0,
      filtered: 0,
      rejected: [],
      ...(options.keepEvents ? { events: [] } : {}),
    };
  }

  private known(id: string): boolean {
    return this.unwritten.has(id) || this.sink.has(id);
  }

  /** Writes an event as the next entry unless the ledger holds it already; returns whether it was written. */
  private write(e: PreparedEntry): boolean {
    const next = this.seq + 1;
    const hash = linkHash(this.prev, next, this.recordedAt, e.body);
    if (!this.sink.write(e, next, this.prev, hash, this.recordedAt)) return false;
    this.seq = next;
    this.prev = hash;
    return true;
  }

  private reject(where: RecordLocation, issues: Issue[]): void {
    this.report.rejected.push({ where, issues });
    if (!this.options.skipInvalid) this.failing = true;
  }

  take(record: PreparedRecord): boolean {
    const report = this.report;
    report.read++;
    if ("filtered" in record) {
      report.filtered++;
      return false;
    }
    if ("issues" in record) {
      this.reject(record.where, record.issues);
    } else {
      const e = record.entry;
      // The common case, nothing to check first: the sink itself finds a duplicate.
      if (!this.failing && !e.supersedes) {
        if (this.write(e)) {
          report.added++;
          if (e.event) report.events?.push(e.event);
        } else report.duplicates++;
        return false;
      }
      if (this.known(e.id)) {
        report.duplicates++;
        return false;
      }
      const missing = (e.supersedes ?? []).filter((id) => !this.known(id));
      if (missing.length) {
        this.reject(record.where, [
          {
            kind: "validation",
            path: "supersedes",
            message: `supersedes ${missing.join(", ")}, which ${missing.length > 1 ? "are" : "is"} not in the ledger`,
          },
        ]);
      } else if (this.failing) {
        this.unwritten.add(e.id);
      } else {
        this.write(e); // known(e.id) was false: it is written
        for (const old of e.supersedes ?? []) this.sink.supersede(old, this.seq);
        report.added++;
        if (e.event) report.events?.push(e.event);
      }
    }
    return this.failing && report.rejected.length >= MAX_LISTED;
  }

  /** Throws when nothing may be written: no records at all, or an invalid one without `skipInvalid`. */
  finish(): AppendReport {
    const report = this.report;
    // An empty file (or a header and nothing else) is said to be one, not reported as a success that added nothing.
    if (report.read === 0)
      throw new InputError(`${this.options.file}: no records found; nothing was imported`);
    if (this.failing) {
      throw new InputError(
        `${this.options.file}: ${report.rejected.length}${report.rejected.length >= MAX_LISTED ? "+" : ""} invalid record(s); nothing was imported (use --skip-invalid to import the valid ones)`,
        report.rejected.flatMap((r) => r.issues.map((issue) => ({ issue, where: r.where }))),
      );
    }
    return report;
  }

  /** What the import log records of this import (import-log.ts). */
  importRecord(finishedAt = new Date().toISOString()) {
    const r = this.report;
    return {
      finishedAt,
      importer: this.options.importer,
      file: this.options.file,
      added: r.added,
      duplicates: r.duplicates,
      rejected: r.rejected.length,
    };
  }
}
