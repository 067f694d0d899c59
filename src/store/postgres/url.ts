/** A connection string names a PostgreSQL ledger; anything else is a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL as it may be printed: without its password (in messages, reports and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "";
    return u.toString().replace(/:@/, "@");
  } catch {
    // Not parseable: hide whatever stands between the scheme and an @.
    return url.replace(/\/\/[^@/]*@/, "//…@");
  }
}

/** A URL `lockstep` can connect with, checked before any connection; the error names the flag, never the password. */
export function checkPostgresUrl(url: string, flag: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(
      `${flag} ${redactUrl(url)}: not a valid PostgreSQL URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)`,
    );
  }
  if (!u.pathname || u.pathname === "/")
    throw new Error(
      `${flag} ${redactUrl(url)}: names no database (postgres://USER@HOST[:PORT]/DATABASE: the part after the last /)`,
    );
}
