"""Read the fenced code blocks docs/plugins.md marks for the plugin proof, so the doc and the proof agree.

A block is marked by an HTML comment on the line before its fence:

    <!-- plugin-proof: settings -->
    ```python
    ...
    ```

Usage (stdlib only, so it runs in the host's fresh virtualenv):
    python doc_blocks.py DOC NAME          print the block's code
    python doc_blocks.py DOC NAME FILE     append the block's code to FILE
"""

import re
import sys
from pathlib import Path

MARKER = re.compile(r"^<!--\s*plugin-proof:\s*([a-z0-9-]+)\s*-->\s*$")
FENCE = re.compile(r"^```")


def marked_blocks(text):
    """Return {name: code} for every marked fenced block in the Markdown text."""
    blocks = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = MARKER.match(lines[index].strip())
        index += 1
        if not match:
            continue
        name = match.group(1)
        if index >= len(lines) or not FENCE.match(lines[index]):
            raise ValueError(f"plugin-proof marker {name!r} is not followed by a fenced code block")
        index += 1
        body = []
        while index < len(lines) and not FENCE.match(lines[index]):
            body.append(lines[index])
            index += 1
        if name in blocks:
            raise ValueError(f"plugin-proof marker {name!r} appears twice")
        blocks[name] = "\n".join(body) + "\n"
        index += 1
    return blocks


def main(argv):
    doc, name = Path(argv[1]), argv[2]
    code = marked_blocks(doc.read_text(encoding="utf-8"))[name]
    if len(argv) > 3:
        with open(argv[3], "a", encoding="utf-8") as target:
            target.write(f"\n\n# --- added from docs/plugins.md ({name}) ---\n{code}")
    else:
        sys.stdout.write(code)


if __name__ == "__main__":
    main(sys.argv)
