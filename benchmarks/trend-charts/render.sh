#!/usr/bin/env bash
# Renders EnergyGate's trend charts in headless Chromium and checks them (docs/history.md, benchmarks/README.md).
#
# Builds a sample history with the real tool from synthetic results files (synth_results.py: chosen
# numbers, nothing measured), writes the HTML report of a gated run with --history and the static
# history.html, opens both in headless Chromium, saves screenshots and the rendered DOM under
# artifacts/trend-charts/ (git-ignored), and checks that every chart rendered as a non-empty SVG with
# the expected number of points (check_dom.py). Exits non-zero when a check fails.
#
# Usage: benchmarks/trend-charts/render.sh            (from anywhere in the repository)
#        MERMAID_JS=/path/to/mermaid.min.js benchmarks/trend-charts/render.sh
#          also renders the Markdown report's Mermaid charts with that Mermaid build and checks them
#          (get one with: npm pack mermaid@11 && tar xzf mermaid-*.tgz; then package/dist/mermaid.min.js).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/trend-charts"
out="$root/artifacts/trend-charts"

chromium=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then chromium="$(command -v "$candidate")"; break; fi
done
if [[ -z "$chromium" ]]; then
  echo "render.sh: no Chromium found. Install Debian's headless-capable build with: sudo apt-get install -y chromium" >&2
  exit 2
fi

echo "Building the tool (Release)..."
dotnet build "$root/src/EnergyGate.Tool" -c Release -v quiet -nologo >/dev/null
tool=(dotnet "$root/src/EnergyGate.Tool/bin/Release/net10.0/dotnet-energygate.dll")

rm -rf "$out"
mkdir -p "$out/work"
cd "$out/work"
cat > energygate.yml <<'YML'
version: 1
machine-class: ci-2core
models:
  - name: tiny
    source: builtin:tiny
runtimes:
  - runtime: onnx
    provider: cpu
suites:
  - name: smoke
YML

synth() { python3 "$here/synth_results.py" "$@"; }

# The baseline: three runs at energy levels 0.99, 1.00 and 1.01 on ci-2core, 3 cells (gate.baseline-runs keeps 5).
for level in 0.99 1.00 1.01; do
  synth "base-$level.jsonl" --cells 3 --scale "$level" --started 2025-05-01T09:00:00Z
  "${tool[@]}" baseline update --results "base-$level.jsonl" --baselines baselines --config energygate.yml >/dev/null
done

# 12 runs on the default branch: a slow drift up, one spike (run 7), then a fix.
levels=(1.00 0.99 1.01 1.02 1.01 1.03 1.04 1.16 1.03 1.02 1.01 1.02)
for i in "${!levels[@]}"; do
  day=$(printf '%02d' $((i + 2)))
  synth "run$i.jsonl" --cells 3 --scale "${levels[$i]}" --started "2025-05-${day}T09:00:00Z"
  "${tool[@]}" history append --history history --results "run$i.jsonl" --commit "$(printf '%07x' $((0xa11ce00 + i)))0000" \
    --baselines baselines --config energygate.yml >/dev/null
done

# A second machine class with 8 runs of 2 cells; its baselines are ci-2core's, so its verdicts read incomparable.
for i in $(seq 0 7); do
  synth "arm$i.jsonl" --cells 2 --scale "$(python3 -c "print(1 + 0.02 * ($i % 3))")" --started "2025-05-1${i}T12:00:00Z" --cpu "Synthetic ARM"
  "${tool[@]}" history append --history history --results "arm$i.jsonl" --commit "$(printf '%07x' $((0xb0b0000 + i)))0000" \
    --machine-class arm-runner --config energygate.yml >/dev/null
done

# The pull request under review: +18 % on every cell, gated with trends.
synth head.jsonl --cells 3 --scale 1.18 --started 2025-05-20T09:00:00Z
set +e
GITHUB_SHA=feedbeef00000000 "${tool[@]}" check --results head.jsonl --baselines baselines --config energygate.yml \
  --history history --report "$out/report.md" --html "$out/report.html" --no-step-summary >"$out/check.log"
rc=$?
set -e
if [[ $rc -ne 0 && $rc -ne 1 && $rc -ne 3 ]]; then
  cat "$out/check.log" >&2
  echo "render.sh: check failed with exit code $rc" >&2
  exit 1
fi
"${tool[@]}" history page --history history --out "$out/history.html" --config energygate.yml >/dev/null
"${tool[@]}" history show --history history --config energygate.yml >"$out/history-show.txt"

dump() { "$chromium" --headless --no-sandbox --disable-gpu --dump-dom "file://$1" 2>/dev/null >"$2"; }
dump "$out/report.html" "$out/report.dom.html"
dump "$out/history.html" "$out/history.dom.html"
# The trends section alone, cut from the report, for a screenshot one can read at a glance.
python3 - "$out/report.html" "$out/report-trends.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
start = page.index('<h2 id="trends">')
following = page.find("<h2", start + 1)
end = following if following > 0 else page.index("</body>")
open(sys.argv[2], "w", encoding="utf-8").write(page[:page.index("<body>") + 6] + page[start:end] + "</body>\n</html>\n")
PY
dump "$out/report-trends.html" "$out/report-trends.dom.html"

# 3 cells x 4 gated metrics, 12 recorded runs + this run; the page: 12 charts of 12 runs, 8 of 8.
python3 "$here/check_dom.py" --chromium "$chromium" \
  --page "$out/report.html" --dom "$out/report.dom.html" --charts 12 --points 13 --current 1 --shot "$out/report.png" \
  --page "$out/report-trends.html" --dom "$out/report-trends.dom.html" --charts 12 --points 13 --current 1 --shot "$out/report-trends.png" \
  --page "$out/history.html" --dom "$out/history.dom.html" --charts 20 --points 12x12,8x8 --current 0 --shot "$out/history.png" \
  ${MERMAID_JS:+--markdown "$out/report.md" --mermaid-js "$MERMAID_JS"}
echo "Screenshots: $out/report.png, $out/report-trends.png, $out/history.png; rendered DOM: $out/*.dom.html"
