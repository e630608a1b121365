"""Money and rates offered as reward or subsidy: the look-alikes of targets.

A subsidy rulebook is dense with figures worded like goals (每项奖励50万元, 分别给予30万元、
20万元, 按投资额给予10%—30%扶持, 最高不超过20万元). They are kept as ``Incentive`` records so
that none of them is mistaken for a target.
"""

from __future__ import annotations

import regex

from .lexicon import targets as lx
from .models import Incentive
from .normalize import Normalized
from .quantities import Quantity

_CLAUSE_SPLIT = regex.compile(r"[,;]")
_PURPOSE_TRIM = regex.compile(r"^[ \t,;:、]+|[ \t,;:、]+$")
_PURPOSE_CUES = regex.compile(
    r"(?:按照?|依|根据)[^,;。]{0,16}(?:给予|的)|给予|予以|最高|不超过|一次性|每(?:项|家|个|人|户|年|月)+|奖励|补贴|补助|资助|"
    r"分别|单个(?:项目|企业)?|的$"
)


def in_incentive_clause(text: str, q: Quantity, clause: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """Whether ``q`` is an amount offered as reward or subsidy rather than a goal."""
    c0, c1 = clause
    before = text[c0 : q.start]
    if lx.PER_ITEM.search(before) and q.kind in ("money", "percent"):
        return True
    if lx.INCENTIVE_CUE.search(text, c0, c1):
        return True
    s0, s1 = sentence
    return q.kind in ("money", "percent") and bool(lx.INCENTIVE_CUE.search(text, s0, s1))


class IncentiveCues:
    """``in_incentive_clause`` for the figures of one sentence, each range searched once.

    A cue inside a clause is inside its sentence, so a sentence without one spares the search
    of each of its clauses; a clause's answer serves every figure in it.
    """

    __slots__ = ("_clause_cues", "_text", "sentence_cue")

    def __init__(self, text: str, sentence: tuple[int, int], sentence_cue: bool | None = None) -> None:
        """``sentence_cue``: whether INCENTIVE_CUE is in the sentence, when the caller has searched."""
        self._text = text
        # Whether the sentence holds a cue: without one, ``offers`` is False for any figure
        # that is neither money nor a rate, which a caller may know without asking.
        if sentence_cue is None:
            sentence_cue = bool(lx.INCENTIVE_CUE.search(text, sentence[0], sentence[1]))
        self.sentence_cue = sentence_cue
        self._clause_cues: dict[tuple[int, int], bool] = {}

    def offers(self, q: Quantity, clause: tuple[int, int]) -> bool:
        """Whether ``q`` (in ``clause`` of this sentence) is an amount offered as reward or subsidy."""
        money = q.kind in ("money", "percent")
        if self.sentence_cue:
            if money:
                return True
            cue = self._clause_cues.get(clause)
            if cue is None:
                cue = self._clause_cues[clause] = bool(lx.INCENTIVE_CUE.search(self._text, clause[0], clause[1]))
            if cue:
                return True
        return money and bool(lx.PER_ITEM.search(self._text, clause[0], q.start))


def build_incentive(
    norm: Normalized, q: Quantity, path: str | None, clause: tuple[int, int], sentence: tuple[int, int]
) -> Incentive:
    """The Incentive record for an amount found by ``in_incentive_clause``."""
    text = norm.text
    c0, c1 = clause
    s0, _ = sentence
    cap = bool(lx.CAP_CUE.search(text[c0 : q.start]))
    a = max(s0, c0)
    s, e = norm.bounds(a, c1)
    # ``Incentive(...)`` in one validation, its span included (no Span model built first).
    # The validator is read here, not at import: models build their schemas on first use.
    incentive: Incentive = Incentive.__pydantic_validator__.validate_python(
        {
            "path": path,
            "amount": q.value,
            "unit": q.unit,
            "amount_text": norm.raw(q.start, q.end),
            "cap": cap,
            "purpose": _purpose(text, q, clause, sentence),
            "text": norm.raw(a, c1),
            "span": {"start": s, "end": e},
        }
    )
    return incentive


def _purpose(text: str, q: Quantity, clause: tuple[int, int], sentence: tuple[int, int]) -> str:
    # "对…的, 给予…" names the beneficiary and the act; otherwise the words around the amount do.
    s0, _ = sentence
    head = text[s0 : q.start]
    i = head.rfind("对")
    if i >= 0:
        part = _CLAUSE_SPLIT.split(head[i + 1 :], maxsplit=1)[0]
        part = str(_PURPOSE_TRIM.sub("", part))
        if lx.TWO_HAN.search(part):  # two Han characters or more
            return part
    c0, c1 = clause
    around = str(_PURPOSE_TRIM.sub("", _PURPOSE_CUES.sub("", text[c0 : q.start] + text[q.end : c1])))
    if lx.TWO_HAN.search(around):
        return around
    # "A类人才,每人每月1500元": the sentence's head names who it is for.
    return str(_PURPOSE_TRIM.sub("", _PURPOSE_CUES.sub("", head.split(",")[0])))
