#!/usr/bin/env bash
# Runs test suites as if it were another day: the sweep that shows a test holds on any date
# (tests/README.md, "At a fixed date"). Debian's `faketime` shifts the clock of Node and of the embedded
# PostgreSQL alike. The shift is a relative offset (`+Ns`), computed once, so every process the suite
# starts keeps the same time; an absolute start (`@…`) would start each process's clock when it starts,
# and the server and PostgreSQL would drift apart.
#
#   scripts/test-at-dates.sh                                   # unit + integration at the standard dates
#   scripts/test-at-dates.sh --suites unit '2027-01-04 09:00'  # chosen suites at chosen Moscow times
#   scripts/test-at-dates.sh --suites e2e '2026-12-31 18:00'   # e2e: serialised with other runs by flock
#
# Times are Moscow wall-clock times; the suites run with TZ=Europe/Moscow. Logs go to $OKNO_DATES_LOGS
# (default: a fresh folder under /tmp); a table of results is printed at the end. Exit status 1 when any
# run failed.
set -uo pipefail
cd "$(dirname "$0")/.."

# New Year holidays, year ends, a Friday before a long weekend, May holidays, a transferred working day.
standard_dates=(
  '2026-12-07 10:00' '2026-12-28 10:00' '2026-12-31 18:00' '2027-01-04 09:00'
  '2027-04-02 11:00' '2027-04-30 16:00' '2027-06-11 12:00' '2027-11-03 17:30'
)
suites=(unit integration)
dates=()
while [ $# -gt 0 ]; do
  case "$1" in
    --suites) IFS=',' read -r -a suites <<<"$2"; shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) dates+=("$1"); shift ;;
  esac
done
[ ${#dates[@]} -eq 0 ] && dates=("${standard_dates[@]}")
command -v faketime >/dev/null || { echo "test-at-dates: install faketime (apt-get install faketime)" >&2; exit 2; }

logs="${OKNO_DATES_LOGS:-$(mktemp -d /tmp/okno-dates.XXXXXX)}"
mkdir -p "$logs"
declare -a rows
status=0

command_of() { # suite → the command that runs it
  case "$1" in
    unit) echo npm run test:unit ;;
    integration) echo npm run test:integration ;;
    # Journeys share one port pair and a 2-core machine: one run at a time across shells.
    e2e) echo flock /tmp/okno-e2e.lock npx playwright test ;;
    *) echo "test-at-dates: unknown suite $1 (unit, integration, e2e)" >&2; exit 2 ;;
  esac
}
for suite in "${suites[@]}"; do command_of "$suite" >/dev/null; done

summary() { # log → "passed N, failed M" from vitest's or Playwright's summary
  local clean
  clean=$(sed 's/\x1b\[[0-9;]*m//g' "$1")
  if grep -q '^ *Tests ' <<<"$clean"; then
    grep '^ *Tests ' <<<"$clean" | tail -1 | sed 's/^ *Tests *//'
  else
    grep -E '^ *[0-9]+ (passed|failed|flaky|skipped)' <<<"$clean" | sed 's/^ *//; s/ (.*//' | paste -sd, -
  fi
}

for date in "${dates[@]}"; do
  target=$(date -d "$date +0300" +%s) || exit 2
  for suite in "${suites[@]}"; do
    log="$logs/$(tr ' :' '_-' <<<"$date")-$suite.log"
    # The offset is taken just before the run, so the suite starts at the named minute.
    offset=$((target - $(date +%s)))
    echo "== $date (Moscow) · $suite · log $log"
    # Node and PostgreSQL keep their monotonic clock (timers, timeouts); Chromium's child processes hang
    # unless the monotonic clock moves with the wall clock, so e2e fakes both.
    monotonic=1
    [ "$suite" = e2e ] && monotonic=0
    # shellcheck disable=SC2046 # the command is words, split on purpose
    if TZ=Europe/Moscow DONT_FAKE_MONOTONIC=$monotonic faketime -f "+${offset}s" $(command_of "$suite") >"$log" 2>&1; then
      result=passed
    else
      result=FAILED
      status=1
    fi
    rows+=("$(printf '%-17s %-12s %-7s %s' "$date" "$suite" "$result" "$(summary "$log")")")
    echo "   ${rows[-1]}"
  done
done

echo
printf '%-17s %-12s %-7s %s\n' 'Moscow time' suite result tests
printf '%s\n' "${rows[@]}"
exit $status
