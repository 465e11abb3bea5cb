import { render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { server } from '@/components/testing/msw-server';

// The badges share one module-level store: each test starts from a fresh copy of the module.
async function renderMap() {
  const { ProgressBadge } = await import('./progress-badge');
  return render(
    <>
      <ProgressBadge slug="indexes" checks={3} />
      <ProgressBadge slug="pagination" checks={2} />
      <ProgressBadge slug="caching" checks={2} />
    </>,
  );
}

describe('ProgressBadge on the course map', () => {
  beforeEach(() => vi.resetModules());

  it('shows each lesson’s checks from one shared request', async () => {
    let asked = 0;
    server.use(
      http.get('/api/lab/progress', () => {
        asked++;
        return HttpResponse.json({
          lessons: {
            indexes: { checksPassed: 1, quizAnswered: 0, predictions: 1 },
            pagination: { checksPassed: 2, quizAnswered: 1, predictions: 0 },
          },
        });
      }),
    );
    await renderMap();
    expect(await screen.findByTestId('progress-indexes')).toHaveTextContent('1 of 3 checks');
    expect(screen.getByTestId('progress-pagination')).toHaveTextContent('✓ 2 of 2 checks');
    expect(screen.queryByTestId('progress-caching')).toBeNull();
    expect(asked).toBe(1);
  });
});
