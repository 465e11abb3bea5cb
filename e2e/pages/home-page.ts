import type { Locator, Page } from '@playwright/test';

/** The course map at `/`. */
export class HomePage {
  readonly heading: Locator;
  readonly coreCourseHeading: Locator;
  readonly lessons: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.coreCourseHeading = page.getByRole('heading', { name: 'The core course' });
    this.lessons = page.getByRole('main').getByRole('listitem');
  }

  async goto() {
    await this.page.goto('/');
  }

  /** A lesson card; its accessible name starts with the lesson title. */
  lessonLink(title: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name: new RegExp(`^${title}\\b`) });
  }

  /** Every lesson's path, in course order (from the course map's cards). */
  async lessonHrefs(): Promise<string[]> {
    await this.goto();
    return this.page.locator('a.course-card').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  }

  async openLesson(title: string) {
    await this.lessonLink(title).click();
    await this.page.waitForURL(/\/lessons\/[\w-]+$/);
  }
}
