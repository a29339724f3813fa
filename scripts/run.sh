#!/usr/bin/env bash
# Installs what is missing and runs Galley on the default store.
# Until the desktop app lands this is galley-cli; with no arguments it lists the store's articles.
# Any arguments are passed on: scripts/run.sh search сотрудничество
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure.sh
ensure_packages "${GALLEY_APT_PACKAGES[@]}"
ensure_rust
if [ $# -eq 0 ]; then
    set -- list
fi
cargo run --quiet --release --locked -p galley-cli -- "$@"
