import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { MOVED_SEEN_KEY, SandboxMovedNotice } from './sandbox-moved-notice';

const move = { at: '2026-12-03T09:01:00.000Z', from: 'node-b' };

describe('<SandboxMovedNotice/>', () => {
  beforeEach(() => window.localStorage.clear());

  it('says once, in one sentence, that the data was reset on a new machine and progress and settings are kept', async () => {
    const first = render(<SandboxMovedNotice moved={move} />);
    const notice = await screen.findByTestId('sandbox-moved');
    expect(notice).toHaveTextContent(
      'Your lab moved to a new machine, so your sandbox data was reset to a fresh copy; your progress and settings are kept.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByTestId('sandbox-moved')).toBeNull();
    first.unmount();
    // The next page load with the same move says nothing.
    render(<SandboxMovedNotice moved={move} />);
    expect(window.localStorage.getItem(MOVED_SEEN_KEY)).toBe(move.at);
    expect(screen.queryByTestId('sandbox-moved')).toBeNull();
  });

  it('says it again for a later move, and nothing when the sandbox never moved', async () => {
    window.localStorage.setItem(MOVED_SEEN_KEY, move.at);
    const none = render(<SandboxMovedNotice moved={null} />);
    expect(screen.queryByTestId('sandbox-moved')).toBeNull();
    none.unmount();
    render(<SandboxMovedNotice moved={{ at: '2026-12-03T10:00:00.000Z', from: 'node-a' }} />);
    expect(await screen.findByTestId('sandbox-moved')).toBeInTheDocument();
  });
});
