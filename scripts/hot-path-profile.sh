#!/usr/bin/env bash
# Work per request of the lab server vs the bare baseline, counted by tools a loaded box does
# not move: callgrind instructions (server thread and whole process), strace syscalls (server
# thread), --trace-gc young-generation bytes. Each server runs alone in its own process
# (bench/hot-path-probe.ts), warmed up, then counted over N requests.
#   scripts/hot-path-profile.sh [user|product] [tools: gc,strace,callgrind]   (env: N, WARM, OUT, WHO, PROBE)
# Needs .build (node scripts/build-workers.mjs). callgrind takes minutes per server.
# The callgrind count is not fully load-proof: per-time work (timers, metrics, JIT and GC
# timing) lands in it: the same lab build read 119k instructions/request (GET /users/{id}) at
# load ~5 and 130-135k at load ~11. Compare two builds in the same window, side by side
# (PROBE=<other .build>/hot-path-probe.mjs, own OUT each), and more than once.
# Naming V8's frames: NODE_PROFILE_FLAGS='--perf-basic-prof --no-short-builtin-calls' makes
# callgrind name the builtins (Builtins_*) and node write /tmp/perf-<pid>.map, whose address
# ranges name the JIT's '???:0x...' functions in callgrind_annotate's output.
set -euo pipefail
variant=${1:-user}
tools=${2:-gc,strace,callgrind}
N=${N:-20000}
WARM=${WARM:-20000}
OUT=${OUT:-/tmp/hot-path-profile}
CLIENT="$(cd "$(dirname "$0")/.." && pwd)/.build/hot-path-probe.mjs"
# PROBE: the servers from another build (an older commit's .build, to count before and after).
PROBE=${PROBE:-$CLIENT}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$OUT" # node's --perf-basic-prof and friends write their logs to the working directory
[ -f "$OUT/setup.json" ] || SCALE_LAB_SCALE=${SCALE_LAB_SCALE:-1} node "$CLIENT" prepare "$OUT"

wait_port() { for _ in $(seq 1 600); do [ -s "$OUT/$1.port" ] && return 0; sleep 0.5; done; echo "no port" >&2; return 1; }
# The server thread: the thread of the process that ran the most CPU during the warm-up.
busiest_tid() { for t in /proc/"$1"/task/*; do echo "$(awk '{print $14+$15}' "$t/stat") ${t##*/}"; done | sort -n | tail -1 | cut -d' ' -f2; }
fire() { node "$CLIENT" fire "$(cat "$OUT/$1.port")" "$variant" "$2" "$OUT" "${3:-10}"; }

for who in ${WHO:-baseline lab}; do
  rm -f "$OUT/$who.port"
  if [[ $tools == *gc* ]]; then
    node --trace-gc "$PROBE" serve "$who" "$OUT" >"$OUT/$who.gc.log" &
    pid=$!; wait_port "$who"; fire "$who" "$WARM"
    before=$(wc -l <"$OUT/$who.gc.log"); fire "$who" "$N"; sleep 0.5
    # Young-generation bytes freed per request: sum of (before - after) over the scavenges of the counted window.
    # Young-generation garbage per request: sum of (heap before - heap after) over the scavenges of
    # the counted window, on the isolate that scavenged most (the server's; readers idle).
    tail -n +"$((before + 1))" "$OUT/$who.gc.log" | awk -v n="$N" -v who="$who" '
      /Scavenge/ { iso = $1; s[iso]++; for (i = 1; i <= NF; i++) if ($i == "->") { freed[iso] += $(i-2) - $(i+1); ms[iso] += $(i+4) } }
      /Mark-Compact/ { m[$1]++ }
      END { for (k in s) if (s[k] > best) { best = s[k]; top = k }
        printf "%-8s gc: %d scavenges (%.1f ms), %d mark-compacts on the server isolate, %.0f bytes/request young-gen garbage\n", who, s[top], ms[top], m[top], freed[top] * 1048576 / n }'
    kill "$pid"; wait "$pid" || true; rm -f "$OUT/$who.port"
  fi
  if [[ $tools == *strace* ]]; then
    node "$PROBE" serve "$who" "$OUT" &
    pid=$!; wait_port "$who"; fire "$who" "$WARM"
    tid=$(busiest_tid "$pid")
    strace -c -p "$tid" -o "$OUT/$who.strace" & spid=$!; sleep 1
    fire "$who" "$N"; sleep 0.5; kill -INT "$spid"; wait "$spid" || true
    awk -v n="$N" -v who="$who" '$NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ { printf "%-8s strace: %-16s %7.3f /request\n", who, $NF, $4 / n } /total/ { printf "%-8s strace: %-16s %7.3f /request\n", who, "total", $3 / n }' "$OUT/$who.strace"
    kill "$pid"; wait "$pid" || true; rm -f "$OUT/$who.port"
  fi
  if [[ $tools == *callgrind* ]]; then
    rm -f "$OUT/$who.cg".*
    valgrind --tool=callgrind --instr-atstart=no --separate-threads=yes --dump-instr=no \
      --callgrind-out-file="$OUT/$who.cg.%p" node ${NODE_PROFILE_FLAGS:-} "$PROBE" serve "$who" "$OUT" 2>"$OUT/$who.valgrind.log" &
    # Warmed up the way it is counted: a client of another shape (10 connections, then 1) deopts
    # node's stream code and the handler, and the re-optimization landed in the count (±10%).
    pid=$!; wait_port "$who"; fire "$who" "$WARM" 1; fire "$who" 2000 1
    # One connection while counting: one request per event-loop turn, so the count does not depend
    # on how many requests pile up per turn, which the neighbours' load changes.
    callgrind_control -i on "$pid" >/dev/null
    fire "$who" "$N" 1
    callgrind_control -d "$pid" >/dev/null; callgrind_control -i off "$pid" >/dev/null
    for f in "$OUT/$who.cg".*.1-*; do
      ir=$(grep -m1 '^summary:' "$f" 2>/dev/null | awk '{print $2}') || true
      [ -n "${ir:-}" ] && echo "$ir ${f##*-}"
    done | sort -n | awk -v n="$N" -v who="$who" '{ total += $1; top = $1; t = $2 } END { printf "%-8s callgrind: server thread (%s) %.0f instr/request, all threads %.0f instr/request\n", who, t, top / n, total / n }'
    kill "$pid"; wait "$pid" || true; rm -f "$OUT/$who.port"
  fi
done
