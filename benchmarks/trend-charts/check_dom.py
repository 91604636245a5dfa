#!/usr/bin/env python3
"""Checks trend charts as Chromium rendered them and screenshots them (called by render.sh; Python 3 standard library only).

For each page: (1) in the DOM Chromium dumped (--dump-dom), every <svg class="trend-chart"> has a
size, drawn content and the expected number of <circle class="trend-point"> elements, of which the
expected number carry the class "current"; (2) in a copy of the page with a measuring script
appended (the published pages carry no script), Chromium lays every chart out with a non-zero box and
every point with a non-zero box; (3) a screenshot of the whole page (the window as tall as the page) is
saved as --shot. Exits 1 and lists every failure otherwise.

--points N: every chart has N points; --points 12x12,8x8: 12 charts of 12 points and 8 of 8.
With --markdown REPORT.md --mermaid-js mermaid.min.js, also renders the report's Mermaid blocks with
that Mermaid build and checks each became an SVG without a syntax error (GitHub renders them the same way).
"""
import argparse
import collections
import html.parser
import html as html_text
import json
import pathlib
import re
import subprocess
import sys

MEASURE = """<script>
const charts = [...document.querySelectorAll('svg.trend-chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const points = [...svg.querySelectorAll('circle.trend-point')].map(c => c.getBoundingClientRect());
  return { chart: svg.dataset.cell + ' ' + svg.dataset.metric, width: box.width, height: box.height,
           points: points.length, drawn: points.filter(b => b.width > 0 && b.height > 0).length,
           current: svg.querySelectorAll('circle.trend-point.current').length };
});
const out = document.createElement('pre');
out.id = 'render-check';
out.textContent = JSON.stringify({ height: document.documentElement.scrollHeight, charts });
document.body.appendChild(out);
</script>
"""


class Charts(html.parser.HTMLParser):
    """Collects each trend chart's attributes, point classes and number of drawn elements."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict] = []
        self.depth = 0
        self.pre = None
        self.pre_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "svg" and "trend-chart" in classes:
            self.charts.append({"chart": f"{a.get('data-cell')} {a.get('data-metric')}", "width": a.get("width"),
                                "height": a.get("height"), "points": 0, "current": 0, "elements": 0, "line": ""})
            self.depth = 1
            return
        if tag == "pre" and a.get("id") == "render-check":
            self.pre = True
        if self.depth:
            chart = self.charts[-1]
            chart["elements"] += 1
            if tag == "circle" and "trend-point" in classes:
                chart["points"] += 1
                chart["current"] += "current" in classes
            if tag == "polyline" and "trend-line" in classes:
                chart["line"] = a.get("points") or ""
            if tag == "svg":
                self.depth += 1

    def handle_endtag(self, tag):
        if tag == "svg" and self.depth:
            self.depth -= 1
        if tag == "pre":
            self.pre = None

    def handle_data(self, data):
        if self.pre:
            self.pre_text += data


def expected_counts(spec: str, charts: int) -> collections.Counter:
    if "x" not in spec:
        return collections.Counter({int(spec): charts})
    counts = collections.Counter()
    for part in spec.split(","):
        n, points = part.split("x")
        counts[int(points)] += int(n)
    return counts


def chromium_run(chromium: str, *args: str) -> str:
    # --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
    return subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
                          capture_output=True, text=True, timeout=180, check=False).stdout


def check(chromium: str, page: pathlib.Path, dom: pathlib.Path, charts: int, points: str, current: int, shot: pathlib.Path) -> list[str]:
    failures = []
    parsed = Charts()
    parsed.feed(dom.read_text(encoding="utf-8"))
    found = parsed.charts
    if len(found) != charts:
        failures.append(f"{dom}: {len(found)} trend charts, expected {charts}")
    for c in found:
        if not (float(c["width"] or 0) > 0 and float(c["height"] or 0) > 0 and c["elements"] > c["points"] and c["line"]):
            failures.append(f"{dom}: chart {c['chart']} is empty (size {c['width']}x{c['height']}, {c['elements']} elements)")
        if c["current"] != current:
            failures.append(f"{dom}: chart {c['chart']} marks {c['current']} points current, expected {current}")
    got = collections.Counter(c["points"] for c in found)
    if got != expected_counts(points, charts):
        failures.append(f"{dom}: points per chart {dict(got)}, expected {dict(expected_counts(points, charts))}")

    # Layout: a copy with a measuring script, so the published page itself stays script-free.
    probe = page.with_suffix(".check.html")
    text = page.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dumped = chromium_run(chromium, "--window-size=1100,2400", "--dump-dom", probe.as_uri())
    measured = Charts()
    measured.feed(dumped)
    try:
        report = json.loads(measured.pre_text)
    except json.JSONDecodeError:
        return failures + [f"{probe}: Chromium ran no measuring script (dump: {dumped[:200]!r})"]
    boxes = report["charts"]
    if len(boxes) != charts:
        failures.append(f"{probe}: Chromium laid out {len(boxes)} charts, expected {charts}")
    for b in boxes:
        if not (b["width"] > 0 and b["height"] > 0):
            failures.append(f"{probe}: chart {b['chart']} rendered {b['width']}x{b['height']}")
        if b["drawn"] != b["points"]:
            failures.append(f"{probe}: chart {b['chart']} drew {b['drawn']} of {b['points']} points")
    shot.unlink(missing_ok=True)
    chromium_run(chromium, f"--window-size=1100,{min(int(report['height']) + 40, 30000)}", f"--screenshot={shot}", page.as_uri())
    if not shot.exists() or shot.stat().st_size == 0:
        failures.append(f"{shot}: Chromium wrote no screenshot")
    print(f"{page.name}: {len(found)} charts, {sum(c['points'] for c in found)} points "
          f"({', '.join(f'{n} charts of {p}' for p, n in sorted(got.items()))}), {sum(c['current'] for c in found)} current; "
          f"laid out {len(boxes)} charts, {sum(b['drawn'] for b in boxes)} points drawn")
    return failures


def check_mermaid(chromium: str, markdown: pathlib.Path, mermaid_js: pathlib.Path, out: pathlib.Path) -> list[str]:
    blocks = re.findall(r"```mermaid\n(.*?)```", markdown.read_text(encoding="utf-8"), re.S)
    if not blocks:
        return [f"{markdown}: no Mermaid block"]
    charts = "\n".join(f'<pre class="mermaid">{html_text.escape(b)}</pre>' for b in blocks)
    out.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><script src="{mermaid_js.resolve().as_uri()}"></script></head>
<body style="width:800px">{charts}
<script>
mermaid.initialize({{ startOnLoad: false }});
const done = text => {{ const o = document.createElement('pre'); o.id = 'render-check'; o.textContent = text; document.body.appendChild(o); }};
mermaid.run({{ querySelector: '.mermaid' }})
  .then(() => done(JSON.stringify({{ svgs: document.querySelectorAll('pre.mermaid svg').length, errors: document.querySelectorAll('.error-icon, .error-text').length }})))
  .catch(e => done(JSON.stringify({{ svgs: 0, errors: -1, message: String(e && (e.message || e.str) || e) }})));
</script></body></html>""", encoding="utf-8")
    dumped = chromium_run(chromium, "--allow-file-access-from-files", "--virtual-time-budget=15000", "--dump-dom", out.as_uri())
    parsed = Charts()
    parsed.feed(dumped)
    try:
        result = json.loads(parsed.pre_text)
    except json.JSONDecodeError:
        return [f"{out}: Mermaid did not run (dump: {dumped[:200]!r})"]
    print(f"{markdown.name}: {len(blocks)} Mermaid charts, {result['svgs']} rendered, {max(result['errors'], 0)} errors")
    if result["svgs"] != len(blocks) or result["errors"] != 0:
        return [f"{markdown}: Mermaid rendered {result['svgs']} of {len(blocks)} charts ({result.get('message', str(result['errors']) + ' errors')})"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--page", action="append", required=True, type=pathlib.Path)
    parser.add_argument("--dom", action="append", required=True, type=pathlib.Path)
    parser.add_argument("--charts", action="append", required=True, type=int)
    parser.add_argument("--points", action="append", required=True)
    parser.add_argument("--current", action="append", required=True, type=int)
    parser.add_argument("--shot", action="append", required=True, type=pathlib.Path)
    parser.add_argument("--markdown", type=pathlib.Path)
    parser.add_argument("--mermaid-js", type=pathlib.Path)
    args = parser.parse_args()
    failures = []
    for page, dom, charts, points, current, shot in zip(args.page, args.dom, args.charts, args.points, args.current, args.shot, strict=True):
        failures += check(args.chromium, page, dom, charts, points, current, shot)
    if args.markdown and args.mermaid_js:
        failures += check_mermaid(args.chromium, args.markdown, args.mermaid_js, args.markdown.with_suffix(".mermaid.html"))
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    print("trend charts: all checks passed" if not failures else f"trend charts: {len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
