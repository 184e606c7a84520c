#!/usr/bin/env bash
# Instruction counts (callgrind) of one naruby binary's code at the suite's
# quick sizes: for each workload, the AOT executable and a default run
# binding a store primed with `--compile` (whose count includes naruby's
# start-up), with the AOT build's and the `--compile` run's wall time.
# Deterministic where timings are not, so two binaries' lines can be
# compared workload by workload (benches/NOTES.md, session 24).
#
#   scripts/quick_icounts.sh NARUBY [WORKLOAD...]   (default: every workload)
#
# EXTRA_CFLAGS, if set, is added to naruby's default C flags. Works in a
# scratch directory under $TMPDIR; needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,11p' "$0"; exit 2; }
naruby=$(realpath "$1")
shift
suite=$PWD/benches/suite.txt
workloads=("$@")
if [ ${#workloads[@]} -eq 0 ]; then
    mapfile -t workloads < <(grep -v '^#' "$suite" | awk 'NF {print $1}')
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export CFLAGS="-O3 -falign-loops=64 -falign-jumps=64 ${EXTRA_CFLAGS:-}"

seconds() { # runs "$@", prints its wall time in seconds
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

instructions() { # "$@" under callgrind: the instructions it ran
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
        awk '/refs:/ {print $4}'
}

for w in "${workloads[@]}"; do
    read -r size quick < <(awk -v w="$w" '$1 == w {print $3, $4}' "$suite")
    prog=$scratch/$w.rb
    sed -E "s/\b$size\b/$quick/" "benches/workloads/$w.rb" >"$prog"
    build=$(seconds "$naruby" --aot "$prog" -o "$scratch/$w")
    aot=$(instructions "$scratch/$w")
    compile=$(seconds "$naruby" --compile --code-store "$scratch/store-$w" "$prog")
    store=$(instructions "$naruby" --code-store "$scratch/store-$w" "$prog")
    printf '%-12s aot %13s (build %5.2f s)  store %13s (--compile %5.2f s)\n' \
        "$w" "$aot" "$build" "$store" "$compile"
done
