#!/usr/bin/env bash
# Load at volume on two instances: bench/load.sh's measurement (wrk per page, 15 s of warm-up then the measured run,
# bench/writer.sh writing alongside) against two instances of the published app that share one PostgreSQL database,
# behind a round-robin TCP forwarder on RM_PORT (the forward mode of bench/ReverseMentoring.Bench): each new connection
# goes to the next instance and TLS passes through it, so the 64 kept-alive connections split evenly and every sign-in
# (a GET and a POST on new connections) crosses instances. The instances share the data-protection keys through the
# database (PersistKeysToDbContext), so a cookie or anti-forgery token made by one is read by the other.
#
#   .ci/postgres start /tmp/pg-bench                 # a throwaway PostgreSQL server; prints its connection string
#   bench/generate.sh                                # once: bench/data/volume.db
#   RM_POSTGRES_SERVER='Host=127.0.0.1;Port=55432;Username=postgres' bench/load-two.sh [connections] [seconds]
#
#   RM_POSTGRES_SERVER  the server (its Database, if any, is replaced by RM_PG_DATABASE)
#   RM_PG_DATABASE      the database holding the volume (default rm_volume); when missing it is made and filled from the
#                       SQLite volume RM_DB (bench/ReverseMentoring.Bench to-postgres: the app's PostgreSQL migrations,
#                       then every table by binary COPY), then migrated and its day facts built as load.sh does
#   RM_INSTANCES        how many instances (default 2), on RM_PORT+1, RM_PORT+2 ...
# and load.sh's RM_WARMUP, RM_WRITER, RM_WRITES, RM_PAGES, RM_LEADER, RM_HR, RM_NO_PUBLISH. Logs: bench/data/app-1.log,
# app-2.log, forwarder.log (connections per instance, written when it stops), writer.log.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="${RM_POSTGRES_SERVER:?RM_POSTGRES_SERVER: the connection string of a PostgreSQL server (.ci/postgres start DIR prints one)}"
DATABASE="${RM_PG_DATABASE:-rm_volume}"
export RM_PROVIDER=PostgreSql
export RM_INSTANCES="${RM_INSTANCES:-2}"
RM_POSTGRES="$(tr ';' '\n' <<<"$SERVER" | grep -iv '^database=' | grep -v '^$' | paste -sd ';' -);Database=$DATABASE"
export RM_POSTGRES

source "$ROOT/bench/app.sh"

server_query() {
  psql "$(libpq_keywords "$SERVER") dbname=postgres" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

if [[ -z "$(server_query "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]]; then
  [[ -f "$RM_DB" ]] || { echo "No $RM_DB to copy: run bench/generate.sh first" >&2; exit 1; }
  "$ROOT/bench/writer.sh" build
  server_query "CREATE DATABASE \"$DATABASE\"" >/dev/null
  echo "Copying $RM_DB into the PostgreSQL database $DATABASE..."
  started=$SECONDS
  if ! dotnet "$BENCH_DLL" to-postgres "$RM_DB" "$RM_POSTGRES"; then
    server_query "DROP DATABASE \"$DATABASE\"" >/dev/null
    exit 1
  fi
  echo "Copied in $((SECONDS - started)) s"
fi

exec "$ROOT/bench/load.sh" "$@"
