import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestEventSource } from './event-source';
import { server } from './msw-server';

// happy-dom has no EventSource; this one goes through fetch, where msw answers it.
Object.assign(globalThis, { EventSource: TestEventSource });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
