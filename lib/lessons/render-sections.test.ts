import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileLesson } from './render';

const html = async (body: string) => renderToStaticMarkup(createElement(await compileLesson(body)));

describe('lesson sections', () => {
  it('wraps each ## part, heading first, and leaves the opening before the first ## alone', async () => {
    const out = await html('Opening.\n\n## One\n\nFirst part.\n\n### Sub\n\nStill one.\n\n## Two\n\n- a list\n');
    expect(out).toBe(
      '<p>Opening.</p>\n' +
        '<section class="lesson__section"><h2>One</h2>\n<p>First part.</p>\n<h3>Sub</h3>\n<p>Still one.</p>\n</section>' +
        '<section class="lesson__section"><h2>Two</h2>\n<ul>\n<li>a list</li>\n</ul></section>',
    );
  });

  it('adds nothing to a lesson without ## headings', async () => {
    expect(await html('Only an opening.\n\n### A small heading\n')).not.toContain('<section');
  });
});
