/**
 * The view and its parameters live in the location hash, so that what an analyst is looking at can be sent as a link:
 * `#/board?agreement=moratorium-2018&asOf=2022-04-01`. The leading slash is optional (`#board` works too).
 */
export interface Route {
  view: string;
  params: URLSearchParams;
}

export function readRoute(): Route {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const q = hash.indexOf("?");
  return q < 0
    ? { view: hash, params: new URLSearchParams() }
    : { view: hash.slice(0, q), params: new URLSearchParams(hash.slice(q + 1)) };
}

/**
 * Puts a view's parameters in the address bar without a new history entry: a slider step is not a page to go back
 * to. Does nothing once the reader has moved on to another view.
 */
export function writeRoute(view: string, params: URLSearchParams): void {
  if (readRoute().view !== view) return;
  const query = params.toString();
  const hash = `#/${view}${query ? `?${query}` : ""}`;
  if (window.location.hash !== hash) history.replaceState(history.state, "", hash);
}
