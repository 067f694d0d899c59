import { addDuration, type Duration } from "../../agreement/index.js";
import { addDays, formatAmount } from "../../model/index.js";
import type { Draft } from "../draft.js";
import type { PartSpec } from "../machine.js";

/** The end of period `k` (1, 2, ...) of a duty that recurs `every` from `start`. */
export function periodEnd(start: string, every: Duration, k: number): string {
  return addDuration(start, {
    years: every.years * k,
    months: every.months * k,
    days: every.days * k,
    text: "",
  });
}

/**
 * What the passing of the previous days settled, at the start of a day and before anything else happens on it: a
 * window that ended before the obligation started, a deadline missed, a window ended, a gap between steps grown too
 * long, a period's amount not reached, a performed step no longer kept up. A deadline that passed yesterday was
 * missed, whatever happens today.
 */
export function settle(d: Draft, spec: PartSpec): void {
  const o = spec.obligation;
  const s = d.part(spec.index);
  const day = d.day;
  if (s.status === "dormant" && o.window && "until" in o.window && day > o.window.until) {
    d.transition(spec, "discharged", {
      kind: "deadline",
      date: o.window.until,
      text: `expired before it started: its window ended on ${o.window.until}`,
    });
    return;
  }
  if (s.status === "active" || s.status === "overdue") {
    if (s.due && day > s.due) return endOfWindow(d, spec);
    if (o.kind === "maintain" && s.nextStepBy && day > s.nextStepBy) return missedStep(d, spec);
  }
  if ((s.status === "fulfilled" || s.status === "fulfilled_late") && s.keeping) {
    if (s.keepUntil && day > s.keepUntil) {
      d.setPart(spec.index, { ...s, keeping: false });
      return;
    }
    if (s.keepNextBy && day > s.keepNextBy)
      d.transition(
        spec,
        "reversed",
        {
          kind: "deadline",
          date: s.keepNextBy,
          text: `not kept up: no step matching \`${o.then!.countsText}\` by ${s.keepNextBy} (every ${o.then!.every?.text})`,
        },
        [],
        { keeping: false },
      );
  }
}

/** The deadline (perform) or the window (refrain, maintain) ended yesterday. */
function endOfWindow(d: Draft, spec: PartSpec): void {
  const o = spec.obligation;
  const s = d.part(spec.index);
  const due = s.due!;
  if (o.kind === "perform") {
    if (s.status === "overdue") return; // missed already: it stays owed
    const q = o.quantity;
    const short = q ? `: ${formatAmount(s.done, q.unit)} of ${formatAmount(q.value, q.unit)} done` : "";
    const cause = {
      kind: "deadline" as const,
      date: due,
      text: `not performed by its deadline, ${due}${short}`,
    };
    d.transition(spec, o.cure === "none" ? "violated" : "overdue", cause);
    return;
  }
  if (s.status === "overdue") {
    d.transition(spec, "violated", {
      kind: "deadline",
      date: due,
      text: `still behind when its window ended, on ${due}`,
    });
    return;
  }
  d.transition(spec, "discharged", {
    kind: "deadline",
    date: due,
    text:
      o.kind === "refrain"
        ? `held for its whole window, to ${due}`
        : `maintained for its whole window, to ${due}`,
  });
}

/** A maintain's step (or its period's amount) was due by yesterday. */
function missedStep(d: Draft, spec: PartSpec): void {
  const o = spec.obligation;
  const s = d.part(spec.index);
  const by = s.nextStepBy!;
  const q = o.quantity;
  if (q) {
    // Periods run back to back from the start; what is owed by the end of period k is k times the amount.
    const periods = s.periods + 1;
    const owed = q.value * periods;
    const next = periodEnd(s.started!, o.every!, periods + 1);
    d.wakeOn(addDays(next, 1));
    if (s.done >= owed || s.status === "overdue") {
      d.setPart(spec.index, { ...d.part(spec.index), periods, nextStepBy: next });
      return;
    }
    d.transition(
      spec,
      o.cure === "none" ? "violated" : "overdue",
      {
        kind: "deadline",
        date: by,
        text: `behind: ${formatAmount(s.done, q.unit)} done of ${formatAmount(owed, q.unit)} owed by ${by} (${formatAmount(q.value, q.unit)} every ${o.every!.text})`,
      },
      [],
      { periods, nextStepBy: next },
    );
    return;
  }
  if (s.status === "overdue") return;
  const suspended = by !== addDuration(s.lastStep!, o.every!) ? ", not counting the days suspended" : "";
  d.transition(spec, o.cure === "none" ? "violated" : "overdue", {
    kind: "deadline",
    date: by,
    text: `no step between ${s.lastStep} and ${by} (every ${o.every!.text}${suspended})`,
  });
}
