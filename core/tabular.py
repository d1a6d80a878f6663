"""The one rule for cells the registry writes to CSV or XLSX: a text a spreadsheet would
run as a formula is written as text.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a live
formula in Excel, LibreOffice and Google Sheets (CSV/formula injection: ``=HYPERLINK(...)``
in a mechanism's name would run on an analyst's machine). Such a text gets a leading
``'``, which the spreadsheet shows as the plain text and never evaluates. A plain number
(``-12.5``, a decimal the API writes as a string) is left alone: it is data, not a formula.
Every writer uses this module: public page CSV, the API's CSV renderer, the admin's
import-export files, the survey export and the dump's CSVs.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Joins a list of keys in one cell, in the API's CSV and the dump alike (slugs may hold
# commas, never a "|").
LIST_SEPARATOR = "|"
ESCAPE = "'"
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """``value``, with a formula-leading text prefixed by ``'``; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return ESCAPE + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def unescape_cell(value: Any) -> Any:
    """What ``safe_cell`` wrote, read back (an admin import of an admin export)."""
    if isinstance(value, str) and value[:1] == ESCAPE and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose rows go through ``safe_cell``."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]):
        for row in rows:
            self.writerow(row)


def writer(stream, **kwargs) -> SafeWriter:
    return SafeWriter(stream, **kwargs)
