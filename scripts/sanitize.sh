#!/usr/bin/env bash
# Runs the whole program corpus (tests/programs) in every mode under
# AddressSanitizer and UndefinedBehaviorSanitizer:
#   plain, --compile into a fresh store and the next default run, --pg and
#   the next default run, AOT executables with and without the profile.
# Builds a naruby whose C core is instrumented and which is linked with the
# sanitizer runtimes (NARUBY_SANITIZE, runtime/build.rs) into
# target/sanitize, so normal builds are untouched; store objects and AOT
# executables get the same instrumentation through $CFLAGS / --cflags.
# Any sanitizer report or any difference from the expected files fails.
#
#   scripts/sanitize.sh                    the whole corpus
#   scripts/sanitize.sh fn_tak,arith_pow   only these programs
#
# Environment: NARUBY_SANITIZE (default address,undefined),
# NARUBY_SANITIZE_CFLAGS (flags for store objects and executables),
# NARUBY_SANITIZE_JOBS (programs run at once, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

export NARUBY_SANITIZE="${NARUBY_SANITIZE:-address,undefined}"
export NARUBY_SANITIZE_CFLAGS="${NARUBY_SANITIZE_CFLAGS:--O1 -fsanitize=$NARUBY_SANITIZE -fno-sanitize-recover=all -fno-omit-frame-pointer}"
if [ $# -gt 0 ]; then
  export NARUBY_SANITIZE_ONLY="$1"
fi
# a missing sanitizer runtime must fail, not skip
export NARUBY_REQUIRE_SANITIZERS=1

CARGO_TARGET_DIR=target/sanitize cargo build --release --bin naruby
export NARUBY_SANITIZED_NARUBY="$PWD/target/sanitize/release/naruby"
# the test harness itself is an ordinary build; NARUBY_SANITIZE only
# matters to the naruby binary built above
env -u NARUBY_SANITIZE cargo test --release --test sanitizers \
  full_corpus_every_mode_under_a_sanitized_naruby -- --nocapture
