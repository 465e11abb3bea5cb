/**
 * Process-wide singletons live on globalThis: under Turbopack, route handlers and server
 * components get separate module instances, so a module-level variable would exist twice
 * (two app.db handles, two lab servers). One typed accessor, one key per singleton.
 */
const KEY = Symbol.for('scale-lab.singletons');

type Registry = Map<string, unknown>;

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [KEY]?: Registry };
  g[KEY] ??= new Map();
  return g[KEY];
}

export function singleton<T>(name: string, create: () => T): T {
  const reg = registry();
  if (!reg.has(name)) reg.set(name, create());
  return reg.get(name) as T;
}

export function peekSingleton<T>(name: string): T | undefined {
  return registry().get(name) as T | undefined;
}

export function setSingleton<T>(name: string, value: T | undefined): void {
  if (value === undefined) registry().delete(name);
  else registry().set(name, value);
}
