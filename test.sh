#!/usr/bin/env bash
# Runs every test: restores, builds (warnings are errors), installs and starts what the tests need
# (Azurite; Chromium for the browser tests), runs all test projects, stops what it started,
# and ends by printing one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

RESULTS="$PWD/TestResults"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

# Browser for the end-to-end page tests (Debian packages; needs root or sudo the first time).
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
  echo "Installing chromium and chromium-driver with apt ..." >&2
  ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null) \
    || echo "warning: could not install chromium; browser tests will fail" >&2
fi

azurite_install
DATA="$(mktemp -d -t cosell-azurite-XXXXXX)"
cleanup() { azurite_stop_within 3; rm -rf "$DATA"; }
trap cleanup EXIT INT TERM
# Test ports differ from run.sh's (10000-10002) so tests never touch a developer's local data.
azurite_start "$DATA" 10100 10101 10102
export COSELL_TEST_STORAGE="$(azurite_connection_string 10100 10101 10102)"

dotnet build CoSellFunctions.sln -c Release -warnaserror -nologo -v q

set +e
dotnet test CoSellFunctions.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@"
status=$?
set -e

passed=0; failed=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then exit 1; fi
