#!/usr/bin/env bash
# Installs what is missing and runs the Galley desktop app on the default store (seeded with a
# sample article on first run). GALLEY_STORE=/path/to/store.sqlite3 picks another store.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure.sh
ensure_packages "${GALLEY_APT_PACKAGES[@]}"
ensure_rust
ensure_node
build_ui
cargo run --quiet --locked -p galley-desktop
