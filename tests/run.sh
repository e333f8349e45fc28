#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing, then runs every test
# in the solution and ends with "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# Whatever stops the script early (a failed install, say), the last line still says it failed.
summary_printed=0
trap '[ "$summary_printed" -eq 1 ] || echo "0 passed, 1 failed, 0 skipped"' EXIT

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (browser tests drive Debian's Chromium; Chinese needs CJK fonts)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log="$(mktemp)"
trap 'rm -f "$log"; [ "$summary_printed" -eq 1 ] || echo "0 passed, 1 failed, 0 skipped"' EXIT

status=0
# The classic console output, whose summary lines are counted below.
dotnet test Reception.Dashboard.sln --tl:off 2>&1 | tee "$log" || status=$?

# Each test assembly ends with "Passed!  - Failed: N, Passed: N, Skipped: N, Total: N"; add them up.
sum() { { grep -oE "^(Passed|Failed)! +- .*" "$log" || true; } | { grep -oE "$1: +[0-9]+" || true; } | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the runner failed before a test could report
fi
if [ $((passed + failed + skipped)) -eq 0 ]; then
  failed=1 status=1 # nothing reported: not a pass
fi

# Name the failures (and any compile errors) again at the end, where a CI log is read first.
grep -E "^[[:space:]]+Failed " "$log" || true
grep -E ": error [A-Z]+[0-9]+" "$log" | sort -u || true
summary_printed=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
