# Shared by dashboard.sh and load.sh (source it): publish the web app in Release, run it in Production over https on
# loopback (a self-signed certificate made here: outside Development the cookies are Secure and anti-forgery refuses
# plain http) against a generated SQLite file, and sign people in with curl.
#
#   RM_DB     the SQLite file (default bench/data/volume.db, made by bench/generate.sh)
#   RM_PORT   the port on 127.0.0.1 (default 5090)
#   RM_NO_PUBLISH=1 reuses the last published app in bench/data/app

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RM_DB="$(realpath -m "${RM_DB:-$ROOT/bench/data/volume.db}")"
RM_PORT="${RM_PORT:-5090}"
RM_URL="https://127.0.0.1:$RM_PORT"
RM_APP="$ROOT/bench/data/app"
RM_LOG="$ROOT/bench/data/app.log"
RM_PASSWORD="Mentoring-Demo-2026"
APP_PID=""

# Production settings, plus the demo accounts (leader@demo.local, hr@demo.local, mentor01@demo.local ...) so the
# benchmark can sign in with known passwords.
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$RM_URL"
export Kestrel__Certificates__Default__Path="$ROOT/bench/data/localhost.crt"
export Kestrel__Certificates__Default__KeyPath="$ROOT/bench/data/localhost.key"
export Database__Provider=Sqlite
export Database__ConnectionString="Data Source=$RM_DB"
export Database__MigrateOnStartup=false
export DemoData__Enabled=true
export DemoData__Password="$RM_PASSWORD"
export Mail__PickupFolder="$ROOT/bench/data/mail"
export App__PublicBaseUrl="$RM_URL"
export DOTNET_gcServer=0

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
    dotnet publish "$ROOT/src/ReverseMentoring.Web" -c Release -o "$RM_APP" --nologo -v quiet
  fi
}

# Applies pending migrations (e.g. new indexes) and creates the demo accounts, as an operator would before starting.
migrate_db() {
  (cd "$RM_APP" && dotnet ReverseMentoring.Web.dll migrate >"$ROOT/bench/data/migrate.log" 2>&1)
  # A generated volume has sessions and ratings but no day facts yet: build them once, as an upgrade would (ADR 0023).
  if [[ "$(sqlite3 "$RM_DB" "SELECT COUNT(*) FROM DashboardFactsState WHERE RebuiltAtUtc IS NOT NULL")" == "0" ]]; then
    echo "Building the dashboard's day facts (once per database)..."
    (cd "$RM_APP" && dotnet ReverseMentoring.Web.dll rebuild-dashboard 2>&1 | tee "$ROOT/bench/data/rebuild.log" | tail -1)
  fi
}

start_app() {
  (cd "$RM_APP" && exec dotnet ReverseMentoring.Web.dll >"$RM_LOG" 2>&1) &
  APP_PID=$!
  trap stop_app EXIT
  for _ in $(seq 1 120); do
    if curl -kfs -o /dev/null "$RM_URL/health"; then
      echo "App started (pid $APP_PID) on $RM_URL against $RM_DB"
      return 0
    fi
    sleep 1
  done
  echo "The app did not start; see $RM_LOG" >&2
  tail -20 "$RM_LOG" >&2
  return 1
}

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

# The app process's peak resident set (VmHWM) and current resident set, in MB.
app_memory() {
  awk '/VmHWM|VmRSS/ { printf "%s %.0f MB  ", $1, $2 / 1024 } END { print "" }' "/proc/$APP_PID/status"
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
  sqlite3 "$RM_DB" "SELECT u.Email FROM Pairs p JOIN Enrolments e ON e.Id = p.MentorEnrolmentId JOIN AspNetUsers u ON u.Id = e.UserId
    WHERE p.Status = 'Accepted' AND u.Email LIKE '%@bench.local'
    ORDER BY (SELECT COUNT(*) FROM Sessions s WHERE s.PairId = p.Id) DESC, p.Id LIMIT 1;"
}
