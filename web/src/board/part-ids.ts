import { createContext, useContext } from "react";

/**
 * The ids of a board's parts (`summary`, `status-strip` …) stay unique on a page that shows two agreements: the
 * first agreement's are as named, so that links and tests find them as before; the one beside it adds a suffix.
 */
export const PartIdSuffix = createContext("");

/** `id("summary")`: the id of the part in this board's column. */
export function usePartId(): (name: string) => string {
  const suffix = useContext(PartIdSuffix);
  return (name) => `${name}${suffix}`;
}
