/** The lesson workloads the simulated room runs (bench/workshop.ts). */

/** Passed to the app as SCALE_LAB_MAX_RUNS (its default is 8): a room runs more at once. */
export const MAX_RUNS = 16;

export type Workload = {
  name: string;
  profile: {
    model: 'constant-arrival';
    rate: number;
    durationSec: number;
    mix: { endpoint: string; weight: number }[];
  };
};
const workload = (name: string, endpoint: string, rate: number, durationSec = 10): Workload => ({
  name,
  profile: { model: 'constant-arrival', rate, durationSec, mix: [{ endpoint, weight: 1 }] },
});
const LESSON3 = workload('lesson 3: user-orders 5/s', 'user-orders', 5);
const LESSON5 = workload('lesson 5: product-by-id 20/s', 'product-by-id', 20);
const USER_BY_ID = workload('user-by-id 50/s', 'user-by-id', 50);

/** What learner i runs: everyone does lessons 3 and 5; every sixth also tries user-by-id. */
export function planFor(i: number, quick: boolean): Workload[] {
  if (quick) return [i % 2 ? LESSON5 : LESSON3, ...(i % 6 === 5 ? [USER_BY_ID] : [])];
  return [LESSON3, LESSON5, ...(i % 6 === 5 ? [USER_BY_ID] : [])];
}
