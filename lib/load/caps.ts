/**
 * The load caps' defaults, in one place: the server's environment schema (lib/config.ts) falls
 * back to them, and so do the load worker (runner.ts) and the profile limits (profile.ts) when
 * used without a server configuration (tests, bench). No imports: the browser bundle reads
 * profile.ts, so this must not pull in server modules.
 */
export const LOAD_CAP_DEFAULTS: Readonly<
  Record<'maxRunSeconds' | 'maxRuns' | 'maxTotalRate' | 'frontDoorMaxRate', number>
> = {
  maxRunSeconds: 60,
  maxRuns: 8,
  maxTotalRate: 4000,
  frontDoorMaxRate: 100,
};
