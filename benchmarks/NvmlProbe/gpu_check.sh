#!/usr/bin/env bash
# Idle vs loaded GPU power through NVML, on a GPU machine without .NET:
#   carry the published probe (dotnet publish benchmarks/NvmlProbe -c Release -r linux-x64
#   --self-contained -p:PublishTrimmed=true -o /tmp/nvmlprobe), then
#   PROBE=/tmp/nvmlprobe/NvmlProbe benchmarks/NvmlProbe/gpu_check.sh [idle_s=10] [load_s=15] [device=0]
# Prints mean watts from the energy counter (delta mJ / delta t) and from the power samples, idle and
# under a PyTorch matmul load, and exits non-zero when NVML is missing or the load did not raise power.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
probe="${PROBE:-/tmp/nvmlprobe/NvmlProbe}"
idle_s="${1:-10}"; load_s="${2:-15}"; device="${3:-0}"
out="$(mktemp -d)"; trap 'kill "${load_pid:-}" 2>/dev/null || true; rm -rf "$out"' EXIT

[ -x "$probe" ] || { echo "gpu_check: probe not found at $probe (set PROBE=)" >&2; exit 2; }

summarize() { # file label
  python3 - "$1" "$2" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
label = sys.argv[2]
if len(rows) < 2:
    sys.exit(f"{label}: too few samples")
e = [r for r in rows if r["energy_mj"] is not None]
energy_w = (e[-1]["energy_mj"] - e[0]["energy_mj"]) / 1000 / (e[-1]["t"] - e[0]["t"]) if len(e) >= 2 else None
p = [r["power_mw"] / 1000 for r in rows if r["power_mw"] is not None]
power_w = sum(p) / len(p) if p else None
fmt = lambda w: "n/a" if w is None else f"{w:.1f} W"
print(f"{label:>6}: from energy counter {fmt(energy_w)}, from power samples {fmt(power_w)} ({len(rows)} samples)")
print(json.dumps({"label": label, "energy_w": energy_w, "power_w": power_w}), file=open(sys.argv[1] + ".sum", "w"))
PY
}

echo "== device facts"
"$probe" 0 "$device" >/dev/null

echo "== idle ${idle_s} s"
"$probe" "$idle_s" "$device" >"$out/idle.jsonl" 2>/dev/null
summarize "$out/idle.jsonl" idle

echo "== loaded: PyTorch matmul on cuda:$device for ~$((load_s + 3)) s"
python3 - "$device" "$((load_s + 3))" >"$out/load.log" 2>&1 <<'PY' &
import sys, time, torch
dev = torch.device(f"cuda:{sys.argv[1]}")
dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32
a = torch.randn(8192, 8192, device=dev, dtype=dtype); b = torch.randn(8192, 8192, device=dev, dtype=dtype)
end = time.time() + float(sys.argv[2]); n = 0
while time.time() < end:
    for _ in range(20):
        c = a @ b
    torch.cuda.synchronize(); n += 20
print(f"{n} matmuls of 8192^2 in {dtype}")
PY
load_pid=$!
sleep 3 # let the load ramp up so the window sees steady power
"$probe" "$load_s" "$device" >"$out/load.jsonl" 2>/dev/null
summarize "$out/load.jsonl" loaded
wait "$load_pid" || { echo "gpu_check: the PyTorch load failed:" >&2; cat "$out/load.log" >&2; exit 5; }
cat "$out/load.log"

python3 - "$out/idle.jsonl.sum" "$out/load.jsonl.sum" <<'PY'
import json, sys
idle, load = (json.load(open(f)) for f in sys.argv[1:3])
key = "energy_w" if idle["energy_w"] is not None and load["energy_w"] is not None else "power_w"
print(f"loaded - idle = {load[key] - idle[key]:.1f} W ({key})")
sys.exit(0 if load[key] > idle[key] * 1.2 else 6)
PY
