"""EnergyGate syntax checker for babbling suppression.

One long-lived process: it reads one JSON request per line on stdin, {"id", "source",
"entry_point"}, and answers one JSON line, {"id", "ok", "error", "end_line"}. Started once and
reused because an interpreter start costs tens of milliseconds, far more than one ast.parse.

ok is true when the source parses and defines the entry-point function with a body beyond its
docstring (the prompt alone defines it with only a docstring). end_line is the 1-based last line
of that function, so the caller can cut the completion where the function ends. Nothing is
executed: ast.parse only builds a tree.
"""
import ast
import json
import sys


def body_without_docstring(node):
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return body


def check(source, entry_point):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as e:
        return False, "%s: %s" % (type(e).__name__, e), None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == entry_point:
            if not body_without_docstring(node):
                return False, "function %s has no body yet" % entry_point, None
            return True, "", node.end_lineno
    return False, "function %s is not defined at top level" % entry_point, None


def main():
    sys.stdout.write(json.dumps({"ready": True, "python": sys.version.split()[0]}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        ok, error, end_line = check(req["source"], req.get("entry_point", ""))
        sys.stdout.write(json.dumps({"id": req["id"], "ok": ok, "error": error[:400], "end_line": end_line}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
