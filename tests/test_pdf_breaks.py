"""The long-table mark that lets print.css keep every table of fewer than ten rows whole."""

from __future__ import annotations

from tierreport.render.pdf.breaks import (
    LONG_TABLE,
    body_rows,
    keep_tier_numbers,
    mark_long_tables,
)


def table(rows: int, opening: str = "<table>") -> str:
    head = "<thead><tr><th>A</th></tr></thead>"
    body = "".join(f"<tr><td>{n}</td></tr>" for n in range(rows))
    return f"{opening}<caption>C</caption>{head}<tbody>{body}</tbody></table>"


def test_body_rows_leave_the_header_out() -> None:
    assert body_rows(table(3)) == 3
    assert body_rows("<table><tr><td>1</td></tr><tr><td>2</td></tr></table>") == 2


def test_only_tables_of_ten_rows_or_more_are_marked() -> None:
    assert LONG_TABLE == 10
    short, long = table(9), table(10)
    assert mark_long_tables(short) == short
    assert mark_long_tables(long).startswith('<table class="long"><caption>')


def test_the_mark_joins_the_classes_a_table_has() -> None:
    html = "<p>x</p>" + table(12, '<table class="scorecard-table" id="t">') + table(2)
    marked = mark_long_tables(html)
    assert marked.count('class="scorecard-table long"') == 1
    assert marked.endswith(table(2))


def test_tier_numbers_stay_on_one_line_in_text_only() -> None:
    html = (
        "<head><title>Tier 3</title></head>"
        '<p title="Tier 3">Tier 3 and <b>Tier 2</b> Watch List; Tier 12</p>'
        "<svg><title>Arcadia: Tier 3</title></svg><p>Tier 1.</p>"
    )
    assert keep_tier_numbers(html) == (
        "<head><title>Tier 3</title></head>"
        '<p title="Tier 3"><span class="nobr">Tier 3</span> and '
        '<b><span class="nobr">Tier 2</span></b> Watch List; Tier 12</p>'
        '<svg><title>Arcadia: Tier 3</title></svg><p><span class="nobr">Tier 1</span>.</p>'
    )
