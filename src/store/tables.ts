import { IMPORT_COLUMNS } from "../ledger/import-log.js";
import { TOKEN_COLUMNS } from "../ledger/token-log.js";
import { CHAIN_COLUMNS } from "../ledger/verify.js";

/** The tables a copy carries, their columns in order, and the order their rows are read in. */
export const COPIED = {
  entries: { columns: CHAIN_COLUMNS.split(", "), order: "seq" },
  supersessions: { columns: ["old_id", "new_seq"], order: "new_seq, old_id" },
  imports: { columns: [...IMPORT_COLUMNS], order: "id" },
  tokens: { columns: TOKEN_COLUMNS.split(", "), order: "created_at, id" },
  token_log: { columns: ["seq", "recorded_at", "body", "prev_hash", "hash"], order: "seq" },
  coverage: { columns: ["position", "id", "body", "recorded_at"], order: "position" },
} as const;

export type CopiedTable = keyof typeof COPIED;
