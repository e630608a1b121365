"""Hypothesis properties over text built from real notice fragments and noise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.normalize import normalize

from ..provenance import path_problems, provenance_problems

# Real fragments, so the generated text exercises every stage, not only the fallbacks.
FRAGMENTS = [
    "一、", "二、", "(一)", "(二)", "(三)", "1.", "2.", "3、", "(1)", "(2)", "①", "②", "第一章", "第二条",
    "附件1", "附件:1.", "总体要求", "\n", "\n", "\n", "。", ",", ":", ";", "、",
    "(责任单位:市科技局、工业和信息化局、市场监管局)", "〔牵头单位:市发改委;配合单位:各区、县(市)政府〕",
    "[牵头单位:市财政局;责任单位:西咸新区、高新区管委会]", "(市发展改革委牵头,市财政局配合)",
    "牵头单位:", "责任单位:", "到2025年,", "全市万人发明专利拥有量超过30件", "达到9万件", "1.2万人", "3—5家",
    "年均增幅30%以上", "每项奖励50万元", "2017年11月24日", "二〇一七年十一月二十四日", "2017年7月?2017年12月",
    "市政办发〔2017〕109号", "国发 〔2015〕 71 号", "《关于加快建设知识产权强市的指导意见》", "《", "》", "(", ")",
    "〔", "〕", "【", "】", "启动建设阶段(2017年):", "第一阶段:编制改革方案(2017年7月—2017年12月)",
    "| 序号 | 任务 | 牵头单位 | 完成时限 |", "| 1 | 建设平台 | 市科技局<br>市财政局 | 2023年底前 |", "|",
    "<p>", "</p>", "<br>", "&nbsp;", "**", "#### ", "牽頭單位", "\u3000", "\xa0", " ", "?", "以上", "不低于",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_parses_with_honest_spans_and_unique_paths(text: str) -> None:
    notice = policyparse.parse(text)
    assert provenance_problems(notice) == []
    assert path_problems(notice) == []
    # The contract holds: the parsed notice survives a JSON round trip through the strict models.
    again = policyparse.Notice.model_validate_json(notice.model_dump_json())
    assert again == notice


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_offset_map_covers_every_normalised_character(text: str) -> None:
    n = normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    prev = 0
    for i in range(len(n.text)):
        assert 0 <= n.starts[i] < n.ends[i] <= len(text)
        assert n.starts[i] >= prev  # reading order is kept
        prev = n.starts[i]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_bytes_either_parse_or_raise_policyparse_error(data: bytes) -> None:
    try:
        notice = policyparse.parse_bytes(data, "x.txt")
    except policyparse.PolicyParseError:
        return
    assert provenance_problems(notice) == []
