import { setupServer } from 'msw/node';

/**
 * The control API as component tests see it: msw in node mode answers the client's fetches.
 * Each test adds its own handlers; an unhandled request fails the test, so a component cannot
 * quietly call something the test did not expect.
 */
export const server = setupServer();
