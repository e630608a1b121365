"""References: 《》 titles with the number beside them, and numbers cited alone, from real snippets."""

from __future__ import annotations

import pytest

from policyparse.docnumbers import find_doc_numbers
from policyparse.lexicon.references import TITLE_BRACKETS
from policyparse.models import DocNumber
from policyparse.normalize import normalize
from policyparse.references import _brackets, find_references, title_spans


def refs_of(
    text: str, own_title: str | None = None, own_number: str | None = None
) -> list[tuple[str | None, str | None]]:
    norm = normalize(text)
    numbers = find_doc_numbers(norm)
    own = next((n.item for n in numbers if n.item.normalized == own_number), None)
    if own_number and own is None:
        own = DocNumber.model_validate(
            {"text": own_number, "normalized": own_number, "agency": "", "year": 0, "serial": "",
             "span": {"start": 0, "end": 0}}
        )
    refs = find_references(norm, numbers, own, own_title=own_title)
    return [(r.item.title, r.item.doc_number.normalized if r.item.doc_number else None) for r in refs]


# (id, text, own title, own number, expected [(title, number)])
EXAMPLES: list[tuple[str, str, str | None, str | None, list[tuple[str | None, str | None]]]] = [
    (
        "numbers in the parenthesis after the title (002)",
        "为贯彻国务院《关于新形势下加快知识产权强国建设的若干意见》(国发〔2015〕71号)和省政府《关于印发山东省知识产权"
        "强省建设实施方案的通知》(鲁政发〔2016〕38号)精神,根据国家知识产权局《关于加快建设知识产权强市的指导意见》"
        "(国知发管字〔2016〕86号)和《关于批复青岛市为国家知识产权强市创建市的函》(国知发管函字〔2017〕93号)要求,",
        None,
        None,
        [
            ("关于新形势下加快知识产权强国建设的若干意见", "国发〔2015〕71号"),
            ("关于印发山东省知识产权强省建设实施方案的通知", "鲁政发〔2016〕38号"),
            ("关于加快建设知识产权强市的指导意见", "国知发管字〔2016〕86号"),
            ("关于批复青岛市为国家知识产权强市创建市的函", "国知发管函字〔2017〕93号"),
        ],
    ),
    (
        "the notice's own title as a page header is not a citation (000)",
        "市政办发〔2017〕109号《西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通知》\n"
        "《西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通知》\n"
        "市政办发〔2017〕109号\n"
        "现将《西安国家知识产权强市创建工作方案(2017—2019年)》印发你们,请认真贯彻实施。\n",
        "西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通知",
        "市政办发〔2017〕109号",
        [("西安国家知识产权强市创建工作方案(2017—2019年)", None)],
    ),
    (
        "nested <> kept as written, whitespace removed (003)",
        "原《嘉兴市人民政府关于贯彻实施<国家知识产权战略纲要>  大力推进知识产权保护工程的若干意见》"
        "(嘉政发〔2009〕66号)同时废止。",
        None,
        None,
        [(
            "嘉兴市人民政府关于贯彻实施<国家知识产权战略纲要>大力推进知识产权保护工程的若干意见",
            "嘉政发〔2009〕66号",
        )],
    ),
    (
        "nested 〈〉 (corpus 13)",
        "本计划自印发之日起实施,《北京市丰台区人民政府办公室关于印发〈推进美丽丰台建设持续深入打好污染防治攻坚战2024年"
        "行动计划〉的通知》(丰政办发〔2024〕6号)同时废止。",
        None,
        None,
        [(
            "北京市丰台区人民政府办公室关于印发〈推进美丽丰台建设持续深入打好污染防治攻坚战2024年行动计划〉的通知",
            "丰政办发〔2024〕6号",
        )],
    ),
    (
        "repeats listed once (001)",
        "根据《知识产权强国建设纲要(2021—2035年)》《“十四五”国家知识产权保护和运用规划》。"
        "贯彻落实《知识产权强国建设纲要(2021—2035年)》和《“十四五”国家知识产权保护和运用规划》",
        None,
        None,
        [("知识产权强国建设纲要(2021—2035年)", None), ("“十四五”国家知识产权保护和运用规划", None)],
    ),
    (
        "a number given at a repeat fills the first listing (samples 002)",
        "为贯彻《关于新形势下加快知识产权强国建设的若干意见》精神。"
        "根据国务院《关于新形势下加快知识产权强国建设的若干意见》(国发〔2015〕71号)",
        None,
        None,
        [("关于新形势下加快知识产权强国建设的若干意见", "国发〔2015〕71号")],
    ),
    (
        "title broken over lines (corpus 02)",
        "、《关于华中区域“\n两个细则\n”\n实施的补充通知》（华中电监市场价财〔2011〕260号）、",
        None,
        None,
        [("关于华中区域“两个细则”实施的补充通知", "华中电监市场价财〔2011〕260号")],
    ),
    (
        "a short name after 简称 is an alias (corpus 16)",
        "《医疗机构管理条例》(以下简称《条例》)和《医疗机构管理条例实施细则》(以下简称《实施细则》)实施以来,"
        "各级卫生行政部门以《条例》为依据",
        None,
        None,
        [("医疗机构管理条例", None), ("医疗机构管理条例实施细则", None)],
    ),
    (
        "the own number beside a carried text's title is not its number (html 01)",
        "国办发〔2018〕124号\n《文化体制改革中经营性文化事业单位转制为企业的规定》和《进一步支持文化企业发展的规定》已经国务院同意",
        None,
        "国办发〔2018〕124号",
        [("文化体制改革中经营性文化事业单位转制为企业的规定", None), ("进一步支持文化企业发展的规定", None)],
    ),
    (
        "a number cited without a title (issue 3)",
        "根据国办发〔2018〕5号文件",
        None,
        None,
        [(None, "国办发〔2018〕5号")],
    ),
    (
        "a course name in 《》 is kept (html 03)",
        "开好《红色文化》课程",
        None,
        None,
        [("红色文化", None)],
    ),
    ("no 《》, no number (html 02)", "关于禁止化学武器国际公约", None, None, []),
]


@pytest.mark.parametrize(
    ("text", "own_title", "own_number", "expected"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES]
)
def test_references(
    text: str, own_title: str | None, own_number: str | None, expected: list[tuple[str | None, str | None]]
) -> None:
    assert refs_of(text, own_title, own_number) == expected


@pytest.mark.parametrize("text", [e[1] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_spans_slice_the_citation(text: str) -> None:
    norm = normalize(text)
    for r in find_references(norm, find_doc_numbers(norm), None):
        raw = r.item.span.slice(text)
        if r.item.title is not None:
            assert raw.startswith("《") and raw.endswith("》")
        else:
            assert r.item.doc_number is not None and raw == r.item.doc_number.text


def test_unclosed_bracket_is_not_a_title() -> None:
    text = "《" + "无" * 300 + "》"
    assert title_spans(text) == []


# ---------------------------------------------------------------- fast path: 《 》 by str.find
# _brackets must list what TITLE_BRACKETS.finditer finds, in the same order.
BRACKET_RUNS = [
    "《关于新形势下加快知识产权强国建设的若干意见》(国发〔2015〕71号)和省政府《关于印发山东省知识产权强省建设实施方案的通知》",
    "《国务院办公厅关于印发〈深化医药卫生体制改革2014年工作总结和2015年重点工作任务〉的通知》",
    "》开头的残片《《嵌套《内层》》外》《未闭合",
    "没有书名号的一行",
    "",
]


@pytest.mark.parametrize("text", BRACKET_RUNS)
def test_brackets_found_by_find_match_the_regex_scan(text: str) -> None:
    assert list(_brackets(text)) == [(m.start(), m.group() == "《") for m in TITLE_BRACKETS.finditer(text)]
