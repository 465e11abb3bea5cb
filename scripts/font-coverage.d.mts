// Types for font-coverage.mjs, which scripts/subset-font.mjs runs as plain JavaScript and the tests import.
export const TEXT_ROOTS: string[];
export const FONTS: Array<{
  source: string;
  pin: string[];
  wght: [number, number];
  features: string[];
  out: string;
  manifest: string;
}>;
export const ASCII: number[];
export const TYPOGRAPHY: number[];
export function codePointsOf(text: string): Set<number>;
export function sourceCodePoints(root: string): Map<number, string>;
export function toRanges(codePoints: Iterable<number>): string;
export function fromRanges(ranges: string): Set<number>;
