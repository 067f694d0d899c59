/**
 * The units an event's amount may be given in. Each unit belongs to a dimension; amounts add up only within one
 * dimension (tonnes to kilograms, never tonnes to dollars), and currencies are each a dimension of their own, since
 * their rates change from day to day.
 */
export const UNITS = {
  t: { dimension: "mass", factor: 1000, label: "tonnes" },
  kg: { dimension: "mass", factor: 1, label: "kilograms" },
  USD: { dimension: "USD", factor: 1, label: "US dollars" },
  EUR: { dimension: "EUR", factor: 1, label: "euros" },
  KRW: { dimension: "KRW", factor: 1, label: "South Korean won" },
  JPY: { dimension: "JPY", factor: 1, label: "Japanese yen" },
  CNY: { dimension: "CNY", factor: 1, label: "Chinese yuan" },
  MWe: { dimension: "power", factor: 1, label: "megawatts of electric capacity" },
  warheads: { dimension: "warheads", factor: 1, label: "warheads" },
  launchers: { dimension: "launchers", factor: 1, label: "launchers" },
  missiles: { dimension: "missiles", factor: 1, label: "missiles" },
  items: { dimension: "items", factor: 1, label: "items" },
  persons: { dimension: "persons", factor: 1, label: "persons" },
  remains: { dimension: "remains", factor: 1, label: "sets of remains" },
} as const;

export type Unit = keyof typeof UNITS;
export const UNIT_NAMES = Object.keys(UNITS) as Unit[];

/** How much of something an event moved: 50,000 t of heavy fuel oil, 4 warheads. */
export interface Amount {
  value: number;
  unit: Unit;
}

export function isUnit(x: string): x is Unit {
  return Object.hasOwn(UNITS, x);
}

/** The amount in another unit of the same dimension, or undefined when the two cannot be added. */
export function convertAmount(amount: Amount, to: Unit): number | undefined {
  const from = UNITS[amount.unit];
  const target = UNITS[to];
  if (from.dimension !== target.dimension) return undefined;
  return (amount.value * from.factor) / target.factor;
}

/** `950,000 t`, `2,000 MWe`, `1.5 USD`. */
export function formatAmount(value: number, unit: Unit): string {
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 3 })} ${unit}`;
}
