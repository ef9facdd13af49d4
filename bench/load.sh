#!/usr/bin/env bash
# Load at volume: publishes the web app in Release, runs it against the generated SQLite file (demo data plus volume)
# over https on loopback, signs in and runs wrk against each page in turn, one at a time: first 15 s of warm-up (the
# runtime compiles the hot paths; its numbers are discarded), then the measured run. Meanwhile bench/writer.sh writes
# through the app's pages at 5 writes/s (sessions scheduled and logged, feedback given), unless RM_WRITER=0.
#
#   bench/generate.sh                      # once: bench/data/volume.db
#   bench/load.sh [connections] [seconds]  (default 64 and 60)
#
# Pages: /Dashboard as the leader, /Participant as the mentor of the accepted pair with the most sessions, and the HR
# home (/Coordinator) as the generated HR coordinator. Prints wrk's own output per page, then one line per page:
# requests/s, p50, p99, socket errors, answers other than 200, and the app's peak memory (VmHWM) after it; then the
# writer's counts. Each run must end with zero socket errors and zero answers other than 200.
# wrk comes from Debian's packages: apt-get install -y wrk
#
#   RM_WARMUP     seconds of discarded warm-up per page (default 15)
#   RM_WRITER     1 (default) runs bench/writer.sh for the whole measurement; 0 does not
#   RM_WRITES     writes per second (default 5)
#   RM_PAGES      the pages (default "/Dashboard /Participant /Coordinator")
#   RM_LEADER, RM_HR   who signs in for the dashboard and the HR home (leader@demo.local, hr@bench.local)
#   RM_MENTOR     who signs in for the participant home (default: the mentor of the accepted pair with the most
#                 sessions, which the writer can change between runs; name one to compare runs on the same file)
# and bench/app.sh's RM_PROVIDER, RM_POSTGRES and RM_INSTANCES: bench/load-two.sh runs this same measurement against
# two instances on one PostgreSQL database. The machine's load (uptime) is printed before and after each page, since
# the figures mean little on a machine shared with other work.

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

CONNECTIONS="${1:-64}"
DURATION="${2:-60}"
WARMUP="${RM_WARMUP:-15}"
THREADS="${RM_WRK_THREADS:-2}"
LEADER="${RM_LEADER:-leader@demo.local}"
HR="${RM_HR:-hr@bench.local}"
PAGES="${RM_PAGES:-/Dashboard /Participant /Coordinator}"
WRITER="${RM_WRITER:-1}"
WRITES="${RM_WRITES:-5}"
WRITER_PID=""
WRITER_LOG="$ROOT/bench/data/writer.log"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

stop_writer() {
  if [[ -n "$WRITER_PID" ]] && kill -0 "$WRITER_PID" 2>/dev/null; then
    kill -TERM "$WRITER_PID"
    wait "$WRITER_PID" 2>/dev/null || true
  fi
  WRITER_PID=""
}

publish_app
[[ "$WRITER" == "1" ]] && "$ROOT/bench/writer.sh" build
migrate_db
start_app
trap 'stop_writer; stop_app' EXIT
MENTOR="${RM_MENTOR:-$(busy_mentor)}"
MENTOR_COOKIE="$(sign_in "$MENTOR")"
LEADER_COOKIE="$(sign_in "$LEADER")"
HR_COOKIE="$(sign_in "$HR")"
echo "Mentor $MENTOR, leader $LEADER, HR $HR; $(app_memory)"
echo "Machine: $(nproc) cores; $(uptime)"

cookie_for() {
  case "$1" in
    /Dashboard*) echo "$LEADER_COOKIE" ;;
    /Coordinator*) echo "$HR_COOKIE" ;;
    *) echo "$MENTOR_COOKIE" ;;
  esac
}

if [[ "$WRITER" == "1" ]]; then
  # Long enough for every page's warm-up and run; stopped when the last page is done.
  pages_count=$(wc -w <<<"$PAGES")
  "$ROOT/bench/writer.sh" $((pages_count * (WARMUP + DURATION) + 60)) "$WRITES" >"$WRITER_LOG" 2>&1 &
  WRITER_PID=$!
  echo "Writer running (pid $WRITER_PID, $WRITES writes/s), log in $WRITER_LOG"
fi

SUMMARY=()
for page in $PAGES; do
  cookie="$(cookie_for "$page")"
  status=$(curl -ks -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$RM_URL$page")
  if [[ "$status" != "200" ]]; then
    echo "$page answers $status before the run; not loading it" >&2
    SUMMARY+=("$(printf '%-14s answers %s: not loaded' "$page" "$status")")
    continue
  fi

  echo
  echo "== $page: warm-up, wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s (discarded)"
  RM_COOKIE="$cookie" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s \
    -s "$ROOT/bench/wrk/signed-in.lua" "$RM_URL$page" >/dev/null

  echo "== $page: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
  out="$(RM_COOKIE="$cookie" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s \
    -s "$ROOT/bench/wrk/signed-in.lua" "$RM_URL$page")"
  echo "$out"
  memory="$(app_memory)"
  echo "Memory: $memory"
  echo "Machine after $page: $(uptime)"

  done_requests="$(awk '/ requests in / { print $1 }' <<<"$out")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  socket="$(awk -F'[ ,]+' '/Socket errors:/ { print $5 + $7 + $9 + $11 }' <<<"$out")"
  not_ok="$(awk '/Responses other than 200:/ { print $5 }' <<<"$out")"
  # wrk reports no latency (0.00us) when no request finished within the run: the page did not answer at all.
  SUMMARY+=("$(printf '%-14s %10s req/s  p50 %9s  p99 %9s  finished %s  socket errors %s  answers other than 200 %s  peak %s' \
    "$page" "$rps" "$p50" "$p99" "${done_requests:-0}" "${socket:-0}" "${not_ok:-?}" "$(grep -o 'VmHWM: [0-9]* MB' <<<"$memory" | awk '{ print $2, $3 }' | paste -sd/ -)")")
done

echo
echo "== Summary ($CONNECTIONS connections, ${DURATION}s per page after ${WARMUP}s of warm-up)"
printf '%s\n' "${SUMMARY[@]}"
echo "App peak memory: $(app_memory)"

if [[ -n "$WRITER_PID" ]]; then
  stop_writer
  echo
  echo "== Writer ($WRITES writes/s beside the measurement)"
  grep -E '^(Writer|Writes|  )' "$WRITER_LOG" || tail -5 "$WRITER_LOG"
fi
