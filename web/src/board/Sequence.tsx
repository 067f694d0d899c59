import type { Evaluation, LinkAccount, Step } from "../api";
import { partyColor } from "../parties";
import { ANSWER_STYLE } from "../statuses";
import { usePartId } from "./part-ids";
import { addDays, dayNumber, dayScale, dayTicks, type DayScale } from "./time";
import { useWidth } from "./useWidth";
import { answerWords, stepWords, who } from "./words";

/** Each link is a small chart of its own: the `from` side's lane on top, the `to` side's below. */
const TOP = 44;
const BOTTOM = 112;
const HEIGHT = 156;

/** Where an answer's arrow ends: the answering step, or (none yet) the day it was due, the wait's end, or as of. */
function answerEnd(l: LinkAccount, asOf: string): string | null {
  const a = l.answer;
  if (!a || !l.fromStep) return null;
  if (a.status === "answered" || a.status === "late" || a.status === "partly" || a.status === "preceded")
    return l.toStep?.date ?? a.date;
  if (a.date) return a.date;
  if (a.daysWaited !== null) return addDays(l.fromStep.date, a.daysWaited);
  return asOf;
}

/** The days every link's chart spans, so that links can be compared: the earliest step to the as-of date. */
function span(ev: Evaluation): [number, number] {
  const days = ev.reciprocity.links.flatMap((l) => [
    ...[l.fromStep, l.toStep].flatMap((s) =>
      s ? [s.began, s.date, ...(s.reversedOn ? [s.reversedOn] : [])] : [],
    ),
    ...(l.together ?? []).map((t) => t.from),
    ...(l.answer?.date ? [l.answer.date] : []),
  ]);
  const hi = dayNumber(ev.asOf) + 1;
  const lo = Math.min(hi - 30, ...days.map(dayNumber));
  // A little room before the first mark, so that it does not sit on the edge.
  return [lo - Math.ceil((hi - lo) * 0.03), hi];
}

function arrowHead(x1: number, y1: number, x2: number, y2: number): string {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const [c, s] = [Math.cos(a), Math.sin(a)];
  const bx = x2 - 9 * c;
  const by = y2 - 9 * s;
  return `M${x2},${y2} L${bx - 4 * s},${by + 4 * c} L${bx + 4 * s},${by - 4 * c} Z`;
}

function StepMark({ step, y, scale, color }: { step: Step; y: number; scale: DayScale; color: string }) {
  const x = scale.x(step.date);
  const began = scale.x(step.began);
  const hollow = step.kind === "partial" || step.kind === "performed_late";
  return (
    <g className="step" data-step={step.obligation} data-kind={step.kind}>
      <title>{stepWords(step)}</title>
      {step.began < step.date && (
        <rect x={began} y={y - 3} width={Math.max(1, x - began)} height={6} fill={color} opacity={0.35} />
      )}
      <circle cx={x} cy={y} r={5.5} fill={hollow ? "#fff" : color} stroke={color} strokeWidth={2} />
      {step.kind === "partial" && step.share !== undefined && (
        <text x={x + 8} y={y + 4} className="mark-label">
          {Math.floor(step.share * 100)}%
        </text>
      )}
      {step.kind === "performed_late" && (
        <text x={x + 8} y={y + 4} className="mark-label">
          late
        </text>
      )}
      {step.reversedOn && (
        <>
          <line x1={x} x2={scale.x(step.reversedOn)} y1={y} y2={y} stroke={color} strokeDasharray="2 2" />
          <text x={scale.x(step.reversedOn)} y={y + 5} textAnchor="middle" className="undone">
            ×<title>undone on {step.reversedOn}</title>
          </text>
        </>
      )}
    </g>
  );
}

function Lane({
  parties,
  obligation,
  y,
  width,
}: {
  parties: string[];
  obligation: string;
  y: number;
  width: number;
}) {
  return (
    <g className="lane">
      <line x1={0} x2={width} y1={y} y2={y} className="lane-line" />
      <text x={0} y={y - 22} className="lane-label">
        {parties.map((p, i) => (
          <tspan key={p} fill={partyColor(p)} fontWeight={600}>
            {i ? "+" : ""}
            {p}
          </tspan>
        ))}
        <tspan className="muted"> · {obligation}</tspan>
      </text>
    </g>
  );
}

function LinkChart({
  link: l,
  ev,
  scale,
  width,
}: {
  link: LinkAccount;
  ev: Evaluation;
  scale: DayScale;
  width: number;
}) {
  const status = l.answer?.status;
  const end = answerEnd(l, ev.asOf);
  const style = status ? ANSWER_STYLE[status] : undefined;
  const first = l.firstMover ?? [];
  // Who moved first is judged on when each step began; the label goes on that side's step. The same day: a tie.
  const tie = l.fromStep !== null && l.fromStep.began === l.toStep?.began;
  const fromFirst = first.some((p) => l.fromParty.includes(p)) && l.fromStep !== null;
  const firstStep = fromFirst ? l.fromStep : first.length ? l.toStep : null;
  const firstY = fromFirst ? TOP : BOTTOM;
  const colorOf = (parties: string[]) => partyColor(parties[0] ?? "");
  const ticks = dayTicks(scale, 84);
  let arrow = null;
  // Steps meant to come together: the arrow runs from whichever came first to the other.
  const upward = l.kind === "parallel" && !fromFirst && l.toStep !== null;
  const from = upward ? l.toStep : l.fromStep;
  const to = upward ? (l.fromStep?.date ?? end) : end;
  if (from && to && style) {
    const [x1, y1, x2, y2] = upward
      ? [scale.x(from.date), BOTTOM - 7, scale.x(to), TOP + 7]
      : [scale.x(from.date), TOP + 7, scale.x(to), BOTTOM - 7];
    const open = status === "unanswered" || status === "pending";
    arrow = (
      <g className={`answer answer-${status}`}>
        <title>{answerWords(l)}</title>
        <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={10} />
        <line
          x1={x1}
          y1={y1}
          x2={x2}
          y2={y2}
          stroke={style.stroke}
          strokeWidth={2}
          strokeDasharray={style.dash}
        />
        {open ? (
          <circle cx={x2} cy={y2} r={4} fill="#fff" stroke={style.stroke} strokeWidth={2} />
        ) : (
          <path d={arrowHead(x1, y1, x2, y2)} fill={style.stroke} />
        )}
        <text
          x={x2 + (x2 > width - 110 ? 4 : -4)}
          y={BOTTOM + 18}
          textAnchor={x2 > width - 110 ? "end" : "start"}
          className="answer-label"
          fill={style.stroke}
        >
          {status}
          {l.answer?.daysWaited && status !== "preceded" ? `, ${l.answer.daysWaited} days` : ""}
        </text>
      </g>
    );
  }
  return (
    <svg
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      aria-label={`${l.to} in return for ${l.from}`}
    >
      <g data-link={`${l.from}->${l.to}`} data-answer={status ?? "none"} data-first-mover={who(first)}>
        {ticks.map((t) => (
          <g key={t.day} className="axis" aria-hidden="true">
            <line x1={scale.x(t.day)} x2={scale.x(t.day)} y1={TOP - 14} y2={BOTTOM + 8} className="grid" />
            <text
              x={scale.x(t.day)}
              y={HEIGHT - 6}
              textAnchor={scale.x(t.day) > width - 24 ? "end" : scale.x(t.day) < 16 ? "start" : "middle"}
            >
              {t.label}
            </text>
          </g>
        ))}
        {(l.together ?? []).map((t) => (
          <rect
            key={t.from}
            className="together"
            x={scale.x(t.from)}
            y={TOP}
            width={Math.max(1, scale.x(dayNumber(t.to) + 1) - scale.x(t.from))}
            height={BOTTOM - TOP}
          >
            <title>
              both held at once from {t.from} to {t.to}
              {t.open ? " (and still do)" : ""}: {t.days} days
            </title>
          </rect>
        ))}
        <Lane parties={l.fromParty} obligation={l.from} y={TOP} width={width} />
        <Lane parties={l.toParty} obligation={l.to} y={BOTTOM} width={width} />
        {arrow}
        {l.fromStep && <StepMark step={l.fromStep} y={TOP} scale={scale} color={colorOf(l.fromParty)} />}
        {l.toStep && <StepMark step={l.toStep} y={BOTTOM} scale={scale} color={colorOf(l.toParty)} />}
        {firstStep && (
          <text
            className="first-mover"
            x={scale.x(firstStep.began) + (scale.x(firstStep.began) > width * 0.6 ? -4 : 4)}
            y={firstY - 8}
            textAnchor={scale.x(firstStep.began) > width * 0.6 ? "end" : "start"}
          >
            {who(first)} {tie ? "moved together" : "moved first"}
          </text>
        )}
        {!l.fromStep && !l.toStep && (
          <text x={width / 2} y={(TOP + BOTTOM) / 2 + 4} textAnchor="middle" className="muted-text">
            no step yet on either side
          </text>
        )}
      </g>
    </svg>
  );
}

function ArrowLegend() {
  return (
    <ul className="legend arrow-legend" aria-label="Answers">
      {Object.entries(ANSWER_STYLE).map(([status, s]) => (
        <li key={status}>
          <svg width={26} height={10} aria-hidden="true">
            <line x1={1} x2={25} y1={5} y2={5} stroke={s.stroke} strokeWidth={2} strokeDasharray={s.dash} />
          </svg>{" "}
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * The steps and answers of each reciprocity link as a two-lane sequence: a mark for each side's step at its date (a
 * held restraint as a bar from when it began), and an arrow from the step to its answer, styled by the answer.
 */
export function Sequence({ ev }: { ev: Evaluation }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const id = usePartId();
  const links = ev.reciprocity.links;
  if (links.length === 0)
    return (
      <div id={id("sequence")} className="sequence">
        <p className="muted">This agreement links no step to another.</p>
      </div>
    );
  const [lo, hi] = span(ev);
  const scale = dayScale(lo, hi, 8, width - 8);
  return (
    <div id={id("sequence")} className="sequence" ref={ref}>
      <ArrowLegend />
      {links.map((l) => (
        <figure key={`${l.from}->${l.to}`} className="link-chart">
          <figcaption>
            <strong>{l.to}</strong> {l.kind === "parallel" ? "alongside" : "in return for"}{" "}
            <strong>{l.from}</strong>
            {l.answer ? (
              <span className={`status status-${l.answer.status}`}>{l.answer.status}</span>
            ) : (
              <span className="muted"> — no step to answer yet</span>
            )}
          </figcaption>
          <LinkChart link={l} ev={ev} scale={scale} width={width} />
        </figure>
      ))}
    </div>
  );
}
