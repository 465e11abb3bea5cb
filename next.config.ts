import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: keep it out of the server bundle and load it from node_modules.
  serverExternalPackages: ['better-sqlite3', 'esbuild'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The whole app must run offline: no image optimisation downloads, no telemetry.
  images: { unoptimized: true },
};

export default nextConfig;
