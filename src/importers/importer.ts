import type { ImportItem } from "../ledger/index.js";

export interface ImportOptions {
  /** Keep only records where one of these actors acts or is targeted (GDELT: a dyad rather than the world). */
  actors?: string[];
  /** Called now and then with the bytes read so far and the file's size, for a progress bar. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The longest line a line-based format accepts, in bytes (default 1 MiB, lines.ts). */
  maxLineBytes?: number;
}

/**
 * Reads one file format into ledger records. An importer validates only what is particular to its format (column
 * counts, its own codes); the ledger validates every event the same way.
 */
export interface Importer {
  format: string;
  description: string;
  /** Whether a file looks like this format, from its name and its first bytes. */
  detect(file: string, head: Buffer): boolean;
  read(file: string, options: ImportOptions): AsyncIterable<ImportItem>;
}
