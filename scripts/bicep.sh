#!/usr/bin/env bash
# Compiles and lints the infrastructure: `bicep build` and `bicep lint` on infra/main.bicep, failing on any warning
# or error. The bicep binary comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (version pinned in
# Directory.Packages.props), restored through a throwaway project under .tools/ (git-ignored); no az CLI needed.
# Usage: scripts/bicep.sh            (prints the compiled ARM template path and "bicep: OK")
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

TOOLS_DIR="$REPO_ROOT/.tools/bicep"
OUT_DIR="$REPO_ROOT/.tools/bicep/out"
mkdir -p "$TOOLS_DIR" "$OUT_DIR"

# The package's build props define $(BicepPath); a project that references it can tell us where the binary is.
cat >"$TOOLS_DIR/BicepTool.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Azure.Bicep.CommandLine.linux-x64" />
  </ItemGroup>
</Project>
XML

dotnet restore "$TOOLS_DIR/BicepTool.csproj" -nologo -v q >/dev/null
BICEP="$(dotnet msbuild "$TOOLS_DIR/BicepTool.csproj" -nologo -getProperty:BicepPath | tr -d '\r')"
BICEP="${BICEP//\\//}"
if [[ ! -f "$BICEP" ]]; then
  echo "bicep binary not found (BicepPath='$BICEP')" >&2
  exit 1
fi
[[ -x "$BICEP" ]] || chmod u+x "$BICEP"
echo "Using $("$BICEP" --version)"

status=0
run() {
  local label=$1; shift
  local log
  set +e
  log="$("$@" 2>&1)"
  local rc=$?
  set -e
  [[ -n "$log" ]] && printf '%s\n' "$log"
  # bicep prints diagnostics as "<file>(line,col) : Warning|Error <code>: <message>".
  if [[ $rc -ne 0 ]] || grep -Eq ': (Warning|Error) ' <<<"$log"; then
    echo "bicep $label: FAILED" >&2
    status=1
  fi
}

run build "$BICEP" build infra/main.bicep --outfile "$OUT_DIR/main.json"
run lint "$BICEP" lint infra/main.bicep
shopt -s nullglob
for module in infra/modules/*.bicep; do
  run "lint $module" "$BICEP" lint "$module"
done

# azd fills infra/main.parameters.json; bicep does not read it, so check it against the compiled template:
# every listed parameter exists, and every parameter without a default is listed.
if [[ $status -eq 0 ]]; then
  if ! node -e '
    const fs = require("fs");
    const template = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).parameters;
    const given = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).parameters;
    const unknown = Object.keys(given).filter(name => !(name in template));
    const missing = Object.keys(template).filter(name => !("defaultValue" in template[name]) && !(name in given));
    for (const name of unknown) console.error(`main.parameters.json: Error unknown parameter "${name}"`);
    for (const name of missing) console.error(`main.parameters.json: Error required parameter "${name}" is not set`);
    process.exit(unknown.length + missing.length === 0 ? 0 : 1);
  ' "$OUT_DIR/main.json" infra/main.parameters.json; then
    echo "bicep parameters: FAILED" >&2
    status=1
  fi
fi

if [[ $status -ne 0 ]]; then
  exit 1
fi
echo "ARM template: $OUT_DIR/main.json"
echo "bicep: OK"
