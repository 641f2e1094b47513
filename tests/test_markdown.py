"""Plain text skips markdown-it, and comes out as the same bytes markdown-it makes of it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tierreport.render import markdown as md

# Every character CommonMark gives a meaning to, the ones markdown-it escapes or normalizes,
# spaces and line ends, digits and letters (a list or a heading starts with them), and more.
ALPHABET = st.sampled_from(
    list("\\`*_[]!<>&\n\r\x00\"'#+-=~|.()0123456789 \taZé€\u00a0\u2028:;/@%$^{}?,")
)


@settings(max_examples=3000, deadline=None)
@given(st.text(ALPHABET, max_size=24), st.sampled_from(["block", "inline"]))
def test_plain_text_is_rendered_as_markdown_it_renders_it(text: str, kind: str) -> None:
    made = md._plain(kind, text)
    engine = md.engine().render(text) if kind == "block" else md.engine().renderInline(text)
    assert made is None or made == engine


@pytest.mark.parametrize(
    ("kind", "text", "html"),
    [
        (
            "inline",
            'The "Coastal Guard" seized 12 boats.',
            "The &quot;Coastal Guard&quot; seized 12 boats.",
        ),
        (
            "block",
            "Prosecutions rose (see the table).",
            "<p>Prosecutions rose (see the table).</p>\n",
        ),
        ("block", "1. A list", None),
        ("block", "# A heading", None),
        ("block", "  Indented", None),
        ("inline", "*Seized* boats", None),
        ("inline", "R&D", None),
        ("block", "", None),
    ],
)
def test_what_is_plain(kind: str, text: str, html: str | None) -> None:
    assert md._plain(kind, text) == html
    if html is not None:
        assert (md.render(text) if kind == "block" else md.render_inline(text)) == html
