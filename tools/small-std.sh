# Sourced by tools/release-build.sh and bench/floor.sh: the environment in which cargo builds the
# standard library with the wasm, for size, with panics as a bare trap and no Debug formatting
# (why: release-build.sh).
# Appends to the wasm target's rustflags, so source it after .ci/setup.sh, from the workspace to
# build: it also fetches the standard library's own dependencies (its Cargo.lock, in rustup's
# rust-src component) for that workspace, since Trunk runs cargo offline.
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
cargo fetch --quiet --target wasm32-unknown-unknown
