"""Document numbers (发文字号): 机关代字〔年〕序号号, wherever they stand in the text.

Found before dates, so that the ``〔2017〕`` and ``19号`` of a number are never read as a
date. Every number is listed: the notice's own, and every number it cites, whether beside
a 《》 title or alone (``根据国办发〔2018〕5号文件``); telling them apart is the metadata and
references stages' business.

Decisions:

- An agency code is required. A bracketed year with no Han characters before it
  (``(2017)5号``, a bare ``〔2017〕``) is not a number: nothing says whose it is.
- Order numbers such as ``国务院令第576号`` are a different form with no year; ``DocNumber``
  needs one, so they are not listed.
- ``[]``, ``()``, ``【】`` and ``﹝﹞`` around the year are read like ``〔〕``; ``normalized`` always
  writes ``〔〕``.
"""

from __future__ import annotations

import regex

from .lexicon.docnumbers import AGENCY_LEAD, DOC_NUMBER, MIN_AGENCY
from .located import Located
from .models import DocNumber
from .normalize import Normalized

_WS = regex.compile(r"\s+")


def split_doc_number(s: str) -> tuple[str, int, str] | None:
    """``'丰政办发 [2026] 4号'`` → ``('丰政办发', 2026, '4')``; None if ``s`` holds no number.

    For a value read from a metadata field, where no offsets are needed.
    """
    m = DOC_NUMBER.search(s)
    if m is None:
        return None
    agency = _agency(m.group("agency"))
    if agency is None:
        return None
    return agency, int(m.group("year")), m.group("serial")


def normalized_number(agency: str, year: int, serial: str) -> str:
    """The number in its normal form: ``市政办发〔2017〕109号``."""
    return f"{agency}〔{year}〕{serial}号"


def _agency(run: str) -> str | None:
    run = _WS.sub("", run)
    lead = AGENCY_LEAD.match(run)
    if lead:
        run = run[lead.end() :]
    return run if len(run) >= MIN_AGENCY else None


def find_doc_numbers(norm: Normalized) -> list[Located[DocNumber]]:
    """Every document number in the text, in order."""
    text = norm.text
    if "号" not in text:
        return []
    out: list[Located[DocNumber]] = []
    for m in DOC_NUMBER.finditer(text):
        run = m.group("agency")
        agency = _agency(run)
        if agency is None:
            continue
        start = m.start("agency") + (len(run) - len(agency))
        end = m.end()
        serial = m.group("serial")
        year = int(m.group("year"))
        item = DocNumber(
            text=norm.raw(start, end),
            normalized=normalized_number(agency, year, serial),
            agency=agency,
            year=year,
            serial=serial,
            span=norm.span(start, end),
        )
        out.append(Located(item, start, end))
    return out
