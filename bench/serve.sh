# shellcheck shell=bash
# Sourced by bench/run.sh and bench/ab.sh. serve DIST NAME: the reference server (release build)
# in front of DIST on a free loopback port, with its database and log in $work/NAME.*; its address
# is left in $url and its pid added to $servers (the caller's EXIT trap kills them).
serve() {
  local dist=$1 name=$2 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  target/release/portal-api --addr "127.0.0.1:$port" --db "$work/$name.db" --static-dir "$dist" >"$work/$name-server.log" 2>&1 &
  servers+=($!)
  url=http://127.0.0.1:$port
  for _ in $(seq 50); do curl -sf "$url/api/v1/health" >/dev/null && return; sleep 0.1; done
  echo "the server of $name did not start (log: $work/$name-server.log)" >&2
  exit 1
}
