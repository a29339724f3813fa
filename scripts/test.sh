#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, clippy, the whole workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure.sh
ensure_packages "${GALLEY_APT_PACKAGES[@]}" "${GALLEY_TEST_APT_PACKAGES[@]}"
ensure_rust
ensure_rust_components
ensure_node
ensure_tauri_driver

echo "== the UI: type check, build, unit tests" >&2
build_ui
npm --prefix ui test --silent

echo "== formatting" >&2
cargo fmt --all --check
echo "== clippy" >&2
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests" >&2
cargo test --workspace --locked

echo "== fuzzing: each target briefly" >&2
# About 12 s per target from the committed corpus; the build goes beside the main one.
bash scripts/fuzz.sh --short

echo "== exported HTML in the W3C validator and Chromium (axe-core)" >&2
cargo build --locked -p galley-cli
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -E 's/.*"target_directory":"([^"]*)".*/\1/')
npm ci --prefix tests/export --ignore-scripts --no-audit --no-fund --loglevel=error
(cd tests/export && GALLEY_CLI="$target_dir/debug/galley-cli" node --test)

echo "== the desktop app in a real window (Xvfb, tauri-driver, WebKitWebDriver)" >&2
# `cargo test` built the app (its integration tests need it); this drives that binary.
npm ci --prefix tests/desktop --no-audit --no-fund --loglevel=error
# xdotool types into the native save dialog, as a person would; xclip reads the clipboard.
(cd tests/desktop && GALLEY_DESKTOP="$target_dir/debug/galley-desktop" GALLEY_CLI="$target_dir/debug/galley-cli" \
    xvfb-run -a -s "-screen 0 1440x900x24" node --test)
