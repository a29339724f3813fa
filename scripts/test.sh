#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, clippy, the whole workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure.sh
ensure_packages "${GALLEY_APT_PACKAGES[@]}"
ensure_rust
ensure_rust_components

echo "== formatting" >&2
cargo fmt --all --check
echo "== clippy" >&2
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests" >&2
cargo test --workspace --locked
