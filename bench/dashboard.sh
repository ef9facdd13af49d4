#!/usr/bin/env bash
# Dashboard timing at volume: publishes the web app in Release, runs it against the generated SQLite file over https on
# loopback, signs in as the leader and requests /Dashboard unfiltered and filtered to one department.
#
#   bench/generate.sh                 # once: bench/data/volume.db
#   bench/dashboard.sh [warm-up] [measured]   (default 30 and 100)
#
# Prints, per page, the median and 95th percentile of the client-side time (curl's time_total over loopback) and of
# the server's own time (Serilog's "responded 200 in N ms" line), then the app's peak resident memory (VmHWM).

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

WARMUP="${1:-30}"
MEASURED="${2:-100}"
LEADER="${RM_LEADER:-leader@demo.local}"
DEPARTMENT="${RM_DEPARTMENT:-Finance}"

measure() {
  local label="$1" path="$2" cookie="$3" results marker
  requests "$WARMUP" "$RM_URL$path" "$cookie" >/dev/null
  marker=$(wc -l <"$RM_LOG")
  results="$(requests "$MEASURED" "$RM_URL$path" "$cookie")"
  if grep -qv '^200 ' <<<"$results"; then
    echo "$label: answers other than 200 for $path: $(grep -v '^200 ' <<<"$results" | cut -d' ' -f1 | sort | uniq -c | tr '\n' ' ')" >&2
    exit 1
  fi
  printf '%-28s client  %s' "$label" "$(awk '{ printf "%.3f\n", $2 * 1000 }' <<<"$results" | percentiles)"
  printf '\n%-28s server  %s\n' "" "$(tail -n +"$((marker + 1))" "$RM_LOG" | grep -F "HTTP GET ${path%%\?*} responded" | grep -o 'responded 200 in [0-9.]*' | awk '{ print $4 }' | percentiles)"
}

publish_app
migrate_db
start_app
COOKIE="$(sign_in "$LEADER")"
echo "Signed in as $LEADER; $(app_memory)"

measure "/Dashboard" "/Dashboard" "$COOKIE"
measure "/Dashboard ($DEPARTMENT)" "/Dashboard?Department=$DEPARTMENT" "$COOKIE"

echo "Memory after the runs: $(app_memory)"
