#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing, builds, runs every test project,
# and ends with one line totalling them all: "N passed, N failed, N skipped". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: Chromium for the browser tests, CJK fonts so Chinese renders in screenshots,
# redis-server for the two-instance test and aiosmtpd for the email-channel test (each test starts its own), npm for the
# accessibility tests (they install their pinned axe-core from npm on first use).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
dpkg -s python3-aiosmtpd >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq || exit 1
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build"
if ! dotnet build Disputes.sln -c Debug -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
# Every app process the browser tests start leaves its log here, scanned below for personal data.
export DISPUTES_E2E_LOGS="$results/app-logs"
projects=(Disputes.Domain.Tests Disputes.Web.Tests Disputes.EndToEnd)
status=0
for project in "${projects[@]}"; do
  echo "== $project"
  dotnet test "tests/$project" -c Debug --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
  [ -f "$results/$project.trx" ] || { echo "no results from $project"; status=1; }
done

# No log may carry a resident ID number (GB 11643: region, a birth date from 1900 on, sequence, check) or a mobile number.
logs=$(find "$DISPUTES_E2E_LOGS" -name '*.log' 2>/dev/null | wc -l)
personal='(?<![0-9])[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])|(?<![0-9])1[3-9][0-9]{9}(?![0-9])'
hits=$(cat "$DISPUTES_E2E_LOGS"/*.log 2>/dev/null | grep -oP "$personal" | wc -l)
echo "== personal data in the logs of $logs app processes: $hits"
if [ "$logs" -eq 0 ] || [ "$hits" -ne 0 ]; then
  # Where, not what: the numbers themselves stay out of this output too.
  grep -HnoP "$personal" "$DISPUTES_E2E_LOGS"/*.log 2>/dev/null | cut -d: -f1,2 | head -10
  status=1
fi

count() { # attribute name → sum over all projects' <Counters>
  grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'
}
passed=$(count passed); failed=$(count failed); skipped=$(count notExecuted)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
[ "$passed" -gt 0 ] || status=1
[ "$failed" -eq 0 ] || status=1
if [ $status -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
