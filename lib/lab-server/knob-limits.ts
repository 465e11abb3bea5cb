/**
 * How long the main thread waits for the lab server to apply a knob change (index builds
 * included), shared by both sides so the lab server's own build deadline stays below it
 * (KNOB_BUILD_TIMEOUT_MS in control.ts). A module of its own: both threads import it, and
 * neither should pull in the other's code for one number.
 */
export const APPLY_KNOBS_TIMEOUT_MS = 120_000;
