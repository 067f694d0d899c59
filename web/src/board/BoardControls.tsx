import type { AgreementSummary } from "../api";
import { isoDay } from "../days";
import { dayNumber, fromDayNumber } from "./time";

/** The first day the slider reaches: the earliest start among the agreements shown, and never after today. */
function firstDay(shown: (AgreementSummary | undefined)[], today: string): string {
  const starts = shown.flatMap((a) => (a ? [a.effective ?? a.signed ?? "2006-01-01"] : []));
  const first = starts.sort()[0] ?? "2006-01-01";
  return first < today ? first : today;
}

function AgreementSelect(props: {
  id: string;
  label: string;
  agreements: AgreementSummary[];
  value: string;
  none?: string;
  onChange: (id: string) => void;
}) {
  return (
    <label>
      {props.label}{" "}
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.agreements.map((a) => (
          <option key={a.id} value={a.id}>
            {a.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which agreement, which beside it, and as of when: a date to type and a slider to drag. */
export function BoardControls(props: {
  agreements: AgreementSummary[];
  /** The agreements shown, for the slider's range. */
  shown: (AgreementSummary | undefined)[];
  id: string;
  compare: string;
  asOf: string;
  onId: (id: string) => void;
  onCompare: (id: string) => void;
  onAsOf: (day: string) => void;
}) {
  const today = isoDay(new Date());
  const first = firstDay(props.shown, today);
  const [min, max] = [dayNumber(first), dayNumber(today)];
  return (
    <form className="controls" onSubmit={(e) => e.preventDefault()}>
      <AgreementSelect
        id="agreement"
        label="Agreement"
        agreements={props.agreements}
        value={props.id}
        onChange={props.onId}
      />
      <AgreementSelect
        id="compare"
        label="Beside it"
        agreements={props.agreements.filter((a) => a.id !== props.id)}
        value={props.compare}
        none="none"
        onChange={props.onCompare}
      />
      <label>
        As of{" "}
        <input
          type="date"
          id="as-of"
          value={props.asOf}
          max={today}
          onChange={(e) => {
            if (e.target.value) props.onAsOf(e.target.value);
          }}
        />
      </label>
      <label className="slider">
        <span className="visually-hidden">As of (slider)</span>
        <input
          type="range"
          id="as-of-slider"
          min={min}
          max={max}
          step={1}
          value={Math.min(max, Math.max(min, dayNumber(props.asOf)))}
          aria-valuetext={props.asOf}
          onChange={(e) => props.onAsOf(fromDayNumber(Number(e.target.value)))}
        />
        <span className="muted small">
          {first} … {today}
        </span>
      </label>
    </form>
  );
}
