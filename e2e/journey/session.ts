import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, isLocalUrl } from '../fixtures';
import { Journey } from '../pages/journey';

/** Far past what two reader threads can scan per second at this scale: the queue, not the machine, sets p95. */
export const RUSH_RATE = 300;

/** The journey's one learner: their page and the steps they take on it, read inside each test. */
export type JourneySession = { readonly page: Page; readonly j: Journey };

/**
 * Declares the journey's hooks in the calling spec file: one browser context (one identity
 * cookie) for every lesson, and after each lesson no console error, no uncaught page error and
 * no request to a non-local host. The session's page exists once beforeAll has run.
 */
export function oneLearnerThroughout(): JourneySession {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let j: Journey | undefined;
  const consoleErrors: string[] = [];
  const external: string[] = [];

  test.beforeAll(async ({ browser }) => {
    // One learner throughout: one browser context (one identity cookie), shared by every step.
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.on('request', (r) => {
      if (!isLocalUrl(r.url())) external.push(r.url());
    });
    const p = await context.newPage();
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${p.url()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => consoleErrors.push(`${p.url()}: uncaught ${e.message}`));
    // A reset asks "Start this lesson over?"; the learner says yes.
    p.on('dialog', (d) => void d.accept());
    page = p;
    j = new Journey(p);
  });

  test.afterEach(() => {
    expect(consoleErrors, 'console errors on the way').toEqual([]);
    expect(external, 'requests to non-local hosts').toEqual([]);
  });

  test.afterAll(async () => {
    await context?.close();
  });

  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the journey session is read before its beforeAll ran');
    return v;
  };
  return {
    get page() {
      return started(page);
    },
    get j() {
      return started(j);
    },
  };
}
