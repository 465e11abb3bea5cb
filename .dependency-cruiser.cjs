// dependency-cruiser settings for `npm run check:cycles` (scripts/check-cycles.mjs).
// Modules are collapsed to their folder under lib/ (lib/api, lib/db, ...; a file directly in
// lib/ stays itself), so a cycle here is a cycle between folders: A imports B and B, by any
// path, imports A. Type-only imports count: they couple the folders just the same.
// The rule itself (no cycle outside .dependency-cruiser-known-cycles.json) is in the script:
// dependency-cruiser's `circular` condition works on modules and is not recomputed on the
// collapsed graph (checked: it reported nothing while lib/api and lib/lab-server imported
// each other). Break a cycle by declaring the type the lower folder needs in that folder (a
// port) and letting the higher one implement it, as lib/api/ports.ts does for the lab server.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.tsx?$|^lib/testing/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    collapse: '^lib/[^/]+',
  },
};
