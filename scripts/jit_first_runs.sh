#!/usr/bin/env bash
# Times `naruby --jit` first runs (empty store) of two naruby binaries,
# interleaved, so that a noisy machine slows both alike. Before every run
# the store is wiped and the L1 daemon stopped, and the compilers it left
# running are waited for. Prints each binary's times and their median.
#
#   scripts/jit_first_runs.sh OLD NEW ROUNDS WORKLOAD...
#   scripts/jit_first_runs.sh /tmp/old/naruby target/release/naruby 5 chain_add tak
#
# WORKLOAD names a benches/workloads/*.rb file. Uses a scratch directory
# under $TMPDIR; kills every `naruby jit l1` of the user when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { sed -n '2,11p' "$0"; exit 2; }
old=$(realpath "$1") new=$(realpath "$2") rounds=$3
shift 3
scratch=$(mktemp -d)
trap 'pkill -f "naruby jit l1" || true; rm -rf "$scratch"' EXIT

busy_tools() {
    local tool
    for tool in cc1 as collect2 ld; do
        pgrep -x "$tool" >/dev/null && return 0
    done
    return 1
}

# no daemon, and none of its compilers or linkers, still running
quiesce() {
    pkill -f "naruby jit l1" || true
    while pgrep -f "naruby jit l1" >/dev/null || busy_tools; do sleep 0.1; done
    sleep 0.3
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for w in "$@"; do
    prog=benches/workloads/$w.rb
    [ -f "$prog" ] || { echo "no workload $prog" >&2; exit 2; }
    : >"$scratch/old.t"; : >"$scratch/new.t"
    for _ in $(seq "$rounds"); do
        for which in old new; do
            bin=$old; [ $which = new ] && bin=$new
            quiesce
            rm -rf "$scratch/store"
            start=$(date +%s.%N)
            "$bin" --jit --code-store "$scratch/store" "$prog" >/dev/null
            end=$(date +%s.%N)
            echo "$end - $start" | bc >>"$scratch/$which.t"
        done
    done
    for which in old new; do
        printf '%-14s %-4s median %.3f s:' "$w" "$which" "$(median <"$scratch/$which.t")"
        xargs printf ' %.3f' <"$scratch/$which.t"
        echo
    done
done
