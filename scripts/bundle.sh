#!/usr/bin/env bash
# Builds the installers for this OS with the Tauri CLI (npm `@tauri-apps/cli`): .deb, .rpm and
# AppImage on Linux, .app and .dmg on macOS, .msi and .exe on Windows. Extra arguments go to
# `tauri build`, e.g. `--bundles deb`. The paths are given because the repository holds several
# package.json files (ui/, tests/) and the CLI would otherwise guess the front end's folder.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix ui --no-audit --no-fund --loglevel=error
TAURI_FRONTEND_PATH=ui TAURI_APP_PATH=src-tauri ui/node_modules/.bin/tauri build "$@"
