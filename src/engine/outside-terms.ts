import type { Obligation } from "../agreement/index.js";
import type { EventMatcher } from "../model/index.js";
import { EventIndex, type AttributeColumn, type ColumnRequest, type DatedEvent } from "./event-index.js";
import { toEvidence } from "./evidence.js";
import type { OutsideTerms } from "./result.js";

/** A matcher without its attribute terms: the events that could have counted but for an attribute. */
export function looseOf(m: EventMatcher): EventMatcher {
  const { attributes: _a, ...loose } = m;
  return loose;
}

/** What outsideTerms reads: each attribute the obligation names, over the events of its loose matcher. */
export function outsideTermsColumns(o: Obligation): ColumnRequest[] {
  const matcher = looseOf(o.counts);
  return Object.keys(o.counts.attributes ?? {}).map((attribute) => ({ matcher, attribute }));
}

/** A group of events outside the terms, with the indices (into the candidate list) of its first and latest. */
interface Group {
  attribute: string;
  value: string;
  count: number;
  first: number;
  latest: number;
}

/** One attribute term, with its column's values as reported (a missing value reads "(none)"), each once. */
interface Term {
  attribute: string;
  codes: readonly number[];
  /** By code + 1 (code -1 is a missing value): the index in `values`. */
  slots: number[];
  values: string[];
  outside: boolean[];
  groups: (Group | undefined)[];
}

function termOf(column: AttributeColumn, wanted: readonly string[]): Term {
  const values: string[] = [];
  const slots = ["(none)", ...column.values].map((value) => {
    const k = values.indexOf(value);
    return k >= 0 ? k : values.push(value) - 1;
  });
  return {
    attribute: column.attribute,
    codes: column.codes,
    slots,
    values,
    outside: values.map((v) => !wanted.includes(v)),
    groups: [],
  };
}

/**
 * Events by the same actors, of the same type, while the obligation was in force, that did not count only because an
 * attribute is outside its words: the first place a reader looks when a verdict surprises them.
 *
 * Many obligations read the same candidates (all of an actor's launches) for the same attribute (`class`): the index
 * records each attribute's values over them once, as small numbers, and each obligation then counts numbers.
 */
export class OutsideTermsReader {
  private readonly positionsOf = new Map<DatedEvent[], Int32Array>();

  constructor(
    private readonly index: EventIndex,
    private readonly asOf: string,
  ) {}

  /** `end`: the day it ended (null while in force); `due`: the last day of its window, if it has one. */
  read(o: Obligation, s: { started: string | null; end: string | null; due: string | null }): OutsideTerms {
    const wanted = o.counts.attributes;
    if (!wanted || !s.started) return { count: 0, groups: [] };
    const end = s.end ?? this.asOf;
    const until = s.due !== null && s.due < end ? s.due : end;
    const loose = looseOf(o.counts);
    const counted = this.index.matching(o.counts);
    const candidates = this.index.matching(loose);
    const terms = Object.entries(wanted).map(([attribute, values]) =>
      termOf(this.index.column(loose, attribute), values),
    );
    // Kept in the order first seen: groups with equal counts are listed in that order.
    const groups: Group[] = [];
    let count = 0;
    // Both lists are in the index's order: walk their positions together and skip the events that did count. The
    // walk reads only arrays of numbers, not the events, which are scattered in memory.
    const positions = this.positions(candidates);
    const countedPositions = this.positions(counted);
    const stop = EventIndex.firstAfter(candidates, until);
    let j = 0;
    for (let i = EventIndex.firstOnOrAfter(candidates, s.started); i < stop; i++) {
      const position = positions[i]!;
      while (j < countedPositions.length && countedPositions[j]! < position) j++;
      if (j < countedPositions.length && countedPositions[j] === position) continue;
      count++;
      for (const term of terms) {
        const slot = term.slots[term.codes[i]! + 1]!;
        if (!term.outside[slot]) continue;
        const g = term.groups[slot];
        if (g) {
          g.count++;
          g.latest = i;
        } else {
          const created = {
            attribute: term.attribute,
            value: term.values[slot]!,
            count: 1,
            first: i,
            latest: i,
          };
          groups.push((term.groups[slot] = created));
        }
      }
    }
    return {
      count,
      groups: groups
        .sort((x, y) => y.count - x.count)
        .map((g) => ({
          attribute: g.attribute,
          value: g.value,
          count: g.count,
          first: toEvidence(candidates[g.first]!),
          latest: toEvidence(candidates[g.latest]!),
        })),
    };
  }

  private positions(list: DatedEvent[]): Int32Array {
    let found = this.positionsOf.get(list);
    if (found) return found;
    found = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) found[i] = list[i]!.position;
    this.positionsOf.set(list, found);
    return found;
  }
}
