#!/usr/bin/env bash
# Installs everything the run and test commands need, and nothing that is already there.
# Only crates.io, npm, PyPI and Debian apt are used: no step downloads a prebuilt binary.
#   TOOLS_DIR (default /opt/bijli-tools) holds trunk, wasm-bindgen, wasm-opt (npm binaryen 132) and
#   a venv with schemathesis; its bin/ must come before /usr/bin on PATH because Debian's binaryen
#   108 builds a wasm that breaks at run time.
# Source it (". .ci/setup.sh") to get PATH set, or run it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS_DIR=${TOOLS_DIR:-/opt/bijli-tools}
mkdir -p "$TOOLS_DIR/bin"
export PATH="$TOOLS_DIR/bin:$HOME/.cargo/bin:$PATH"
# Keeps the command's exit status: a fallback written "step a || step b" must run when a fails.
step() { local s=$SECONDS rc=0; "$@" || rc=$?; echo ">> setup: $* ($((SECONDS - s)) s, exit $rc)" >&2; return "$rc"; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages: Chromium + driver for the browser tests, the Devanagari font, brotli for
#    the size report, Python venv for schemathesis, nginx (+ brotli_static) for the deployment test.
need=()
for pkg in chromium chromium-driver brotli fonts-noto-core fonts-noto-color-emoji python3-venv nginx libnginx-mod-http-brotli-static; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v node >/dev/null || need+=(nodejs npm)
if ((${#need[@]})); then
  step sudo_ apt-get update -qq
  step sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. Rust target (rust-toolchain.toml names it; older rustup does not install it by itself),
#    clippy and rustfmt for the test command's lint stage, and the standard library's source, which
#    tools/release-build.sh compiles for size.
[[ " $(rustup target list --installed | tr '\n' ' ') " == *" wasm32-unknown-unknown "* ]] || step rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^clippy' || step rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || step rustup component add rustfmt
rustup component list --installed | grep -q '^rust-src' || step rustup component add rust-src

# 3. trunk 0.22.1: declares rust-version 1.96.1 but builds and works on 1.95.
if [[ "$("$TOOLS_DIR/bin/trunk" --version 2>/dev/null)" != "trunk 0.22.1" ]]; then
  step cargo install trunk --version 0.22.1 --locked --ignore-rust-version --root "$TOOLS_DIR"
fi

# 4. wasm-bindgen-cli at exactly the version in Cargo.lock (trunk checks it). --locked can fail
#    on a pinned crate the registry lacks, so fall back to a fresh resolution.
wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$root/Cargo.lock")
if [[ "$("$TOOLS_DIR/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $wb"* ]]; then
  step cargo install wasm-bindgen-cli --version "$wb" --locked --force --root "$TOOLS_DIR" \
    || step cargo install wasm-bindgen-cli --version "$wb" --force --root "$TOOLS_DIR"
fi

# 5. wasm-opt from npm binaryen 132 (seconds), never Debian's 108.
if [[ "$("$TOOLS_DIR/bin/wasm-opt" --version 2>/dev/null)" != *"version 132"* ]]; then
  mkdir -p "$TOOLS_DIR/npm"
  [ -f "$TOOLS_DIR/npm/package.json" ] || echo '{"name":"bijli-tools","private":true}' > "$TOOLS_DIR/npm/package.json"
  step npm install --prefix "$TOOLS_DIR/npm" --no-audit --no-fund --silent binaryen@132.0.0
  ln -sf "$TOOLS_DIR/npm/node_modules/binaryen/bin/wasm-opt" "$TOOLS_DIR/bin/wasm-opt"
fi

# 5b. wasm-split-cli (crates.io, ~2 min): cuts the release wasm into parts (tools/bin/wasm-bindgen).
if ! cargo install --list --root "$TOOLS_DIR" | grep -q '^wasm_split_cli_support v0.2.4:' || [ ! -x "$TOOLS_DIR/bin/wasm-split-cli" ]; then
  step cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked --force --root "$TOOLS_DIR"
fi

# 6. schemathesis (PyPI) for the contract conformance test, in its own venv.
if ! "$TOOLS_DIR/venv/bin/schemathesis" --version >/dev/null 2>&1; then
  step python3 -m venv "$TOOLS_DIR/venv"
  step "$TOOLS_DIR/venv/bin/pip" install -q schemathesis==4.32.5
fi

# 7. npm packages of the end-to-end tests, from the committed lockfile.
if [ ! -d "$root/tests/e2e/node_modules/playwright-core" ] || [ "$root/tests/e2e/package-lock.json" -nt "$root/tests/e2e/node_modules/.package-lock.json" ]; then
  step npm ci --prefix "$root/tests/e2e" --no-audit --no-fund --silent
fi

# The wasm must not depend on where the repository was cloned (panic locations carry source
# paths, ours and the crates'), so the size budget means the same on every machine. The environment variable replaces
# .cargo/config.toml's rustflags for the wasm target, so it repeats them.
# --emit-relocs keeps the linker's relocations, which wasm-split needs to cut the wasm into parts.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components --remap-path-prefix=$root=/bijli --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=/crates -Clink-args=--emit-relocs"
# tools/bin/wasm-bindgen (the splitting step in front of the real one) must be found first.
export PATH="$root/tools/bin:$PATH"
