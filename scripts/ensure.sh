# Installs what building Galley needs on Debian or Ubuntu, only where it is missing.
# Sourced by scripts/run.sh and scripts/test.sh.

# Debian packages the build needs: a C compiler for the bundled SQLite, WebKitGTK for the desktop
# shell (Tauri 2), Node.js and npm for the UI; and the Russian and English dictionaries the
# editor's spellchecker reads (WebKitGTK through enchant and hunspell).
GALLEY_APT_PACKAGES=(build-essential pkg-config curl ca-certificates libwebkit2gtk-4.1-dev hunspell-ru hunspell-en-us)

# Debian packages the tests need besides: Java for the W3C Nu validator, Chromium for axe-core,
# Xvfb and WebKitWebDriver for driving the desktop app; xdotool, xclip, python3 (its X11 close
# request) and procps (pgrep, pkill) for the end-to-end steps a person would take; strace injects
# I/O errors into the CLI for the fault tests (mount, from util-linux, makes their small disks);
# ImageMagick's import takes a picture of the screen when a desktop step fails.
GALLEY_TEST_APT_PACKAGES=(default-jre-headless chromium xvfb xauth webkit2gtk-driver xdotool xclip python3 procps strace imagemagick)

ensure_packages() {
    local missing=()
    for package in "$@"; do
        # A package whose command is already here (a JDK from elsewhere, say) is not needed twice.
        case "$package" in
            default-jre-headless) command -v java >/dev/null 2>&1 && continue ;;
        esac
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# Rust 1.89 or newer, with rustfmt and clippy; rustup installs it where it is missing.
ensure_rust() {
    if [ -f "$HOME/.cargo/env" ]; then
        # shellcheck disable=SC1091
        . "$HOME/.cargo/env"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "installing Rust with rustup" >&2
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt -c clippy
        # shellcheck disable=SC1091
        . "$HOME/.cargo/env"
    fi
    local minor
    minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
    if [ "$minor" -lt 89 ]; then
        if command -v rustup >/dev/null 2>&1; then
            rustup update stable
        else
            echo "Galley needs Rust 1.89 or newer (found $(rustc --version)); install it with rustup" >&2
            exit 1
        fi
    fi
}

ensure_rust_components() {
    if command -v rustup >/dev/null 2>&1; then
        rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
        rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    fi
}

# Node.js 18 or newer with npm, for the end-to-end tests of exported pages.
ensure_node() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        ensure_packages nodejs npm
    fi
}

# Builds the UI into ui/dist, which the desktop shell embeds at compile time.
build_ui() {
    npm ci --prefix ui --no-audit --no-fund --loglevel=error
    npm --prefix ui run build --silent
}

# tauri-driver, the WebDriver server for Tauri apps (2.1.0: newer ones are Tauri 3 alphas).
ensure_tauri_driver() {
    if ! tauri-driver --help >/dev/null 2>&1; then
        cargo install tauri-driver --locked --version 2.1.0
    fi
}

# cargo-fuzz, which builds and runs the libFuzzer targets in fuzz/ (scripts/fuzz.sh).
ensure_cargo_fuzz() {
    if ! cargo fuzz --version >/dev/null 2>&1; then
        cargo install cargo-fuzz --locked --version 0.13.2
    fi
}
