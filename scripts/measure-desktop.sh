#!/usr/bin/env bash
# Measures the desktop app in a real window under Xvfb: launch to the list shown, keystroke to
# preview in a 5,000-word article, switching articles, and memory (RSS of the app and its WebKit
# processes). The app reports its own timing marks with GALLEY_TRACE (see ui/src/bench.ts).
#
#   scripts/measure-desktop.sh [debug|release]      (default: debug)
#
# Needs what scripts/test.sh installs (WebKitGTK, Xvfb). Prints a Markdown table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure.sh
profile=${1:-debug}
flag=()
[ "$profile" = release ] && flag=(--release)

build_ui
cargo build --locked "${flag[@]}" -p galley-desktop -p galley-cli -p galley-bench >&2
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -E 's/.*"target_directory":"([^"]*)".*/\1/')
bin="$target_dir/$profile"
work=$(mktemp -d)
trap 'kill "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

display=:97
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1

# Sum of the resident memory of a process and its children, in MB.
rss_mb() {
    local pids
    pids=$(printf '%s\n' "$1" $(pgrep -P "$1" || true) | paste -sd,)
    ps -o rss= -p "$pids" | awk '{ kb += $1 } END { printf "%.0f", kb / 1024 }'
}

# Waits until the app prints a mark (or 180 s pass).
wait_mark() {
    for _ in $(seq 1 1800); do
        grep -q "galley-trace $1" "$work/trace" && return
        sleep 0.1
    done
}

# Runs the app on a store until a mark appears; leaves its marks in $work/trace.
run_app() {
    local store=$1 mode=$2 until_mark=$3
    : >"$work/trace"
    GALLEY_TRACE=$mode GALLEY_STORE=$store DISPLAY=$display "$bin/galley-desktop" 2>"$work/trace" &
    app=$!
    wait_mark "$until_mark"
}

stop_app() {
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
}

# 1. Memory with the default store's sample open.
run_app "$work/sample.sqlite3" 1 first-article-shown
sleep 3
sample_rss=$(rss_mb "$app")
sample_app_rss=$(ps -o rss= -p "$app" | awk '{ printf "%.0f", $1 / 1024 }')
stop_app

# 2. A store of 10,000 articles, the newest a 5,000-word piece (it opens first).
echo "generating 10,000 articles…" >&2
"$bin/galley-bench" --store "$work/desk.sqlite3" --articles 10000 --queries 10 >/dev/null
python3 - "$work/long.md" <<'EOF'
import sys
words = ("Стороны обсудили «энергомост» и сотрудничество в регионах Дальнего Востока, "
         "инвестиции японских компаний и новые проекты.").split()
paragraphs = []
while sum(len(p) for p in paragraphs) < 5000:
    paragraphs.append(words[:])
text = "\n\n".join(" ".join(p) for p in paragraphs)
count = len(text.split())
open(sys.argv[1], "w").write(text + "\n")
print(f"long article: {count} words", file=sys.stderr)
EOF
"$bin/galley-cli" --store "$work/desk.sqlite3" new --headline "Пять тысяч слов" --body-file "$work/long.md" >/dev/null
run_app "$work/desk.sqlite3" bench first-article-shown
sleep 0.3 # the bench starts typing 500 ms after the article opens
desk_open_rss=$(rss_mb "$app")
wait_mark bench-done
desk_rss=$(rss_mb "$app")
echo "memory after the run, MB:" >&2
ps -o rss=,comm= -p "$app,$(pgrep -P "$app" | paste -sd,)" | awk '{ printf "  %s %.0f\n", $2, $1 / 1024 }' >&2
stop_app
grep galley-trace "$work/trace" >&2

awk -v desk_open_rss="$desk_open_rss" -v sample_rss="$sample_rss" -v sample_app_rss="$sample_app_rss" -v desk_rss="$desk_rss" -v profile="$profile" '
    $2 == "list-shown" { list = $3 }
    $2 == "first-article-shown" { first = $3 }
    $2 == "keystroke-to-preview" { keys[++k] = $4 }
    $2 == "switch" { switches[++s] = $4 }
    $2 == "switch-editor" { editors[++e] = $4 }
    function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
    function pct(a, n, p) { return a[int((n - 1) * p) + 1] }
    END {
        sort(keys, k); sort(switches, s); sort(editors, e)
        printf "| measure (%s build, Xvfb) | measured | target |\n|---|---|---|\n", profile
        printf "| launch to the list shown, 10,000 articles | %.0f ms | ≤ 1,000 ms |\n", list
        printf "| launch to the newest article (5,000 words) open with its preview | %.0f ms | |\n", first
        printf "| keystroke to preview, 5,000 words (%d keystrokes) | median %.1f ms, p95 %.1f ms, max %.1f ms | ≤ 50 ms |\n", k, pct(keys, k, 0.5), pct(keys, k, 0.95), keys[k]
        printf "| switching articles: editor filled and painted (%d switches) | median %.1f ms, p95 %.1f ms, max %.1f ms | ≤ 100 ms |\n", e, pct(editors, e, 0.5), pct(editors, e, 0.95), editors[e]
        printf "| switching articles: preview shown too | median %.1f ms, p95 %.1f ms, max %.1f ms | ≤ 100 ms |\n", pct(switches, s, 0.5), pct(switches, s, 0.95), switches[s]
        printf "| memory, sample open (app + WebKit processes) | %d MB (app process %d MB) | ≤ 523 MB |\n", sample_rss, sample_app_rss
        printf "| memory, 10,000 articles, newest (5,000 words) open | %d MB | ≤ 523 MB |\n", desk_open_rss
        printf "| memory, 10,000 articles, after the typing and 20 switches | %d MB | ≤ 523 MB |\n", desk_rss
    }' "$work/trace"
