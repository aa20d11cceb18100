#!/usr/bin/env bash
# Runs the benchmarks against a private Azurite and writes results JSON under bench/results/ (git-ignored).
# Usage: bench/run.sh [review|reeval|waiting|all] [--n 1,100,300] [--offers 10000] [--orgs 2000]
#                     [--waiting 1000] [--hold 60] [--idle-probe 60] [--no-shape] [--set "Key=Value;Key=Value"] [--azurite-in-memory]
# Ports: BENCH_AZURITE_PORTS="11010 11011 11012" (blob queue table) by default. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh

read -r BLOB QUEUE TABLE <<<"${BENCH_AZURITE_PORTS:-11010 11011 11012}"
WORKLOAD="${1:-all}"; [[ $# -gt 0 ]] && shift
# --azurite-in-memory: Azurite keeps its data in memory only (no LokiJS snapshot of every table rewritten to disk every 5 s).
ARGS=()
export COSELL_BENCH_AZURITE_MODE="disk"
for arg in "$@"; do
  if [[ "$arg" == "--azurite-in-memory" ]]; then AZURITE_EXTRA_ARGS="--inMemoryPersistence"; COSELL_BENCH_AZURITE_MODE="memory"; else ARGS+=("$arg"); fi
done
set -- "${ARGS[@]+"${ARGS[@]}"}"

azurite_install
DATA="$(mktemp -d -t cosell-bench-azurite-XXXXXX)"
cleanup() { azurite_stop_within 3; rm -rf "$DATA"; }
trap cleanup EXIT INT TERM
azurite_start "$DATA" "$BLOB" "$QUEUE" "$TABLE"
export COSELL_BENCH_STORAGE="$(azurite_connection_string "$BLOB" "$QUEUE" "$TABLE")"
export COSELL_BENCH_AZURITE_PID="$AZURITE_PID"   # the runs report Azurite's CPU time beside their own

dotnet build bench/CoSell.Benchmarks -c Release -nologo -v q
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p bench/results
dotnet bench/CoSell.Benchmarks/bin/Release/net10.0/CoSell.Benchmarks.dll "$WORKLOAD" --out bench/results "$@"
