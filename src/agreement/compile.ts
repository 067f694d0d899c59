import type { Agreement, Link, Obligation, Phase, Power, SimulationSettings } from "./agreement.js";
import { Checker, type Path } from "./checker.js";
import { compileObligation } from "./compile-obligation.js";
import { findDeadlocks } from "./deadlocks.js";
import { parseDuration } from "./duration.js";
import type { AgreementIssue } from "./issues.js";
import { parsePieces, type Pieces } from "./pieces.js";
import type { LinkInput, PowerInput, SimulationInput } from "./schema.js";

export type CompileResult = { agreement?: Agreement; issues: AgreementIssue[] };

/** The items of a list that passed their shape check, each with its index in the document. */
function placed<T>(items: (T | undefined)[]): { item: T; index: number }[] {
  return items.flatMap((item, index) => (item === undefined ? [] : [{ item, index }]));
}

/**
 * Checks an agreement document as a whole and compiles it for the engine: shape, references between its parts,
 * the event matchers, and sequencing (a cycle of gates is a deadlock no party can break). Returns every problem
 * found, errors and warnings, each with its path in the document: a problem in one part hides none in another.
 */
export function compileAgreement(input: unknown): CompileResult {
  const pieces = parsePieces(input);
  const issues = [...pieces.issues];
  const check = new Checker(
    pieces.writtenIds.parties,
    new Set(placed(pieces.documents).map((d) => d.item.id)),
    pieces.writtenIds.obligations,
    pieces.writtenIds.phases,
  );
  duplicates(pieces, check);
  const header = pieces.header;
  const defaultStart = header ? (header.effective ?? header.signed) : pieces.writtenStart;
  const proposers = new Set(
    placed(pieces.parties).flatMap(({ item: p }) => (p.role === "proposer" ? [p.id] : [])),
  );

  const obligationsPlaced = placed(pieces.obligations);
  const obligations: Obligation[] = obligationsPlaced.map(({ item, index }) => {
    const o = compileObligation(item, ["obligations", index], check, defaultStart, proposers);
    check.obligations.set(o.id, o);
    return o;
  });
  const linksPlaced = placed(pieces.links);
  const links = linksPlaced.map(({ item, index }) => compileLink(item, ["links", index], check));
  const powers: Power[] = placed(pieces.powers).map(({ item, index }) =>
    compilePower(item, ["powers", index], check),
  );
  // A remedy gives the creditors of the breached obligation a power over the linked one.
  linksPlaced.forEach(({ item: l, index }) => {
    if (l.kind !== "remedy") return;
    const from = check.obligations.get(l.from);
    const exercised = l.exercised ? check.matcher(l.exercised, ["links", index, "exercised"]) : undefined;
    powers.push({
      id: `remedy-${index}`,
      holders: from?.creditors ?? [],
      action: l.action ?? "suspend",
      obligations: [l.to],
      available: { kind: "status", status: "violated", obligation: l.from },
      ...(exercised ? { exercised } : {}),
      note: `remedy for a violation of ${l.from}`,
    });
  });
  const phases: Phase[] = placed(pieces.phases).map(({ item: p, index }) => ({
    id: p.id,
    title: p.title,
    enters: check.condition(p.enters, ["phases", index, "enters"]),
    ...(p.note ? { note: p.note } : {}),
  }));
  if (header?.terminated) check.source(header.terminated.source, ["terminated", "source"]);
  if (header?.status === "terminated" && !header.terminated)
    check.error(["terminated"], "a terminated agreement needs `terminated: {date}`");
  const withdrawal = header?.withdrawal
    ? (() => {
        const w = header.withdrawal;
        const m = check.matcher(w.counts, ["withdrawal", "counts"]);
        return {
          counts: m.matcher,
          countsText: m.text,
          own: w.own,
          others: w.others,
          ...(w.note ? { note: w.note } : {}),
        };
      })()
    : undefined;
  refrainsNeverFulfilled(obligations, obligationsPlaced, check);
  const simulation = header?.simulation ? compileSimulation(header.simulation, check) : undefined;

  const placeOf = (kind: "obligation" | "link", i: number) =>
    (kind === "obligation" ? obligationsPlaced : linksPlaced)[i]!.index;
  issues.push(...check.issues, ...findDeadlocks(obligations, links, placeOf));
  if (!header || issues.some((i) => i.severity === "error")) return { issues };

  const agreement: Agreement = {
    id: header.id,
    title: header.title,
    status: header.status,
    ...(header.signed ? { signed: header.signed } : {}),
    ...(defaultStart ? { effective: defaultStart } : {}),
    ...(header.terminated ? { terminated: header.terminated } : {}),
    ...(header.summary ? { summary: header.summary } : {}),
    parties: placed(pieces.parties).map((p) => p.item),
    documents: placed(pieces.documents).map((d) => d.item),
    obligations,
    links,
    powers,
    phases,
    ...(withdrawal ? { withdrawal } : {}),
    ...(simulation ? { simulation } : {}),
  };
  return { agreement, issues };
}

/** Ids given twice: the second one is the error. */
function duplicates(pieces: Pieces, check: Checker): void {
  const lists = [
    ["parties", "party", "listed"],
    ["obligations", "obligation", "defined"],
    ["phases", "phase", "defined"],
    ["powers", "power", "defined"],
  ] as const;
  for (const [key, noun, verb] of lists) {
    const seen = new Set<string>();
    placed<{ id: string }>(pieces[key]).forEach(({ item, index }) => {
      if (seen.has(item.id)) check.error([key, index, "id"], `${noun} "${item.id}" is ${verb} twice`);
      seen.add(item.id);
    });
  }
}

function compileLink(l: LinkInput, at: Path, check: Checker): Link {
  check.obligation(l.from, [...at, "from"]);
  check.obligation(l.to, [...at, "to"]);
  if (l.from === l.to) check.error([...at, "to"], "a link must join two different obligations");
  if (l.on === "held" && !l.held)
    check.error([...at, "held"], "`on: held` needs `held`: for how long (e.g. P90D)");
  if (l.kind !== "remedy" && (l.action || l.exercised))
    check.error(
      [...at, l.action ? "action" : "exercised"],
      "`action` and `exercised` belong to a `remedy` link",
    );
  if (l.kind === "parallel") {
    if (!l.tolerance)
      check.error(
        [...at, "tolerance"],
        "a parallel link needs `tolerance`: how far apart the steps may come (P0D: the same day)",
      );
    for (const end of ["from", "to"] as const) {
      const o = check.obligations.get(l[end]);
      if (o && o.kind !== "perform")
        check.error(
          [...at, end],
          `a parallel link joins two steps to perform; "${o.id}" is a ${o.kind} obligation`,
        );
    }
  } else if (l.tolerance) check.error([...at, "tolerance"], "`tolerance` belongs to a `parallel` link");
  return {
    kind: l.kind,
    from: l.from,
    to: l.to,
    ...(l.on ? { on: l.on } : {}),
    ...(l.held ? { held: parseDuration(l.held)! } : {}),
    ...(l.tolerance ? { tolerance: parseDuration(l.tolerance)! } : {}),
    ...(l.action ? { action: l.action } : {}),
    ...(l.note ? { note: l.note } : {}),
  };
}

const list = (x: string | string[]): string[] => (Array.isArray(x) ? x : [x]);

function compilePower(p: PowerInput, at: Path, check: Checker): Power {
  check.parties(list(p.holder), [...at, "holder"]);
  if (p.obligations !== "all")
    p.obligations.forEach((o, j) => check.obligation(o, [...at, "obligations", j]));
  const exercised = p.exercised ? check.matcher(p.exercised, [...at, "exercised"]) : undefined;
  return {
    id: p.id,
    holders: list(p.holder),
    action: p.action,
    obligations: p.obligations,
    ...(p.available ? { available: check.condition(p.available, [...at, "available"]) } : {}),
    ...(exercised ? { exercised } : {}),
    ...(p.note ? { note: p.note } : {}),
  };
}

/** `{fulfilled: X}` where X is a restraint can never hold: a restraint is kept (discharged), never performed. */
function refrainsNeverFulfilled(
  obligations: Obligation[],
  placedObligations: { index: number }[],
  check: Checker,
): void {
  obligations.forEach((o, i) => {
    const visit = (c: Obligation["start"]) => {
      if (
        c.kind === "status" &&
        c.status === "fulfilled" &&
        check.obligations.get(c.obligation)?.kind === "refrain"
      )
        check.warning(
          ["obligations", placedObligations[i]!.index, "start"],
          `"${c.obligation}" is a refrain: it is never fulfilled, only kept (discharged at its window's end) or broken; wait on {held: ${c.obligation}, for: …} or {discharged: ${c.obligation}}`,
        );
      if (c.kind === "all" || c.kind === "any") c.conditions.forEach(visit);
    };
    visit(o.start);
  });
}

/** The `simulation:` section: its steps must be steps to perform, its parties parties, its tick whole days. */
function compileSimulation(s: SimulationInput, check: Checker): SimulationSettings {
  const at = ["simulation"];
  const days = (text: string | undefined, key: string, min: number) => {
    if (text === undefined) return undefined;
    const d = parseDuration(text)!;
    if (d.years || d.months)
      check.error([...at, key], `must be whole days or weeks (such as P7D or P1W), not ${text}`);
    else if (d.days < min) check.error([...at, key], `must be at least ${min} day(s), not ${text}`);
    return d;
  };
  const tick = days(s.tick, "tick", 1);
  const horizon = s.horizon === undefined ? undefined : parseDuration(s.horizon)!;
  if (horizon && !horizon.years && !horizon.months && horizon.days === 0)
    check.error([...at, "horizon"], "must be longer than P0D");
  const verification = s.verification === undefined ? undefined : parseDuration(s.verification)!;
  if (typeof s.provocations === "object")
    for (const party of Object.keys(s.provocations)) check.parties([party], [...at, "provocations", party]);
  const steps: SimulationSettings["steps"] = {};
  for (const [id, step] of Object.entries(s.steps ?? {})) {
    const o = check.obligations.get(id);
    if (!check.obligationIds.has(id))
      check.error([...at, "steps", id], `unknown obligation "${id}"`, {
        expected: [...check.obligationIds].join(" | "),
        received: id,
      });
    else if (o && o.kind !== "perform")
      check.error(
        [...at, "steps", id],
        `"${id}" is a ${o.kind} obligation: only steps to perform have a cost, a value and a duration`,
      );
    steps[id] = {
      ...(step.cost !== undefined ? { cost: step.cost } : {}),
      ...(step.value !== undefined ? { value: step.value } : {}),
      ...(step.takes ? { takes: parseDuration(step.takes)! } : {}),
      ...(step.verification ? { verification: parseDuration(step.verification)! } : {}),
    };
  }
  return {
    ...(tick ? { tick } : {}),
    ...(horizon ? { horizon } : {}),
    ...(s.misperception !== undefined ? { misperception: s.misperception } : {}),
    ...(s.provocations !== undefined ? { provocations: s.provocations } : {}),
    ...(verification ? { verification } : {}),
    steps,
  };
}
