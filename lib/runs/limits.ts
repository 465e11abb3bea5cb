/**
 * Load caps the run manager (which admits runs) and the load worker (which runs them) must
 * agree on: if the manager admitted what the worker then refused, the learner would get a
 * 201 for a run that fails at once. The worker gets these values in its workerData.
 */
export const LOAD_CAPS = {
  /** Virtual users across all closed-model runs at once (each is an open socket on the worker). */
  maxTotalUsers: 400,
} as const;

/** The limits in force: from configuration, or as the instructor set them for the room. */
export type LoadLimits = {
  maxRuns: number;
  totalRate: number;
  perLearnerRate: number;
  paused: boolean;
  maxTotalUsers?: number;
};

/** What a run holds while it goes: its share of the rate budget and its virtual users. */
export type Reservation = { rate: number; users: number };
