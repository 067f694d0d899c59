import type { KeepDuty, Obligation } from "./agreement.js";
import type { Checker, Path } from "./checker.js";
import { parseDuration } from "./duration.js";
import type { ObligationInput } from "./schema.js";

const list = (x: string | string[] | undefined): string[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];

/** Who owes, as written: one party, a list (jointly), {each: [...]} or {jointly: [...], shares}. */
function debtorsOf(d: ObligationInput["debtor"]): Pick<Obligation, "debtors" | "debtorMode" | "shares"> {
  if (typeof d === "string" || Array.isArray(d)) return { debtors: list(d), debtorMode: "jointly" };
  if ("each" in d) return { debtors: d.each, debtorMode: "each" };
  return { debtors: d.jointly, debtorMode: "jointly", ...(d.shares ? { shares: d.shares } : {}) };
}

/** Compiles one obligation, checking what its keys say of each other and of the rest of the agreement. */
export function compileObligation(
  o: ObligationInput,
  at: Path,
  check: Checker,
  defaultStart: string | undefined,
  proposers: Set<string>,
): Obligation {
  const debtor = debtorsOf(o.debtor);
  const debtorAt: Path =
    typeof o.debtor === "object" && !Array.isArray(o.debtor)
      ? [...at, "debtor", "each" in o.debtor ? "each" : "jointly"]
      : [...at, "debtor"];
  check.parties(debtor.debtors, debtorAt);
  check.parties(list(o.creditor), [...at, "creditor"]);
  for (const d of debtor.debtors.filter((d) => proposers.has(d)))
    check.error(debtorAt, `"${d}" is a proposer, and a proposer owes nothing; make it a party`);
  checkShares(o, debtor, at, check);
  check.source(o.source, [...at, "source"]);
  const counts = check.matcher(o.counts, [...at, "counts"]);
  // An actor that `with` requires is among every counted event's actors, so it can count for that debtor too.
  if (debtor.debtorMode === "each" && counts.matcher.actors)
    for (const d of debtor.debtors.filter(
      (d) => !counts.matcher.actors!.includes(d) && !(counts.matcher.with ?? []).includes(d),
    ))
      check.warning(
        [...at, "counts"],
        `${d} owes its own step, but counts names only events by ${counts.matcher.actors.join(", ")}: nothing can count for ${d}`,
      );
  if (debtor.debtorMode !== "each" && !counts.matcher.actors && Object.keys(counts.matcher).length > 0)
    check.warning(
      [...at, "counts"],
      `counts names no actor: an event by anyone counts ${o.kind === "refrain" ? "against" : "for"} ${debtor.debtors.join(", ")}; add actor=${debtor.debtors.join(",")} if only their acts should`,
    );
  if (o.start === undefined && !defaultStart)
    check.error(
      [...at, "start"],
      "no start: give the obligation a start, or the agreement a signed or effective date",
    );
  checkKindKeys(o, at, check);
  const then = o.then ? compileKeepDuty(o.then, [...at, "then"], check) : undefined;
  const verifiedBy = o.verified_by ? check.matcher(o.verified_by, [...at, "verified_by"]) : undefined;
  return {
    id: o.id,
    title: o.title,
    ...debtor,
    creditors: list(o.creditor),
    kind: o.kind,
    counts: counts.matcher,
    countsText: counts.text,
    start: check.condition(o.start ?? defaultStart ?? "1970-01-01", [...at, "start"]),
    ...(o.window
      ? {
          window:
            "until" in o.window
              ? { until: o.window.until }
              : {
                  for: parseDuration(o.window.for)!,
                  ...(o.window.from
                    ? { from: check.condition(o.window.from, [...at, "window", "from"]) }
                    : {}),
                },
        }
      : {}),
    ...(o.every ? { every: parseDuration(o.every)! } : {}),
    ...(o.quantity ? { quantity: o.quantity } : {}),
    cure: o.cure ?? "allowed",
    ...(then ? { then } : {}),
    ...(verifiedBy ? { verifiedBy } : {}),
    ...(o.lapses ? { lapses: check.condition(o.lapses, [...at, "lapses"]) } : {}),
    ...(o.source ? { source: o.source } : {}),
    ...(o.note ? { note: o.note } : {}),
  };
}

/** Keys that belong to some kinds of obligation only. */
function checkKindKeys(o: ObligationInput, at: Path, check: Checker): void {
  if (o.kind === "maintain" && !o.every)
    check.error(
      [...at, "every"],
      "a maintain obligation needs `every` (how often its step must recur, e.g. P90D)",
    );
  if (o.kind !== "maintain" && o.every)
    check.error([...at, "every"], "`every` applies to maintain obligations only");
  if (o.kind === "perform" && !o.window)
    check.warning([...at, "window"], "a perform obligation without a deadline can never be violated");
  if (o.kind === "refrain" && o.quantity)
    check.error(
      [...at, "quantity"],
      "`quantity` applies to perform (a total by the deadline) and maintain (so much every period) obligations",
    );
  if (o.kind === "refrain" && o.cure)
    check.error(
      [...at, "cure"],
      "`cure` applies to perform and maintain obligations: a broken restraint stays broken",
    );
  if (o.kind !== "perform" && o.then)
    check.error([...at, "then"], "`then` (the duty to keep a step) follows a perform obligation only");
  if (o.kind !== "perform" && o.verified_by)
    check.error([...at, "verified_by"], "`verified_by` applies to perform obligations only");
  if (o.window && "from" in o.window && o.window.from !== undefined && o.kind !== "perform")
    check.warning(
      [...at, "window", "from"],
      "a window counted from a condition ends a refrain or maintain that many days after the condition holds",
    );
}

function checkShares(
  o: ObligationInput,
  debtor: Pick<Obligation, "debtors" | "shares">,
  at: Path,
  check: Checker,
): void {
  if (!debtor.shares) return;
  const sharesAt: Path = [...at, "debtor", "shares"];
  if (!o.quantity)
    check.error(sharesAt, "shares divide a quantity: give the obligation a `quantity` to share");
  for (const party of Object.keys(debtor.shares))
    if (!debtor.debtors.includes(party))
      check.error([...sharesAt, party], `"${party}" has a share but is not one of the joint debtors`, {
        expected: debtor.debtors.join(" | "),
        received: party,
      });
  const total = Object.values(debtor.shares).reduce((a, b) => a + b, 0);
  if (total > 1 + 1e-9)
    check.error(sharesAt, `the shares add up to ${Number(total.toFixed(6))}, more than the whole (1)`);
}

function compileKeepDuty(t: NonNullable<ObligationInput["then"]>, at: Path, check: Checker): KeepDuty {
  const counts = check.matcher(t.counts, [...at, "counts"]);
  if (t.kind === "maintain" && !t.every)
    check.error([...at, "every"], "keeping a step up (`kind: maintain`) needs `every`, e.g. P30D");
  if (t.kind === "refrain" && t.every)
    check.error([...at, "every"], "`every` applies to `kind: maintain` only");
  return {
    kind: t.kind,
    counts: counts.matcher,
    countsText: counts.text,
    ...(t.every ? { every: parseDuration(t.every)! } : {}),
    ...(t.window
      ? { window: "until" in t.window ? { until: t.window.until } : { for: parseDuration(t.window.for)! } }
      : {}),
    ...(t.note ? { note: t.note } : {}),
  };
}
