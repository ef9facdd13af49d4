#!/usr/bin/env bash
# The dashboard's first view with nothing reused, against the views after it: for each of four requests (/Dashboard
# unfiltered, one program, one department, one department and job level) the app is restarted, the leader signs in and
# the request is timed as the first after the fresh start (no figures, no pair health and no compiled code reused yet).
# Then, on the last start, 100 requests of each (after the first one) give the median and 95th percentile.
#
#   bench/generate.sh                 # once: bench/data/volume.db
#   bench/dashboard-cold.sh [measured]   (default 100)
#
#   RM_NO_PUBLISH=1 reuses the app published by an earlier run; RM_DEPARTMENT, RM_JOB_LEVEL choose the filters
#   (Finance, Analyst); the program is the first running one. RM_AFTER_FIRST_VIEWS=1 sends each first request once the
#   app has worked out its first views at start (its log says so), as a person would meet it after a deployment; without
#   it the request goes as soon as the app answers and waits for that work. With it, the app's memory is printed once
#   that work is done (VmHWM: its peak so far; VmRSS: what it holds then), and again after the first request.

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

MEASURED="${1:-100}"
LEADER="${RM_LEADER:-leader@demo.local}"
DEPARTMENT="${RM_DEPARTMENT:-Finance}"
JOB_LEVEL="${RM_JOB_LEVEL:-Analyst}"

publish_app
migrate_db
PROGRAM="$(sqlite3 "$RM_DB" "SELECT Id FROM Programs WHERE Status = 'Running' ORDER BY Id LIMIT 1;")"
PATHS=("/Dashboard" "/Dashboard?ProgramId=$PROGRAM" "/Dashboard?Department=$DEPARTMENT" "/Dashboard?Department=$DEPARTMENT&JobLevel=$JOB_LEVEL")

echo "== First request after a fresh start (curl time_total)"
for path in "${PATHS[@]}"; do
  start_app >/dev/null
  COOKIE="$(sign_in "$LEADER")"
  if [[ "${RM_AFTER_FIRST_VIEWS:-}" == "1" ]]; then
    for _ in $(seq 1 300); do
      grep -q "Worked out the dashboard's first views" "$RM_LOG" && break
      sleep 0.5
    done
    echo "$(printf '%-44s' "") $(grep -o "Worked out the dashboard's first views in .*" "$RM_LOG" | head -1)"
    sleep 2
    echo "$(printf '%-44s' "") after the start-up work: $(app_memory)"
  fi
  curl -ks -o /dev/null -w "$(printf '%-44s' "$path") first: %{http_code} %{time_total}s\n" -H "Cookie: $COOKIE" "$RM_URL$path"
  echo "$(printf '%-44s' "") $(app_memory)"
  stop_app
done

echo
echo "== $MEASURED requests of each after the first (one kept-alive connection)"
start_app >/dev/null
COOKIE="$(sign_in "$LEADER")"
for path in "${PATHS[@]}"; do
  requests 1 "$RM_URL$path" "$COOKIE" >/dev/null
  results="$(requests "$MEASURED" "$RM_URL$path" "$COOKIE")"
  if grep -qv '^200 ' <<<"$results"; then
    echo "$path: answers other than 200: $(grep -v '^200 ' <<<"$results" | cut -d' ' -f1 | sort | uniq -c | tr '\n' ' ')" >&2
  fi
  printf '%-44s %s\n' "$path" "$(awk '{ printf "%.3f\n", $2 * 1000 }' <<<"$results" | percentiles)"
done
echo "Memory: $(app_memory)"
