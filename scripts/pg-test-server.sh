#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests on 127.0.0.1 (trust auth, database inferscale_test) and prints its
# connection string. Idempotent: if one is already running on the port, it only prints the string.
#   PORT (default 54329), PGDATA_DIR (default /tmp/inferscale-pg-$PORT)
set -euo pipefail
port=${PORT:-54329}
data=${PGDATA_DIR:-/tmp/inferscale-pg-$port}
conn="Host=127.0.0.1;Port=$port;Username=postgres;Database=inferscale_test;Pooling=true;Timeout=10"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg-test-server.sh: PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if as_pg "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then
  echo "$conn"
  exit 0
fi
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
fi
as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -o "-h 127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=200" start >/dev/null
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='inferscale_test'" | grep -q 1 \
  || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres inferscale_test
echo "$conn"
