import type { NextConfig } from 'next';
import { addCompileHints } from './lib/build/compile-hints';

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: keep it out of the server bundle and load it from node_modules.
  serverExternalPackages: ['better-sqlite3', 'esbuild'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The whole app must run offline: no image optimisation downloads, no telemetry.
  images: { unoptimized: true },
  compiler: {
    // Every way of building (npm run build, npm start's first build, the tests, the cluster) goes
    // through `next build`, so the boot chunks get V8's compile hint here (lib/build/compile-hints.ts).
    runAfterProductionCompile: async ({ distDir }) => {
      const { hinted, already } = addCompileHints(distDir);
      console.log(`compile hints: ${hinted.length} boot chunks hinted, ${already.length} already were`);
    },
  },
};

export default nextConfig;
