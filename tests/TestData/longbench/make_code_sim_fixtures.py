#!/usr/bin/python3
"""Parity fixtures for EnergyGate's LongBench code_sim_score (lcc, repobench-p).

Truth is the real fuzzywuzzy 0.18 + python-Levenshtein + numpy, driven by the functions below, which
are copied verbatim from THUDM/LongBench (LongBench/metrics.py `code_sim_score`, LongBench/eval.py
`scorer` and `scorer_e`). Run with Debian's interpreter, where apt installs those packages:

    apt-get install -y python3-fuzzywuzzy python3-levenshtein python3-numpy
    /usr/bin/python3 tests/TestData/longbench/make_code_sim_fixtures.py

It rewrites code_sim_fixtures.json beside itself; the output is deterministic (fixed seed).
"""
import importlib.metadata
import json
import os
import random

import Levenshtein
import numpy as np
from fuzzywuzzy import fuzz
import fuzzywuzzy


# ---- verbatim from LongBench/metrics.py ----
def code_sim_score(prediction, ground_truth, **kwargs):
    all_lines = prediction.lstrip('\n').split('\n')
    prediction = ""
    for line in all_lines:
        if ('`' not in line) and ('#' not in line) and ('//' not in line):
            prediction = line
            break
    return (fuzz.ratio(prediction, ground_truth) / 100)


# ---- verbatim from LongBench/eval.py (dataset2metric narrowed to the two code datasets) ----
dataset2metric = {"lcc": code_sim_score, "repobench-p": code_sim_score}


def scorer_e(dataset, predictions, answers, lengths, all_classes):
    scores = {"0-4k": [], "4-8k": [], "8k+": []}
    for (prediction, ground_truths, length) in zip(predictions, answers, lengths):
        score = 0.
        if dataset in ["trec", "triviaqa", "samsum", "lsht"]:
            prediction = prediction.lstrip('\n').split('\n')[0]
        for ground_truth in ground_truths:
            score = max(score, dataset2metric[dataset](prediction, ground_truth, all_classes=all_classes))
        if length < 4000:
            scores["0-4k"].append(score)
        elif length < 8000:
            scores["4-8k"].append(score)
        else:
            scores["8k+"].append(score)
    for key in scores.keys():
        scores[key] = round(100 * np.mean(scores[key]), 2)
    return scores


def scorer(dataset, predictions, answers, all_classes):
    total_score = 0.
    for (prediction, ground_truths) in zip(predictions, answers):
        score = 0.
        if dataset in ["trec", "triviaqa", "samsum", "lsht"]:
            prediction = prediction.lstrip('\n').split('\n')[0]
        for ground_truth in ground_truths:
            score = max(score, dataset2metric[dataset](prediction, ground_truth, all_classes=all_classes))
        total_score += score
    return round(100 * total_score / len(predictions), 2)
# ---- end of verbatim code ----


CODE_LINES = [
    # Python
    "    return sorted(set(numbers))",
    "for i, value in enumerate(values):",
    "        self.assertEqual(result, expected)",
    "def forward(self, x: torch.Tensor) -> torch.Tensor:",
    "    if not isinstance(other, Vector):",
    "        raise ValueError(f\"bad value: {value!r}\")",
    "    return {k: v for k, v in items if v is not None}",
    "import numpy as np",
    "    with open(path, 'r', encoding='utf-8') as f:",
    "        logger.info('loaded %d rows', len(rows))",
    "    parser.add_argument('--model', type=str, default=None)",
    "            yield from self._walk(child)",
    "x = [i ** 2 for i in range(10) if i % 2 == 0]",
    "    url = 'http://example.com/a/b'",
    # Java
    "        for (int i = 0; i < n; i++) {",
    "    public static void main(String[] args) {",
    "        return this.name.equals(other.getName());",
    "        List<String> result = new ArrayList<>();",
    "    @Override",
    "        throw new IllegalArgumentException(\"index out of range\");",
    "        Map<String, Integer> counts = new HashMap<String, Integer>();",
    "    private final Logger log = LoggerFactory.getLogger(Foo.class);",
    "        } catch (IOException e) {",
    "            sb.append(c);",
    # C#
    "        public async Task<int> RunAsync(CancellationToken ct)",
    "            var items = source.Where(x => x.IsValid).ToList();",
    "        private readonly ILogger<Worker> _logger;",
    "            await using var stream = File.OpenRead(path);",
    "        public override string ToString() => $\"{Name} ({Id})\";",
    "            if (value is null) throw new ArgumentNullException(nameof(value));",
    "    internal sealed record Point(int X, int Y);",
    "            Console.WriteLine(string.Join(\", \", values));",
    # unicode
    "    naïve_café = 'crème brûlée'",
    "    name = 'cafe\u0301'",
    "    print('你好，世界')",
    "    变量 = 计算(输入)",
    "    emoji = '😀😃😄'",
    "    thumbs = '👍🏽'",
    "    family = '👨\u200d👩\u200d👧'",
    "        string s = \"Ünïcödé ✓\";",
    "    日本語のテキスト = \"テスト\"",
    "\tindented_with_tab = 1",
    "",
    " ",
]


def mutate(rng, line):
    """A plausible model prediction for `line`: a few character edits, or a different line."""
    kind = rng.randrange(8)
    chars = list(line)
    if kind == 0:
        return line
    if kind == 1:
        return rng.choice(CODE_LINES)
    alphabet = "abcdefxyz_()[]{};:.,=+-*<> \t0123456789éü你😀"
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(3)
        pos = rng.randint(0, len(chars))
        if op == 0 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif op == 1:
            chars.insert(pos, rng.choice(alphabet))
        elif chars:
            chars[min(pos, len(chars) - 1)] = rng.choice(alphabet)
    return "".join(chars)


def wrap(rng, first):
    """Surround the predicted line with what models emit: leading newlines, comments, fences."""
    prefix = rng.choice(["", "", "\n", "\n\n\n", "# comment\n", "// note\n", "```python\n",
                         "\n  # indented comment\n", "x = '#'\n", "`code`\n", "\r\n", " \n"])
    suffix = rng.choice(["", "\n", "\n    return x\n", "\n```", "\n// trailing"])
    return prefix + first + suffix


def samples(rng):
    rows = []
    # hand-picked edge cases first
    fixed = [
        ("", [""]),                              # fuzz.ratio('', '') == 100 (equivalence is checked first)
        ("", ["x = 1"]),                         # empty prediction
        ("x = 1", [""]),                         # empty answer
        ("\n\n\n", ["x = 1"]),                   # only newlines
        ("# a\n// b\n`c`", ["a"]),               # every line excluded -> ''
        ("# a\n// b\n`c`", [""]),                # ... which matches an empty answer exactly
        ("\n\nfoo(bar)\nbaz", ["foo(bar)"]),
        (" \nfoo(bar)", ["foo(bar)"]),           # lstrip('\n') only: ' ' is the first line
        ("\r\nfoo(bar)", ["foo(bar)"]),          # '\r' is not stripped
        ("foo(bar)\r\n", ["foo(bar)"]),          # '\r' stays on the line
        ("a / b\n", ["a / b"]),                  # one slash is allowed
        ("http://x\ny = 2", ["y = 2"]),          # '//' anywhere excludes the line
        ("s = 'C#'\nt = 1", ["t = 1"]),
        ("x = 1", []),                           # no answers -> 0
        ("x = 1", ["x = 2", "x = 1", "y"]),      # max over answers
        ("x = 1", ["zzz", "x = 11"]),
        ("abc", ["abd", "abc "]),
        ("é", ["e\u0301"]),                      # precomposed vs combining: different code points
        ("😀", ["😃"]),                           # astral code points count once each
        ("😀a", ["😀b"]),
        ("👍🏽", ["👍"]),
        ("你好世界", ["你好"]),
        ("\tx", ["    x"]),
    ]
    for pred, answers in fixed:
        rows.append((pred, answers))
    # rounding: lengths whose exact ratio is a half (e.g. 2 * 1 / 80 -> 2.5), and their neighbours
    for total in range(2, 201):
        for common in range(1, total // 2 + 1):
            # 100 * 2 * common / total is exactly k + 0.5 as a rational; 40 and 80 get every neighbour too
            half = (400 * common) % total == 0 and (400 * common // total) % 2 == 1
            if half or total in (40, 80):
                for la in sorted({common, total // 2, total - common}):
                    lb = total - la
                    if la < common or lb < common:
                        continue
                    a = "c" * common + "a" * (la - common)
                    b = "b" * (lb - common) + "c" * common
                    rows.append((a, [b]))
    # realistic predictions
    for _ in range(300):
        truth = rng.choice(CODE_LINES)
        pred = wrap(rng, mutate(rng, truth))
        answers = [truth]
        if rng.random() < 0.2:
            answers.append(mutate(rng, truth))
        if rng.random() < 0.05:
            answers = []
        rows.append((pred, answers))
    return rows


def length_for(rng, i):
    boundaries = [0, 3999, 4000, 7999, 8000, 31999]
    if i < len(boundaries):
        return boundaries[i]
    return rng.choice([rng.randint(0, 3999), rng.randint(0, 3999), rng.randint(4000, 7999), rng.randint(8000, 40000)])


def nan_to_none(scores):
    return {k: (None if v != v else float(v)) for k, v in scores.items()}


def main():
    rng = random.Random(20240611)
    rows = samples(rng)
    records = []
    for i, (pred, answers) in enumerate(rows):
        length = length_for(rng, i)
        score = 0.
        for gt in answers:
            score = max(score, code_sim_score(pred, gt))
        records.append({"pred": pred, "answers": answers, "length": length, "score": score})

    ratios = []
    for i in range(400):
        a = rng.choice(CODE_LINES)
        b = mutate(rng, a) if i % 3 else rng.choice(CODE_LINES)
        ratios.append({"a": a, "b": b, "ratio": fuzz.ratio(a, b)})

    def aggregate(subset):
        preds = [r["pred"] for r in subset]
        answers = [r["answers"] for r in subset]
        lengths = [r["length"] for r in subset]
        return {
            "count": len(subset),
            "task_score": scorer("lcc", preds, answers, None),
            "e_scores": nan_to_none(scorer_e("lcc", preds, answers, lengths, None)),
        }

    # task scores over prefixes of the samples (sizes straddle numpy's 8-wide unroll and 128 block)
    sizes = [1, 2, 3, 7, 8, 9, 16, 17, 100, 127, 128, 129, 200, 255, 256, 257, len(records)]
    tasks = [aggregate(records[:n]) for n in sizes if n <= len(records)]

    # aggregation alone, on random per-sample scores (k / 100): the exact float sums (numpy's pairwise
    # np.mean for LongBench-E, Python's left-to-right sum for the plain score) and both roundings
    sums = []
    for n in [5, 9, 130, 300, 1000, 3000]:
        scores = [rng.randint(0, 100) / 100 for _ in range(n)]
        lengths = [rng.randint(0, 12000) for _ in range(n)]
        total = 0.
        buckets = {"0-4k": [], "4-8k": [], "8k+": []}
        for s, length in zip(scores, lengths):
            total += s
            buckets["0-4k" if length < 4000 else "4-8k" if length < 8000 else "8k+"].append(s)
        sums.append({
            "scores": scores,
            "lengths": lengths,
            "python_sum": total,
            "numpy_sum": float(np.sum(scores)),
            "numpy_mean": float(np.mean(scores)),
            "task_score": round(100 * total / len(scores), 2),
            "e_scores": nan_to_none({k: round(100 * np.mean(v), 2) for k, v in buckets.items()}),
        })

    # the two roundings LongBench applies: Python's round(float, 2) (correctly rounded, scorer) and
    # numpy's (x * 100, rint, / 100; scorer_e rounds an np.float64); they disagree on e.g. 48.185
    roundings = []
    for x in [48.185, 15.945, 44.825, 0.125, 0.375, 2.675, 1.005, 0.0, 100.0]:
        roundings.append({"x": x, "python": round(x, 2), "numpy": float(round(np.float64(x), 2))})
    for i in range(600):
        x = rng.randint(0, 1000000) / 10000 + rng.choice([0, 0.00005, 0.000049999, 0.005, 0.0050001])
        if i % 5 == 0:
            x = rng.randint(0, 100000) / 1000 + 0.005
        roundings.append({"x": x, "python": round(x, 2), "numpy": float(round(np.float64(x), 2))})

    out = {
        "about": "made by make_code_sim_fixtures.py with the real fuzzywuzzy; see README.md",
        "versions": {
            "fuzzywuzzy": fuzzywuzzy.__version__,
            "python-Levenshtein": importlib.metadata.version("python-Levenshtein"),
            "numpy": np.__version__,
        },
        "samples": records,
        "ratios": ratios,
        "tasks": tasks,
        "aggregates": sums,
        "roundings": roundings,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "code_sim_fixtures.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    differ = sum(r["python"] != r["numpy"] for r in roundings)
    pairwise = sum(a["python_sum"] != a["numpy_sum"] for a in sums)
    print(f"{len(records)} samples, {len(ratios)} ratios, {len(tasks)} tasks, {len(sums)} aggregates "
          f"({pairwise} where pairwise != sequential), {len(roundings)} roundings ({differ} where the two differ) -> {path}")


if __name__ == "__main__":
    main()
