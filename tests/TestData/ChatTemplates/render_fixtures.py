#!/usr/bin/env python3
"""Renders each chat template in this folder with jinja2 configured the way Hugging Face
transformers configures it, and stores the expected strings as fixtures (expected/*.txt).

The settings are copied from transformers' src/transformers/utils/chat_template_utils.py,
_compile_jinja_template: ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
extensions=[AssistantTracker, jinja2.ext.loopcontrols]); filters["tojson"] = json.dumps with
ensure_ascii=False and the given indent/separators/sort_keys; globals raise_exception and
strftime_now. keep_trailing_newline stays jinja2's default (False).

strftime_now is pinned to FIXED_NOW so the fixtures do not depend on the day they were made;
the C# tests inject the same clock. Run: python3 render_fixtures.py (jinja2 3.1.x).
"""
import datetime
import json
import os

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXED_NOW = datetime.datetime(2024, 9, 3, 14, 5, 9)
HERE = os.path.dirname(os.path.abspath(__file__))

# family file -> (bos_token, eos_token) as in each model's tokenizer_config.json
TEMPLATES = {
    "qwen2.5-instruct": ("", "<|im_end|>"),
    "llama3-instruct": ("<|begin_of_text|>", "<|eot_id|>"),
    "llama3.2-instruct": ("<|begin_of_text|>", "<|eot_id|>"),
    "deepseek-coder-instruct": ("<｜begin▁of▁sentence｜>", "<|EOT|>"),
    "codellama-instruct": ("<s>", "</s>"),
}

PROMPT = 'def add(a, b):\n    """Return the sum of a and b.\n    >>> add(1, 2)\n    3\n    """\n'
CONVERSATIONS = {
    "system-user": [
        {"role": "system", "content": "You are a careful Python programmer."},
        {"role": "user", "content": PROMPT},
    ],
    "user-only": [{"role": "user", "content": "  Write a function that reverses a string, café ✓.  "}],
    "multi-turn": [
        {"role": "user", "content": "Hello"},
        {"role": "assistant", "content": "  Hi there  "},
        {"role": "user", "content": "Who are you?"},
    ],
    "system-multi-turn": [
        {"role": "system", "content": "Answer briefly."},
        {"role": "user", "content": "What is 2+2?"},
        {"role": "assistant", "content": "4"},
        {"role": "user", "content": "And 3+3?"},
    ],
}


# Small templates, one feature each, rendered by jinja2 so the renderer's unit tests compare with the
# real thing rather than with what we believe jinja2 does.
FEATURES = {
    "whitespace-trim-lstrip": ("a\n  {% if true %}\n    x\n  {% endif %}\nb\n{# note #}\nc\n", {}),
    "whitespace-dash": ("a   {{- ' b ' -}}   c\n  {%- if true -%}  d  {%- endif %}\n e", {}),
    "whitespace-plus": ("a\n  {%+ if true %}x{% endif %}\n", {}),
    "trailing-newline": ("line\n", {}),
    "variable-no-trim": ("{{ 'x' }}\ny\n", {}),
    "if-elif-else": ("{% for n in [1, 2, 3] %}{% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %},{% endfor %}", {}),
    "loop-variables": ("{% for x in items %}{{ loop.index0 }}/{{ loop.index }}/{{ loop.length }}/{{ loop.first }}/{{ loop.last }}/{{ loop.revindex }} {% endfor %}", {"items": ["a", "b", "c"]}),
    "loop-filter-else": ("{% for x in items if x > 1 %}{{ x }}:{{ loop.index }} {% else %}none{% endfor %}|{% for x in [] %}x{% else %}empty{% endfor %}", {"items": [1, 2, 3]}),
    "loop-break-continue": ("{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 5 %}{% break %}{% endif %}{{ x }}{% endfor %}", {}),
    "loop-unpack-items": ("{% for k, v in d | items %}{{ k }}={{ v }};{% endfor %}{% for k, v in d.items() %}{{ k }}{% endfor %}", {"d": {"b": 1, "a": 2}}),
    "loop-scope": ("{% set x = 'outer' %}{% for i in [1] %}{% set x = 'inner' %}{{ x }}{% endfor %} {{ x }}", {}),
    "namespace": ("{% set ns = namespace(found=false, n=0) %}{% for m in ms %}{% if m == 'b' %}{% set ns.found = true %}{% endif %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.found }} {{ ns.n }}", {"ms": ["a", "b"]}),
    "literals": ("{{ 'a' \"b\" }} {{ 42 }} {{ 1.5 }} {{ true }} {{ none }} {{ [1, 'x', none] }} {{ {'k': 'v', 'n': 1} }} {{ 1.0 if false else 2.0 }}", {}),
    "string-escapes": ("{{ 'tab\\tnl\\nq\\'dq\\\"bs\\\\' }}|{{ \"\\u00e9\" }}", {}),
    "arithmetic": ("{{ 7 + 3 }} {{ 7 - 10 }} {{ 7 * 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 'ab' * 3 }} {{ 1 + 2.5 }} {{ 'a' ~ 1 ~ none }}", {}),
    "comparisons": ("{{ 1 == 1.0 }} {{ 1 == true }} {{ 'a' != 'b' }} {{ 2 < 3 }} {{ 'b' >= 'a' }} {{ 'x' in 'xyz' }} {{ 3 not in [1, 2] }} {{ 'k' in {'k': 1} }}", {}),
    "logic": ("{{ true and 'yes' }} {{ false or 'fallback' }} {{ not none }} {{ '' or 0 }} {{ 'x' if 1 > 2 else 'y' }}", {}),
    "precedence": ("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ '  a ' | trim + 'b' }} {{ not 1 == 2 }} {{ 'a' ~ (1 + 2) }} {{ -2 ** 2 }}", {}),
    "attribute-item-access": ("{{ m.role }} {{ m['content'] }} {{ m.missing }}|{{ items[0] }} {{ items[-1] }} {{ items[5] }}|{{ m.get('role') }} {{ m.get('x', 'dflt') }}", {"m": {"role": "user", "content": "hi"}, "items": [1, 2, 3]}),
    "slices": ("{{ items[1:] }} {{ items[:2] }} {{ items[::-1] }} {{ items[-2:] }} {{ 'hello'[1:3] }} {{ 'hello'[::-1] }}", {"items": [1, 2, 3, 4]}),
    "tests": ("{{ x is defined }} {{ y is defined }} {{ y is undefined }} {{ n is none }} {{ x is string }} {{ 3 is number }} {{ d is mapping }} {{ items is iterable }} {{ x is not none }} {{ 4 is even }} {{ 3 is odd }} {{ 6 is divisibleby 3 }} {{ 'a' is in 'abc' }}", {"x": "s", "n": None, "d": {}, "items": []}),
    "undefined-behaviour": ("[{{ missing }}] {{ missing is defined }} {{ missing | default('d') }} {{ '' | default('e', true) }} {% for x in missing %}x{% endfor %}{{ missing | length }} {{ missing == missing }}", {}),
    "filters": ("{{ '  pad  ' | trim }}|{{ 'xxhixx' | trim('x') }}|{{ [1, 2] | length }}|{{ 'héllo' | length }}|{{ 'Ab' | upper }}{{ 'Ab' | lower }}|{{ ['a', 'b'] | join(', ') }}|{{ [1, 2] | join }}|{{ 5 | string }}|{{ [3, 4] | first }}{{ [3, 4] | last }}|{{ 'hello world' | capitalize }}|{{ 'a-b' | replace('-', '+') }}|{{ '12' | int + 1 }}|{{ [1, 2] | reverse | list }}", {}),
    "select-reject-map": ("{{ ms | selectattr('role', 'equalto', 'user') | map(attribute='content') | join(',') }}|{{ ms | rejectattr('role', 'equalto', 'user') | list | length }}|{{ ms | selectattr('tool') | list | length }}", {"ms": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "tool": True}, {"role": "user", "content": "c"}]}),
    "tojson": ("{{ v | tojson }}\n{{ v | tojson(indent=2) }}\n{{ 'é\"\\n' | tojson }}\n{{ [] | tojson(indent=4) }} {{ {} | tojson }} {{ 1.5 | tojson }} {{ none | tojson }}\n{{ v | tojson(separators=(',', ':')) }}\n{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}", {"v": {"name": "f", "args": [1, True, None, "ü"], "nested": {"x": []}}}),
    "string-methods": ("{{ '  a b  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '  a'.lstrip() }}|{{ 'a  '.rstrip() }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a,b,c'.split(',', 1) }}|{{ 'hello'.startswith('he') }}|{{ 'hello'.endswith(('x', 'lo')) }}|{{ 'aaa'.replace('a', 'b', 2) }}|{{ 'Hi'.upper() }}{{ 'Hi'.lower() }}", {}),
    "strftime-now": ("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M:%S %A %B %j') }}", {}),
    "output-python-str": ("{{ [1, 'a', none, true, 2.0] }} {{ {'a': [1]} }} {{ \"it's\" }} {{ [\"it's\"] }} {{ 1.0 / 3 }} {{ 10 / 5 }}", {}),
}


# Tool use (Qwen2.5 and Llama 3.2 render `tools` and assistant tool calls; tojson with indent).
TOOLS_CASE = {
    "families": ["qwen2.5-instruct", "llama3.2-instruct"],
    "tools": [{"type": "function", "function": {"name": "run_tests", "description": "Run the test suite ✓",
                                                 "parameters": {"type": "object", "properties": {"path": {"type": "string"}},
                                                                "required": ["path"]}}}],
    "messages": [
        {"role": "user", "content": "Run the tests in src/"},
        {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "run_tests", "arguments": {"path": "src/"}}}]},
        {"role": "tool", "content": "3 passed"},
    ],
}


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return FIXED_NOW.strftime(format)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def main():
    env = environment()
    out_dir = os.path.join(HERE, "expected")
    os.makedirs(out_dir, exist_ok=True)
    for family, (bos, eos) in TEMPLATES.items():
        with open(os.path.join(HERE, family + ".jinja"), encoding="utf-8", newline="") as f:
            template = env.from_string(f.read())
        for name, messages in CONVERSATIONS.items():
            for generation in (True, False):
                rendered = template.render(messages=messages, add_generation_prompt=generation,
                                           bos_token=bos, eos_token=eos)
                suffix = "gen" if generation else "nogen"
                path = os.path.join(out_dir, f"{family}.{name}.{suffix}.txt")
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(rendered)
    for family in TOOLS_CASE["families"]:
        bos, eos = TEMPLATES[family]
        with open(os.path.join(HERE, family + ".jinja"), encoding="utf-8", newline="") as f:
            template = env.from_string(f.read())
        rendered = template.render(messages=TOOLS_CASE["messages"], tools=TOOLS_CASE["tools"], add_generation_prompt=True,
                                   bos_token=bos, eos_token=eos)
        with open(os.path.join(out_dir, f"{family}.tools.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(rendered)
    # EvalPlus's chat prompt (evalplus/provider/utility.py make_raw_chat_prompt, prefixes from evalplus/codegen.py)
    instruction = "Please provide a self-contained Python script that solves the following problem in a markdown code block:"
    response = "Below is a Python script with a self-contained function that solves the problem and passes corresponding tests:"
    magic = "-[[]]-this-is-really-our-highest-priority-[[]]-"
    for family, (bos, eos) in TEMPLATES.items():
        with open(os.path.join(HERE, family + ".jinja"), encoding="utf-8", newline="") as f:
            template = env.from_string(f.read())
        messages = [
            {"role": "user", "content": f"{instruction}\n```\n{PROMPT.strip()}\n```\n"},
            {"role": "assistant", "content": f"{response}\n```python\n{magic}\n```\n"},
        ]
        rendered = template.render(messages=messages, add_generation_prompt=False, bos_token=bos, eos_token=eos)
        with open(os.path.join(out_dir, f"{family}.evalplus-prompt.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(rendered.split(magic)[0])
    with open(os.path.join(out_dir, "evalplus-task-prompt.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(PROMPT)
    features_dir = os.path.join(out_dir, "features")
    os.makedirs(features_dir, exist_ok=True)
    for name, (source, variables) in FEATURES.items():
        with open(os.path.join(features_dir, name + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write(env.from_string(source).render(**variables))
    with open(os.path.join(features_dir, "features.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump({name: {"template": source, "variables": variables} for name, (source, variables) in FEATURES.items()},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "conversations.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump({"fixed_now": FIXED_NOW.isoformat(), "templates": TEMPLATES, "conversations": CONVERSATIONS,
                   "tools_case": TOOLS_CASE},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
