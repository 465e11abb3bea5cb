import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { INDEX_NAMES } from '@/lib/knobs/registry';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch, type SettingsResponse } from '@/lib/knobs/schema';
import { server } from '@/components/testing/msw-server';
import { problemJson, renderWithQuery } from '@/components/testing/render';
import { KnobPanel } from './knob-panel';

function settings(patch: SettingsPatch = {}): SettingsResponse {
  return {
    sandboxId: 'sbx_test',
    settings: mergeSettings(DEFAULT_SETTINGS, patch),
    indexes: INDEX_NAMES.map((name) => ({ name, sql: `CREATE INDEX ${name} …`, present: false, lastBuildMs: null })),
    cache: { hits: 0, misses: 0, stale: 0, coalesced: 0, size: 0 },
    rateLimit: { allowed: 0, limited: 0 },
  };
}

describe('<KnobPanel/>', () => {
  it('PATCHes the change the learner makes and shows the state the server answers with', async () => {
    const patches: unknown[] = [];
    server.use(
      http.get('/api/lab/settings', () => HttpResponse.json(settings())),
      http.patch('/api/lab/settings', async ({ request }) => {
        const patch = (await request.json()) as SettingsPatch;
        patches.push(patch);
        return HttpResponse.json(settings(patch));
      }),
    );
    const { user } = renderWithQuery(<KnobPanel show={['pagination']} />);
    const group = await screen.findByRole('group', { name: 'Pagination mode' });
    expect(within(group).getByRole('radio', { name: 'offset' })).toBeChecked();

    await user.click(within(group).getByRole('radio', { name: 'cursor' }));
    await waitFor(() => expect(patches).toEqual([{ pagination: { mode: 'cursor' } }]));
    // After the answer (not just optimistically), the panel is enabled again and shows cursor.
    await waitFor(() => expect(within(group).getByRole('radio', { name: 'cursor' })).toBeEnabled());
    expect(within(group).getByRole('radio', { name: 'cursor' })).toBeChecked();
    expect(screen.getByText(/An opaque cursor to the last row seen/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a 409 in the server’s words and goes back to the state the server still has', async () => {
    const first = INDEX_NAMES[0];
    server.use(
      http.get('/api/lab/settings', () => HttpResponse.json(settings())),
      http.patch('/api/lab/settings', () =>
        problemJson(409, {
          type: '/problems/conflict',
          title: 'Conflict with the current state',
          detail: 'Another index build is running on your sandbox.',
        }),
      ),
    );
    const { user } = renderWithQuery(<KnobPanel show={['indexes']} />);
    const toggle = await screen.findByTestId(`index-${first}`);
    await user.click(toggle);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That change was not applied: Another index build is running on your sandbox.');
    expect(alert).toHaveAttribute('data-status', '409');
    expect(screen.getByTestId(`index-${first}`)).not.toBeChecked();
    expect(screen.getByTestId(`index-${first}-state`)).toHaveTextContent('Absent');
  });

  it('lists the fields of a 422', async () => {
    server.use(
      http.get('/api/lab/settings', () => HttpResponse.json(settings())),
      http.patch('/api/lab/settings', () =>
        problemJson(422, {
          type: '/problems/validation-failed',
          title: 'The request body has invalid fields',
          detail: 'Fix these fields and send again: pagination.mode.',
          errors: [
            {
              field: 'pagination.mode',
              in: 'body',
              detail: 'Invalid option: expected one of "offset"|"cursor"|"unbounded"',
            },
          ],
        }),
      ),
    );
    const { user } = renderWithQuery(<KnobPanel show={['pagination']} />);
    await user.click(await screen.findByRole('radio', { name: 'unbounded' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Fix these fields and send again: pagination.mode.');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('pagination.mode: Invalid option');
  });
});
