"""Unit lists: splitting, trailing phrases, understanding (full names), and splitting properties."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from policyparse.lexicon import orgunits as lx
from policyparse.orgunits import cut_trailing, place_namer, prefix_of, restorable, split_units, understand

from ..notices import normalized_notices

# (body, units as split)
SPLITS = [
    (
        "市科技局(知识产权局)、市工商局、市文广新局(版权局)",
        ["市科技局(知识产权局)", "市工商局", "市文广新局(版权局)"],
    ),
    ("市编办、市法制办,西咸新区、高新区管委会", ["市编办", "市法制办", "西咸新区", "高新区管委会"]),
    (
        "市发展改革委、工业和信息化局、科技局,各区、县(市)政府",
        ["市发展改革委", "工业和信息化局", "科技局", "各区、县(市)政府"],
    ),
    (
        "市文广新局,各有关奖项评选单位,各区、市政府",
        ["市文广新局", "各有关奖项评选单位", "各区、市政府"],
    ),
    (
        "省教育厅,各市、县〔区〕政府,赣江新区管委会",
        ["省教育厅", "各市、县〔区〕政府", "赣江新区管委会"],
    ),
    ("相关区、县(市)政府", ["相关区、县(市)政府"]),
    ("市委组织部(市委人才办)、市人社局", ["市委组织部(市委人才办)", "市人社局"]),
    ("区生态环境局\t各街镇", ["区生态环境局", "各街镇"]),
    ("市科技局(知识产权局、、市财政局", ["市科技局(知识产权局", "市财政局"]),  # unclosed bracket
    ("市科技局;市财政局;", ["市科技局", "市财政局"]),
    ("", []),
]


@pytest.mark.parametrize(("body", "expected"), SPLITS)
def test_split(body: str, expected: list[str]) -> None:
    pieces, _ = split_units(body)
    assert [p.text for p in pieces] == expected


def test_groups_follow_strong_separators() -> None:
    pieces, _ = split_units("市编办、市法制办,西咸新区、高新区管委会;市财政局")
    assert [p.group for p in pieces] == [0, 0, 1, 1, 2]


# (unit as written, after the trailing phrase is cut)
CUTS = [
    ("青岛海关按职责分工负责", "青岛海关"),
    ("崂山区政府按职责分工负责", "崂山区政府"),
    ("苏州海关等", "苏州海关"),
    ("城投集团等按职责分工负责", "城投集团"),
    ("各有关部门", "各有关部门"),
    ("等部门", ""),
    ("市工信局牵头负责", "市工信局"),
    ("市科技局", "市科技局"),
]


@pytest.mark.parametrize(("unit", "expected"), CUTS)
def test_cut_trailing(unit: str, expected: str) -> None:
    assert cut_trailing(unit) == expected


# (units of one list, groups, fulls)
UNDERSTAND = [
    (
        ["西咸新区", "高新区", "经开区管委会"],
        [0, 0, 0],
        ["西咸新区管委会", "高新区管委会", "经开区管委会"],
    ),
    (["碑林区", "鄠邑区政府"], [0, 0], ["碑林区政府", "鄠邑区政府"]),
    # a suffix is shared only inside its group
    (
        ["市编办", "西咸新区", "高新区管委会"],
        [0, 1, 1],
        ["市编办", "西咸新区管委会", "高新区管委会"],
    ),
    (
        ["各区县政府", "西咸新区", "各开发区管委会"],
        [0, 0, 0],
        ["各区县政府", "西咸新区管委会", "各开发区管委会"],
    ),
    (["市科技局", "工业和信息化局"], [0, 0], ["市科技局", "市工业和信息化局"]),
    (["市教育局", "市场监管局", "科协"], [0, 0, 0], ["市教育局", "市市场监管局", "市科协"]),
    (["省科技厅", "工业和信息化厅"], [0, 0], ["省科技厅", "省工业和信息化厅"]),
    (["区科技局", "发展改革委"], [0, 0], ["区科技局", "区发展改革委"]),
    (
        ["市金融发展局", "财政局", "盛京金控投资集团有限公司"],
        [0, 0, 0],
        ["市金融发展局", "市财政局", "盛京金控投资集团有限公司"],
    ),
    (
        ["市商务局", "人民银行苏州市分行", "能源集团"],
        [0, 0, 0],
        ["市商务局", "人民银行苏州市分行", "能源集团"],
    ),
    (
        ["市财政局", "国家金融监管总局苏州监管分局"],
        [0, 0],
        ["市财政局", "国家金融监管总局苏州监管分局"],
    ),
    (
        ["市科技局", "浑南区政府", "中德生态园管委"],
        [0, 0, 0],
        ["市科技局", "浑南区政府", "中德生态园管委"],
    ),
    (["市科技局", "城市管理局"], [0, 0], ["市科技局", "市城市管理局"]),
    (["市外侨办", "商务局"], [0, 0], ["市外侨办", "市商务局"]),
    # no prefix anywhere: nothing to restore
    (["科技局", "财政局"], [0, 0], ["科技局", "财政局"]),
    (["各区、县(市)政府", "市直有关部门"], [0, 0], ["各区、县(市)政府", "市直有关部门"]),
]


@pytest.mark.parametrize(("units", "groups", "expected"), UNDERSTAND)
def test_understand(units: list[str], groups: list[int], expected: list[str]) -> None:
    assert understand(units, groups) == expected


def test_fallback_prefix_from_other_lists() -> None:
    assert understand(["金融发展局"], [0], fallback_prefix="市") == ["市金融发展局"]


def test_units_that_open_with_the_notices_place_keep_their_name() -> None:
    names_place = place_namer("濮阳市人民政府关于印发……青岛市……丰台区人民政府")
    units = ["市司法局", "濮阳海关", "青岛仲裁办", "丰台交通支队", "商务局"]
    assert understand(units, names_place=names_place) == [
        "市司法局",
        "濮阳海关",
        "青岛仲裁办",
        "丰台交通支队",
        "市商务局",
    ]


def test_a_business_district_is_not_a_place_prefix() -> None:
    # 丽泽金融商务区 in the text must not make 商务局 look place-named.
    names_place = place_namer("丽泽金融商务区管委会")
    assert understand(["区科技局", "商务局"], names_place=names_place) == ["区科技局", "区商务局"]


# --- properties --------------------------------------------------------------------------

NAME = st.text(alphabet="市区县科技局财政委办厅政府管新中心", min_size=1, max_size=6)
SEP = st.sampled_from(["、", ",", ";", "\t", " ", "、\n", ",,"])
OPEN_CLOSE = [("(", ")"), ("〔", "〕"), ("[", "]"), ("【", "】"), ("“", "”")]


@st.composite
def bracketed(draw: st.DrawFn) -> str:
    o, c = draw(st.sampled_from(OPEN_CLOSE))
    inner = draw(st.lists(NAME, min_size=1, max_size=3))
    sep = draw(SEP)
    return draw(NAME) + o + sep.join(inner) + c


TOKEN = st.one_of(NAME, bracketed())


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A list body and the spans of its bracketed tokens."""
    tokens = draw(st.lists(TOKEN, min_size=1, max_size=6))
    seps = draw(st.lists(SEP, min_size=len(tokens), max_size=len(tokens)))
    body = ""
    spans: list[tuple[int, int]] = []
    for t, s in zip(tokens, seps, strict=True):
        if body:
            body += s
        if any(o in t for o, _ in OPEN_CLOSE):
            spans.append((len(body), len(body) + len(t)))
        body += t
    return body, spans


ANY_TEXT = st.text(alphabet="市科技局、,;()〔〕[]【】“”\t \n各区县政府", max_size=40)


@given(ANY_TEXT)
def test_split_never_yields_an_empty_unit(body: str) -> None:
    pieces, _ = split_units(body)
    assert all(p.text and p.text.strip() for p in pieces)


@given(ANY_TEXT)
def test_joining_units_with_separators_gives_the_body_back(body: str) -> None:
    pieces, tail = split_units(body)
    assert "".join(p.sep + p.text for p in pieces) + tail == body
    assert all(body[p.start : p.end] == p.text for p in pieces)


@given(bodies())
def test_split_never_cuts_inside_balanced_brackets(case: tuple[str, list[tuple[int, int]]]) -> None:
    body, spans = case
    pieces, tail = split_units(body)
    assert "".join(p.sep + p.text for p in pieces) + tail == body
    for s, e in spans:
        assert any(p.start <= s and e <= p.end for p in pieces), (body, body[s:e])


# --- fast paths (issue 7): each compared with the computation it stands for ---------------


# Edges of the gates below, then every sample and corpus notice, normalised.
GATE_SNIPPETS = [
    "市科技局、市场监管局、区域办、县区政府、市、区、省级、市、县政府、州盟旗、旗县",
    "碑林区、鄠邑区政府,高新区、经开区管委会;各区县有关部门、市直主管部门",
    "西咸新区、高新区管委会\n、浑南区党工委、街道办事处、区人民政府\n",
    "濮阳市人民政府,濮阳海关、丰台区人民政府、丽泽金融商务区、文化市场、全省级",
    # one lender per line, so that each end character alone decides the gate
    "碑林区、鄠邑区政府\n西咸新区、经开区管委会\n市财政局、各区县有关部门\n浑南区、和平区党工委\n"
    "沈北新区、于洪区管委\n朝阳区、海淀区办事处\n区科技局、发展改革委、商务局\n金融发展局、财政局",
    # what may follow a 区 or 县 that ends a place: white space of every kind, and what is not
    "北京丰台区\x1c北京西城区\u3000北京海淀区\xa0北京东城区\u2003北京朝阳区\x0b北京通州区\u200b北京顺义县\n北京怀柔县\x1f",
]


def _texts() -> list[str]:
    return [*GATE_SNIPPETS, *normalized_notices(pages=False)]


def _windows(text: str, width: int = 8) -> list[str]:
    """Every string of up to ``width`` characters ending at every place of ``text``, and the empty one."""
    return [text[max(0, i - k) : i] for i in range(len(text) + 1) for k in range(0, width + 1)]


@pytest.mark.parametrize("text", _texts())
def test_prefix_of_reads_the_prefix_pattern(text: str) -> None:
    # ``prefix_of`` tests PREFIX's two character sets instead of running it.
    for s in {*_windows(text, 3), *(text[i : i + 3] for i in range(len(text)))}:
        m = lx.PREFIX.match(s)
        assert prefix_of.__wrapped__(s) == (m.group("p") if m else None), s


@pytest.mark.parametrize("text", _texts())
def test_a_unit_not_ending_like_a_shared_suffix_lends_none(text: str) -> None:
    # The gate of ``_distribute_suffixes``: SHARED_SUFFIX matches only units ending in SHARED_SUFFIX_LAST.
    for s in _windows(text):
        if lx.SHARED_SUFFIX.search(s):
            assert s[-1:] in lx.SHARED_SUFFIX_LAST, s


def _understand_slow(
    units: list[str], groups: list[int], fallback: str | None, names_place: Callable[[str], bool]
) -> list[str]:
    """``understand`` without its shortcuts: every group's lender read, every unit's prefix
    looked for, ``restorable`` asked of every unit before the prefix to restore is sought."""
    out = list(units)
    last_of: dict[int, int] = {}
    for k, g in enumerate(groups):
        last_of[g] = k
    for k, (u, g) in enumerate(zip(units, groups, strict=True)):
        m = lx.SHARED_SUFFIX.search(units[last_of[g]])
        suffix = m.group() if m and m.start() != 0 else None
        if suffix is None or k == last_of[g] or lx.ORG_SUFFIX.search(u) or lx.JOINT_LEVELS.fullmatch(u):
            continue
        if suffix.endswith("部门") or lx.TAKES_SUFFIX.search(u):
            out[k] = u + suffix
    prefixes = [(m.group("p") if (m := lx.PREFIX.match(u)) else None) for u in out]
    fulls = list(out)
    for k, u in enumerate(out):
        if prefixes[k] is not None or not restorable(u, names_place):
            continue
        p = next((prefixes[j] for j in range(k - 1, -1, -1) if prefixes[j]), None)
        p = p or next((prefixes[j] for j in range(k + 1, len(out)) if prefixes[j]), None) or fallback
        if p is not None:
            fulls[k] = p + u
    return fulls


@pytest.mark.parametrize("text", _texts())
def test_understand_with_its_shortcuts_is_the_slow_reading(text: str) -> None:
    names_place = place_namer(text)
    # Every line read as a list (and each 、-run as one group, to exercise lending), with and
    # without a fallback prefix.
    for line in text.split("\n"):
        pieces, _ = split_units(line[:160])
        kept = [(cut_trailing(p.text), p.group) for p in pieces]
        units = [u for u, _ in kept if u]
        groups = [g for u, g in kept if u]
        for fallback in (None, "市"):
            for gs in (groups, [0] * len(units)):
                got = understand(units, gs, fallback_prefix=fallback, names_place=names_place)
                assert got == _understand_slow(units, gs, fallback, names_place), line[:80]


@pytest.mark.parametrize("text", _texts())
def test_place_heads_found_from_the_level_character_are_the_look_behind_scan(text: str) -> None:
    # PLACE_HEADS (one pattern per level character) match the level character first and look
    # behind for the 3-character head (the 2-character head is its tail); the form they
    # replaced tried the look-behind at every character and captured both heads.
    slow = regex.compile(r"(?<=(?s:(.(..))))(?:" + lx.PLACE_END.pattern + ")")
    fast = sorted((m.start(), m.group(1), m.group(1)[1:]) for p in lx.PLACE_HEADS for m in p.finditer(text))
    assert fast == [(m.start(), *m.groups()) for m in slow.finditer(text)]


@pytest.mark.parametrize("text", _texts())
def test_prefix_pattern_from_character_sets_is_the_alternation(text: str) -> None:
    slow = regex.compile(r"^(?P<p>省|市|区|县|州|盟|旗)(?!场|级|域|县|区|、)")
    for s in {*_windows(text, 3), *(text[i : i + 3] for i in range(len(text)))}:
        fast_m, slow_m = lx.PREFIX.match(s), slow.match(s)
        assert (fast_m and (fast_m.group("p"), fast_m.end())) == (slow_m and (slow_m.group("p"), slow_m.end())), s


@pytest.mark.parametrize("text", _texts())
def test_plain_split_is_the_walk_with_or_without_strong_separators(text: str) -> None:
    from policyparse.orgunits import Piece, _inside_brackets, _split_plain, _split_walk

    # A body with no , or ; is one group without its separators being looked at; with them,
    # each opens a group. Lines of the notice as they are, and with every 、 made a , .
    for line in text.split("\n"):
        for body in (line[:160], line[:160].replace("、", ",")):
            if lx.BRACKETS.keys().isdisjoint(body):
                got = _split_plain(body)
                assert got == _split_walk(body, _inside_brackets(body)), body
                assert all(type(p) is Piece and p.text == body[p.start : p.end] for p in got[0])


# Patterns moved from ``regex`` to the standard ``re`` engine (issue 7, round 2).
RE_ENGINE = ("GENERIC_START", "NATIONAL_START", "ORG_SUFFIX", "SHARED_SUFFIX", "TAKES_SUFFIX", "NO_PREFIX")
RE_ENGINE_LISTS = ("LIST_ITEM", "LIST_ITEM_PAIRED")


@pytest.mark.parametrize("text", _texts())
def test_patterns_on_re_answer_as_they_did_on_regex(text: str) -> None:
    import re

    def found(m: re.Match[str] | regex.Match[str] | None) -> object:
        return m and (m.span(), m.groups())

    for line in text.split("\n"):
        body = line[:160]
        # The list patterns over each line (as a list), and FLAT_PAIRS over it and its brackets.
        for name in RE_ENGINE_LISTS:
            fast = getattr(lx, name)
            assert isinstance(fast, re.Pattern)
            assert fast.findall(body) == regex.compile(fast.pattern).findall(body), (name, body)
        slow_flat = regex.compile(lx.FLAT_PAIRS.pattern)
        for s in (body, *regex.findall(r"[(〔\[【“《‘].{0,30}", body)):
            assert found(lx.FLAT_PAIRS.fullmatch(s)) == found(slow_flat.fullmatch(s)), s
        # The unit patterns over every item of the line, cut and whole, and every tail of it.
        pieces, _ = split_units(body)
        items = {s for p in pieces for s in (p.text, cut_trailing(p.text))}
        items |= {s[i:] for s in list(items) for i in range(1, min(len(s), 8))}
        for name in RE_ENGINE:
            fast = getattr(lx, name)
            slow = regex.compile(fast.pattern)
            assert isinstance(fast, re.Pattern)
            for s in items:
                assert found(fast.search(s)) == found(slow.search(s)), (name, s)
                assert found(fast.match(s)) == found(slow.match(s)), (name, s)


PLACE_WORDS = (
    "省 市 区 县 州 盟 旗 镇 乡 街道 新区 开发区 高新区 园区 生态园 产业园 科技园 工业园 "
    "基地 港区 保税区 试验区 自贸区 片区"
)


@pytest.mark.parametrize("text", [" ".join("濮阳" + w + "管委会" for w in PLACE_WORDS.split()), *_texts()])
def test_a_unit_naming_a_place_holds_a_character_place_words_end_with(text: str) -> None:
    # The gate before NAMED_PLACE in ``_plain_department``: every match ends in NAMED_PLACE_LAST.
    for line in text.split("\n"):
        pieces, _ = split_units(line[:160])
        items = {s for p in pieces for s in (p.text, cut_trailing(p.text))}
        for unit in items | {s[i:] for s in items for i in range(1, min(len(s), 8))}:
            m = lx.NAMED_PLACE.match(unit)
            assert m is None or m.group()[-1] in lx.NAMED_PLACE_LAST, unit
            assert (m is not None) <= (not lx.NAMED_PLACE_LAST.isdisjoint(unit)), unit


# Lists for the fast-path tests below: real ones (with and without brackets, quotes, strong
# separators), the edges of each test, and every line of the samples and corpus.
PATH_SNIPPETS = [
    "市委宣传部、市文化广电旅游体育局、工业和信息化局、市场监管局",
    "市科技局(知识产权局)、市工商局、市文广新局(版权局)",
    "市编办、市法制办,西咸新区、高新区、经开区、浐灞生态区、国际港务区管委会",
    "省教育厅;各市、县〔区〕政府",
    "“放管服”改革牵头部门、《条例》实施单位",
    "市发展改革委【牵头】",
    "[注]",
    "‘双随机’",
    "",
    ",",
    ";",
    "、",
]


@pytest.mark.parametrize("text", [*PATH_SNIPPETS, *_texts()])
def test_opener_and_strong_separator_scans_are_the_character_sets(text: str) -> None:
    # ``lx.OPENER`` / ``lx.STRONG_SEPARATOR`` stand for ``frozenset.isdisjoint`` of the lists.
    for s in {*text.split("\n"), *_windows(text, 4)}:
        assert (lx.OPENER.search(s) is None) == frozenset(lx.BRACKETS).isdisjoint(s), s
        assert (lx.STRONG_SEPARATOR.search(s) is None) == lx.STRONG_SEPARATOR_CHARS.isdisjoint(s), s


def _looks_like_unit_first_written(unit: str) -> bool:
    if not unit or len(unit) > 30 or any(c in unit for c in "的要将对把被应须。:!?“”《》"):
        return False
    return lx.ORG_SUFFIX.search(unit) is not None or lx.JOINT_LEVELS.fullmatch(unit) is not None


@pytest.mark.parametrize("text", [*PATH_SNIPPETS, "市财政局的", "市财政局“”", "《市财政局》", *_texts()])
def test_looks_like_unit_by_character_set_and_cached_suffix_test(text: str) -> None:
    # ``looks_like_unit`` reads NOT_IN_UNIT as a set and its suffix test from ``_complete``'s cache.
    from policyparse.orgunits import looks_like_unit

    for s in {text[:40], *_windows(text, 10)}:
        assert looks_like_unit(s) == _looks_like_unit_first_written(s), s


# --- fast paths (issue 7, round 6) ------------------------------------------------------------


def test_han_class_is_the_han_script_of_regex() -> None:
    # NAMED_PLACE runs on ``re`` with \p{Han} written out as HAN_CLASS: the same code points.
    import re

    fast = re.compile(f"[{lx.HAN_CLASS}]")
    slow = regex.compile(r"\p{Han}")
    for cp in range(0x110000):
        c = chr(cp)
        assert (fast.match(c) is None) == (slow.match(c) is None), hex(cp)


# Units around NAMED_PLACE's edges: rare Han characters (々, 〇, ⺀, CJK extensions) before a
# place word, the look-behinds (都市, 社区) and the words after (市场, 区政府, 市民政局).
NAMED_PLACE_SNIPPETS = [
    "佐々木市商务局、〇〇县政府、⺀⺁区管委会、𠀀𠀁市科技局、豈更新区管委会、ａ市财政局、A市财政局",
    "都市圈办公室、夜市管理办、社区服务中心、小区物业、校区管委会、城市管理局",
    "市场监管局、市级财政、区域合作办、市直机关工委、市属国企、市容局、市政府办公厅、市民政局、区政务服务局",
    "人民银行青岛市中心支行、中德生态园管委、濮阳海关、丰台区人民政府、浑南区政府",
]


@pytest.mark.parametrize("text", [*NAMED_PLACE_SNIPPETS, *_texts()])
def test_named_place_on_re_answers_as_it_did_on_regex(text: str) -> None:
    slow = regex.compile(lx.NAMED_PLACE.pattern.replace(f"[{lx.HAN_CLASS}]", r"\p{Han}"))
    assert slow.pattern != lx.NAMED_PLACE.pattern
    for line in text.split("\n"):
        pieces, _ = split_units(line[:160])
        items = {s for p in pieces for s in (p.text, cut_trailing(p.text))}
        items |= {s[i:] for s in list(items) for i in range(1, min(len(s), 8))}
        for s in items:
            fast_m, slow_m = lx.NAMED_PLACE.match(s), slow.match(s)
            assert (fast_m and fast_m.span()) == (slow_m and slow_m.span()), s
