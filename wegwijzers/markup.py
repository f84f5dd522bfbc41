"""The booklet's small text markup, rendered safely: everything is escaped, nothing but our own tags is produced.

Blocks are separated by a blank line. A block that starts with "## " is a subheading; a block whose lines all start
with "- " is a bulleted list; any other block is a paragraph whose lines flow together. Web addresses become links.
"""

import re

from django.utils.html import format_html, format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

_BLOCK_SPLIT = re.compile(r"\n\s*\n")


def blocks(text: str) -> list[tuple[str, str | list[str]]]:
    """Split text into ("kop", text), ("lijst", [items]) and ("alinea", text) blocks."""
    result: list[tuple[str, str | list[str]]] = []
    for raw in _BLOCK_SPLIT.split(text.strip()):
        lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## ") and len(lines) == 1:
            result.append(("kop", lines[0][3:].strip()))
        elif all(line.startswith("- ") for line in lines):
            result.append(("lijst", [line[2:].strip() for line in lines]))
        else:
            result.append(("alinea", " ".join(lines)))
    return result


def _inline(text: str) -> SafeString:
    # urlize escapes the text itself (autoescape=True) and adds rel="nofollow" to the links it makes.
    return mark_safe(urlize(text, autoescape=True))  # noqa: S308


def render(text: str, heading_level: int = 2) -> SafeString:
    """Render the markup as HTML; subheadings get the given level (h2 by default)."""
    parts = []
    for kind, value in blocks(text or ""):
        if kind == "kop":
            parts.append(format_html("<h{0}>{1}</h{0}>", heading_level, value))
        elif kind == "lijst":
            items = format_html_join("", "<li>{}</li>", ((_inline(item),) for item in value))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(format_html("<p>{}</p>", _inline(value)))
    return mark_safe("\n".join(parts))  # noqa: S308


def plain(text: str) -> str:
    """The text without markup, for search indexing and snippets."""
    out = []
    for kind, value in blocks(text or ""):
        out.append(" ".join(value) if kind == "lijst" else value)
    return "\n".join(out)
