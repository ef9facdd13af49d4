#!/usr/bin/env bash
# The dashboard's first computation for a set of filters, against the reused result: starts the published app on the
# generated database (run bench/dashboard.sh or bench/load.sh once first, to publish and migrate), signs in as the
# leader and requests each page twice.
#
#   bench/dashboard-cold.sh

source "$(dirname "${BASH_SOURCE[0]}")/app.sh"

start_app
COOKIE="$(sign_in "${RM_LEADER:-leader@demo.local}")"
for path in "/Dashboard" "/Dashboard?Department=Finance" "/Dashboard?Department=Marketing" \
  "/Dashboard?Department=Finance&JobLevel=Analyst" "/Dashboard?ProgramId=2"; do
  curl -ks -o /dev/null -w "$path first (computes): %{http_code} %{time_total}s\n" -H "Cookie: $COOKIE" "$RM_URL$path"
  curl -ks -o /dev/null -w "$path again (reused):   %{http_code} %{time_total}s\n" -H "Cookie: $COOKIE" "$RM_URL$path"
done
echo "$(app_memory)"
