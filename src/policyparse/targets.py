"""Quantitative targets (and the incentive amounts that look like them).

Every quantity of the text is read once (``quantities.find_quantities``) and then either
kept as a goal, kept as an incentive, or dropped as one of the many look-alikes a plan is
full of: years and durations, ordinals, labels, past figures, thresholds of eligibility
rules, counts of the plan's own parts and the specifications of a named project.

A goal's deadline comes from the nearest source that states one: its sentence, the phase
it sits in, its section (or an enclosing one), the plan's period, the plan's horizon (the
date of its goals section), an effort of N years counted from the issue date, else none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from .dates import deadline_value, read_dates
from .incentives import IncentiveCues, build_incentive
from .lexicon import targets as lx
from .located import Located
from .models import Comparator, DateMention, Incentive, Period, Phase, Target, validate_list
from .normalize import Normalized
from .numerals import han_to_int
from .quantities import Quantity, find_quantities, iter_quantities, read_number_cell, split_unit
from .sections import Outline, OutlineNode

DeadlineSource = str
# A target's fields as ``Target`` validates them: records are validated together, once the
# notice is read (see ``_validate_targets``).
_Record = dict[str, object]

# (The standard library's engine, as for lexicon patterns called as often: see lexicon.targets.)
_CONNECTOR = re.compile(r"^[ \t]*(?:及以上|以上|及以下|以下|以内|左右)?[ \t]*[、,和及与或]?[ \t]*$")
_CLAUSE_LEAD = re.compile(r"(?:^|[\n。|,;:!?])([^\n。|,;:!?]*)$")
_NUMERAL_START = re.compile(r"[ \t]*[\d一二两三四五六七八九十百千万亿]")
_BRACKETED = regex.compile(r"《[^《》\n]{0,80}》")
_TITLE_PAREN = regex.compile(r"》[ \t]*\([^()\n]{0,20}\)")


@dataclass(frozen=True, slots=True)
class DateCue:
    """A date that can serve as a deadline, at normalised ``pos``."""

    pos: int
    end: int
    value: str  # YYYY or YYYY-MM
    sentence_start: bool = False


@dataclass(slots=True)
class _Doc:
    norm: Normalized
    outline: Outline
    cues: list[DateCue]
    cue_pos: list[int]
    phase_scopes: list[tuple[int, int, str]]
    period_end: str | None
    horizon: str | None
    effort: str | None
    issue_year: int | None
    excluded: list[tuple[int, int]] = field(default_factory=list)
    # Look-up tables built once, so that each figure's deadline costs a bisection rather
    # than a scan of every phase and every earlier date (quadratic on long notices).
    phase_starts: list[int] = field(default_factory=list)
    phase_reach: list[int] = field(default_factory=list)  # running max of the scopes' ends
    # Each cue's section and whether a phase holds it: only the walk for a section's date
    # reads them, which most figures (dated by their sentence) never reach. Made on first use.
    cue_nodes: list[OutlineNode | None] | None = None
    cue_in_phase: list[bool] | None = None
    article_paths: dict[str, bool] = field(default_factory=dict)  # path → is a regulation's article
    section_scopes: dict[int, tuple[set[int], int]] = field(default_factory=dict)  # see _section_scope
    has_rows: bool = True  # whether a line of the text opens with "|" (a task table's row)


def find_targets(
    norm: Normalized,
    outline: Outline,
    phases: list[Located[Phase]],
    period: Period | None,
    dates: list[Located[DateMention]],
    issue_date: dt.date | None,
) -> tuple[list[Target], list[Incentive]]:
    """Targets and incentives in reading order."""
    text = norm.text
    issue_year = issue_date.year if issue_date else None
    bracketed = [m.span() for m in _BRACKETED.finditer(text)]
    cues = deadline_cues(text, dates, issue_year, bracketed)
    doc = _Doc(
        norm=norm,
        outline=outline,
        cues=cues,
        cue_pos=[c.pos for c in cues],
        phase_scopes=phase_scopes(phases, outline, len(text)),
        period_end=_period_end(period),
        horizon=None,
        effort=_effort_deadline(text, issue_year),
        issue_year=issue_year,
    )
    doc.horizon = _horizon(doc)
    doc.phase_starts = [a for a, _, _ in doc.phase_scopes]
    reach = -1
    for _, b, _ in doc.phase_scopes:
        reach = max(reach, b)
        doc.phase_reach.append(reach)
    doc.excluded = bracketed + [m.span() for m in lx.QUOTED.finditer(text)]
    doc.excluded.sort()
    doc.has_rows = _has_rows(text)

    table_targets, consumed = _timetables(doc)
    targets: list[tuple[int, _Record]] = table_targets
    incentives: list[Incentive] = []
    funds: list[tuple[int, _Record, Incentive]] = []

    sink = _Sink(targets, incentives, funds)
    consumed = _union(consumed)
    # The text's quantities are read in one pass and dealt out to their sentences, which are
    # found from the figures (a backward and a forward search each) rather than by splitting
    # the whole text: most sentences hold no figure. No quantity runs across a sentence end,
    # so each sentence gets exactly what reading it alone gives.
    found = find_quantities(text, skip_time=True)
    # Whether each figure lies in a title or a quotation, for all figures in one merge of two
    # sorted lists rather than a bisection per figure.
    # (Most notices quote nothing and name no title: every figure is then free.)
    free = _outside_all(doc.excluded, [q.start for q in found]) if doc.excluded else [True] * len(found)
    k = 0
    n = len(found)
    while k < n:
        s0, s1, c0, c1 = _sentence_and_clause(text, found[k].start)
        first = k
        while k < n and found[k].start < s1:
            k += 1
        if consumed and _inside(consumed, s0):
            continue
        if k - first == 1:  # most sentences hold one figure: no list to filter
            if not free[first]:
                continue
            qs = [found[first]]
        else:
            qs = [found[j] for j in range(first, k) if free[j]]
            if not qs:
                continue
        _read_sentence(doc, qs, s0, s1, (c0, c1), sink)

    # A fund the notice sets up is a commitment in a plan, but one more subsidy line in a
    # rulebook that is mostly subsidies.
    rulebook = len(incentives) >= 3
    _fill_horizon(targets)
    for pos, target, incentive in funds:
        if rulebook:
            incentives.append(incentive)
        else:
            targets.append((pos, target))
    targets.sort(key=lambda x: x[0])
    incentives.sort(key=lambda i: i.span.start)
    # All targets of the notice in one validation: the same checks as one call per record,
    # without the cost of a call per record.
    return validate_list(Target, [t for _, t in targets]), incentives



# --- sentences and clauses ----------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in lx.SENTENCE.finditer(text)]


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence (a run of ``lx.SENTENCE``) holding ``pos``, which is no sentence end.

    (The plain form of ``_sentence_and_clause``'s sentence, which the tests hold it to.)
    """
    m = lx.SENTENCE_END_BEFORE.search(text, 0, pos)
    m2 = lx.SENTENCE_END.search(text, pos)
    return (m.end() if m else 0), (m2.start() if m2 else len(text))


def _sentence_and_clause(text: str, pos: int) -> tuple[int, int, int, int]:
    """``(*_sentence_at(text, pos), *_clause(text, pos, s0, s1))`` in fewer searches."""
    # A sentence end is a clause end too: the clause's bounds are found first, and the
    # sentence's are searched for only past a bound that is no sentence end (a figure in a
    # sentence's last clause, as most are, spares the forward one).
    m = lx.CLAUSE_END_BEFORE.search(text, 0, pos)
    if m is None:
        s0 = c0 = 0
    else:
        c0 = m.end()
        if text[m.start()] in lx.SENTENCE_END_CHARS:
            s0 = c0
        else:
            m0 = lx.SENTENCE_END_BEFORE.search(text, 0, m.start())
            s0 = m0.end() if m0 else 0
    m2 = lx.CLAUSE_END.search(text, pos)
    if m2 is None:
        s1 = c1 = len(text)
    else:
        c1 = m2.start()
        if text[c1] in lx.SENTENCE_END_CHARS:
            s1 = c1
        else:
            m3 = lx.SENTENCE_END.search(text, m2.end())
            s1 = m3.start() if m3 else len(text)
    return s0, s1, c0, c1


def _clause(text: str, pos: int, s0: int, s1: int) -> tuple[int, int]:
    m = lx.CLAUSE_END_BEFORE.search(text, s0, pos)
    m2 = lx.CLAUSE_END.search(text, pos, s1)
    return (m.end() if m else s0), (m2.start() if m2 else s1)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Half-open spans merged into sorted, disjoint ones covering the same offsets."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        elif a < b:
            out.append((a, b))
    return out


def _outside_all(spans: list[tuple[int, int]], positions: list[int]) -> list[bool]:
    """``[not _inside(spans, p) for p in positions]`` for ascending ``positions``."""
    # As ``_inside`` does, only the last span (in sorted order) opening at or before a
    # position is asked: ``spans`` may overlap, and a merge that kept the furthest end would
    # answer otherwise.
    out: list[bool] = []
    i = 0
    n = len(spans)
    end = -1  # the end of the last span opening at or before ``pos``
    for pos in positions:
        while i < n and spans[i][0] <= pos:
            end = spans[i][1]
            i += 1
        out.append(pos >= end)
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# --- one sentence ----------------------------------------------------------------------

# The kinds of figure a sentence without an incentive cue may still offer (``IncentiveCues.offers``).
_OFFERED_KINDS = frozenset({"money", "percent"})

# A figure, its clause, its section and that section's path (``_deadline`` reads the section:
# looked up once per figure).
_Kept = tuple[Quantity, tuple[int, int], OutlineNode | None, str | None]


@dataclass(slots=True)
class _Sink:
    """Where a sentence's records go, each to its list as it is made (no mixed list to sort out)."""

    targets: list[tuple[int, _Record]]  # (position of the figure, target's record)
    incentives: list[Incentive]
    funds: list[tuple[int, _Record, Incentive]]  # a fund set up: a target or an incentive, decided last


def _read_sentence(
    doc: _Doc, qs: list[Quantity], s0: int, s1: int, clause: tuple[int, int], sink: _Sink
) -> None:
    """Targets and incentives of the figures ``qs`` of the sentence ``s0:s1``.

    ``clause`` is the clause of one offset of the sentence (any: it starts the per-clause memo).
    """
    text = doc.norm.text
    keep: list[_Kept] = []
    # Most sentences hold none of the cues searched for below: one search tells (see
    # lx.SENTENCE_CUES), and spares each of them.
    cued = lx.SENTENCE_CUES.search(text, s0, s1) is not None
    # Without a cue in the sentence only money or a rate can be offered (see ``offers``): the
    # memo of the sentence's cues is made for the first figure that may be.
    sentence_cue = cued and bool(lx.INCENTIVE_CUE.search(text, s0, s1))
    cues: IncentiveCues | None = None
    # Figures of one clause share its bounds and its clause-wide tests: worked out once.
    rule: bool | None = None
    for i, q in enumerate(qs):
        pos, end = q.start, q.end
        if pos > s0 and text[pos - 1] in lx.ORDINAL_BEFORE_LAST and lx.ORDINAL_BEFORE.search(
            text, max(s0, pos - 3), pos
        ):
            continue
        if not clause[0] <= pos < clause[1]:
            clause = _clause(text, pos, s0, s1)
            rule = None
        c0, c1 = clause
        node = doc.outline.node_at(pos)
        path = node.path if node else None  # Outline.path_at(pos)
        if sentence_cue or q.kind in _OFFERED_KINDS:
            if cues is None:
                cues = IncentiveCues(text, (s0, s1), sentence_cue)
            offered = cues.offers(q, clause)
        else:
            offered = False
        if offered:
            if q.kind in ("money", "percent") or lx.INCENTIVE_CUE.search(text, c0, pos):
                sink.incentives.append(build_incentive(doc.norm, q, path, clause, (s0, s1)))
            continue
        # Not a goal: the cheapest tests first (every one of them only drops the figure).
        if q.han and q.unit in lx.HAN_SKIP_UNITS:
            continue  # 二次供水, 一次性: terms, not counts
        if path and _is_article(doc, path):
            continue  # a regulation's articles state rules, not goals
        if rule is None:
            rule = cued and bool(lx.RULE_OR_FORMULA.search(text, c0, c1))
        if rule:
            continue
        after = text[end : end + 1]
        if after in lx.NOT_TARGET_AFTER_FIRST and lx.NOT_TARGET_AFTER.match(text, end):  # RANGE_ or DOCUMENT_AFTER
            continue
        if q.unit in lx.MEASURE_UNITS and lx.PROJECT_AFTER.search(text, end, c1):
            continue  # 730万千瓦…电源项目: a project's specification
        before = text[c0:pos]
        if q.han and q.value == 1 and not lx.PER_PERIOD.search(before):
            continue  # 一条/一个 is an article in prose; 每年遴选一个 is a quota
        if lx.NOT_TARGET_BEFORE.search(before):  # PREPOSITION, EXISTING, PAST or SPEC
            continue
        if after in lx.SUFFIX_CUE_FIRST and lx.SUFFIX_CUE.match(text, end) and lx.REMOVE_BEFORE.search(before):
            continue
        if q.han and lx.NAMED_COUNT_BEFORE.search(before):
            continue
        if text.find(lx.LABELLED_WHOLE_LEAD, end, c1) >= 0 and lx.LABELLED_WHOLE.search(text, end, c1):
            continue
        if (
            end < c1
            and text[end] in lx.OWN_ITEMS_AFTER_FIRST
            and lx.OWN_ITEMS_AFTER.search(text[end:c1])
            and lx.OWN_ITEMS_BEFORE.search(before.rstrip())
        ):
            continue
        if i + 1 < len(qs) and _is_threshold(text, q, qs[i + 1], c1):
            continue
        keep.append((q, clause, node, path))

    if not keep:
        return
    state = _ClauseState(baseline=False if cued else None)  # None: no base year in the sentence
    if len(keep) == 1:
        _group_targets(doc, keep, s0, s1, state, sink)  # what ``_groups`` makes of one figure
        return
    for group in _groups(text, keep):
        _group_targets(doc, group, s0, s1, state, sink)


def _is_article(doc: _Doc, path: str) -> bool:
    known = doc.article_paths.get(path)
    if known is None:
        known = doc.article_paths[path] = bool(lx.ARTICLE.search(path))
    return known


def _is_threshold(text: str, q: Quantity, nxt: Quantity, c1: int) -> bool:
    """Whether ``q`` qualifies the thing the next figure ``nxt`` of its clause counts.

    "拥有有效发明专利20件以上企业15家", "产值过10亿元、利税超千万元的企业10家": thresholds.
    "打造千亿级产业集群1个、五百亿级产业集群3个", "4家绿色工业园区和80家…工厂": two items.
    """
    if nxt.start >= c1:
        return False
    between = text[q.end : nxt.start]
    if _CONNECTOR.match(between):
        return False
    if "的" in between:
        return True
    return not lx.LIST_JOINER.search(between)


def _groups(text: str, keep: list[_Kept]) -> list[list[_Kept]]:
    # Quantities joined only by 、/和/及 share their metric's comparator ("分别超过95%、80%").
    groups: list[list[_Kept]] = []
    for kept in keep:
        q, clause = kept[0], kept[1]
        if groups:
            pq, pclause = groups[-1][-1][0], groups[-1][-1][1]
            if (
                pclause == clause
                and _CONNECTOR.match(text[pq.end : q.start])
                and text[pq.end : q.start].strip()
            ):
                groups[-1].append(kept)
                continue
        groups.append([kept])
    return groups


@dataclass(slots=True)
class _ClauseState:
    """What earlier figures of a clause left for the next: where its metric may start."""

    clause: tuple[int, int] = (-1, -1)
    seg_start: int = 0
    last_metric: str = ""
    # The sentence's first base year (BASELINE over the whole sentence), looked up once:
    # False until then, None for none.
    baseline: regex.Match[str] | bool | None = False


def _baseline(text: str, s0: int, s1: int, pos: int, state: _ClauseState) -> str | None:
    """The base year named in the sentence before ``pos`` (BASELINE searched in ``s0:pos``)."""
    if state.baseline is False:
        state.baseline = lx.BASELINE.search(text, s0, s1)
    m = state.baseline
    if m is None:
        return None  # none in the sentence, so none in any part of it
    assert isinstance(m, regex.Match)
    if m.end() > pos:
        m = lx.BASELINE.search(text, s0, pos)  # the sentence's first lies past ``pos``
        if m is None:
            return None
    return str(m["y"] or m["y2"])


def _group_targets(doc: _Doc, group: list[_Kept], s0: int, s1: int, state: _ClauseState, sink: _Sink) -> None:
    text = doc.norm.text
    norm = doc.norm
    first, clause = group[0][0], group[0][1]
    c0, c1 = clause
    if state.clause != clause:
        state.clause, state.seg_start, state.last_metric = clause, c0, ""
    seg_start = state.seg_start
    segment = text[seg_start : first.start]
    cmp_prefix: str | None = None  # read from the segment when no suffix decides
    subject = _trim_metric(segment)
    respectively = "分别" in segment  # lx.RESPECTIVELY
    han_lo, han_hi = lx.COMMON_HAN_RANGE
    # Where the text of each figure's target starts. The figures of a group open with a
    # numeral, no joiner: the strip stops in the segment (or at the first figure) for all.
    # (``_lstrip_pos(text, seg_start, first.start)``, on the segment already cut out.)
    t0 = seg_start + len(segment) - len(segment.lstrip(" \t、,和及"))

    for k, (q, _, node, path) in enumerate(group):
        suffix = lx.SUFFIX_CUE.match(text, q.end) if text[q.end : q.end + 1] in lx.SUFFIX_CUE_FIRST else None
        q_end = suffix.end() if suffix else q.end
        comparator: Comparator
        if q.is_range:
            comparator = "range"
        elif (
            suffix
            and suffix["w"] in lx.SUFFIX_COMPARATOR
            and not (suffix["w"] == "内" and q.kind != "percent")
        ):
            comparator = lx.SUFFIX_COMPARATOR[suffix["w"]]  # type: ignore[assignment]
        else:
            if cmp_prefix is None:
                cmp_prefix = _prefix_comparator(segment)
            comparator = cmp_prefix  # type: ignore[assignment]
        metric, text_end, next_start = subject, q_end, q_end
        if not metric or (metric[-1] in lx.OBJECT_VERB_LAST and lx.OBJECT_VERB.search(metric)):
            noun, noun_end, next_start = _noun_after(text, q_end, c1)
            if noun:
                metric = metric + noun
                text_end = noun_end
        # (Most metrics open with two common ideographs: the range tells without the search.)
        names = (han_lo <= metric[:1] <= han_hi and han_lo <= metric[1:2] <= han_hi) or bool(
            lx.TWO_HAN.search(metric)
        )
        if state.last_metric and not names:
            metric = state.last_metric  # "改造煤电机组规模16台980万千瓦": one metric, two figures
            names = bool(lx.TWO_HAN.search(metric))
        metrics = [metric]
        if respectively and len(group) > 1:
            parts = _split_subject(subject)
            if len(parts) == len(group):
                metrics = [parts[k]]
        elif len(group) == 1 and _has_each_word(segment) and lx.EACH.search(segment):
            parts = _split_subject(subject, on_and=False)
            if len(parts) > 1:
                metrics = parts
        state.seg_start = max(state.seg_start, next_start)
        state.last_metric = metric
        # The deadline: the last date before the figure if it is in the sentence (the usual
        # source, whose year may be past), else the nearest other source that states one.
        deadline: str | None
        i = bisect.bisect_left(doc.cue_pos, q.start) - 1
        if i >= 0 and doc.cues[i].pos >= s0:
            deadline, source = doc.cues[i].value, "sentence"
            past = doc.issue_year is not None and int(deadline[:4]) < doc.issue_year
        else:
            deadline, source = _deadline_outside_sentence(doc, q.start, i, node)
            past = False
        if past:
            continue
        baseline = None if state.baseline is None else _baseline(text, s0, s1, q.start, state)
        made = None  # the fields every metric of this figure shares, made on first use
        for metric_k in metrics:
            # (``names`` is this test's answer for ``metric`` itself, the usual only one)
            if not (names if metric_k is metric else lx.TWO_HAN.search(metric_k)):
                continue  # a bare figure with nothing it measures
            if made is None:
                # ``norm.bounds`` and ``norm.raw`` of both ranges, read off the offset map
                # directly where the range is not empty (as a figure never is).
                starts, ends = norm.starts, norm.ends
                ts, te = (starts[t0], ends[text_end - 1]) if t0 < text_end else norm.bounds(t0, text_end)
                vs, ve = starts[q.start], ends[q.end - 1]
                made = (
                    norm.original[vs:ve],
                    norm.original[ts:te],
                    {"start": ts, "end": te},
                    {"start": vs, "end": ve},
                )
            value_text, clause_text, span, value_span = made
            # The record as ``Target`` validates it, spans included (no Span models built first).
            target: _Record = {
                "path": path,
                "metric": _no_spaces(metric_k),
                "comparator": comparator,
                "value": q.value,
                "value_min": q.value_min,
                "unit": q.unit,
                "value_text": value_text,
                "deadline": deadline,
                "deadline_source": source,
                "baseline": baseline,
                "text": clause_text,
                "span": span,
                "value_span": value_span,
            }
            if q.kind == "money" and _is_fund(text, q, c0, c1):
                incentive = build_incentive(norm, q, path, clause, (s0, s1))
                sink.funds.append((q.start, target, incentive))
            else:
                sink.targets.append((q.start, target))


def _has_each_word(segment: str) -> bool:
    """``any(w in segment for w in lx.EACH_WORDS)`` without a generator per figure."""
    for w in lx.EACH_WORDS:  # noqa: SIM110 - the loop spares the generator ``any`` would make
        if w in segment:
            return True
    return False


def _fill_horizon(targets: list[tuple[int, _Record]]) -> None:
    # A plan without sections or a stated period: its first dated goal sets the horizon.
    # (The first in reading order: the lowest position, the earliest listed among equals, as
    # a stable sort by position would put first, found without sorting.)
    first: object = None
    first_pos: int | None = None
    for pos, t in targets:
        if t["deadline_source"] == "sentence" and (first_pos is None or pos < first_pos):
            first, first_pos = t["deadline"], pos
    if first is None:
        return
    for _, t in targets:
        if t["deadline"] is None:
            t["deadline"] = first
            t["deadline_source"] = "period"


def _is_fund(text: str, q: Quantity, c0: int, c1: int) -> bool:
    return bool(lx.FUND_SETUP.search(text[c0 : q.start]) and lx.FUND_AFTER.search(text[q.end : c1]))


def _no_spaces(s: str) -> str:
    """``s`` without its spaces and tabs (what ``regex.sub(r"[ \\t]+", "", s)`` gives, for less)."""
    return s.replace(" ", "").replace("\t", "")


def _lstrip_pos(text: str, a: int, b: int) -> int:
    """The first offset of ``text[a:b]`` past its leading spaces, tabs and list joiners."""
    s = text[a:b]
    return a + len(s) - len(s.lstrip(" \t、,和及"))


def _prefix_comparator(segment: str) -> str:
    last = None
    for m in lx.PREFIX_CUE.finditer(segment):
        # (A numeral after the cue is a character other than a space: what is left of the
        # segment is then never blank, and is matched where it lies rather than sliced off.)
        if _NUMERAL_START.match(segment, m.end()):
            continue  # "利税超千万元的企业": the cue belongs to a threshold inside the metric
        last = m
    return lx.PREFIX_COMPARATOR[last.group()] if last else "="


def trim_metric(segment: str) -> str:
    """The metric in the words before a figure: scaffolding off the left, comparator off the right."""
    return _trim_metric(segment)


def _trim_metric(segment: str) -> str:
    s = segment
    if "比" in s or "较" in s:  # every BASELINE_IN_METRIC cue holds one
        s = lx.BASELINE_IN_METRIC.sub("", s)
    if s[:1] in lx.LEAD_PREP_FIRST:
        s = lx.LEAD_PREP.sub("", s)
    # Each pattern only where ``s`` may open (or end) with what it removes: most metrics
    # open with no scaffolding, and the left pattern's long alternation costs more than a set
    # look-up; anchored at the end, the right one would still try every offset of ``s`` to
    # learn it has nothing to remove. ``\d`` is any Unicode decimal digit: the few digits of
    # planes past the first that ``isdecimal`` may not know (Unicode versions differ) take
    # the slow way. With neither gate open, a round gives ``s`` back and the loop ends.
    for _ in range(3):
        new = s
        c = new[:1]
        if c and (c in lx.LEFT_SCAFFOLD_FIRST or c.isdecimal() or c > "\uffff"):
            new = str(lx.LEFT_SCAFFOLD.sub("", new))
        if new and new[-1] in lx.RIGHT_SCAFFOLD_LAST:
            new = str(lx.RIGHT_SCAFFOLD.sub("", new))
        if new == s:
            break
        s = new
    return s.strip()


def _noun_after(text: str, pos: int, c1: int) -> tuple[str, int, int]:
    """The counted thing after a figure: (noun, its end, where the next figure's metric starts).

    "打造2个特色鲜明…的区域商标品牌" → 区域商标品牌; in a list "91个断面监测水站、26个…" the noun
    stops at the separator before the next figure.
    """
    # Only the first figure after ``pos`` bounds the noun: the rest of the clause is not read.
    nxt = next(iter_quantities(text, pos, c1, skip_time=True), None)
    end = nxt.start if nxt else c1
    next_start = end
    seg = text[pos:end]
    if nxt:
        cut = max(seg.rfind("、"), seg.rfind("和"), seg.rfind("及"))
        if cut > 0:
            seg, next_start = seg[:cut], pos + cut + 1
    m = lx.NOUN_LEAD.match(seg)
    lead = m.end() if m else 0
    noun = seg[lead:]
    cut_de = noun.rfind("的")
    if 0 <= cut_de < len(noun) - 1:
        noun = noun[cut_de + 1 :]
    noun = lx.NOUN_TRAIL.sub("", noun)[:40]
    return noun, pos + len(seg), next_start


def _split_subject(subject: str, on_and: bool = True) -> list[str]:
    sep = lx.SUBJECT_SPLIT if on_and else lx.SUBJECT_SPLIT_LIST
    parts = [p for p in sep.split(subject) if p]
    return parts


# --- deadlines ----------------------------------------------------------------------


def _month_value(y: int, m: int | None) -> str:
    return f"{y:04d}" if m is None else f"{y:04d}-{m:02d}"


def _iso_to_deadline(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    return "-".join(parts[:2])


def deadline_cues(
    text: str,
    dates: list[Located[DateMention]],
    issue_year: int | None,
    bracketed: list[tuple[int, int]] | None = None,
) -> list[DateCue]:
    """Dates that can serve as deadlines: 到2025年, 2025年底前, a year opening a sentence, 年内 …

    Reads the date stage's mentions; when none are handed over, the date grammar's
    ``read_dates`` reads the text afresh. ``bracketed`` is ``_BRACKETED``'s spans in ``text``
    when the caller has them.
    """
    raw: list[tuple[int, int, str]] = []
    if dates:
        found = [(d.start, d.end, d.item.text, deadline_value(d.item)) for d in dates]
    else:
        found = [(s, e, text[s:e], deadline_value(p)) for s, e, p in read_dates(text)]
    for start, end, written, value in found:
        v = value or _relative_value(written, issue_year)
        if v:
            raw.append((start, end, v))
    out: list[DateCue] = []
    titles: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
    for start, end, value in sorted(raw):
        cue = _deadline_cue(text, start, end, value)
        if cue is None:
            continue
        if titles is None:
            # Both patterns' matches never overlap, so one pass over the text finds every
            # match a window around a date would (see ``_in_title``).
            titles = (
                bracketed if bracketed is not None else [m.span() for m in _BRACKETED.finditer(text)],
                [m.span() for m in _TITLE_PAREN.finditer(text)],
            )
        # (No title in the text, as in most notices: no span to look a date up in.)
        if (titles[0] and _in_title(titles[0], start, len(text))) or (
            titles[1] and _in_title(titles[1], start, len(text))
        ):
            continue
        out.append(cue)
    return out


def _in_title(spans: list[tuple[int, int]], pos: int, n: int) -> bool:
    """Whether a title's span (sorted, disjoint ``spans``) holds ``pos`` within 90 chars of it.

    The same answer as looking for the pattern's matches in ``text[pos - 90 : pos + 90]``: a
    book title or its parenthesis is only read as such near the date.
    """
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    if i < 0:
        return False
    a, b = spans[i]
    return a <= pos < b and a >= pos - 90 and b <= min(n, pos + 90)


def _relative_value(written: str, issue_year: int | None) -> str | None:
    if issue_year is None:
        return None
    m = lx.RELATIVE_MONTH.search(written)
    if m and 1 <= int(m[1]) <= 12:
        return _month_value(issue_year, int(m[1]))
    if lx.RELATIVE_DEADLINE.search(written):
        return f"{issue_year:04d}"
    return None


_GOAL_AHEAD = regex.compile(r"[^。;\n]{0,60}?的?目标")


def _deadline_cue(text: str, start: int, end: int, value: str) -> DateCue | None:
    # (Offsets clamped at 0 by a conditional rather than ``max``: a call less, per date.)
    before = text[start - 6 if start > 6 else 0 : start]
    after = text[end : end + 4]
    # Each pattern is tried only when the date's neighbour is a character it can end or open
    # with (the *_LAST and *_FIRST sets): most dates have none of them around.
    last = before[-1:]
    first = after[:1]
    at = start - 2 if start > 2 else 0
    if text[at : at + 1] in lx.BASELINE_FIRST and lx.BASELINE.match(text, at):
        return None
    if last in lx.COMPARED_BEFORE_LAST and lx.COMPARED_BEFORE.search(before):
        return None
    if first in lx.SINCE_AFTER_FIRST and lx.SINCE_AFTER.search(after):
        return None
    # A year that opens a sentence or a clause ("2013年,…", "…,2026年…不低于…") dates what follows.
    lead_m = _CLAUSE_LEAD.search(text, start - 12 if start > 12 else 0, start)
    lead = lead_m.group(1).strip(" \t★") if lead_m else "x"
    opens = lead in lx.OPENING_LEAD_WORDS  # lx.OPENING_LEAD.fullmatch(lead)
    written = text[start:end]
    # Any one of these makes the date a deadline; they are tried in turn, the cheapest first.
    deadline = (
        opens
        or (last in lx.BY_BEFORE_LAST and lx.BY_BEFORE.search(before))
        or (written[-1:] in lx.BOUND_END_LAST and lx.BOUND_END.search(written))
        or (first in lx.BOUND_AFTER_FIRST and lx.BOUND_AFTER.match(after))
        # "按照2020年…的目标": the year names the goal's due date (but "按照2018年标准" does not).
        or (last in lx.ACCORDING_BEFORE_LAST and lx.ACCORDING_BEFORE.search(before) and _GOAL_AHEAD.match(text, end))
        or lx.RELATIVE_DEADLINE.search(written)
    )
    if not deadline:
        return None
    return DateCue(start, end, value, sentence_start=opens)  # unless inside a title: the caller checks


def phase_scopes(phases: list[Located[Phase]], outline: Outline, n: int) -> list[tuple[int, int, str]]:
    """(start, end, deadline) for each phase: from its line to the next phase or its section's end."""
    out: list[tuple[int, int, str]] = []
    located = sorted(phases, key=lambda p: p.start)
    for i, p in enumerate(located):
        value = _iso_to_deadline(p.item.end or p.item.start)
        if not value:
            continue
        node = outline.node_at(p.start)
        end = max(node.end, node.heading_end) if node else n
        if i + 1 < len(located):
            end = min(end, located[i + 1].start)
        out.append((p.start, max(end, p.end), value))
    return out


def _period_end(period: Period | None) -> str | None:
    if period is None:
        return None
    return _iso_to_deadline(period.end)


def _effort_deadline(text: str, issue_year: int | None) -> str | None:
    # (No ``in`` test of EFFORT_ENDS first: two-character words are found in a Chinese text
    # no faster than the tail's search, which starts from each 年, finds that they are absent.)
    if issue_year is None or not lx.YEARS_EFFORT_TAIL.search(text):
        return None
    m = lx.YEARS_EFFORT.search(text)
    if not m:
        return None
    n = int(m["n"]) if m["n"].isdigit() else han_to_int(m["n"])
    return f"{issue_year + n:04d}" if n else None


def _horizon(doc: _Doc) -> str | None:
    # The date the goals section opens with is the plan's horizon for goals elsewhere.
    for node in doc.outline.nodes:
        if lx.GOAL_WORD not in node.title:  # lx.GOAL_TITLE
            continue
        i = bisect.bisect_left(doc.cue_pos, node.start)
        if i < len(doc.cues) and doc.cues[i].pos < max(node.end, node.heading_end):
            return doc.cues[i].value
    return None


def _deadline_outside_sentence(
    doc: _Doc, pos: int, i: int, node: OutlineNode | None
) -> tuple[str | None, DeadlineSource]:
    """(deadline, source) for a figure at ``pos`` whose sentence states no date before it.

    ``i`` is the index of the last cue before ``pos`` (-1 for none); ``node`` is
    ``doc.outline.node_at(pos)``: the caller has both already.
    """
    # (Both look-ups answer None at once without task-table rows or phases: not called then.)
    row = _row_deadline(doc, pos) if doc.has_rows else None
    if row:
        return row, "table"
    phase = _phase_at(doc, pos) if doc.phase_starts else None
    if phase is not None:
        return phase, "phase"
    if node is not None:
        allowed, lo = _section_scope(doc, node)
        cue_nodes, cue_in_phase = doc.cue_nodes, doc.cue_in_phase
        if cue_nodes is None or cue_in_phase is None:
            cue_nodes, cue_in_phase = doc.cue_nodes, doc.cue_in_phase = _cue_tables(doc)
        j = i
        while j >= 0 and doc.cues[j].pos >= lo:
            at = cue_nodes[j]
            if at is not None and id(at) in allowed and not cue_in_phase[j]:
                return doc.cues[j].value, "section"
            if at is None:
                break
            j -= 1
    if doc.period_end:
        return doc.period_end, "period"
    if doc.horizon:
        return doc.horizon, "period"
    if doc.effort:
        return doc.effort, "period"
    return None, "none"


def _cue_tables(doc: _Doc) -> tuple[list[OutlineNode | None], list[bool]]:
    """Each cue's section (``node_at``) and whether a phase scope holds it."""
    node_at = doc.outline.node_at
    nodes = [node_at(c.pos) for c in doc.cues]
    if not doc.phase_starts:
        return nodes, [False] * len(doc.cues)  # what ``_phase_at`` answers without phases
    return nodes, [_phase_at(doc, c.pos) is not None for c in doc.cues]


def _section_scope(doc: _Doc, node: OutlineNode) -> tuple[set[int], int]:
    """The ids of ``node`` and its ancestors, and the first offset of the outermost of them.

    A date before that offset lies in none of them: from there on the walk for a section's
    date could only end empty-handed. Worked out once per section of the notice: its
    figures ask for it one after another.
    """
    key = id(node)
    scope = doc.section_scopes.get(key)
    if scope is None:
        chain = [node, *doc.outline.ancestors(node)]
        scope = doc.section_scopes[key] = ({id(n) for n in chain}, min(n.start for n in chain))
    return scope


def _phase_at(doc: _Doc, pos: int) -> str | None:
    """The deadline of the first phase scope (in reading order) holding ``pos``, if any."""
    # The first scope whose end reaches past ``pos`` is the first whose running max does.
    k = bisect.bisect_right(doc.phase_reach, pos)
    if k < len(doc.phase_starts) and doc.phase_starts[k] <= pos:
        return doc.phase_scopes[k][2]
    return None


def _has_rows(text: str) -> bool:
    """Whether a line of ``text`` opens with "|", as a task table's row does."""
    # One character is looked for many times faster than two ("\n|") in a Chinese text, and
    # most notices have no "|" at all.
    return "|" in text and (text.startswith("|") or "\n|" in text)


def _row_deadline(doc: _Doc, pos: int) -> str | None:
    """The deadline cell of a task table's row (``| … | 11月底前 | 牵头单位 |``)."""
    if not doc.has_rows:
        return None  # no line opens with "|": spares the search back to the line's start
    text = doc.norm.text
    a = text.rfind("\n", 0, pos) + 1
    if not text.startswith("|", a) or doc.issue_year is None:
        return None
    b = text.find("\n", pos)
    for cell in text[pos : b if b >= 0 else len(text)].split("|")[1:]:
        c = _no_spaces(cell)
        m = lx.ROW_DEADLINE.fullmatch(c) if c else None
        if m and (m["m"] or m["end"] or c.endswith("前")):
            year = int(m["y"]) if m["y"] else doc.issue_year
            return _month_value(year, int(m["m"]) if m["m"] else None)
    return None


# --- timetables ----------------------------------------------------------------------

_UNREAD: object = object()  # a cell's look-up not made yet


class _Cell:
    """A line or a table cell (trimmed of spaces and tabs) at normalised ``start:end``.

    What the walk asks of a cell more than once (its text without spaces, its column date,
    its number) is worked out on first use and kept.
    """

    __slots__ = ("_compact", "_date", "_number", "end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._compact: str | None = None
        self._date: re.Match[str] | object | None = _UNREAD
        self._number: object = _UNREAD

    @property
    def compact(self) -> str:
        if self._compact is None:
            self._compact = _no_spaces(self.text)
        return self._compact

    def date(self) -> re.Match[str] | None:
        """``_column_date`` of this cell."""
        if self._date is _UNREAD:
            self._date = _column_date(self)
        return self._date  # type: ignore[return-value]

    def number(self) -> tuple[Decimal, str | None, str] | None:
        """``read_number_cell`` of this cell's text."""
        if self._number is _UNREAD:
            self._number = read_number_cell(self.text)
        return self._number  # type: ignore[return-value]


def _column_date(cell: _Cell) -> re.Match[str] | None:
    """A column header's date (2025年, 2020年底目标); it opens with the year's digits."""
    # Most digit-led lines are list items (1.建设…): without 年 the pattern cannot match them.
    if not cell.text.lstrip(" \t")[:1].isdigit() or "年" not in cell.text:
        return None
    return lx.COLUMN_DATE.fullmatch(cell.compact)


def _lines(text: str, start: int = 0) -> list[_Cell]:
    """The text's non-blank lines from offset ``start`` (a line's first), each trimmed of spaces and tabs."""
    return [_Cell(m.group(), m.start(), m.end()) for m in lx.TRIMMED_LINE.finditer(text, start)]


def _line_start_before(text: str, pos: int, n: int) -> int:
    """The start of the line ``n`` non-blank lines above the line holding ``pos`` (0 if fewer)."""
    a = text.rfind("\n", 0, pos) + 1
    seen = 0
    while a > 0 and seen < n:
        b = a - 1  # the line break that ends the line above
        a = text.rfind("\n", 0, b) + 1
        if text[a:b].strip(" \t"):
            seen += 1
    return a


def _pipe_cells(line: _Cell) -> list[_Cell] | None:
    if not line.text.startswith("|"):
        return None
    cells = []
    for m in lx.CELL_TEXT.finditer(line.text):
        s = m.start()
        raw = m.group()
        ls = len(raw) - len(raw.lstrip(" \t"))
        rs = len(raw.rstrip(" \t"))
        if rs > ls:
            cells.append(_Cell(raw[ls:rs], line.start + s + ls, line.start + s + rs))
        else:
            cells.append(_Cell("", line.start + s, line.start + s))
    return cells


def _may_have_timetable(text: str) -> bool:
    """Whether a "|" row (a line opening with "|"), or two lines in a row that may be columns'
    dates, are in ``text``.

    A timetable without "|" rows opens with two date lines in a row (COLUMN_DATE_LINE each,
    blank lines aside); a text with single ones only (a year heading, a signature's date)
    has none to walk its lines for.
    """
    return _timetable_start(text) is not None


def _timetable_start(text: str) -> int | None:
    """The start of the first line that may open a timetable (see ``_may_have_timetable``).

    No table opens on a line above it: a table's first date line is the first of two lines
    that COLUMN_DATE_PAIR fits, and a "|" table opens on a "|" row.
    """
    # At the start, else after a line break: the same lines as a (?m)^, found by a search
    # the engine can start from each "\n" rather than from every offset.
    pipe: int | None = None
    if "|" in text:
        if lx.PIPE_ROW.match(text):
            return 0
        m = lx.PIPE_ROW_AFTER_BREAK.search(text)
        pipe = m.start() + 1 if m else None
    if lx.COLUMN_DATE_PAIR.match(text):
        return 0
    # Date lines below the first "|" row cannot come first: the search stops there. (A pair
    # the bound cuts short, or one it makes up at the bound, lies above the row all the
    # same: a "|" row is none of a pair's lines.)
    m = lx.COLUMN_DATE_PAIR_AFTER_BREAK.search(text, 0, len(text) if pipe is None else pipe)
    return m.start() + 1 if m else pipe


@dataclass(slots=True)
class _Header:
    """A timetable's header row and what its rows are checked against."""

    cells: list[_Cell]
    name: int | None = None  # the column naming each row's metric
    serial: list[bool] = field(default_factory=list)  # 序号/编号 columns
    dated: list[bool] = field(default_factory=list)  # columns whose label is a COLUMN_DATE

    def __post_init__(self) -> None:
        self.name = _name_col(self.cells)
        self.serial = [h.compact in ("序号", "编号") for h in self.cells]
        self.dated = [bool(lx.COLUMN_DATE.fullmatch(h.compact)) for h in self.cells]


def _timetables(doc: _Doc) -> tuple[list[tuple[int, _Record]], list[tuple[int, int]]]:
    """Targets from annex timetables (each with its cell's position): a row per metric, a column per date."""
    text = doc.norm.text
    start = _timetable_start(text)
    if start is None:
        return [], []
    # The walk only acts on a line that may open a table, looking back at most 4 lines for
    # the header's labels: it starts 4 non-blank lines above the first such line, the rest
    # of the text above having nothing it could act on.
    lines = _lines(text, _line_start_before(text, start, 4))
    targets: list[tuple[int, _Record]] = []
    consumed: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        first = line.text[0]
        # One cell per line: labels, then ≥2 date lines, then rows of the same width.
        if first.isdigit() and line.date() and i + 1 < len(lines) and lines[i + 1].date():
            j = i
            while j < len(lines) and lines[j].date():
                j += 1
            k = i
            while k > 0 and i - k < 4 and lx.HEADER_LABEL.fullmatch(lines[k - 1].compact):
                k -= 1
            if k < i:
                header = _Header(lines[k:j])
                rows: list[list[_Cell]] = []
                r = j
                width = len(header.cells)
                while r + width <= len(lines):
                    row = lines[r : r + width]
                    if not _row_ok(header, row):
                        break
                    rows.append(row)
                    r += width
                if rows:
                    targets.extend(_table_targets(doc, header, rows))
                    consumed.append((header.cells[0].start, rows[-1][-1].end))
                    i = r
                    continue
            i = j
            continue
        if first != "|":
            i += 1
            continue
        cells = _pipe_cells(line)
        if cells and sum(1 for c in cells if c.date()) >= 2:
            header = _Header(cells)
            rows = []
            r = i + 1
            while r < len(lines):
                prow = _pipe_cells(lines[r])
                if prow is None:
                    break
                if lx.RULE_ROW.fullmatch(lines[r].text):
                    r += 1
                    continue
                if len(prow) == len(header.cells) and _row_ok(header, prow):
                    rows.append(prow)
                r += 1
            if rows:
                targets.extend(_table_targets(doc, header, rows))
                consumed.append((lines[i].start, lines[r - 1].end))
            i = r
            continue
        i += 1
    return targets, consumed


def _name_col(header: list[_Cell]) -> int | None:
    for idx, h in enumerate(header):
        if (
            not h.date()
            and lx.NAME_HEADER.search(h.compact)
            and "单位" not in h.compact
        ):
            return idx
    return None


def _row_ok(header: _Header, row: list[_Cell]) -> bool:
    name = header.name
    if name is None or not lx.HAN.search(row[name].text):
        return False
    for serial, dated, c in zip(header.serial, header.dated, row, strict=True):
        if serial and not lx.SERIAL.fullmatch(c.compact):
            return False
        if dated and c.compact not in ("", "—", "-", "——", "/") and c.number() is None:
            return False
    return True


def _table_targets(doc: _Doc, header: _Header, rows: list[list[_Cell]]) -> list[tuple[int, _Record]]:
    out: list[tuple[int, _Record]] = []
    norm = doc.norm
    starts, ends, original = norm.starts, norm.ends, norm.original
    node_at = doc.outline.node_at
    name_idx = header.name
    assert name_idx is not None
    unit_idx = next((i for i, h in enumerate(header.cells) if h.compact in ("单位", "计量单位")), None)
    # The date columns with their deadlines, read once for all rows.
    columns: list[tuple[int, str]] = []
    for idx, h in enumerate(header.cells):
        dm = h.date()
        if dm:
            columns.append((idx, _month_value(int(dm["y"]), int(dm["m"]) if dm["m"] else None)))
    for row in rows:
        name = row[name_idx]
        mult, unit = Decimal(1), None
        metric = name.compact
        um = lx.ROW_UNIT.search(name.compact)
        if um:
            mult, unit = split_unit(um["u"])
            metric = name.compact[: um.start()]
        elif unit_idx is not None and row[unit_idx].compact:
            mult, unit = split_unit(row[unit_idx].compact)
        for idx, deadline in columns:
            c = row[idx]
            cell = c.number()
            if cell is None:
                continue
            value, cell_unit, rest = cell
            u = cell_unit or unit
            if not u:
                continue
            v = value if cell_unit else value * mult
            v = Decimal(int(v)) if v == v.to_integral_value() else v.normalize()
            comparator: Comparator = lx.SUFFIX_COMPARATOR.get(rest, "=") if rest else "="  # type: ignore[assignment]
            # ``norm.bounds`` and ``norm.raw`` read off the offset map directly: a cell holding
            # a number is never empty.
            cs, ce = starts[c.start], ends[c.end - 1]
            written = original[cs:ce]
            node = node_at(c.start)
            # Placed by the cell's normalised offset, like the sentences' targets, so that the
            # two sort together in reading order.
            out.append((
                c.start,
                {
                    "path": node.path if node else None,  # Outline.path_at
                    "metric": metric,
                    "comparator": comparator,
                    "value": v,
                    "unit": u,
                    "value_text": written,
                    "deadline": deadline,
                    "deadline_source": "table",
                    # The cell as written: a table states no clause, and a text made up
                    # from row, column and cell would break the span contract; the row
                    # name is in the metric and the column's date in the deadline.
                    "text": written,
                    "span": {"start": cs, "end": ce},
                    "value_span": {"start": cs, "end": ce},
                },
            ))
    return out
