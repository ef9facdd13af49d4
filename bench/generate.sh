#!/usr/bin/env bash
# Generates the volume database used by dashboard.sh and load.sh: 100,000 people, 50,000 pairs, 1,000,000 sessions
# and their feedback, in a new SQLite file (default bench/data/volume.db, git-ignored). Deterministic (seeded), with
# dates relative to the day it runs. The demo accounts are added by the first dashboard.sh / load.sh run (the app's
# migrate step with DemoData__Enabled=true).
#
#   bench/generate.sh [file] [people] [pairs] [sessions] [feedback]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="$(realpath -m "${1:-$ROOT/bench/data/volume.db}")"
shift || true
rm -f "$DB" "$DB-wal" "$DB-shm"
dotnet run -c Release --project "$ROOT/bench/ReverseMentoring.DataGenerator" -- "$DB" "$@"
ls -l "$DB"
