#!/usr/bin/env bash
# THE run command: installs what is missing, builds the portal (release) and the reference
# backend, and serves both from one process on http://127.0.0.1:8080 (SQLite in ./portal.db).
# Dev helpers are on so you can demo without an SMS gateway: SMSes (OTPs, and the number and
# status link sent on filing and on each step) are printed on this console (and at
# /api/v1/dev/sms?mobile=...), and --demo-clock moves open complaints along.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=../.ci/setup.sh
. .ci/setup.sh
tools/release-build.sh
cargo build -p portal-api --quiet
addr=${ADDR:-127.0.0.1:8080}
echo
echo "Bijli Seva is running: open http://$addr/   (Ctrl+C to stop)"
echo "SMSes (OTPs and status updates) appear below as {\"event\":\"sms\",...} lines."
exec target/debug/portal-api --addr "$addr" --db "${DB:-portal.db}" --dev --demo-clock "${DEMO_CLOCK:-120}" --static-dir dist --public-url "http://$addr"
