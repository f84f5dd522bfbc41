"""Markup assertions that read HTML as HTML (attribute order, quoting and whitespace do not matter).

For a whole element with its text, use pytest-django's `assertInHTML(needle, haystack)` or
`assertContains(response, needle, html=True)`; for "is there an element with these attributes" and "which element
is the root of this partial", use the two helpers below.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs)))


def elements(markup: str) -> list[Element]:
    """Every element of the markup, in document order."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.elements


def root(markup: str) -> Element:
    """The first element of a fragment: an htmx partial's root (its id names the partial)."""
    return elements(markup)[0]


def has_element(markup: str, tag: str, **attrs: str | None) -> bool:
    """Whether an element `tag` carries all these attributes (`class_` for class; None for a bare attribute)."""
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    return any(
        element.tag == tag and all(name in element.attrs and element.attrs[name] == v for name, v in wanted.items())
        for element in elements(markup)
    )


class _Text(HTMLParser):
    """The text inside <body>, as a reader gets it (scripts and styles left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.depth += 1
        elif tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "body":
            self.depth -= 1
        elif tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def page_text(response_or_markup) -> str:
    """The text of a page's body (messages included), whitespace collapsed (a response or markup)."""
    markup = getattr(response_or_markup, "content", response_or_markup)
    if isinstance(markup, bytes):
        markup = markup.decode()
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())
