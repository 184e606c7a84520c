#!/usr/bin/env bash
# What one `naruby --jit` run leaves an L1 daemon to do: on a fresh store,
# starts an L1 (`--idle-exit 3`) under /usr/bin/time, runs PROGRAM once
# with --jit, and waits until the daemon has done everything and exited.
# Prints the run's time, the daemon's wall and CPU time (the compilers it
# ran included), and the store's size and number of C sources.
#
#   scripts/jit_l1_work.sh NARUBY PROGRAM
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,8p' "$0"; exit 2; }
naruby=$(realpath "$1") prog=$(realpath "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
store=$scratch/store
/usr/bin/time -f "%e s wall, %U s user, %S s sys" -o "$scratch/l1" \
    "$naruby" jit l1 --idle-exit 3 --code-store "$store" >/dev/null 2>&1 &
daemon=$!
sleep 0.5
/usr/bin/time -f "%e s" -o "$scratch/run" \
    "$naruby" --jit --code-store "$store" "$prog" >/dev/null
wait "$daemon"
echo "run: $(cat "$scratch/run") | L1: $(cat "$scratch/l1") | store: $(du -sh "$store" | cut -f1), $(find "$store" -name '*.c' | wc -l) sources"
