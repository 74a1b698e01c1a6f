"""Tables that become cards on phones (`.table--stack` in tables.css): each cell of their
body names its column in `data-label` (the column's heading), which the card shows before
the value."""

from __future__ import annotations

import re
from html import unescape


def _text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def assert_stacked(html: str, *, at_least: int = 1) -> int:
    """Every `table--stack` table's body cells carry their column's heading in `data-label`,
    except a cell spanning the row or one of actions whose heading is for screen readers
    only; returns how many cells are labelled."""
    tables = re.findall(r'<table class="[^"]*\btable--stack\b[^"]*">(.*?)</table>', html, re.S)
    assert len(tables) >= at_least, "fewer tables that stack on phones than expected"
    labelled = 0
    for table in tables:
        head, body = table.split("<tbody>", 1)
        headings = [_text(cell) for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.S)]
        for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[dh]\b([^>]*)>", row)
            if len(cells) == 1 and "colspan" in cells[0]:
                continue  # "nothing to show"
            assert len(cells) == len(headings), row
            for attributes, heading in zip(cells, headings, strict=True):
                found = re.search(r'data-label="([^"]*)"', attributes)
                if found is None:
                    assert 'class="w-sr-only"' in head or "visually-hidden" in head, row
                    continue
                assert unescape(found.group(1)) == heading, (found.group(1), heading)
                labelled += 1
    assert labelled, "no labelled cell"
    return labelled
