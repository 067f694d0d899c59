/**
 * Each strategy's number. The names are the catalog's (strategies.ts keys its entries by them, so the compiler
 * holds the lists together); a seat carries the number, its rule is found by it once a match.
 */
export const KIND = {
  Cooperator: 0,
  Defector: 1,
  TitForTat: 2,
  Grudger: 3,
  TitFor2Tats: 4,
  TwoTitsForTat: 5,
  SuspiciousTitForTat: 6,
  Alternator: 7,
  WinStayLoseShift: 8,
  CyclerCCD: 9,
  Bully: 10,
  Prober: 11,
  FirstByDavis: 12,
  Gradual: 13,
  OriginalGradual: 14,
  GTFT: 15,
  HardTitForTat: 16,
  SoftGrudger: 17,
  AntiTitForTat: 18,
  CyclerDC: 19,
  WinShiftLoseStay: 20,
  Random: 21,
  GRIT: 22,
} as const;
export type StrategyName = keyof typeof KIND;
