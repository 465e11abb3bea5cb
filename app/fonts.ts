import localFont from 'next/font/local';

/**
 * Inter (variable, Latin subset) shipped with the app: no CDN, so it works offline. `swap`
 * paints text at once in a metric-matched fallback; the font never blocks the first paint.
 */
export const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  style: 'normal',
  display: 'swap',
  variable: '--font-inter',
  fallback: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'sans-serif'],
});
