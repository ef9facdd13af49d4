#!/usr/bin/env bash
# Background jobs over a backlog: starts the app on a copy of the volume (RM_DB, default bench/data/volume.db) and
# reads its CPU time once a second until 15 quiet seconds (under 0.1 s of CPU each) or RM_BACKLOG_SECONDS (default 400)
# have passed; then prints how long it was busy, its CPU time and peak memory, and the rows the jobs wrote. A freshly
# generated volume is such a backlog: its pairs are due their skill checkpoints, risk looks and answer reminders, as a
# company's are after an import or an upgrade that adds a job. The copy is made once and kept as it was
# (bench/data/backlog.db), so runs of two builds of the app start from the same rows.
#
#   RM_DB=<volume> bench/backlog.sh           # RM_NO_PUBLISH=1 reuses bench/data/app; RM_APP_DIR=<dir> runs another build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

BACKLOG="$ROOT/bench/data/backlog.db"
RUN="$ROOT/bench/data/backlog-run.db"
[[ -f "$BACKLOG" ]] || { sqlite3 "$RM_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null; cp "$RM_DB" "$BACKLOG"; }
publish_app
RM_APP="${RM_APP_DIR:-$RM_APP}"
rm -f "$RUN" "$RUN-wal" "$RUN-shm"
cp "$BACKLOG" "$RUN"
RM_DB="$RUN"
export Database__ConnectionString="Data Source=$RUN"
migrate_db
start_app
busy=0 quiet=0 before=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat")
for second in $(seq 1 "${RM_BACKLOG_SECONDS:-400}"); do
  sleep 1
  now=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat")
  if (( now - before < 10 )); then quiet=$((quiet + 1)); else quiet=0 busy=$second; fi
  before=$now
  (( quiet < 15 )) || break
done
echo "Busy until ${busy} s after the app answered; CPU $(awk '{ printf "%.1f s", ($14 + $15) / 100 }' "/proc/$APP_PID/stat"); $(app_memory)"
db_query 'SELECT (SELECT COUNT(*) FROM "SkillCheckpoints"), (SELECT COUNT(*) FROM "PairRiskReports"),
  (SELECT COUNT(*) FROM "Pairs" WHERE "NoResponseFlaggedAtUtc" IS NOT NULL), (SELECT COUNT(*) FROM "OutboxMessages")' |
  awk '{ printf "Skill checkpoints %s, pair risk reports %s, pairs flagged as unanswered %s, messages queued %s\n", $1, $2, $3, $4 }'
