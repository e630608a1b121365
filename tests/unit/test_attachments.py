"""Attachments: the 附件 lines of real notices → (number, title) lists."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.attachments import find_attachments
from policyparse.lexicon.attachments import ATTACHMENT_LIST, NUMBERED_LABEL
from policyparse.normalize import line_starts, matches_at, normalize


def attachments_of(text: str) -> list[tuple[int | None, str]]:
    return [(a.number, a.title) for a in find_attachments(normalize(text))]


# (id, text, expected [(number, title)])
EXAMPLES: list[tuple[str, str, list[tuple[int | None, str]]]] = [
    (
        "numbered-list-over-two-lines",  # sample 001
        "附件:1.濮阳市国家知识产权强市建设试点城市工作领导小组名单\n\n"
        "          2.濮阳市国家知识产权强市建设试点城市主要任务推进时间表\n\n \n\n附件1\n\n"
        "濮阳市国家知识产权强市建设试点城市\n\n工作领导小组名单\n",
        [(1, "濮阳市国家知识产权强市建设试点城市工作领导小组名单"),
         (2, "濮阳市国家知识产权强市建设试点城市主要任务推进时间表")],
    ),
    (
        "full-width-colon-and-dot-title-opening-with-a-year",  # corpus 01
        "附件：1．2024年苏州市推动大规模设备更新和消费品以旧换新任务清单\n\n"
        "      2．苏州市推动大规模设备更新和消费品以旧换新工作部门职责清单\n\n附件1\n",
        [(1, "2024年苏州市推动大规模设备更新和消费品以旧换新任务清单"),
         (2, "苏州市推动大规模设备更新和消费品以旧换新工作部门职责清单")],
    ),
    (
        "list-then-annex-labels-with-titles-gives-the-list-once",  # corpus 13
        "附件: 1.持续污染防治攻坚2026年行动计划\n\n     2.加快绿色低碳转型2026年行动计划\n\n"
        "北京市丰台区人民政府办公室\n\n附件1：持续污染防治攻坚2026年行动计划\n\n附件2：加快绿色低碳转型2026"
        "年行动计划\n",
        [(1, "持续污染防治攻坚2026年行动计划"), (2, "加快绿色低碳转型2026年行动计划")],
    ),
    (
        "single-unnumbered-attachment",  # corpus 02
        "现印发给你们。请各单位于2013年1月1日起执行。\n附件：湖北电网非统调发电企业辅助服务管理实施细则（试"
        "行）\n"
        "（此页无正文）\n",
        [(None, "湖北电网非统调发电企业辅助服务管理实施细则(试行)")],
    ),
    (
        "label-alone-then-numbered-lines",
        "附件：\n1.濮阳市国家知识产权强市建设试点城市工作领导小组名单\n"
        "2.濮阳市国家知识产权强市建设试点城市主要任务推进时间表\n濮阳市人民政府\n",
        [(1, "濮阳市国家知识产权强市建设试点城市工作领导小组名单"),
         (2, "濮阳市国家知识产权强市建设试点城市主要任务推进时间表")],
    ),
    (
        "items-sharing-one-line",
        "附件:1.濮阳市国家知识产权强市建设试点城市工作领导小组名单;2.濮阳市主要任务推进时间表\n",
        [(1, "濮阳市国家知识产权强市建设试点城市工作领导小组名单"), (2, "濮阳市主要任务推进时间表")],
    ),
    (
        "title-in-book-brackets-is-read-without-them",
        "附件：《湖北电网非统调发电企业辅助服务管理实施细则（试行）》\n",
        [(None, "湖北电网非统调发电企业辅助服务管理实施细则(试行)")],
    ),
    (
        "one-line-labels-without-a-list",
        "附件1：持续污染防治攻坚2026年行动计划\n\n| 序号 | 重点任务 |\n\n附件2：加快绿色低碳转型2026年行动计"
        "划\n",
        [(1, "持续污染防治攻坚2026年行动计划"), (2, "加快绿色低碳转型2026年行动计划")],
    ),
    # --- not attachments ---
    ("web-link-label", "公文相关附件: 市政办发109\n", []),  # sample 000
    (
        "download-links",  # corpus 13 and corpus 03
        "附件：\n\n[1、丰政办发〔2026〕4号.pdf](https://www.bjft.gov.cn/xxfb/P020260330606864287215.pdf)\n\n"
        "附件：\n附件----天津市2021年春节期间电力需求响应.wps\n",
        [],
    ),
    (
        "annex-label-alone-is-not-a-list",  # corpus 02: the label over the carried text
        "附件\n湖北电网非统调发电企业辅助服务\n管理实施细则（试行）\n",
        [],
    ),
    ("annex-mentioned-in-prose", "具体任务见附件1。各单位要按照附件2的要求报送材料。\n", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in EXAMPLES], ids=[i for i, _, _ in EXAMPLES]
)
def test_attachment_examples(text: str, expected: list[tuple[int | None, str]]) -> None:
    assert attachments_of(text) == expected


def test_attachment_span_slices_the_title_in_the_original() -> None:
    original = "附件：1．2024年苏州市任务清单\n      2．苏州市工作部门职责清单\n"
    found = find_attachments(normalize(original))
    assert [a.span.slice(original) for a in found] == ["2024年苏州市任务清单", "苏州市工作部门职责清单"]


# ---------------------------------------------------------------- fast path: 附件 lines only
# Both patterns tried only at the starts of lines holding 附件 give finditer's matches.
LABEL_TEXTS = [
    "附件:1.沈阳市知识产权运营服务体系建设重点项目\n2.任务分工\n\n正文",  # sample 002
    "  附件:1.甲;2.乙\n附件 2.丙\n",
    "详见附件。\n附件1:青岛市创建国家知识产权强市工作任务分解表\n附件2:表",
    "附件\n1.甲\n附件:\n",
    "公文相关附件: 市政办发109\n附件1、丰政办发〔2026〕4号.pdf",  # web labels, a file name
    "没有附件的正文",
]


def _same(pattern: regex.Pattern[str], text: str) -> None:
    fast = [(m.span(), m.groupdict()) for m in matches_at(pattern, text, line_starts(text, "附件"))]
    assert fast == [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", LABEL_TEXTS)
def test_label_lines_only_give_the_whole_scan(text: str) -> None:
    _same(ATTACHMENT_LIST, text)
    _same(NUMBERED_LABEL, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["附件", "附", "件", ":", "1.", "2、", "3", " ", "\t", "\n", "甲乙", "。"]),
                max_size=24).map("".join))
def test_label_lines_only_give_the_whole_scan_on_any_text(text: str) -> None:
    _same(ATTACHMENT_LIST, text)
    _same(NUMBERED_LABEL, text)
