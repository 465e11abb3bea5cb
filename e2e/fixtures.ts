import { test as base, expect } from '@playwright/test';
import { HomePage } from './pages/home-page';
import { LessonPage } from './pages/lesson-page';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The lab must work with no internet: anything not served by this machine is a bug. */
export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  return LOCAL_HOSTS.has(u.hostname);
}

type Fixtures = {
  /** Every request the browser made to a non-local host during the test (should stay empty). */
  externalRequests: string[];
  homePage: HomePage;
  lessonPage: LessonPage;
};

export const test = base.extend<Fixtures>({
  // Automatic, so every spec enforces the offline guarantee, not only the one that asserts it.
  externalRequests: [
    async ({ context }, use) => {
      const external: string[] = [];
      context.on('request', (request) => {
        if (!isLocalUrl(request.url())) external.push(`${request.method()} ${request.url()}`);
      });
      await use(external);
      expect(external, 'the browser contacted a non-local host').toEqual([]);
    },
    { auto: true },
  ],
  homePage: async ({ page }, use) => use(new HomePage(page)),
  lessonPage: async ({ page }, use) => use(new LessonPage(page)),
});

export { expect };
