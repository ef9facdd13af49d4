# Shared by dashboard.sh, load.sh and load-two.sh (source it): publish the web app in Release, run it in Production over
# https on loopback (a self-signed certificate made here: outside Development the cookies are Secure and anti-forgery
# refuses plain http) against a generated SQLite file or a PostgreSQL database, and sign people in with curl.
#
#   RM_DB     the SQLite file (default bench/data/volume.db, made by bench/generate.sh)
#   RM_PORT   the port on 127.0.0.1 (default 5090)
#   RM_NO_PUBLISH=1 reuses the last published app in bench/data/app
#   RM_PROVIDER   Sqlite (default) or PostgreSql; with PostgreSql, RM_POSTGRES is the database's connection string
#   RM_INSTANCES  how many instances start_app starts (default 1); with more, each listens on RM_PORT+1, RM_PORT+2 ...
#                 and a round-robin TCP forwarder (bench/ReverseMentoring.Bench forward) takes RM_PORT in front of them

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RM_DB="$(realpath -m "${RM_DB:-$ROOT/bench/data/volume.db}")"
RM_PORT="${RM_PORT:-5090}"
RM_URL="https://127.0.0.1:$RM_PORT"
RM_APP="$ROOT/bench/data/app"
RM_LOG="$ROOT/bench/data/app.log"
RM_PASSWORD="Mentoring-Demo-2026"
RM_PROVIDER="${RM_PROVIDER:-Sqlite}"
RM_INSTANCES="${RM_INSTANCES:-1}"
BENCH_DLL="$ROOT/bench/ReverseMentoring.Bench/bin/Release/net10.0/ReverseMentoring.Bench.dll"
APP_PID=""
APP_PIDS=()
FORWARDER_PID=""

# Production settings, plus the demo accounts (leader@demo.local, hr@demo.local, mentor01@demo.local ...) so the
# benchmark can sign in with known passwords.
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$RM_URL"
export Kestrel__Certificates__Default__Path="$ROOT/bench/data/localhost.crt"
export Kestrel__Certificates__Default__KeyPath="$ROOT/bench/data/localhost.key"
export Database__Provider="$RM_PROVIDER"
if [[ "$RM_PROVIDER" == "PostgreSql" ]]; then
  export Database__ConnectionString="${RM_POSTGRES:?RM_POSTGRES: the connection string of the PostgreSQL database}"
else
  export Database__ConnectionString="Data Source=$RM_DB"
fi
export Database__MigrateOnStartup=false
export DemoData__Enabled=true
export DemoData__Password="$RM_PASSWORD"
export Mail__PickupFolder="$ROOT/bench/data/mail"
export App__PublicBaseUrl="$RM_URL"
# The collector is the one the app ships with (Server GC, from its runtimeconfig); DOTNET_gcServer=0 in the environment
# measures workstation GC instead.

make_certificate() {
  if [[ ! -f "$ROOT/bench/data/localhost.crt" ]]; then
    mkdir -p "$ROOT/bench/data"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$ROOT/bench/data/localhost.key" -out "$ROOT/bench/data/localhost.crt" 2>/dev/null
  fi
}

publish_app() {
  make_certificate
  if [[ "${RM_NO_PUBLISH:-}" != "1" || ! -f "$RM_APP/ReverseMentoring.Web.dll" ]]; then
    # Compiled ahead of time (ReadyToRun) as the container image is: a fresh start does not spend its first requests
    # compiling the framework's and the app's code.
    dotnet publish "$ROOT/src/ReverseMentoring.Web" -c Release -o "$RM_APP" --nologo -v quiet \
      --use-current-runtime --self-contained false -p:PublishReadyToRun=true
  fi
}

# The Npgsql connection string (Host=...;Port=...;Username=...;Database=...) as psql's keywords.
libpq_keywords() {
  tr ';' '\n' <<<"$1" | awk -F= 'tolower($1) == "host" { printf "host=%s ", $2 } tolower($1) == "port" { printf "port=%s ", $2 }
    tolower($1) ~ /^(username|user id|user)$/ { printf "user=%s ", $2 } tolower($1) == "password" { printf "password=%s ", $2 }
    tolower($1) == "database" { printf "dbname=%s ", $2 }'
}

# Runs one query against the benchmark's database and prints its rows, columns separated by a space. Quote names
# ("Pairs"."Status"): PostgreSQL keeps the model's mixed case only in quotes, SQLite accepts them too.
db_query() {
  if [[ "$RM_PROVIDER" == "PostgreSql" ]]; then
    psql "$(libpq_keywords "$RM_POSTGRES")" -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 -c "$1"
  else
    sqlite3 -separator ' ' "$RM_DB" "$1"
  fi
}

# Applies pending migrations (e.g. new indexes) and creates the demo accounts, as an operator would before starting.
migrate_db() {
  (cd "$RM_APP" && dotnet ReverseMentoring.Web.dll migrate >"$ROOT/bench/data/migrate.log" 2>&1)
  # A generated volume has sessions and ratings but no day facts yet: build them once, as an upgrade would (ADR 0023).
  local rebuilt
  rebuilt="$(db_query 'SELECT COUNT(*) FROM "DashboardFactsState" WHERE "RebuiltAtUtc" IS NOT NULL')"
  if [[ "$rebuilt" == "0" ]]; then
    echo "Building the dashboard's day facts (once per database)..."
    (cd "$RM_APP" && dotnet ReverseMentoring.Web.dll rebuild-dashboard 2>&1 | tee "$ROOT/bench/data/rebuild.log" | tail -1)
  fi
}

# Starts RM_INSTANCES instances of the app (one on RM_URL, or several behind the forwarder on RM_URL) and waits until
# each answers. APP_PID is the first instance, APP_PIDS all of them.
start_app() {
  trap stop_app EXIT
  # A SIGTERM or Ctrl-C ends the script through its EXIT trap, which stops what it started.
  trap 'exit 143' TERM INT
  if [[ "$RM_INSTANCES" == "1" ]]; then
    start_instance "$RM_PORT" "$RM_LOG"
    return
  fi

  local i
  for i in $(seq 1 "$RM_INSTANCES"); do
    start_instance $((RM_PORT + i)) "${RM_LOG%.log}-$i.log"
    # The first instance makes the data-protection key (kept in the database) before the next one reads the key ring,
    # so every instance encrypts and decrypts cookies and anti-forgery tokens with the same key.
    curl -kfs -o /dev/null "https://127.0.0.1:$((RM_PORT + i))/Account/SignIn"
  done
  if (exec 3<>"/dev/tcp/127.0.0.1/$RM_PORT") 2>/dev/null; then
    echo "Port $RM_PORT is taken by another process: choose another RM_PORT" >&2
    return 1
  fi
  [[ -f "$BENCH_DLL" ]] || dotnet build -c Release "$ROOT/bench/ReverseMentoring.Bench" --nologo -v quiet -clp:ErrorsOnly >/dev/null
  dotnet "$BENCH_DLL" forward "$RM_PORT" $(seq $((RM_PORT + 1)) $((RM_PORT + RM_INSTANCES))) >"$ROOT/bench/data/forwarder.log" 2>&1 &
  FORWARDER_PID=$!
  for _ in $(seq 1 30); do
    curl -kfs -o /dev/null "$RM_URL/health" && { echo "Forwarder (pid $FORWARDER_PID) on $RM_URL, round robin"; return 0; }
    sleep 1
  done
  echo "The forwarder did not start; see bench/data/forwarder.log" >&2
  return 1
}

start_instance() {
  local port="$1" log="$2" pid
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is taken by another process: choose another RM_PORT" >&2
    return 1
  fi
  (cd "$RM_APP" && ASPNETCORE_URLS="https://127.0.0.1:$port" exec dotnet ReverseMentoring.Web.dll >"$log" 2>&1) &
  pid=$!
  APP_PIDS+=("$pid")
  [[ -n "$APP_PID" ]] || APP_PID=$pid
  for _ in $(seq 1 "${RM_START_SECONDS:-120}"); do
    if curl -kfs -o /dev/null "https://127.0.0.1:$port/health"; then
      echo "App started (pid $pid) on https://127.0.0.1:$port against $(database_name)"
      return 0
    fi
    sleep 1
  done
  echo "The app did not start; see $log" >&2
  tail -20 "$log" >&2
  return 1
}

database_name() {
  if [[ "$RM_PROVIDER" == "PostgreSql" ]]; then echo "PostgreSQL ($(libpq_keywords "$RM_POSTGRES"))"; else echo "$RM_DB"; fi
}

stop_app() {
  local pid
  if [[ -n "$FORWARDER_PID" ]] && kill -0 "$FORWARDER_PID" 2>/dev/null; then
    kill "$FORWARDER_PID"
    wait "$FORWARDER_PID" 2>/dev/null || true
  fi
  FORWARDER_PID=""
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  APP_PIDS=()
  APP_PID=""
}

# Each app process's peak resident set (VmHWM) and current resident set, in MB.
app_memory() {
  local pid
  for pid in "${APP_PIDS[@]}"; do
    [[ "${#APP_PIDS[@]}" == "1" ]] || printf 'pid %s: ' "$pid"
    awk '/VmHWM|VmRSS/ { printf "%s %.0f MB  ", $1, $2 / 1024 }' "/proc/$pid/status"
  done
  echo
}

# Signs in and prints a Cookie header value holding the authentication cookie; wrk and curl then send it by hand.
sign_in() {
  local email="$1" headers page token cookies location
  headers="$(mktemp)"
  page="$(curl -kfsS -D "$headers" "$RM_URL/Account/SignIn")"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')"
  if [[ -z "$token" ]]; then
    token="$(grep -o '__RequestVerificationToken[^>]*value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')"
  fi
  cookies="$(grep -i '^set-cookie:' "$headers" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r' | paste -sd ';' -)"
  curl -ksS -o /dev/null -D "$headers" -H "Cookie: $cookies" \
    --data-urlencode "Data.Email=$email" --data-urlencode "Data.Password=$RM_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$RM_URL/Account/SignIn"
  location="$(grep -i '^location:' "$headers" | tr -d '\r' | sed 's/^[Ll]ocation: //')"
  cookies="$(grep -i '^set-cookie:' "$headers" | grep -i 'rm\.auth' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r' | paste -sd ';' -)"
  rm -f "$headers"
  if [[ -z "$cookies" ]]; then
    echo "Sign-in as $email failed (redirect: ${location:-none})" >&2
    return 1
  fi
  echo "$cookies"
}

# Median and 95th percentile of numbers (one per line), in ms.
percentiles() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = v[int(NR * 0.95 + 0.999999)]; printf "median %.1f ms  p95 %.1f ms  (n=%d)\n", m, p, NR }'
}

# One curl process per batch, so the requests share one kept-alive TLS connection, as a browser's would. Prints
# "status seconds" per request.
requests() {
  local count="$1" url="$2" cookie="$3" args=()
  for _ in $(seq 1 "$count"); do
    args+=(-o /dev/null "$url")
  done
  curl -ks -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" "${args[@]}"
}

# A mentor with an accepted pair in a running program and the most sessions: the busiest participant pages.
busy_mentor() {
  db_query "SELECT u.\"Email\" FROM \"Pairs\" p JOIN \"Enrolments\" e ON e.\"Id\" = p.\"MentorEnrolmentId\" JOIN \"AspNetUsers\" u ON u.\"Id\" = e.\"UserId\"
    WHERE p.\"Status\" = 'Accepted' AND u.\"Email\" LIKE '%@bench.local'
    ORDER BY (SELECT COUNT(*) FROM \"Sessions\" s WHERE s.\"PairId\" = p.\"Id\") DESC, p.\"Id\" LIMIT 1;"
}
