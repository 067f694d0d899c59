/**
 * Spreadsheet formulas in exported CSV (OWASP's CSV injection rule): a cell that starts with = + - @, a tab or a
 * carriage return is run as a formula when the file is opened in a spreadsheet, so the export puts a ' before it.
 * A cell that already starts with ' gets one more, so that the import can always take exactly one away: what Lockstep
 * exports it imports again as the same text (and the same event id).
 */
const TRIGGERS = /^[=+\-@\t\r']/;

export function escapeFormula(cell: string): string {
  return TRIGGERS.test(cell) ? `'${cell}` : cell;
}

/** The inverse of `escapeFormula`: one leading ' is dropped where the export would have added it. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && TRIGGERS.test(cell.slice(1)) ? cell.slice(1) : cell;
}
