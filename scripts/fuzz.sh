#!/usr/bin/env bash
# Builds the fuzz targets in fuzz/ (cargo fuzz, libFuzzer) and runs each in turn.
#
#   scripts/fuzz.sh                 every target for FUZZ_SECONDS (600) each: the full run
#   scripts/fuzz.sh --short         every target for about 12 s (FUZZ_SECONDS to change it): CI
#   scripts/fuzz.sh render query    only these targets (with or without --short)
#   scripts/fuzz.sh --merge [...]   a full run, then the inputs that reached new code are added
#                                   to the committed corpus (fuzz/corpus/<target>), minimized
#
# Each run starts from the committed corpus and writes what it finds to a scratch corpus outside
# the clone (beside the build), so fuzz/corpus changes only with --merge. A crash, a panic, a
# timeout (-timeout=10 s per input) or a memory blow-up (2 GB) fails the script; the input is left
# in fuzz/artifacts/<target>/ (ignored by git): reproduce it with
# `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>`, then keep it as a regression
# test in the crate it found a bug in. The number of inputs each target ran is printed at the end.
#
# The builds go to "$CARGO_TARGET_DIR-fuzz" (else fuzz/target): their instrumented flags would
# invalidate the main build's cache. Nightly Rust is used when rustup has it, else stable with
# RUSTC_BOOTSTRAP=1 (cargo fuzz needs nightly's -Z flags).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure.sh

short=false
merge=false
targets=()
for arg in "$@"; do
    case "$arg" in
        --short) short=true ;;
        --merge) merge=true ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "fuzz.sh: unknown option $arg" >&2
            exit 2
            ;;
        *) targets+=("$arg") ;;
    esac
done
if $short && $merge; then
    echo "fuzz.sh: --merge needs a full run, not --short" >&2
    exit 2
fi

ensure_rust
ensure_cargo_fuzz

toolchain=()
if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    echo "fuzz.sh: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
fi

if [ -n "${CARGO_TARGET_DIR:-}" ]; then
    target_dir="${CARGO_TARGET_DIR%/}-fuzz"
else
    target_dir="$PWD/fuzz/target"
fi
host=$(rustc "${toolchain[@]}" -vV | sed -n 's/^host: //p')

if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo "${toolchain[@]}" fuzz list --fuzz-dir fuzz)
fi
if $short; then
    seconds="${FUZZ_SECONDS:-12}"
else
    seconds="${FUZZ_SECONDS:-600}"
fi

echo "fuzz.sh: building ${targets[*]} into $target_dir" >&2
build_started=$(date +%s)
# Release with debug assertions and overflow checks, AddressSanitizer on (cargo fuzz's defaults).
build=(cargo "${toolchain[@]}" fuzz build --fuzz-dir fuzz --target-dir "$target_dir" --release --debug-assertions)
if [ $# -eq 0 ] || [ ${#targets[@]} -eq "$(cargo "${toolchain[@]}" fuzz list --fuzz-dir fuzz | wc -l)" ]; then
    "${build[@]}"
else
    # cargo fuzz builds one target or all of them.
    for target in "${targets[@]}"; do "${build[@]}" "$target"; done
fi
echo "fuzz.sh: built in $(($(date +%s) - build_started)) s" >&2

scratch_root="$target_dir/corpus"
if $short; then
    # A fresh scratch corpus each time: a short run must not depend on what earlier runs found.
    scratch_root=$(mktemp -d)
    trap 'rm -rf "$scratch_root"' EXIT
fi

failed=()
summary=()
for target in "${targets[@]}"; do
    binary="$target_dir/$host/release/$target"
    corpus="fuzz/corpus/$target"
    scratch="$scratch_root/$target"
    artifacts="fuzz/artifacts/$target"
    mkdir -p "$corpus" "$scratch" "$artifacts"
    log="$scratch_root/$target.log"
    echo "== fuzz $target for $seconds s" >&2
    status=0
    # The scratch corpus comes first: libFuzzer writes new inputs to the first folder only.
    "$binary" "$scratch" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$status" -ne 0 ]; then
        # The panic message and libFuzzer's report, without the sanitizer's stack dump.
        grep -v '^ *#[0-9]' "$log" | tail -40 >&2
        echo "fuzz.sh: $target FAILED (exit $status); the input is in $artifacts/" >&2
        failed+=("$target")
        summary+=("$target: FAILED after ${runs:-?} inputs")
        continue
    fi
    summary+=("$target: ${runs:-?} inputs in $seconds s")
    if $merge; then
        "$binary" -merge=1 "$corpus" "$scratch" >"$log.merge" 2>&1
        echo "fuzz.sh: merged into $corpus: $(grep -o 'MERGE-OUTER: [0-9]* new files' "$log.merge" | tail -1 || true)" >&2
    fi
done

echo "== fuzzing summary" >&2
printf '%s\n' "${summary[@]}" >&2
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: failed: ${failed[*]}" >&2
    exit 1
fi
