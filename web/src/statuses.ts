import type { AnswerStatus, ObligationStatus } from "./api";

/**
 * One colour per obligation status, for charts (the status-over-time strip, the timeline's bands). The badges of
 * style.css (`.status-*`) are light tints of the same hues. Breaches (overdue, violated, reversed) are warm reds and
 * are also hatched in the strip, so that they read as breaches without colour.
 */
export const STATUS_FILL: Record<ObligationStatus, string> = {
  dormant: "#f2c94c",
  active: "#8fd19e",
  suspended: "#b6a6d8",
  overdue: "#f76707",
  fulfilled: "#2b8a3e",
  fulfilled_late: "#a9b93a",
  violated: "#c92a2a",
  reversed: "#8c1d4e",
  discharged: "#adb5bd",
  terminated: "#495057",
};

/** The same hues, dark enough for text written in them (the timeline's band labels). */
export const STATUS_INK: Record<ObligationStatus, string> = {
  dormant: "#a07800",
  active: "#2f9e44",
  suspended: "#6741d9",
  overdue: "#d9480f",
  fulfilled: "#2b8a3e",
  fulfilled_late: "#6c7a12",
  violated: "#c92a2a",
  reversed: "#8c1d4e",
  discharged: "#868e96",
  terminated: "#495057",
};

/** The order the legend lists them in: open, kept, broken, ended. */
export const STATUS_ORDER: readonly ObligationStatus[] = [
  "dormant",
  "active",
  "suspended",
  "fulfilled",
  "fulfilled_late",
  "overdue",
  "violated",
  "reversed",
  "discharged",
  "terminated",
];

export const statusFill = (s: string): string => STATUS_FILL[s as ObligationStatus] ?? "#868e96";

export const BREACHES: ReadonlySet<string> = new Set<ObligationStatus>(["overdue", "violated", "reversed"]);

/** Settled for good: an obligation's span ends at its `since`. */
export const SETTLED: ReadonlySet<string> = new Set<ObligationStatus>([
  "fulfilled",
  "fulfilled_late",
  "violated",
  "reversed",
  "discharged",
  "terminated",
]);

/** An answer's arrow in the steps-and-answers chart: its colour and dashes. */
export const ANSWER_STYLE: Record<AnswerStatus, { stroke: string; dash?: string; label: string }> = {
  answered: { stroke: "#2b8a3e", label: "answered on time" },
  late: { stroke: "#8a7a00", label: "answered late" },
  partly: { stroke: "#e8590c", dash: "9 3", label: "answered in part" },
  preceded: { stroke: "#1971c2", label: "came before the step" },
  pending: { stroke: "#868e96", dash: "2 3", label: "pending (not yet due)" },
  unanswered: { stroke: "#c92a2a", dash: "6 4", label: "unanswered" },
};

/** `fulfilled_late` → `fulfilled late`. */
export const statusLabel = (s: string): string => s.replaceAll("_", " ");
