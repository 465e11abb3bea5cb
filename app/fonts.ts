import localFont from 'next/font/local';

/**
 * Inter (variable) shipped with the app: no CDN, so it works offline. Only the weights the CSS
 * uses (400-700) and the characters the pages use (fonts/inter-subset.json): 19 KB instead of
 * the 48 KB Latin file every page downloaded before its text settled (scripts/subset-font.mjs
 * rebuilds it; tests/font-subset.test.ts fails when a lesson needs a character it lacks).
 * `swap` paints text at once in a metric-matched fallback; the font never blocks the first paint.
 */
export const inter = localFont({
  src: '../fonts/inter-subset.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'swap',
  variable: '--font-inter',
  fallback: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
});
