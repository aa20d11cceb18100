#!/usr/bin/env bash
# Shared by run.sh and test.sh: install Azurite (pinned, project-local) and start/stop it on 127.0.0.1.
# Usage (sourced): azurite_install; azurite_start DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT; azurite_stop_within SECONDS
# AZURITE_EXTRA_ARGS (optional) is appended to Azurite's command line, e.g. "--inMemoryPersistence".
AZURITE_VERSION="3.37.0"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AZURITE_DIR="$REPO_ROOT/.tools/azurite"
AZURITE_BIN="$AZURITE_DIR/node_modules/.bin/azurite"
AZURITE_PID=""

azurite_install() {
  if [[ -x "$AZURITE_BIN" ]] && grep -q "\"version\": \"$AZURITE_VERSION\"" "$AZURITE_DIR/node_modules/azurite/package.json" 2>/dev/null; then
    return 0
  fi
  echo "Installing Azurite $AZURITE_VERSION into .tools/azurite ..." >&2
  mkdir -p "$AZURITE_DIR"
  npm install --prefix "$AZURITE_DIR" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2
}

# Connection string for an Azurite on the given ports (the well-known public development key).
azurite_connection_string() {
  local blob=$1 queue=$2 table=$3
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
}

azurite_start() {
  local data=$1 blob=$2 queue=$3 table=$4
  local location=(--location "$data")
  [[ "${AZURITE_EXTRA_ARGS:-}" == *--inMemoryPersistence* ]] && location=()   # Azurite refuses a location then
  mkdir -p "$data"
  # --disableTelemetry: Azurite 3.37 otherwise collects telemetry and tries to send it out (these machines reach no such host).
  "$AZURITE_BIN" --silent --skipApiVersionCheck --loose --disableProductStyleUrl --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    "${location[@]+"${location[@]}"}" ${AZURITE_EXTRA_ARGS:-} >"$data/azurite.log" 2>&1 &
  AZURITE_PID=$!
  local i
  for i in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null \
       && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then
      # The ports answer; make sure it is this Azurite that answers, not another process already on them.
      sleep 0.2
      if kill -0 "$AZURITE_PID" 2>/dev/null; then
        return 0
      fi
      echo "Azurite exited (are ports $blob/$queue/$table taken?); log follows:" >&2; cat "$data/azurite.log" >&2; return 1
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "Azurite exited; log follows:" >&2; cat "$data/azurite.log" >&2; return 1
    fi
    sleep 0.1
  done
  echo "Azurite did not start on ports $blob/$queue/$table" >&2
  return 1
}


# Stops Azurite, bounded: Azurite 3.37 closes its listeners on SIGTERM yet may keep running once it
# has served requests, so a plain `kill; wait` can hang. Sends SIGTERM, waits up to $1 seconds (default 5),
# then SIGKILL.
azurite_stop_within() {
  local seconds=${1:-5} i
  if [[ -n "$AZURITE_PID" ]] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    for i in $(seq 1 $((seconds * 10))); do
      kill -0 "$AZURITE_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
  AZURITE_PID=""
}
