import localFont from 'next/font/local';

/*
 * The two fonts the pages ship, cut to the characters and weights the pages use
 * (scripts/subset-font.mjs writes fonts/*-subset.woff2; tests/font-subset.test.ts fails when a
 * lesson or component needs a character a subset lacks). No CDN: they work offline.
 *
 * Why the code font is shipped too, and why no text should reach a system font: the first
 * layout of a page that uses a system font looks it up through the browser process (fontconfig,
 * per family, size and weight). Measured on /lessons/caching-in-layers (issue 16; fresh Chromium
 * per load, 412 px, 9 loads each): the first frame's task took a median 155 ms with the system
 * fonts and 133 ms with these two (95 ms in a trial with the code set in Inter), and Lighthouse
 * counts that layout twice over in a phone's Total Blocking Time. Both are preloaded on every page (next/font
 * does that for fonts the root layout uses), so they are there for the first layout; `swap`
 * paints text at once if one is late.
 *
 * Lighthouse often observes a lesson's first paint at ~1.25 s; that is not these fonts. The late
 * paint stays with no web font and no preload at all, needs the page's scripts, happens only
 * inside a Lighthouse session and goes away with Chromium's RenderBlockingFonts feature off.
 */
export const inter = localFont({
  src: '../fonts/inter-subset.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'swap',
  variable: '--font-inter',
  fallback: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
});

/** JetBrains Mono for code; globals.css falls back to Inter for what it lacks (arrows, ≤). */
export const mono = localFont({
  src: '../fonts/mono-subset.woff2',
  weight: '400 700',
  style: 'normal',
  display: 'swap',
  variable: '--font-mono',
  // next/font's metric-matched fallback is Arial, a proportional font: no use for code.
  adjustFontFallback: false,
});
