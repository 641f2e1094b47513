"""The one Markdown renderer of the publication: CommonMark, no raw HTML, safe links only.

Narrative fields are written by desk officers and pass through here on their way to the site and
the PDF. Raw HTML is shown as text (``html=False``), images are switched off (a picture from
another server would be a network request from a page that must make none), and a link keeps
its ``href`` only when it is http(s), mailto or an anchor in the page (``#...``);
``javascript:``, ``data:`` or ``file:`` links, and paths (``../x.html``, ``/etc/passwd``), stay
plain text. A path is refused because the PDF resolves it against the build machine's
folders, and would print a ``file:///...`` link exposing them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from markupsafe import Markup

from tierreport.load.cache import Store

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
"""URL schemes a link in the publication may use; anything else is refused."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop ASCII control characters and spaces inside a scheme ("java\tscript:"), so they
# are removed before the scheme is read.
_IGNORED = re.compile(r"[\x00-\x20\x7f]|%0[0-9a-f]|%1[0-9a-f]|%20", re.IGNORECASE)


def safe_link(url: str) -> bool:
    """Whether ``url`` may become an ``href``: http(s), mailto, or an anchor in the page."""
    compact = _IGNORED.sub("", url)
    if compact.startswith("#"):
        return True
    match = _SCHEME.match(compact)
    return match is not None and match.group(1).lower() in ALLOWED_SCHEMES


@functools.cache
def engine() -> MarkdownIt:
    """The one markdown-it, made (and markdown-it imported) at the first text that is not
    plain: a rebuild after an edit often needs none."""
    from markdown_it import MarkdownIt

    made = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    made.disable("image")
    made.validateLink = safe_link  # type: ignore[method-assign]  # the documented hook
    return made


_MEMO: ContextVar[Store[str] | None] = ContextVar("markdown_memo", default=None)


@contextmanager
def remembered(store: Store[str]) -> Iterator[None]:
    """Within the block, every rendering is looked up in ``store`` first and kept there.

    Rendering is a pure function of the text (and of this module, which the cache's
    fingerprint covers), so a text seen by the previous build is not parsed again.
    """
    token = _MEMO.set(store)
    try:
        yield
    finally:
        _MEMO.reset(token)


_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>&\n\r\x00]")
"""What the CommonMark inline rules act on (escapes, code, emphasis, links, images,
autolinks, raw HTML, entities, line breaks), and what markdown-it normalizes (CR, NUL). Text
without any of them is text to every rule: markdown-it prints it escaped."""
_BLOCK_START = frozenset("#>+-*=_~|<`0123456789")
"""First characters that may open a block other than a paragraph (a heading, a quote, a list,
a rule, a fence, an underline), left to markdown-it."""


def _plain(kind: str, text: str) -> str | None:
    """The HTML markdown-it makes of plain text, without parsing it; None when the text may
    hold Markdown. A block is one line that opens no other block: a paragraph. Same bytes as
    markdown-it's (``tests/test_markdown.py`` compares the two on generated text)."""
    if _INLINE_SYNTAX.search(text) is not None:
        return None
    escaped = text.replace('"', "&quot;")  # markdown-it's escapeHtml, less what is excluded
    if kind == "inline":
        return escaped
    if not text or text[0].isspace() or text[-1].isspace() or text[0] in _BLOCK_START:
        return None
    return f"<p>{escaped}</p>\n"


def _html(kind: str, text: str) -> str:
    store = _MEMO.get()
    html = store.get((kind, text)) if store is not None else None
    if html is None:
        html = _plain(kind, text)
    if html is None:
        html = engine().render(text) if kind == "block" else engine().renderInline(text)
        if store is not None:
            store.put((kind, text), html)
    return html


def render(text: str | None) -> Markup:
    """Markdown blocks as HTML; raw HTML in the text comes out escaped."""
    return Markup(_html("block", text or ""))  # markdown-it escaped every text node


def render_inline(text: str | None) -> Markup:
    """One paragraph of Markdown as inline HTML, without the surrounding ``<p>``."""
    return Markup(_html("inline", text or ""))
