/**
 * HTML that only the server renders (components/reference/server-html.tsx): the server
 * component that builds it puts it here under a stable id, and the client component's server
 * render takes it from here, so it reaches the page once, as HTML, and not a second time
 * inside the RSC payload. Both renders run in the same Node process but in different module
 * graphs (react-server and SSR), hence globalThis. Ids name fixed content (a reference
 * version's contents or operations, built once per process): no request ever changes them.
 */
const KEY = Symbol.for('scale-lab.server-html');

function registry(): Map<string, string> {
  const g = globalThis as { [KEY]?: Map<string, string> };
  return (g[KEY] ??= new Map());
}

export function putServerHtml(id: string, html: string): void {
  registry().set(id, html);
}

/** The HTML put under `id`, or '' (in the browser, or if nothing was put). */
export function takeServerHtml(id: string): string {
  return registry().get(id) ?? '';
}
