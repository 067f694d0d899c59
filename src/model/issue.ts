/**
 * A problem found in input, in the shape Valibot uses: what kind of check failed, what was expected, what was
 * received, and where (a dotted path inside the record). Importers add the file and record.
 */
export interface Issue {
  kind: "schema" | "validation" | "format";
  message: string;
  path?: string;
  expected?: string;
  received?: string;
}

/** Where a record came from: enough for a person to open the file at that place. */
export interface RecordLocation {
  file: string;
  /** 1-based line for line-oriented files, or a record key such as "timeBins[3].data[12]". */
  record: string;
}

export function describeLocation(where: RecordLocation): string {
  return /^\d+$/.test(where.record) ? `${where.file}:${where.record}` : `${where.file} (${where.record})`;
}

export function formatIssue(issue: Issue, where?: RecordLocation): string {
  const at = where ? `${describeLocation(where)}: ` : "";
  const field = issue.path ? `field \`${issue.path}\`: ` : "";
  const received =
    issue.received !== undefined && !/received/i.test(issue.message) ? ` (received ${issue.received})` : "";
  return `${at}${field}${issue.message}${received}`;
}

/** Thrown where input is rejected as a whole: carries every issue found, each with its location. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly issues: { issue: Issue; where?: RecordLocation }[] = [],
  ) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * A parameter of a request (a command-line option, a query parameter) with a value that cannot be used. `param`
 * is its name in the caller's terms (`--window`, `window`); the message already names it.
 */
export class ParameterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "ParameterError";
  }
}
