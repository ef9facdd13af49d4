#!/usr/bin/env bash
# Writes at a steady rate through the app's own pages, as participants do, while something else measures: a few
# participants of accepted pairs in running programs (generated accounts, password Mentoring-Demo-2026) sign in and,
# each in turn, schedule a session at the first time the schedule page suggests, log one of their pair's missed
# sessions as held and rate it (once the missed ones are used up: log a held one again, a correction, and schedule
# instead of rating). Each write GETs the form (anti-forgery token and fields) and POSTs it; it counts as done when the
# app answers with the redirect of a saved form. Prints the writes done and failed, by kind, at the end.
#
#   bench/writer.sh [seconds] [writes-per-second] [participants]   (default 60, 5 and 12)
#   bench/writer.sh build                                          (builds the writer only; load.sh does this first)
#
# Needs the app running on RM_URL against RM_DB (or RM_POSTGRES with RM_PROVIDER=PostgreSql) (bench/load.sh starts both and runs this beside its measurement with
# RM_WRITER=1). The writer is a mode of bench/ReverseMentoring.Bench (Writer.cs), built in Release.

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

WRITER_DLL="$ROOT/bench/ReverseMentoring.Bench/bin/Release/net10.0/ReverseMentoring.Bench.dll"

build_writer() {
  if [[ "${RM_NO_PUBLISH:-}" != "1" || ! -f "$WRITER_DLL" ]]; then
    dotnet build -c Release "$ROOT/bench/ReverseMentoring.Bench" --nologo -v quiet -clp:ErrorsOnly >/dev/null
  fi
}

if [[ "${1:-}" == "build" ]]; then
  build_writer
  exit 0
fi

SECONDS_TO_RUN="${1:-60}"
RATE="${2:-5}"
PARTICIPANTS="${3:-12}"
[[ -f "$WRITER_DLL" ]] || build_writer

# The mentors of the accepted pairs in running programs with the most missed sessions, each with those sessions and
# their pair's latest held ones: "email pair missed,ids held,ids".
PEOPLE="$(mktemp)"
trap 'rm -f "$PEOPLE"' EXIT
# SQLite's group_concat is PostgreSQL's string_agg.
if [[ "$RM_PROVIDER" == "PostgreSql" ]]; then ids='string_agg(CAST("Id" AS text), '"','"')'; else ids='group_concat("Id")'; fi
db_query "
  WITH chosen AS (
    SELECT s.\"PairId\", COUNT(*) AS missed FROM \"Sessions\" s
    JOIN \"Pairs\" p ON p.\"Id\" = s.\"PairId\" JOIN \"Programs\" g ON g.\"Id\" = p.\"ProgramId\"
    WHERE s.\"Status\" = 'Missed' AND p.\"Status\" = 'Accepted' AND g.\"Status\" = 'Running'
    GROUP BY s.\"PairId\" ORDER BY missed DESC, s.\"PairId\" LIMIT $PARTICIPANTS)
  SELECT u.\"Email\", c.\"PairId\",
    (SELECT $ids FROM \"Sessions\" s WHERE s.\"PairId\" = c.\"PairId\" AND s.\"Status\" = 'Missed'),
    COALESCE((SELECT $ids FROM (SELECT s.\"Id\" FROM \"Sessions\" s WHERE s.\"PairId\" = c.\"PairId\" AND s.\"Status\" = 'Held'
      ORDER BY s.\"StartsAtUtc\" DESC LIMIT 20) latest), '-')
  FROM chosen c JOIN \"Pairs\" p ON p.\"Id\" = c.\"PairId\" JOIN \"Enrolments\" e ON e.\"Id\" = p.\"MentorEnrolmentId\" JOIN \"AspNetUsers\" u ON u.\"Id\" = e.\"UserId\"
  ORDER BY c.missed DESC, c.\"PairId\";" >"$PEOPLE"
if [[ ! -s "$PEOPLE" ]]; then
  echo "No accepted pair in a running program with a missed session in $(database_name)" >&2
  exit 1
fi

# A SIGTERM from load.sh is passed on to the writer, which stops and prints its counts.
dotnet "$WRITER_DLL" writer "$RM_URL" "$ROOT/bench/data/localhost.crt" "$PEOPLE" "$SECONDS_TO_RUN" "$RATE" &
WRITER_PID=$!
trap 'kill -TERM "$WRITER_PID" 2>/dev/null || true' TERM INT
wait "$WRITER_PID" || wait "$WRITER_PID" || true
