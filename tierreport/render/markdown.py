"""The one Markdown renderer of the publication: CommonMark, no raw HTML, safe links only.

Narrative fields are written by desk officers and pass through here on their way to the site and
the PDF. Raw HTML is shown as text (``html=False``), images are switched off (a picture from
another server would be a network request from a page that must make none), and a link keeps
its ``href`` only when it is http(s), mailto or relative; ``javascript:``, ``data:`` or
``file:`` links stay plain text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
"""URL schemes a link in the publication may use; anything else is refused."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop ASCII control characters and spaces inside a scheme ("java\tscript:"), so they
# are removed before the scheme is read.
_IGNORED = re.compile(r"[\x00-\x20\x7f]|%0[0-9a-f]|%1[0-9a-f]|%20", re.IGNORECASE)


def safe_link(url: str) -> bool:
    """Whether ``url`` may become an ``href``: http(s), mailto, or relative to the page."""
    compact = _IGNORED.sub("", url)
    if compact.startswith(("//", "\\\\", "/\\", "\\/")):
        return False  # protocol-relative: a request to another host
    match = _SCHEME.match(compact)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


def _engine() -> MarkdownIt:
    engine = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    engine.disable("image")
    engine.validateLink = safe_link  # type: ignore[method-assign]  # the documented hook
    return engine


_ENGINE = _engine()


def render(text: str | None) -> Markup:
    """Markdown blocks as HTML; raw HTML in the text comes out escaped."""
    return Markup(_ENGINE.render(text or ""))  # markdown-it escaped every text node


def render_inline(text: str | None) -> Markup:
    """One paragraph of Markdown as inline HTML, without the surrounding ``<p>``."""
    return Markup(_ENGINE.renderInline(text or ""))
