#!/usr/bin/env bash
# The ratios that matter, in one run: `bash benches/ratios.sh` from a clean checkout.
#
# Builds the three benchmarks once (release), runs them one after the other, and prints
# one table: each figure as a ratio to a baseline measured in the same run, with the
# two medians it comes from. Every bench times its figure and its baseline in turns, so
# a change in the machine's load weighs on both alike; `spread` is the distance between
# the quartiles of the runs as a share of the median (the larger of the two), a guide to
# how far to trust the ratio. The benches' own, fuller tables go to
# $CARGO_TARGET_DIR/ratios.log (target/ratios.log by default); `-v` prints them too.
#
# About 5 minutes on a 2-core machine, the build included (most of it export, verify
# and report of 10,000 records, each 4 times on one thread and 4 on every core).
set -euo pipefail
cd "$(dirname "$0")/.."

verbose=false
case "${1:-}" in
  -v | --verbose) verbose=true ;;
  "") ;;
  *)
    echo "usage: bash benches/ratios.sh [-v]" >&2
    exit 2
    ;;
esac

benches=(validate save records)
target="${CARGO_TARGET_DIR:-target}"
log="$target/ratios.log"
start=$SECONDS

echo "== building the benchmarks (release)" >&2
cargo bench --locked --no-run "${benches[@]/#/--bench=}"
built=$((SECONDS - start))

echo "== running them" >&2
mkdir -p "$target"
: >"$log"
for bench in "${benches[@]}"; do
  # One at a time, in this order: cargo would run them in alphabetical order.
  if ! cargo bench --locked --bench "$bench" >>"$log"; then
    cat "$log" >&2
    echo "the $bench benchmark failed; its output is above" >&2
    exit 1
  fi
done
if $verbose; then
  cat "$log"
  echo
fi

count=$(grep -c '^RATIO' "$log" || true)
if [ "$count" -ne 21 ]; then
  echo "expected 21 RATIO lines from the benches, found $count (see $log)" >&2
  exit 1
fi

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
echo "fairness $commit, $(rustc --version | cut -d' ' -f1-2), $(nproc) cores, $(date -u +%Y-%m-%d)"
awk -F'\t' '
  # A time in nanoseconds, to three figures in a fitting unit, right-aligned in 9
  # columns (µ is two bytes, and some awks count bytes).
  function t(ns) {
    if (ns >= 1e9) return sprintf("%7.3g s ", ns / 1e9)
    if (ns >= 1e6) return sprintf("%7.3g ms", ns / 1e6)
    if (ns >= 1e3) return sprintf("%7.3g ", ns / 1e3) "µs"
    return sprintf("%7d ns", ns)
  }
  BEGIN {
    format = "%-42s %s   %-36s %s  %8s  %6s\n"
    printf format, "measured", "   median", "against (baseline)", "   median", "ratio", "spread"
  }
  $1 == "RATIO" {
    spread = ($4 > $7 ? $4 : $7) * 100
    printf format, $2, t($3), $5, t($6), sprintf("%.2fx", $3 / $6), sprintf("%.0f%%", spread)
  }
' "$log"
echo "built in ${built} s, ran in $((SECONDS - start - built)) s; the benches' own tables: $log"
