/**
 * Converts a UTC instant to the calendar date where an event happened. Press and officials in Korea date a launch
 * by Korean time, while datasets such as CNS record UTC; the IANA rules (through Node's ICU) know that
 * Asia/Pyongyang was UTC+8:30 from 2015-08-15 to 2018-05-04.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant in an IANA time zone. Throws on an invalid instant. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid instant: ${String(instant)}`);
  return formatterFor(timeZone).format(d);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Where each actor's events happen, for importers that receive UTC instants. */
export const ACTOR_TIME_ZONES: Readonly<Record<string, string>> = {
  PRK: "Asia/Pyongyang",
  KOR: "Asia/Seoul",
  JPN: "Asia/Tokyo",
  CHN: "Asia/Shanghai",
  RUS: "Europe/Moscow",
  USA: "America/New_York",
  UNSC: "America/New_York",
  OFAC: "America/New_York",
};
