#!/usr/bin/env bash
# A cold `check` of the repository's own plan (energygate.yml), timed per phase with --timings:
# a fresh, empty cache (the built-in model is generated again), a fresh process, after the build
# and with the build servers shut down. Prints the wall time from outside and the --timings table.
#
#   bash benchmarks/cold-check.sh [TOOL.dll]     (default: builds src/EnergyGate.Tool, Release)
#
# Run it under the shared lock on the build VM so that no build runs beside it:
#   flock /tmp/eg-build.lock bash benchmarks/cold-check.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
tool="${1:-}"
if [[ -z "$tool" ]]; then
  dotnet build src/EnergyGate.Tool -c Release --nologo -v quiet >/dev/null
  tool="src/EnergyGate.Tool/bin/Release/net10.0/dotnet-energygate.dll"
fi
dotnet build-server shutdown >/dev/null 2>&1 || true
work="$(mktemp -d /tmp/energygate-cold-XXXXXX)"
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
set +e
ENERGYGATE_CACHE_DIR="$work/cache" dotnet "$tool" check --results-dir "$work/results" --timings \
  >"$work/stdout" 2>"$work/stderr"
code=$?
set -e
end=$(date +%s.%N)
echo "exit code $code (0 pass, 1 regression, 3 inconclusive), wall $(echo "$end - $start" | bc) s from outside the process"
sed -n '/^timings:/,$p' "$work/stderr"
