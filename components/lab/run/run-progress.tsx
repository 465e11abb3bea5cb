import { formatTimeLeft } from './format';

/**
 * How far a live run is, measured on the server's clock (the last streamed second), so a
 * slow tab or a paused laptop cannot make the bar lie. The bar's width eases over one second
 * because a point arrives every second; reduced motion turns that off in CSS.
 */
export function RunProgress({
  elapsedSec,
  durationSec,
  pct,
  inFlight,
}: {
  elapsedSec: number;
  durationSec: number;
  pct: number;
  inFlight: number | null;
}) {
  const left = formatTimeLeft(elapsedSec, durationSec);
  const draining = elapsedSec >= durationSec && durationSec > 0;
  return (
    <div className="run-progress-wrap">
      <div
        className="run-progress"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={durationSec}
        aria-valuenow={Math.round(elapsedSec)}
        aria-valuetext={`${Math.round(elapsedSec)} of ${durationSec} s, ${left}`}
        data-testid="run-progress"
      >
        <div className="run-progress__bar" style={{ width: `${pct}%` }} />
      </div>
      <span className="num muted run-progress__text" data-testid="run-time-left">
        {draining && inFlight ? `finishing: ${inFlight} requests in flight` : left}
      </span>
    </div>
  );
}
