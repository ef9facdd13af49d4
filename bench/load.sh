#!/usr/bin/env bash
# Load at volume: publishes the web app in Release, runs it against the generated SQLite file (demo data plus volume)
# over https on loopback, signs in and runs wrk against three pages in turn, one at a time.
#
#   bench/generate.sh                      # once: bench/data/volume.db
#   bench/load.sh [connections] [seconds]  (default 64 and 60)
#
# Pages: the participant's home (/Participant) and session list (/Participant/Sessions) as the mentor with the busiest
# accepted pair, and /Dashboard as the leader. Each run must end with zero socket errors and zero answers other than 200.
# wrk comes from Debian's packages: apt-get install -y wrk

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

CONNECTIONS="${1:-64}"
DURATION="${2:-60}"
THREADS="${RM_WRK_THREADS:-2}"
LEADER="${RM_LEADER:-leader@demo.local}"
PAGES="${RM_PAGES:-/Participant /Participant/Sessions /Dashboard}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

publish_app
migrate_db
start_app
MENTOR="$(busy_mentor)"
MENTOR_COOKIE="$(sign_in "$MENTOR")"
LEADER_COOKIE="$(sign_in "$LEADER")"
echo "Mentor $MENTOR, leader $LEADER; $(app_memory)"

for page in $PAGES; do
  cookie="$MENTOR_COOKIE"
  [[ "$page" == /Dashboard* ]] && cookie="$LEADER_COOKIE"
  status=$(curl -ks -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$RM_URL$page")
  if [[ "$status" != "200" ]]; then
    echo "$page answers $status before the run; not loading it" >&2
    continue
  fi

  echo
  echo "== $page: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
  RM_COOKIE="$cookie" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s \
    -s "$ROOT/bench/wrk/signed-in.lua" "$RM_URL$page"
  echo "Memory: $(app_memory)"
done
