#!/usr/bin/env bash
# Compares the page load of two revisions with Lighthouse, in pairs of alternating order
# (bench/ab.mjs says why). Each revision is built in a git worktree (release, as CI builds it) and
# served like production by its own reference server; "." is the working tree as it is.
#   bench/ab.sh REV_A [REV_B]         REV_B defaults to "."; REV_A = REV_B is the control run
#   PAGE=/complaint/new PAIRS=8 METHOD=simulate|devtools VISIT=first|repeat bench/ab.sh HEAD~1
# ~5 min per build that is not cached, then ~1 min per pair (more for VISIT=repeat). Keep the
# machine otherwise idle: blocking time is CPU time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -ge 1 ] || { sed -n 2,8p "$0"; exit 2; }
rev_a=$1
rev_b=${2:-.}
# shellcheck source=../.ci/setup.sh
. .ci/setup.sh
work=$(mktemp -d /tmp/bijli-ab.XXXXXX)
servers=()
cleanup() {
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done
  git -C "$root" worktree remove --force "$root/target/ab/src" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

# Both revisions are built one after the other in one worktree at one path: the build's flags name
# the source path (.ci/setup.sh remaps it), so a second path would compile every crate again.
tree=$root/target/ab/src
git worktree remove --force "$tree" 2>/dev/null || true
git worktree add --quiet --detach "$tree" HEAD
# build REV NAME: a release build of REV in $work/NAME (precompressed like production).
build() {
  local rev=$1 name=$2
  # "." is the working tree with its uncommitted changes (git stash create makes them a commit).
  # Revisions are resolved here, in the repository: in the worktree, HEAD is whatever it built last.
  [ "$rev" = . ] && rev=$(git stash create)
  rev=$(git rev-parse --verify "${rev:-HEAD}^{commit}")
  git -C "$tree" checkout --quiet --detach "$rev"
  # Revisions from before tools/release-build.sh were built with plain trunk.
  (cd "$tree" && . .ci/setup.sh && export CARGO_TARGET_DIR="$root/target/ab" \
    && if [ -x tools/release-build.sh ]; then tools/release-build.sh --dist "$work/$name"; else trunk build --release --dist "$work/$name"; fi) >"$work/$name.log" 2>&1 \
    || { tail -30 "$work/$name.log"; exit 1; }
  deploy/precompress.sh "$work/$name"
  echo "built $1 → $(basename "$(ls "$work/$name"/*_bg.wasm)")"
}
build "$rev_a" a
build "$rev_b" b

# The server is today's: the two builds differ in the portal, not in the backend they call.
cargo build --release -p portal-api --quiet
# shellcheck source=serve.sh
. bench/serve.sh
serve "$work/a" a
base_a=$url
serve "$work/b" b
base_b=$url
(cd bench && npm ci --no-audit --no-fund --silent)
echo "A = $rev_a, B = $rev_b (\".\" is the working tree)"
node bench/ab.mjs "$base_a" "$base_b" "${PAIRS:-8}"
