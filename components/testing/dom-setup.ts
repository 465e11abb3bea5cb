import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestEventSource } from './event-source';
import { server } from './msw-server';

// findBy*/waitFor wait for a state, not a time: their 1 s default ceiling is a timing assumption
// that a busy CI machine breaks (a render after a fetch took 1.4 s at load 15). A passing state
// still returns at once; only a wrong one waits the whole ceiling before failing.
configure({ asyncUtilTimeout: 10_000 });

// happy-dom has no EventSource; this one goes through fetch, where msw answers it.
Object.assign(globalThis, { EventSource: TestEventSource });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
