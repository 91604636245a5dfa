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
    with open(os.path.join(out_dir, "conversations.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump({"fixed_now": FIXED_NOW.isoformat(), "templates": TEMPLATES, "conversations": CONVERSATIONS},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
