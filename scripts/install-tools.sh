#!/usr/bin/env bash
# Installs what the build and tests need, at pinned versions, skipping whatever is already there.
# Never downloads a browser or a prebuilt binary: Chromium comes from Debian, the rest is built
# from crates.io or taken from npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen library in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)

say() { printf '[tools] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "building trunk $TRUNK_VERSION from crates.io (takes 6 to 15 minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # Not --locked: its lock file names a crate version the registry no longer has.
    say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
fi

# playwright-core (drives the system Chromium) and binaryen (wasm-opt for Trunk), as locked.
STAMP=node_modules/.installed-from-package-lock.json
if ! cmp -s package-lock.json "$STAMP" 2>/dev/null; then
    say "installing npm packages from package-lock.json (no browser download)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    cp package-lock.json "$STAMP"
fi
say "ready: $(trunk --version), $(wasm-bindgen --version), $(chromium --version 2>/dev/null | head -1)"
