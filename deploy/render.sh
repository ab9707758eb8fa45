#!/bin/sh
# Render a complete nginx configuration for the portal:
#   deploy/render.sh LISTEN ROOT API_UPSTREAM [PREFIX] [API_ORIGIN] > nginx.conf
# LISTEN: e.g. 443 ssl / 127.0.0.1:8081; ROOT: the built dist/ (with csp.txt from the build);
# API_UPSTREAM: the discom backend, e.g. http://10.0.0.5:8080 (its /api/ is proxied);
# PREFIX: where nginx keeps its pid and temp files; API_ORIGIN: only if the portal calls the
# API on another origin (bijli-api-base), it is added to the CSP's connect-src.
# The security headers are the ones portal-api sends; the CSP is the build's own csp.txt.
set -eu
LISTEN="$1"; ROOT="$(cd "$2" && pwd)"; API="$3"; PREFIX="${4:-/var/lib/bijli-nginx}"; ORIGIN="${5:-}"
CSP=$(cat "$ROOT/csp.txt")
[ -n "$ORIGIN" ] && CSP=$(printf '%s' "$CSP" | sed "s|connect-src 'self'|connect-src 'self' $ORIGIN|")
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
headers() {
  cat <<H
      add_header Content-Security-Policy "$CSP" always;
      add_header X-Content-Type-Options "nosniff" always;
      add_header Referrer-Policy "no-referrer" always;
      add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
      add_header Permissions-Policy "geolocation=(self), camera=(self), microphone=(), payment=()" always;
      add_header Cross-Origin-Opener-Policy "same-origin" always;
H
}
proxy() {
  cat <<P
      proxy_pass $API;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream off;
      proxy_read_timeout 30s;
      # JSON answers (the catalogue above all) compress ~8×, if the backend did not already.
      gzip on;
      gzip_proxied any;
      gzip_types application/json;
P
}
[ -f "$BROTLI_MODULE" ] && echo "load_module $BROTLI_MODULE;"
cat <<CONF
worker_processes auto;
pid $PREFIX/nginx.pid;
error_log $PREFIX/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  server_tokens off;
  sendfile on;
  # Requests carry ticket numbers at most; never log query strings or bodies.
  log_format portal '\$remote_addr [\$time_local] "\$request_method \$uri" \$status \$body_bytes_sent \$request_time';
  access_log $PREFIX/access.log portal;
  client_body_temp_path $PREFIX/body;
  proxy_temp_path $PREFIX/proxy;
  fastcgi_temp_path $PREFIX/fastcgi;
  uwsgi_temp_path $PREFIX/uwsgi;
  scgi_temp_path $PREFIX/scgi;
  # Documents are at most 2 MB (plus multipart overhead).
  client_max_body_size 3m;
  gzip_static on;
  # The two requests anyone may send without a token, limited per address at the edge too (the
  # backend counts per hour: api/server/src/limits.rs): an OTP is an SMS the discom pays for,
  # a document is kept for 31 days. Bursts are generous: many phones share one mobile-network
  # address, and a café files for several people.
  limit_req_zone \$binary_remote_addr zone=bijli_otp:10m rate=6r/m;
  limit_req_zone \$binary_remote_addr zone=bijli_uploads:10m rate=30r/m;
  limit_req_status 429;
$( [ -f "$BROTLI_MODULE" ] && echo "  brotli_static on;" )
  server {
    listen $LISTEN;
    root $ROOT;

    # The discom backend. Retries are the portal's job (with Idempotency-Key), never nginx's.
    location /api/ {
$(proxy)
    }
    location = /api/v1/otp {
      limit_req zone=bijli_otp burst=20 nodelay;
      error_page 429 = @limited;
$(proxy)
    }
    location = /api/v1/uploads {
      limit_req zone=bijli_uploads burst=60 nodelay;
      error_page 429 = @limited;
$(proxy)
    }
    # The edge's refusal in the contract's shape (problem+json, Retry-After), as the backend's own.
    location @limited {
      default_type application/problem+json;
      add_header Retry-After 60 always;
      return 429 '{"type":"https://bijliseva.example/problems/too_many_from_client","title":"too many from client","status":429,"errors":[]}';
    }

    # Hashed build outputs never change. (Trunk writes the hash without leading zeros: 8–16 digits.)
    location ~* "-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)\$" {
      add_header Cache-Control "public, max-age=31536000, immutable" always;
$(headers)
    }

    # Everything else revalidates (index.html, sw.js, the manifest); unknown paths are routes
    # of the app (deep links such as /track/123456789012).
    location / {
      try_files \$uri /index.html;
      add_header Cache-Control "no-cache" always;
$(headers)
    }
  }
}
CONF
