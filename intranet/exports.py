"""Spreadsheet exports (CSV and XLSX): every export of Ruche writes its cells through here.

A cell holds plain text, never markup nor HTML entities: rich text is reduced to its words
(`intranet.richtext.plain_text`), and text is written as it is, never HTML-escaped (a
spreadsheet is not a web page). A text cell that a spreadsheet would run as a formula (it
starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with an apostrophe,
so it is shown, not run.
Numbers, dates and booleans stay typed in XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = Sequence[object]


def cell(value: object) -> object:
    """A value ready for a spreadsheet: None is empty, text is neutralised (a leading formula
    character gets an apostrophe); numbers, dates and booleans are kept."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | date | datetime):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(*, filename: str, header: Row, rows: Iterable[Row]) -> HttpResponse:
    """A CSV download in UTF-8 with a byte order mark (so that spreadsheets read accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell(value) for value in header])
    for row in rows:
        writer.writerow(
            [value.isoformat() if isinstance(value, date) else value for value in map(cell, row)]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def _xlsx_cell(value: object) -> object:
    value = cell(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()  # XLSX has no time zones: keep the offset as text
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_response(
    *, filename: str, sheets: Iterable[tuple[str, Row, Iterable[Row]]]
) -> HttpResponse:
    """An XLSX download with one sheet per (title, header, rows)."""
    book = Workbook()
    assert book.active is not None  # a new workbook has one empty sheet
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append([_xlsx_cell(value) for value in header])
        for row in rows:
            sheet.append([_xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
