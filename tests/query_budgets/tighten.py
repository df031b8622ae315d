"""Lower each query budget to the most queries its view asked at either size.

    QUERY_BUDGET_REPORT=/tmp/budgets.jsonl .venv/bin/python -m pytest tests/query_budgets
    .venv/bin/python tests/query_budgets/tighten.py /tmp/budgets.jsonl

Only budgets with a constant name, count and note are rewritten; the rest are listed to do by hand.
A budget is never raised: a view that asks more than its budget fails the run above.
"""

import ast
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def asked(report):
    most = defaultdict(int)
    for line in Path(report).read_text().splitlines():
        name, _size, count, _budget = json.loads(line)
        most[name] = max(most[name], count)
    return most


def budgets_in(source):
    """(name with its note, the count's line and column, the count) of each `Budget(...)` in a module."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Budget" and len(node.args) >= 2):
            continue
        name, count = node.args[0], node.args[1]
        note = next((keyword.value for keyword in node.keywords if keyword.arg == "note"), None)
        if not all(isinstance(part, ast.Constant) for part in (name, count, *([note] if note else []))):
            continue
        label = name.value + (f" ({note.value})" if note is not None and note.value else "")
        yield label, count.lineno, count.col_offset, count.end_col_offset, count.value


def main(report):
    most = asked(report)
    seen = set()
    for module in sorted(HERE.glob("test_*.py")):
        lines = module.read_text().splitlines(keepends=True)
        changed = 0
        for label, line, start, end, count in sorted(budgets_in("".join(lines)), key=lambda found: -found[1]):
            seen.add(label)
            if label in most and most[label] < count:
                text = lines[line - 1]
                lines[line - 1] = text[:start] + str(most[label]) + text[end:]
                changed += 1
        if changed:
            module.write_text("".join(lines))
            sys.stdout.write(f"{module.name}: {changed} budgets lowered\n")
    for label in sorted(set(most) - seen):
        sys.stdout.write(f"not rewritten (do it by hand if it asks fewer now): {label}\n")


if __name__ == "__main__":
    main(sys.argv[1])
