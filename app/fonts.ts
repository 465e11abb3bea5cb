import localFont from 'next/font/local';

/**
 * Inter (variable) shipped with the app: no CDN, so it works offline. Only the weights the CSS
 * uses (400-700) and the characters the pages use (fonts/inter-subset.json): 19 KB instead of
 * the 48 KB Latin file every page downloaded before its text settled (scripts/subset-font.mjs
 * rebuilds it; tests/font-subset.test.ts fails when a lesson needs a character it lacks).
 * `swap` paints text in the fallback if the font is late. Lighthouse often observes a lesson's
 * first paint at ~1.25 s; that is not this font. Measured (issue 16): the late paint stays
 * with no web font and no preload at all, needs the page's scripts, happens only inside a
 * Lighthouse session (Playwright loads of the same page, traced or not, paint at 0.3-0.5 s)
 * and goes away with Chromium's RenderBlockingFonts feature turned off.
 */
export const inter = localFont({
  src: '../fonts/inter-subset.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'swap',
  variable: '--font-inter',
  fallback: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
});
