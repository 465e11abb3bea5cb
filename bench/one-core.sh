#!/usr/bin/env bash
# Runs a command with it and everything it starts held to one core's worth of CPU in all (a CFS
# quota of 10 ms per 10 ms period), to see how much room a benchmark has on a slower or busier
# machine than this one: `bash bench/one-core.sh npm run bench -- --only lighthouse`.
# Why: on a quiet two-core box the Lighthouse bench reads 0 ms of TBT on every page and cannot show a
# regression; held to one core, the first paint comes at ~0.2 s (as on the slower hosts this
# project has been measured on) and TBT moves again. Needs root and the cgroup cpu controller
# (v1 or v2). A quota, not a busy loop beside the bench: the kernel shares two cores fairly
# between a browser and a loop, and Lighthouse's figures barely moved that way.
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "$0: needs root to make a cgroup" >&2; exit 2; }

if [ -d /sys/fs/cgroup/cpu ] && [ -w /sys/fs/cgroup/cpu ]; then
  group=/sys/fs/cgroup/cpu/scale-lab-one-core
  mkdir -p "$group"
  echo 10000 >"$group/cpu.cfs_period_us"
  echo 10000 >"$group/cpu.cfs_quota_us"
  tasks="$group/tasks"
elif grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  group=/sys/fs/cgroup/scale-lab-one-core
  echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
  mkdir -p "$group"
  echo "10000 10000" >"$group/cpu.max"
  tasks="$group/cgroup.procs"
else
  echo "$0: no writable cgroup cpu controller here" >&2
  exit 2
fi

echo $$ >"$tasks"
exec "$@"
