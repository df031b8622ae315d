"""Read the fenced code blocks docs/plugins.md marks for the plugin proof, so the doc and the proof agree.

A block is marked by an HTML comment on the line before its fence. The comment may say where the
code goes in the file, in the words the doc uses for the reader; without it the code is added at
the end:

    <!-- plugin-proof: settings -->                                    added at the end of the file
    <!-- plugin-proof: base-head before </head> -->                    put just before </head>
    <!-- plugin-proof: base-content replaces {% block content %}{% endblock %} -->

Usage (stdlib only, so it runs in the host's fresh virtualenv):
    python doc_blocks.py DOC NAME          print the block's code
    python doc_blocks.py DOC NAME FILE     put the block's code into FILE where the marker says
"""

import re
import sys
from pathlib import Path

MARKER = re.compile(r"^<!--\s*plugin-proof:\s*([a-z0-9-]+)(?:\s+(before|replaces)\s+(.+?))?\s*-->\s*$")
FENCE = re.compile(r"^```")


def marked(text):
    """Return {name: (code, placement, anchor)} for every marked fenced block in the Markdown text."""
    blocks = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = MARKER.match(lines[index].strip())
        index += 1
        if not match:
            continue
        name, placement, anchor = match.groups()
        if index >= len(lines) or not FENCE.match(lines[index]):
            raise ValueError(f"plugin-proof marker {name!r} is not followed by a fenced code block")
        index += 1
        body = []
        while index < len(lines) and not FENCE.match(lines[index]):
            body.append(lines[index])
            index += 1
        if name in blocks:
            raise ValueError(f"plugin-proof marker {name!r} appears twice")
        blocks[name] = ("\n".join(body) + "\n", placement or "end", anchor)
        index += 1
    return blocks


def marked_blocks(text):
    """Return {name: code} for every marked fenced block in the Markdown text."""
    return {name: code for name, (code, _placement, _anchor) in marked(text).items()}


def placed(original, name, code, placement, anchor):
    """The file's text with the code put where the doc says."""
    if placement == "end":
        return f"{original}\n\n# --- added from docs/plugins.md ({name}) ---\n{code}"
    if original.count(anchor) != 1:
        raise ValueError(f"{name}: the file must contain {anchor!r} exactly once, not {original.count(anchor)} times")
    at = original.index(anchor)
    line_start = original.rfind("\n", 0, at) + 1
    indent = original[line_start:at]
    if indent.strip():  # the anchor shares its line with other text: keep the code where the anchor is
        line_start, indent = at, ""
    # The doc shows the code unindented; it takes the indentation of the line it goes into.
    code = "".join(indent + line if line.strip() else line for line in code.splitlines(keepends=True))
    if placement == "before":
        return original[:line_start] + code + original[line_start:]
    return original[:line_start] + code.rstrip("\n") + original[at + len(anchor) :]


def main(argv):
    doc, name = Path(argv[1]), argv[2]
    code, placement, anchor = marked(doc.read_text(encoding="utf-8"))[name]
    if len(argv) > 3:
        target = Path(argv[3])
        target.write_text(placed(target.read_text(encoding="utf-8"), name, code, placement, anchor), encoding="utf-8")
    else:
        sys.stdout.write(code)


if __name__ == "__main__":
    main(sys.argv)
