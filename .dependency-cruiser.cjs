// dependency-cruiser settings for `npm run check:cycles` (scripts/check-cycles.mjs).
// Modules are collapsed to their folder under lib/ (lib/api, lib/db, ...; a file directly in
// lib/ stays itself), so a cycle here is a cycle between folders: A imports B and B, by any
// path, imports A. Type-only imports count: they couple the folders just the same.
// The rule itself (no cycle outside .dependency-cruiser-known-cycles.json) is in the script:
// dependency-cruiser's `circular` condition works on modules and is not recomputed on the
// collapsed graph (checked: it reported nothing while lib/api and lib/lab-server imported
// each other). Break a cycle by declaring the type the lower folder needs in that folder (a
// port) and letting the higher one implement it, as lib/api/ports.ts does for the lab server,
// or by moving the module that wires both sides up to lib/main-thread.
//
// The layers, bottom to top. A folder imports only folders listed before it: in a lower layer,
// or earlier in its own layer in 1 and 2; in 4, 7 and 8 the folders do not import each other.
//   1. Foundations, which know nothing of the lab server, runs or lessons: globals.ts,
//      random.ts, format.ts, parent-watchdog.ts, workers, cache, learners, client, source-view,
//      load, db, rate-limit, config.ts, knobs, sql-console, runtime.ts (config, app.db, secret).
//   2. The Shop API and what it reports: api, replica, share, scratchpad, metrics (the lab
//      server's registry and the names; not the main thread's /metrics, see 8).
//   3. lab-server: the lab server worker and the main thread's host for it.
//   4. control, runs: main-thread services over the lab host (knobs, sandboxes, probes; load
//      runs and their store). Siblings: neither imports the other.
//   5. sim: the simulator; lab-sim.ts is handed the learner's run (lessons/measured-run.ts picks it).
//   6. lessons: checks over runs, lesson start (control), the simulator's widget props.
//   7. authoring, store, workshop: the lesson checker; the repository over knobs, progress and
//      runs (app.db or PostgreSQL); the instructor's room (roster over lessons and runs, the
//      caps and pause that the run manager's wiring reads).
//   8. cluster (over store and workshop), and main-thread: the composition root (the run manager
//      wired to the lab host, the load worker, the workshop's caps and the knobs reader; the
//      main thread's /metrics registry). Nothing in lib/ imports main-thread: app/, pages/ and
//      instrumentation.ts do.
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
