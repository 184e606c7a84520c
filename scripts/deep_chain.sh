#!/usr/bin/env bash
# Writes a naruby program to stdout: a call chain f1 -> f2 -> ... -> fDEPTH
# (the last returns its argument), called ITERATIONS times in a loop, the
# results summed and printed. benches/NOTES.md, "Deep call chains".
#
#   scripts/deep_chain.sh DEPTH ITERATIONS > chain.rb
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,7p' "$0"; exit 2; }
depth=$1 iterations=$2
for ((k = 1; k < depth; k++)); do
    printf 'def f%d(x)\n  f%d(x)\nend\n\n' "$k" $((k + 1))
done
printf 'def f%d(x)\n  x\nend\n\n' "$depth"
printf 's = 0\ni = 0\nwhile i < %d\n  s += f1(i)\n  i += 1\nend\np s\n' "$iterations"
