import localFont from 'next/font/local';

/**
 * Inter (variable) shipped with the app: no CDN, so it works offline. Only the weights the CSS
 * uses (400-700) and the characters the pages use (fonts/inter-subset.json): 19 KB instead of
 * the 48 KB Latin file every page downloaded before its text settled (scripts/subset-font.mjs
 * rebuilds it; tests/font-subset.test.ts fails when a lesson needs a character it lacks).
 * `swap` paints text in the fallback if the font is late. Measured (issue 16): Chromium 156's
 * RenderBlockingFonts feature still held a lesson page's first paint to ~1.25 s in most
 * Lighthouse runs (about 0.3 s with --disable-features=RenderBlockingFonts); neither dropping the
 * preload (CLS 0.2 from the swap, first paint still ~1.28 s) nor the Arial-metric fallback face
 * (still 1.22-1.42 s) changed it, so both stay.
 */
export const inter = localFont({
  src: '../fonts/inter-subset.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'swap',
  variable: '--font-inter',
  fallback: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
});
