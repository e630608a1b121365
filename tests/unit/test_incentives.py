"""Incentives: rewards and subsidies, kept apart from targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from policyparse.normalize import normalize
from policyparse.sections import build_outline
from policyparse.targets import find_targets

# (snippet, expected [(amount, unit, cap)])
INCENTIVES = [
    ("对企业获得发明专利授权并在我市辖区内实施产业化的,每项奖励50万元。", [("500000", "元", False)]),
    (
        "依技术交易额给予10%的奖励,单个企业最高奖励不超过20万元。",
        [("10", "%", False), ("200000", "元", True)],
    ),
    (
        "分别给予30万元、20万元、10万元和5万元的补助。",
        [("300000", "元", False), ("200000", "元", False), ("100000", "元", False), ("50000", "元", False)],
    ),
    ("按投资额给予10%—30%扶持,单个项目最高5000万元。", [("30", "%", False), ("50000000", "元", True)]),
    ("(一)A类人才,每人每月1500元;", [("1500", "元", False)]),
    (
        "给予面积不超160平方米的住房、每年最高100万元科研经费补贴等奖励。",
        [("160", "平方米", False), ("1000000", "元", True)],
    ),
]


@pytest.mark.parametrize(("snippet", "expected"), INCENTIVES)
def test_incentives(snippet: str, expected: list[tuple[str, str, bool]]) -> None:
    norm = normalize(snippet)
    targets, incentives = find_targets(norm, build_outline(norm), [], None, [], None)
    assert targets == []
    assert [(i.amount, i.unit, i.cap) for i in incentives] == [(Decimal(a), u, c) for a, u, c in expected]
    for i in incentives:
        assert i.span.slice(snippet) == i.text


def test_purpose_names_the_beneficiary() -> None:
    norm = normalize("对被国家知识产权局授予中国专利金奖和优秀奖的专利项目,分别给予30万元和10万元奖励。")
    _, incentives = find_targets(norm, build_outline(norm), [], None, [], None)
    assert {i.purpose for i in incentives} == {"被国家知识产权局授予中国专利金奖和优秀奖的专利项目"}


def test_fund_is_a_target_in_a_plan_and_an_incentive_in_a_rulebook() -> None:
    plan = "充分利用中央财政支持资金,首期设立1亿元专利运营引导资金。"
    norm = normalize(plan)
    targets, incentives = find_targets(norm, build_outline(norm), [], None, [], None)
    assert [(t.value, t.unit, t.comparator) for t in targets] == [(Decimal(100000000), "元", "=")]
    assert incentives == []
    rulebook = plan + "每项奖励50万元。每项奖励30万元。每项奖励20万元。"
    norm = normalize(rulebook)
    targets, incentives = find_targets(norm, build_outline(norm), [], None, [], None)
    assert targets == []
    assert len(incentives) == 4


# "Two Han characters or more", asked of a purpose: one search instead of finding them all.
@pytest.mark.parametrize(
    "part",
    ["", "A类人才", "人", "人才", "A 类 人", "给予", "对企业获得发明专利授权", "1500元", "\u3400x\u4e00", "ab, c"],
)
def test_two_han_search_is_counting_them(part: str) -> None:
    import regex

    from policyparse.lexicon import targets as tlx

    assert bool(tlx.TWO_HAN.search(part)) == (len(regex.findall(r"\p{Han}", part)) >= 2)
