"""Saved web pages → notice text and page metadata: each case a real snippet from the samples/corpus."""
# ruff: noqa: E501  (the snippets are page markup copied as it is, long lines included)

from __future__ import annotations

from pathlib import Path

import pytest

from policyparse.errors import DecodeError, PolicyParseError, UnsupportedFormatError
from policyparse.html import html_to_text
from policyparse.load import load_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_HTML = sorted((ROOT / "samples" / "html").glob("*.html"))
CORPUS_HTML = sorted((ROOT / "tests" / "corpus").glob("*.html"))

# gov.cn's 4-column metadata table (samples/html/02), labels padded with ASCII and full-width spaces.
GOVCN_META = """
<table class="bd1"><tbody>
 <tr><td width="70"><b>索 引 号：</b></td><td width="260">000014349/1996-00077</td>
     <td width="70"><b>主题分类：</b></td><td width="260">国防\\国防动员</td></tr>
 <tr><td><b>发文机关：</b></td><td>国务院办公厅、中央军委办公厅</td>
     <td><b>成文日期：</b></td><td>1996年06月29日</td></tr>
 <tr><td><b>标　　题：</b></td>
     <td colspan="3">国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知</td></tr>
 <tr><td><b>发文字号：</b></td><td>国办发〔1996〕25号</td><td><b>发布日期：</b></td><td>2018年12月24日</td></tr>
</tbody></table>
<table class="bd1"><tbody><tr><td width="70" valign="top"><b>主 题 词：</b></td>
 <td width="250" valign="top"></td><td width="68" valign="top"></td><td valign="top"></td></tr></tbody></table>
"""
GOVCN_META_DICT = {
    "索引号": "000014349/1996-00077",
    "主题分类": "国防\\国防动员",
    "发文机关": "国务院办公厅、中央军委办公厅",
    "成文日期": "1996年06月29日",
    "标题": "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
    "发文字号": "国办发〔1996〕25号",
    "发布日期": "2018年12月24日",
}

# Jiangxi's 2×3 table (samples/html/03): label and value share a cell, ASCII colons, space runs.
JIANGXI_META = """
<div class="screen xxgkTitle"><table border='0' width='99%'>
<tr>
  <td width="38%" align="left"><b><span>索  引  号: </span></b>014500815/2020-01655</td>
  <td width="33%" align="left"><b> 发文机关: </b> 省政府办公厅</td>
  <td width="35%" align="left"><b>文      号:</b> 赣府厅发〔2020〕4号</td>
</tr>
<tr>
  <td width="40%" align="left"><b>主题分类: </b> 科技、教育</td>
  <td width="33%" align="left"><b>组配分类: </b> 政策文件</td>
  <td width="25%" align="left"><b>成文日期: </b> 2020-02-05          </td>
</tr>
</table></div>
"""
JIANGXI_META_DICT = {
    "索引号": "014500815/2020-01655",
    "发文机关": "省政府办公厅",
    "文号": "赣府厅发〔2020〕4号",
    "主题分类": "科技、教育",
    "组配分类": "政策文件",
    "成文日期": "2020-02-05",
    "发文字号": "赣府厅发〔2020〕4号",
}

# corpus 06: the gov.cn policy library's table (labels with &nbsp;) and its mobile <ul> copy.
POLICY_LIBRARY_META = """
<div class="policyLibraryOverview_header pctoubukuang1">
  <table class="">
<!--
    <tr><th width="8%"></th><th width="48%"></th></tr>
-->
    <tr><td>标<span>&nbsp;&nbsp;</span>题：</td>
        <td>国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见</td>
        <td>发文机关：</td><td>发展改革委  能源局</td></tr>
    <tr><td>发文字号：</td><td>发改体改〔2022〕118号</td><td>来<span>&nbsp;&nbsp;</span>源：</td><td>发展改革委网站</td></tr>
    <tr><td>主题分类：</td><td class="zcwj_ztfl">国土资源、能源\\电力</td><td>公文种类：</td><td>意见</td></tr>
    <tr class="lastTr"><td>成文日期：</td><td>2022年01月18日</td></tr>
  </table>
  <ul class="mobileTable">
    <li><span>标&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;题：</span><span>
                    国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见
                </span></li>
    <li><span>发文机关：</span><span>发展改革委  能源局</span></li>
    <li><span>发文字号：</span><span>发改体改〔2022〕118号</span></li>
    <li><span>成文日期：</span><span>2022年01月18日</span></li>
  </ul>
</div>
"""
POLICY_LIBRARY_META_DICT = {
    "标题": "国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见",
    "发文机关": "发展改革委 能源局",
    "发文字号": "发改体改〔2022〕118号",
    "来源": "发展改革委网站",
    "主题分类": "国土资源、能源\\电力",
    "公文种类": "意见",
    "成文日期": "2022年01月18日",
}

P = '<p align="" style="margin-top: 0px; margin-bottom: 0px; text-indent: 2em; text-align: justify; font-family: 宋体;">'
CENTER = '<p style="margin-top: 0px; margin-bottom: 0px; text-align: center; font-family: 宋体;">'
RIGHT = '<p style="margin-top: 0px; margin-bottom: 0px; text-indent: 2em; text-align: right; font-family: 宋体;">'
BOLD18 = '<span style="font-weight: bold; font-size: 18pt;">'
LINGANG_P = '<p span="" align="justify" style="font-size:17px ;color: #222; line-height:27px">'

# (html, expected lines of the extracted text)
TEXT_EXAMPLES: list[tuple[str, list[str]]] = [
    # samples/html/01: a title split over three centred <p>, then the 文号 (not bold, not joined).
    (
        f'<td class="b12c" id="UCAP-CONTENT">{CENTER}{BOLD18}国务院办公厅关于印发文化体制改革中</span></p> '
        f"{CENTER}{BOLD18}经营性文化事业单位转制为企业和进一步</span></p> "
        f"{CENTER}{BOLD18}支持文化企业发展两个规定的通知</span></p> "
        '<p style="margin-top: 0px; margin-bottom: 0px; text-align: center;">'
        '<span style="font-family: 楷体, 楷体_GB2312;">国办发〔2018〕124号</span></p> '
        f"{P}<br> </p> {P}各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p></td>",
        [
            "国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业发展两个规定的通知",
            "国办发〔2018〕124号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        ],
    ),
    # samples/html/02: the title split by <br> inside nested spans; &nbsp; runs around the signature.
    (
        f'<td class="b12c" id="UCAP-CONTENT">{CENTER}<span style="font-weight: bold;">'
        '<span style="font-size: 18pt;">国务院办公厅、中央军委办公厅</span><br> '
        '<span style="font-size: 18pt;">关于加强对侵华日军遗弃化学武器<br> 调查和管理工作的通知</span></span></p> '
        f"{P}上述调查取证工作中的情况，要及时上报。</p> "
        f"{RIGHT}国务院办公厅　中央军委办公厅 &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;&nbsp;</p> "
        f"{RIGHT}&nbsp;一九九六年六月二十九日 &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;&nbsp;</p></td>",
        [
            "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
            "上述调查取证工作中的情况，要及时上报。",
            "国务院办公厅　中央军委办公厅",
            "一九九六年六月二十九日",
        ],
    ),
    # samples/html/01: the centred bold title of a carried regulation, split over two <p>, is joined;
    # a bold 一、 heading stays one line; the right-aligned signature and date are not joined.
    (
        f'<div id="UCAP-CONTENT">{RIGHT}国务院办公厅 &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;&nbsp;</p> '
        f"{RIGHT}2018年12月18日 &nbsp; &nbsp; &nbsp; &nbsp;&nbsp;</p> "
        f"{CENTER}{BOLD18}文化体制改革中经营性文化事业单位</span></p> "
        f"{CENTER}{BOLD18}转制为企业的规定</span></p> "
        f'{P}<span style="font-weight: bold;">二、关于国有文化资产管理</span></p></div>',
        [
            "国务院办公厅",
            "2018年12月18日",
            "文化体制改革中经营性文化事业单位转制为企业的规定",
            "二、关于国有文化资产管理",
        ],
    ),
    # corpus 06: title and 文号 share one centred <p> split by <br>: the 文号 keeps its own line;
    # the letter-spaced signature keeps its lines.
    (
        '<div class="pages_content mhide" id="UCAP-CONTENT">'
        '<p style="font-size: 12pt; text-align: center;"><span style="font-family: 宋体; font-weight: bold; '
        'font-size: 18pt;">国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见</span><br>\n'
        '<span style="font-size: 12pt; font-family: 楷体, 楷体_GB2312;">发改体改〔2022〕118号</span></p>\n'
        '<p style="font-family: 宋体; font-size: 12pt; text-align: right;">国家发展改革委<br>\n'
        '<span style="font-size: 12pt;">国 家 能 源 局<br>\n</span>'
        '<span style="font-size: 12pt;">2022年1月18日</span></p></div>',
        [
            "国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见",
            "发改体改〔2022〕118号",
            "国家发展改革委",
            "国 家 能 源 局",
            "2022年1月18日",
        ],
    ),
    # samples/html/03: bold headings inside a <p> stay on the line with the text after them.
    (
        '<div id="UCAP-CONTENT"><p style="text-align: left; text-indent: 2em;"><span style="font-family: 楷体, '
        '楷体_GB2312, SimKai; font-size: 16px;"><span style="font-family: 楷体, 楷体_GB2312, SimKai;">'
        "<strong>（一）指导思想</strong></span>。</span>坚持以习近平新时代中国特色社会主义思想为指导。</p>"
        '<p style="text-align: left; text-indent: 2em;"><strong>（六）拓宽综合实践渠道。</strong>健全社会教育资源'
        '有效开发配置的政策体系。<span style="font-family: 楷体, 楷体_GB2312, SimKai;"><strong>'
        "（责任单位：省教育厅，各市、县〔区〕政府，赣江新区管委会）</strong></span></p></div>",
        [
            "（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。",
            "（六）拓宽综合实践渠道。健全社会教育资源有效开发配置的政策体系。（责任单位：省教育厅，各市、县〔区〕政府，赣江新区管委会）",
        ],
    ),
    # samples/html/03: Hanweb's ContentStart/ContentEnd markers; the title from the CMS title field;
    # the "相关解读：" paragraph after （此件主动公开） is dropped.
    (
        '<div class="screen"><table><tr><td><a href="/">首页</a></td><td> > <a href="/c">政策文件</a></td></tr>'
        '</table></div><p class="sp_title con-title"> <!--<$[标题]>begin-->江西省人民政府办公厅关于新时代推进普通'
        '高中育人方式改革的实施意见<!--<$[标题]>end--></p><div id="zoom"><!--<$[信息内容]>begin-->'
        '<!--ZJEG_RSS.content.begin--><meta name="ContentStart"><p style="text-align: left; text-indent: 0em;">'
        '各市、县(区)人民政府，省政府各部门：</p><p style="text-align: right; text-indent: 2em;">2020年2月5日　　</p>'
        '<p style="text-align: left; text-indent: 2em;">（此件主动公开）</p><p style="text-align: left; '
        'text-indent: 2em;"><br/></p><p style="text-align: left; text-indent: 2em;"><span style="color: '
        'rgb(79, 129, 189);">相关解读：<a href="/art/2020/2/13/art_14236_1510383.html">解读《新时代推进普通高中育人'
        '方式改革的实施意见》</a></span></p><meta name="ContentEnd"><!--ZJEG_RSS.content.end-->'
        '<!--<$[信息内容]>end--></div><div class="ie8sys screen"><span id="qr_container">扫一扫在手机打开当前页'
        "</span></div>",
        [
            "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见",
            "各市、县(区)人民政府，省政府各部门：",
            "2020年2月5日",
            "（此件主动公开）",
        ],
    ),
    # samples/html/03: the body never states its own 文号; the table's goes under the CMS title,
    # where a printed notice has it (the body's cited 国办发〔2019〕29号 is left alone).
    (
        JIANGXI_META + '<p class="sp_title con-title"> <!--<$[标题]>begin-->江西省人民政府办公厅关于新时代推进普通'
        '高中育人方式改革的实施意见<!--<$[标题]>end--></p><div id="zoom"><meta name="ContentStart">'
        '<p style="text-align: left; text-indent: 0em;">各市、县(区)人民政府，省政府各部门：</p>'
        '<p style="text-align: left; text-indent: 2em;">根据《国务院办公厅关于新时代推进普通高中育人方式改革的指导意见》'
        '（国办发〔2019〕29号）精神，现就新时代推进普通高中育人方式改革提出如下实施意见。</p><meta name="ContentEnd"></div>',
        [
            "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见",
            "赣府厅发〔2020〕4号",
            "各市、县(区)人民政府，省政府各部门：",
            "根据《国务院办公厅关于新时代推进普通高中育人方式改革的指导意见》（国办发〔2019〕29号）精神，现就新时代推进普通高中育人方式改革提出如下实施意见。",
        ],
    ),
    # corpus 08: a fragment of <p> runs with no container; &nbsp; becomes a space.
    (
        f"{LINGANG_P}各相关单位:</p>{LINGANG_P}第一条 &nbsp;设立产业引导基金</p>"
        f"{LINGANG_P}附则 &nbsp; 对既适用于上级机关、又适用本政策的，按照“就高不就低、从优不重复”的原则执行。</p>"
        f"{LINGANG_P}<br/></p>",
        [
            "各相关单位:",
            "第一条 设立产业引导基金",
            "附则 对既适用于上级机关、又适用本政策的，按照“就高不就低、从优不重复”的原则执行。",
        ],
    ),
    # corpus 14: newlines and uneven indentation (ASCII plus ideographic spaces) inside <p>.
    (
        f"{LINGANG_P}\n    一、奋斗目标和总体要求\n</p>\n{LINGANG_P}\n   \u3000（一）奋斗目标。建设科技创新中心，"
        f"必须树立全球视野。\n</p>\n{LINGANG_P}\n    <br/>\n</p>",
        ["一、奋斗目标和总体要求", "（一）奋斗目标。建设科技创新中心，必须树立全球视野。"],
    ),
    # A body table: one Markdown-style row per <tr>; a cell's own line breaks become <br>.
    (
        '<div id="UCAP-CONTENT"><p>附件</p><table border="1"><tr><td>序号</td><td>重点任务</td>'
        "<td>牵头部门</td></tr><tr><td>1</td><td><p>加强组织领导</p><p>完善工作机制</p></td>"
        "<td>区发展改革委<br>区财政局</td></tr><tr><td colspan=3>二、共筑美丽蓝天</td></tr></table></div>",
        [
            "附件",
            "| 序号 | 重点任务 | 牵头部门 |",
            "| 1 | 加强组织领导<br>完善工作机制 | 区发展改革委<br>区财政局 |",
            "| 二、共筑美丽蓝天 |",
        ],
    ),
    # A layout table (one cell per row) is not a data table: its cells read as paragraphs.
    (
        '<div id="UCAP-CONTENT"><table><tr><td><p>一、总体要求</p><p>（一）指导思想。</p></td></tr>'
        "<tr><td>二、重点任务</td></tr></table></div>",
        ["一、总体要求", "（一）指导思想。", "二、重点任务"],
    ),
    # Furniture inside the body container: scripts, styles, iframes, comments, hidden blocks, QR text.
    (
        '<div id="UCAP-CONTENT"><script>var a="不是正文";</script><style>p{color:red}</style>'
        '<p>一、总体要求</p><!-- <p>注释里的旧稿</p> --><iframe src="x.htm">解读</iframe>'
        '<div style="display:none">隐藏的内容</div><div id="qr_container">扫一扫在手机打开当前页</div>'
        "<p>二、重点任务</p></div>",
        ["一、总体要求", "二、重点任务"],
    ),
    # A body printed twice in one container (screen and print copies) is kept once.
    (
        '<div class="article"><div class="screen"><p>一、总体要求</p><p>二、重点任务</p></div>'
        '<div class="print"><p>一、总体要求</p><p>二、重点任务</p></div></div>',
        ["一、总体要求", "二、重点任务"],
    ),
    # samples/html/02 without its id: the short body wins over the longer metadata table, and
    # the table's 标题 and 发文字号 head the text when the body leaves them out.
    (
        f'<div class="wrap">{GOVCN_META}<br><table><tbody><tr><td><br><table><tbody><tr><td class="b12c">'
        f"{P}北京市、天津市人民政府，沈阳、北京、兰州、济南、南京、广州军区：</p> "
        f"{P}一、日军遗弃化学武器是历史遗留问题，敏感性、专业性较强，情况复杂。</p>"
        '</td></tr><tr><td></td></tr></tbody></table><div id="div_div"><div id="qr_container">扫一扫在手机打开当前页'
        "</div></div></td></tr></tbody></table></div>",
        [
            "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
            "国办发〔1996〕25号",
            "北京市、天津市人民政府，沈阳、北京、兰州、济南、南京、广州军区：",
            "一、日军遗弃化学武器是历史遗留问题，敏感性、专业性较强，情况复杂。",
        ],
    ),
    # Plain (not bold) centred title lines at the top are joined; a centred two-issuer signature
    # further down is not.
    (
        '<div id="UCAP-CONTENT"><p align="center">关于加快建设全国统一电力市场体系</p>'
        '<p align="center">的指导意见</p><p>一、总体要求</p>'
        '<p align="center">国家发展改革委</p><p align="center">国家能源局</p>'
        '<p align="center">2022年1月18日</p></div>',
        ["关于加快建设全国统一电力市场体系的指导意见", "一、总体要求", "国家发展改革委", "国家能源局", "2022年1月18日"],
    ),
    # An old layout page: the body is text with <br> straight in a table cell beside a link column.
    (
        '<table><tr><td class="left"><a>首页</a><a>政务公开</a><a>政策文件</a></td><td>关于印发的通知<br>'
        + "<br>".join(f"{n}、本项工作由市科技局负责组织实施，各区县要认真落实。" for n in "一二三四五")
        + "</td></tr></table>",
        ["关于印发的通知"] + [f"{n}、本项工作由市科技局负责组织实施，各区县要认真落实。" for n in "一二三四五"],
    ),
    # A stray </html> from an included header template does not cut the page short (corpus 06).
    (
        '<html><head><title>t</title></head><body><div class="header">首页</div></html>'
        '<div id="UCAP-CONTENT"><p>一、总体要求</p></div></body></html>',
        ["一、总体要求"],
    ),
]


@pytest.mark.parametrize(("html", "lines"), TEXT_EXAMPLES)
def test_text_examples(html: str, lines: list[str]) -> None:
    text, _, _ = html_to_text(html.encode("utf-8"), "page.html")
    assert text.splitlines() == lines


# (html, expected metadata dict)
META_EXAMPLES: list[tuple[str, dict[str, str]]] = [
    (GOVCN_META + '<div id="UCAP-CONTENT"><p>正文</p></div>', GOVCN_META_DICT),
    (JIANGXI_META + '<div id="UCAP-CONTENT"><p>正文</p></div>', JIANGXI_META_DICT),
    (POLICY_LIBRARY_META + '<div id="UCAP-CONTENT"><p>正文</p></div>', POLICY_LIBRARY_META_DICT),
    # samples/html/03's <meta> title, used when the page has no visible 标题 field.
    (
        '<html><head><meta name="ArticleTitle" content="江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见">'
        '<meta name="PubDate" content="2020-02-13 15:04"></head><body><div id="UCAP-CONTENT"><p>正文</p></div>'
        "</body></html>",
        {"标题": "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见", "发布日期": "2020-02-13 15:04"},
    ),
    # Label cells without colons, as <th>.
    (
        "<table><tr><th>发文字号</th><td>苏府〔2024〕33号</td><th>成文日期</th><td>2024-05-20</td></tr></table>"
        '<div id="UCAP-CONTENT"><p>正文</p></div>',
        {"发文字号": "苏府〔2024〕33号", "成文日期": "2024-05-20"},
    ),
    # A body table of responsibility cells is not page metadata.
    (
        '<div id="UCAP-CONTENT"><table><tr><td>牵头单位：市科技局</td><td>配合单位：市财政局</td></tr>'
        "<tr><td>发布日期：2024年</td><td>索引号：1</td></tr></table></div>",
        {},
    ),
    (
        "<table><tr><td>牵头单位：市科技局</td><td>配合单位：市财政局</td></tr></table>"
        '<div id="UCAP-CONTENT"><p>正文</p></div>',
        {},
    ),
]


@pytest.mark.parametrize(("html", "expected"), META_EXAMPLES)
def test_metadata_examples(html: str, expected: dict[str, str]) -> None:
    _, meta, _ = html_to_text(html.encode("utf-8"), "page.html")
    assert meta == expected


def test_metadata_table_is_not_in_the_text() -> None:
    page = GOVCN_META + '<div id="UCAP-CONTENT"><p>国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知</p><p>国办发〔1996〕25号</p><p>正文</p></div>'
    text, meta, _ = html_to_text(page.encode(), "p.html")
    assert text == "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知\n国办发〔1996〕25号\n正文\n"
    assert meta["发文字号"] == "国办发〔1996〕25号"


PAGE = '<html><head>{meta}</head><body><div id="UCAP-CONTENT"><p>关于印发实施方案的通知</p></div></body></html>'

# (bytes, expected text, expected encoding)
ENCODING_EXAMPLES: list[tuple[bytes, str, str]] = [
    # samples/html/01–02 are fragments with no charset: UTF-8 by default.
    ('<div class="wrap"><p>国办发〔2018〕124号</p></div>'.encode(), "国办发〔2018〕124号\n", "utf-8"),
    (PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk"),
     "关于印发实施方案的通知\n", "gb18030"),
    (PAGE.format(meta='<meta charset="GBK">').encode("gb18030"), "关于印发实施方案的通知\n", "gb18030"),
    # No declaration and not UTF-8: GB18030.
    ("<p>关于印发实施方案的通知</p>".encode("gbk"), "关于印发实施方案的通知\n", "gb18030"),
    # A page that declares UTF-8 but is GBK.
    (PAGE.format(meta='<meta charset="utf-8">').encode("gbk"), "关于印发实施方案的通知\n", "gb18030"),
    # A page saved again as UTF-8 that keeps its old GB2312 declaration.
    (PAGE.format(meta='<meta charset="gb2312">').encode("utf-8"), "关于印发实施方案的通知\n", "utf-8"),
    # A server default (ISO-8859-1) declared over GBK bytes is not believed.
    (PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("gbk"),
     "关于印发实施方案的通知\n", "gb18030"),
    (b"\xef\xbb\xbf" + PAGE.format(meta="").encode(), "关于印发实施方案的通知\n", "utf-8-sig"),
    (PAGE.format(meta="").encode("utf-16"), "关于印发实施方案的通知\n", "utf-16"),
    # An XML declaration with an encoding (XHTML) is not refused by lxml.
    (('<?xml version="1.0" encoding="utf-8"?>' + PAGE.format(meta="")).encode(), "关于印发实施方案的通知\n", "utf-8"),
]


_LONG = "<p>" + "各市、县（区）人民政府，省政府各部门：现将实施方案印发给你们，请认真贯彻执行。" * 3 + "</p>"
ENCODING_EXAMPLES += [
    # Cut short inside the last character (a truncated archive member): still UTF-8, not mojibake.
    ((_LONG + "<p>附件").encode()[:-1], _LONG[3:-4] + "\n附\ufffd\n", "utf-8"),
    # One flipped byte in a UTF-8 page: that character is lost, the rest is read.
    (_LONG.encode().replace("省".encode(), b"\xff\xbf\xbf", 1), _LONG[3:-4].replace("省", "\ufffd\ufffd\ufffd", 1) + "\n",
     "utf-8"),
    # A short GBK page is not taken for UTF-8 with a few broken bytes.
    ("<p>通知正文</p>".encode("gbk"), "通知正文\n", "gb18030"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), ENCODING_EXAMPLES)
def test_encoding_examples(data: bytes, text: str, encoding: str) -> None:
    got_text, _, got_enc = html_to_text(data, "page.html")
    assert (got_text, got_enc) == (text, encoding)


# (bytes, the error raised)
BAD_INPUT: list[tuple[bytes, type[PolicyParseError]]] = [
    (b"", UnsupportedFormatError),
    (b"  \r\n\t ", UnsupportedFormatError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), DecodeError),
    (bytes(range(256)) * 8, DecodeError),
    (b"<html><head><title>x</title></head><body></body></html>", UnsupportedFormatError),
    (b"<html><body><script>var a = 1;</script><style>p {}</style></body></html>", UnsupportedFormatError),
    ("<html><body><script>document.write('正文');</script></body></html>".encode(), UnsupportedFormatError),
    (b"<!-- only a comment -->", UnsupportedFormatError),
    (b"<div><div></div></div>", UnsupportedFormatError),
]


@pytest.mark.parametrize(("data", "error"), BAD_INPUT)
def test_bad_input_raises_a_named_error(data: bytes, error: type[PolicyParseError]) -> None:
    with pytest.raises(error) as info:
        html_to_text(data, "bad.html")
    assert info.value.source == "bad.html"
    assert info.value.reason and "\n" not in info.value.reason


def test_deeply_nested_page_does_not_crash() -> None:
    data = b"<div>" * 3000 + "正文".encode() + b"</div>" * 3000
    try:
        text, _, _ = html_to_text(data, "deep.html")
    except PolicyParseError:
        return
    assert "正文" in text


@pytest.mark.parametrize("path", SAMPLES_HTML + CORPUS_HTML, ids=lambda p: p.name)
def test_every_page_converts(path: Path) -> None:
    text, _, enc = html_to_text(path.read_bytes(), str(path))
    assert enc == "utf-8"
    assert text.strip()
    # Only the page's characters plus line breaks, spaces and table pipes: no markup, no entities.
    assert "<" not in text.replace("<br>", "")
    assert "&nbsp;" not in text
    assert "扫一扫" not in text
    assert all(line == line.strip() for line in text.splitlines())


# (sample, first line, last line, metadata keys that must be there)
SAMPLE_SHAPES = [
    ("01_govcn_guobanfa_2018_124_culture_enterprises.html",
     "国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业发展两个规定的通知",
     "上述政策适用于所有文化企业，执行期限为2019年1月1日至2023年12月31日。",
     {"标题", "发文字号", "发文机关", "成文日期", "发布日期", "索引号", "主题分类"}),
    ("02_govcn_guobanfa_1996_25_chemical_weapons.html",
     "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
     "一九九六年六月二十九日",
     {"标题", "发文字号", "发文机关", "成文日期", "发布日期"}),
    ("03_jiangxi_ganfutingfa_2020_4_high_school_reform.html",
     "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见",
     "（此件主动公开）",
     {"标题", "文号", "发文字号", "发文机关", "成文日期", "索引号"}),
]


@pytest.mark.parametrize(("name", "first", "last", "keys"), SAMPLE_SHAPES)
def test_sample_pages(name: str, first: str, last: str, keys: set[str]) -> None:
    text, meta, _ = html_to_text((ROOT / "samples" / "html" / name).read_bytes(), name)
    lines = text.splitlines()
    assert (lines[0], lines[-1]) == (first, last)
    assert keys <= set(meta)
    assert "相关解读" not in text


def test_page_printed_twice_yields_one_body() -> None:
    path = ROOT / "tests" / "corpus" / "06_govcn-ndrc-nea-unified-power-market-opinion-2022.html"
    text, meta, _ = html_to_text(path.read_bytes(), path.name)
    assert text.count("（一）指导思想。") == 1
    assert text.count("发改体改〔2022〕118号") == 1
    assert meta["发文字号"] == "发改体改〔2022〕118号"
    assert meta["成文日期"] == "2022年01月18日"


def test_loaded_html_keeps_the_extracted_text_and_metadata() -> None:
    path = ROOT / "samples" / "html" / "02_govcn_guobanfa_1996_25_chemical_weapons.html"
    loaded = load_bytes(path.read_bytes(), path.name)
    text, meta, enc = html_to_text(path.read_bytes(), path.name)
    assert (loaded.kind, loaded.text, loaded.metadata, loaded.encoding) == ("html", text, meta, enc)
