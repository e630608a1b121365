"""Metadata: title, own number, issuer, issue date, recipients, web fields and period, read
from real notice headers (copied out of samples/ and tests/corpus/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.dates import find_dates
from policyparse.docnumbers import find_doc_numbers
from policyparse.lexicon import metadata as mlx
from policyparse.metadata import (
    Metadata,
    _ends_in_kind,
    _find_recipients,
    _lines,
    _title_candidates,
    _title_shaped,
    issuer_name,
    read_fields,
    read_metadata,
    split_recipients,
)
from policyparse.normalize import normalize
from policyparse.sections import build_outline

from ..notices import normalized_notices


def meta_of(text: str, page: dict[str, str] | None = None) -> Metadata:
    norm = normalize(text)
    numbers = find_doc_numbers(norm)
    return read_metadata(norm, build_outline(norm), numbers, find_dates(norm, numbers), page or {})

# samples/000 lines 1–11
XIAN = (
    "市政办发〔2017〕109号《西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案"
    "(2017-2019年)的通知》\n"
    "《西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通"
    "知》\n"
    "市政办发〔2017〕109号\n"
    "各区、县人民政府,市人民政府各工作部门、各直属机构:\n"
    "现将《西安国家知识产权强市创建工作方案(2017—2019年)》印发你们,请认真贯彻实施。"
    "\n"
    "西安市人民政府办公厅\n"
    "2017年11月24日\n"
    "西安国家知识产权强市创建工作方案\n"
    "(2017—2019年)\n"
    "根据国家知识产权局《关于加快建设知识产权强市的指导意见》,结合《西安市知识产权“十三五”发"
    "展规划》总体部署,制定本工作方案。\n"
    "一、总体要求\n"
)

# samples/001, head (NBSP kept)
PUYANG = (
    "濮阳市人民政府 关于印发濮阳市国家知识产权强市建设试点城市工作方案的通知\n"
    "\n"
    "濮阳市人民政府\n"
    "关于印发濮阳市国家知识产权强市建设试点城市工作方案的通知\n"
    "\n"
    "濮政〔2022〕19号\n"
    "\n"
    "各县(区)人民政府,经开区、工业园区、示范区管委会,市直各单位:\n"
    "\n"
    "《濮阳市国家知识产权强市建设试点城市工作方案》已经市政府第138次常务会议研究同意,现印发"
    "给你们,请结合实际,认真贯彻执行。\n"
    "\n"
    "\u00a0\n"
    "\n"
    "\u00a0\n"
    "\n"
    "\u00a0\n"
    "\n"
    "2022年10月4日\n"
    "\n"
    "(此件公开发布)\u00a0\n"
    "\n"
    "\u00a0\n"
    "\n"
    "濮阳市国家知识产权强市建设试点城市\n"
    "\n"
    "工 作 方 案\n"
    "\n"
    "\u00a0\n"
    "\n"
    "2022年8月,我市被国家知识产权局确定为国家知识产权强市建设试点城市,试点时限自2022"
    "年7月至2025年6月。\n"
    "\n"
    "一、总体要求\n"
)

# samples/002, head
QINGDAO = (
    "青岛市人民政府关于印发青岛市创建国家知识产权强市实施方案的通知\n"
    "字体大小: 打印\n"
    "  • 索引号 171013145304930410\n"
    "  • 主题分类 知识产权\n"
    "  • 成文日期 2017-08-09\n"
    "  • 发布日期 2017-08-09\n"
    "  • 发文字号 青政字〔2017〕58号\n"
    "  • 发文单位 青岛市人民政府\n"
    "  • 有效性 失效\n"
    "  • 规范性文件登记号\n"
    "  • 各区、市人民政府,市政府各部门,市直各单位:\n"
    "\n"
    "    现将《青岛市创建国家知识产权强市实施方案》印发给你们,请认真贯彻执行。\n"
    "\n"
    "    青岛市人民政府\n"
    "\n"
    "    2017年8月9日\n"
    "\n"
    "    青岛市创建国家知识产权强市实施方案\n"
    "\n"
    "    \u00a0\n"
    "\n"
    "    一、总体要求\n"
)

# samples/003, head and one later line
JIAXING = (
    "首页\n"
    "> 政务公开 > 市政府信息 > 嘉兴市人民政府公报 > 2012年度 > 2012年第1"
    "2期\n"
    "\n"
    "嘉兴市人民政府关于印发加强知识产权工作促进经济转型发展若干意见的通知\n"
    "发布日期:2022-12-13 19:18 信息来源:市政府办公室 浏览次数:\n"
    "\n"
    "各县(市、区)人民政府,市政府各部门、直属各单位:\n"
    "\n"
    "《加强知识产权工作促进经济转型发展的若干意见》已经七届市政府第8次常务会议审议通过,现印发"
    "给你们,请认真贯彻执行。\n"
    "\n"
    "\n"
    "\n"
    "\n"
    "嘉兴市人民政府\n"
    "\n"
    "2012年11月5日\n"
    "\n"
    "加强知识产权工作\n"
    "\n"
    "促进经济转型发展的若干意见\n"
    "\n"
    "一、指导思想和工作目标\n"
    "\n"
    "(一)指导思想。\n"
    "\n"
    "以科学发展观为指导,全面落实《国家知识产权战略纲要》(国发〔2008〕18号),深入贯彻\n"
)

# samples/004, start of its one-line body
SHENYANG = (
    "沈阳市人民政府关于印发沈阳市知识产权运营服务体系建设实施方案(2020-2023年)的通知"
    "\n"
    "\n"
    "发文机构:沈阳市人民政府 | 发文时间:2020-09-30\n"
    "\n"
    "各区、县(市)人民政府,市政府有关部门、有关直属单位: 现将《沈阳市知识产权运营服务体系建"
    "设实施方案(2020-2023年)》印发给你们,请结合实际,认真贯彻执行。 沈阳市人民政府"
    " 2020年9月28日 (此件公开发布) 沈阳市知识产权运营服务体系建设实施方案(2020"
    "-2023年) 为加快构建我市知识产权运营服务体系,充分发挥知识产权对经济社会发展的支撑引"
    "领作用,根据《财政部办公厅国家知识产权局办公室关于做好2020年知识产权运营服务体系建设工"
    "作的通知》(财办建〔2020〕40号)精神,结合我市实际,特制定本方案。 一、总体要求 "
)

# corpus 02 lines 21–36
HUAZHONG = (
    "华中电监市场价财\n"
    "﹝\n"
    "2012\n"
    "﹞\n"
    "428\n"
    "号\n"
    "关于印发《湖北电网非统调发电企业辅助服务管理实施细则（试行）》的通知\n"
    "湖北省电力公司，湖北省各非统调发电企业\n"
    "：\n"
    "为规范湖北省内非统调电厂调峰、无功等辅助服务考核和补偿工作，我局制定了《湖北电网非统调发电"
    "企业辅助服务管理实施细则（试行）》，现印发给你们。请各单位于2013年1月1日起执行。\n"
    "附件：湖北电网非统调发电企业辅助服务管理实施细则（试行）\n"
    "（此页无正文）\n"
    "2012\n"
    "年12月12日\n"
    "附件\n"
    "湖北电网非统调发电企业辅助服务\n"
)

# corpus 03 lines 1–3 and 14–48
TIANJIN = (
    "市工业和信息化局关于印发2021年春节期间电力需求响应实施细则的通知_委局文件_政务公开\n"
    "天津政务网\n"
    "2019年12月3日星期二\n"
    "名 称 ：\n"
    "市工业和信息化局关于印发2021年春节期间电力需求响应实施细则的通知\n"
    "索 引 号 ：\n"
    "11120000MB1896646L/2021-00073\n"
    "发 布 机 构 ：\n"
    "天津市工业和信息化局\n"
    "发 文 字 号 ：\n"
    "津工信电力〔2021〕3号\n"
    "主 题 ：\n"
    "科技工业信息化\\工业;科技工业信息化\\信息化\n"
    "成 文 日 期 ：\n"
    "发 文 日 期 ：\n"
    "有 效 性 ：\n"
    "有效\n"
    "市工业和信息化局关于印发\n"
    "2021\n"
    "年春节期间\n"
    "电力需求响应实施细则的通知\n"
    "国网天津市电力公司，有关单位：\n"
    "为落实国家和我市关于春节期间能源保供工作部署要求，充分保障群众用电用热需求，依据《市工业和"
    "信息化局关于开展\n"
    "2021\n"
    "年电力需求响应工作的通知》（津工信电力〔\n"
    "2021\n"
    "〕\n"
    "2\n"
    "号）等文件，我局组织编制了《天津市\n"
    "2021\n"
    "年春节期间电力需求响应实施细则》，现予以印发，请遵照执行。\n"
    "特此通知。\n"
    "2021\n"
    "年\n"
    "2\n"
    "月\n"
    "2\n"
    "日\n"
)

# corpus 01 lines 20–66
SUZHOU = (
    "索 引 号：\n"
    "\n"
    "014150827/2024-00091\n"
    "\n"
    "分\u3000\u3000类：\n"
    "\n"
    "宏观经济国民经济管理、国有资产监管市政府文件通知\n"
    "\n"
    "发布机构：\n"
    "\n"
    "苏州市人民政府\n"
    "\n"
    "发文日期：\n"
    "\n"
    "2024-05-20\n"
    "\n"
    "时\u3000\u3000效：\n"
    "\n"
    "有效\n"
    "\n"
    "文\u3000\u3000号：\n"
    "\n"
    "苏府〔2024〕33号\n"
    "\n"
    "标\u3000\u3000题：\n"
    "\n"
    "市政府关于印发苏州市推动大规模设备更新和消费品以旧换新实施方案的通知\n"
    "\n"
    "内容概述：\n"
    "\n"
    "为深入贯彻国家、省关于推动大规模设备更新和消费品以旧换新的决策部署，结合我市实际制定本实施"
    "方案。\n"
    "\n"
    "# 市政府关于印发苏州市推动大规模设备更新和消费品以旧换新实施方案的通知\n"
    "\n"
    "## 苏府〔2024〕33号\n"
    "\n"
    "时间： **2024-05-21 09:34**来源： **苏州市人民政府办公室**访问量"
    "：\n"
    "\n"
    "各县级市（区）人民政府，苏州工业园区、苏州高新区、太仓港口管委会；市各委办局，各直属单位："
    "\n"
    "\n"
    "现将《苏州市推动大规模设备更新和消费品以旧换新实施方案》印发给你们，请认真贯彻落实。\n"
    "\n"
    "苏州市人民政府\n"
    "\n"
    "2024年5月18日\n"
    "\n"
    "（此件公开发布）\n"
)

# corpus 13 lines 14–34
FENGTAI = (
    "**\\[标  题\\]** 北京市丰台区人民政府办公室关于印发《美丽丰台建设2026年行动计"
    "划》的通知\n"
    "**\\[发文机构\\]** 北京市丰台区人民政府办公室\n"
    "**\\[主题分类\\]** 城乡建设、环境保护/环境监测、保护与治理\n"
    "**\\[发文字号\\]** 丰政办发 \\[2026\\] 4号\n"
    "**\\[成文日期\\]** 2026-03-30\n"
    "**\\[发布日期\\]** 2026-03-30\n"
    "**\\[实施日期\\]** 2026-03-30\n"
    "**\\[废止日期\\]**\\- \\- \\- -\n"
    "**\\[有效性\\]** 现行有效\n"
    "\n"
    "政策解读\n"
    "\n"
    "[【图解】《美丽丰台建设2026年行动计划》一图读懂](https://www.bjft."
    "gov.cn/xxfb/ftzcjd/202603/t20260330_208912.sh"
    "tml)\n"
    "\n"
    "# 北京市丰台区人民政府办公室关于印发《美丽丰台建设2026年行动计划》的通知\n"
    "\n"
    "字体：大中小\n"
    "\n"
    "各街道办事处、镇政府，区政府各委、办、局，各区属机构：\n"
    "\n"
    "为全面贯彻党的二十大和二十届历次全会精神，深入贯彻习近平生态文明思想和习近平总书记对北京重"
    "要讲话精神，按照党中央、国务院关于推进美丽中国和市委、市政府关于推进美丽北京建设的决策部署"
    "，按照区委、区政府有关工作要求，加快经济社会发展全面绿色转型，深入推进美丽丰台建设，经区政"
    "府同意，现将《美丽丰台建设2026年行动计划》印发给你们，请结合实际认真抓好落实。\n"
)

# corpus 18, head
NHC = (
    "卫生健康委 教育部 财政部 人力资源社会保障部\n"
    "医保局 药监局关于印发加强医疗机构药事管理\n"
    "促进合理用药的意见的通知\n"
    "（国卫医发〔2020〕2 号）\n"
    "各省、自治区、直辖市人民政府，新疆生产建设兵团：\n"
    "经国务院同意，现将《关于加强医疗机构药事管理促进合理用药 的意见》印发给你们，请认真贯彻执"
    "行。\n"
    "卫生健康委 教 育 部\n"
    "财 政 部 人力资源社会保障部\n"
    "医 保 局 药 监 局\n"
    "2020年2月21日\n"
)

# corpus 16, head and signature
MOH = (
    "《卫生部关于医疗机构审批管理的若干规定》的通知\n"
    "（卫医发〔2008〕35 号）\n"
    "各省、自治区、直辖市卫生厅局，新疆生产建设兵团卫生局：\n"
    "《规定》执行及清理整顿中遇到的具体问题请及时向我部医政司 反映。\n"
    "二〇〇八年六月二十四日\n"
)


# Page metadata as the HTML loader hands it over (gold/html 02 and 03), with the start of
# each page's body text.
GOVCN_JOINT_PAGE = {
    "标题": "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
    "发文机关": "国务院办公厅、中央军委办公厅",
    "发文字号": "国办发〔1996〕25号",
    "成文日期": "1996年06月29日",
    "发布日期": "2018年12月24日",
}
GOVCN_JOINT_BODY = (
    "各有关省、自治区人民政府:\n上述调查取证工作中的情况,要及时上报。\n"
    "国务院办公厅\u3000中央军委办公厅\n一九九六年六月二十九日\n"
)
JIANGXI_PAGE = {
    "标题": "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见",
    "发文机关": "省政府办公厅",
    "文号": "赣府厅发〔2020〕4号",
    "成文日期": "2020-02-05",
}
JIANGXI_BODY = (
    "各市、县(区)人民政府,省政府各部门:\n"
    "为深入贯彻《国务院办公厅关于新时代推进普通高中育人方式改革的指导意见》(国办发〔2019〕29号)精神。\n"
    "2020年2月5日\n"
)

# (id, text, page metadata, expected attributes)
EXAMPLES: list[tuple[str, str, dict[str, str], dict[str, Any]]] = [
    (
        "000: number and 《title》 page header, signature",
        XIAN,
        {},
        {
            "title": "西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通知",
            "doc_number": "市政办发〔2017〕109号",
            "issuer": "西安市人民政府办公厅",
            "issue_date": dt.date(2017, 11, 24),
            "period": ("2017", "2019"),
        },
    ),
    (
        "001: title split over two lines, no signature: issuer from the title",
        PUYANG,
        {},
        {
            "title": "濮阳市人民政府关于印发濮阳市国家知识产权强市建设试点城市工作方案的通知",
            "doc_number": "濮政〔2022〕19号",
            "issuer": "濮阳市人民政府",
            "issue_date": dt.date(2022, 10, 4),
            "period": ("2022-07", "2025-06"),
        },
    ),
    (
        "002: web block with labels glued to values",
        QINGDAO,
        {},
        {
            "title": "青岛市人民政府关于印发青岛市创建国家知识产权强市实施方案的通知",
            "doc_number": "青政字〔2017〕58号",
            "issuer": "青岛市人民政府",
            "issue_date": dt.date(2017, 8, 9),
            "period": None,
        },
    ),
    (
        "003: 发布日期 is not the issue date; a cited number is not the own number",
        JIAXING,
        {},
        {
            "title": "嘉兴市人民政府关于印发加强知识产权工作促进经济转型发展若干意见的通知",
            "doc_number": None,
            "issuer": "嘉兴市人民政府",
            "issue_date": dt.date(2012, 11, 5),
        },
    ),
    (
        "004: one-line body, signature inline; 发文时间 is not the issue date",
        SHENYANG,
        {},
        {
            "title": "沈阳市人民政府关于印发沈阳市知识产权运营服务体系建设实施方案(2020-2023年)的通知",
            "doc_number": None,
            "issuer": "沈阳市人民政府",
            "issue_date": dt.date(2020, 9, 28),
            "period": ("2020", "2023"),
        },
    ),
    (
        "corpus 02: own number split over lines, colon on its own line",
        HUAZHONG,
        {},
        {
            "title": "关于印发《湖北电网非统调发电企业辅助服务管理实施细则(试行)》的通知",
            "doc_number": "华中电监市场价财〔2012〕428号",
            "issue_date": dt.date(2012, 12, 12),
            "recipients": ["湖北省电力公司", "湖北省各非统调发电企业"],
        },
    ),
    (
        "corpus 03: letter-spaced labels, value lines, empty 成文日期, fuller issuer in the block",
        TIANJIN,
        {},
        {
            "title": "市工业和信息化局关于印发2021年春节期间电力需求响应实施细则的通知",
            "doc_number": "津工信电力〔2021〕3号",
            "issuer": "天津市工业和信息化局",
            "issue_date": dt.date(2021, 2, 2),
            "recipients": ["国网天津市电力公司", "有关单位"],
        },
    ),
    (
        "corpus 01: label line and value line pairs, 标题 field",
        SUZHOU,
        {},
        {
            "title": "市政府关于印发苏州市推动大规模设备更新和消费品以旧换新实施方案的通知",
            "doc_number": "苏府〔2024〕33号",
            "issuer": "苏州市人民政府",
            "issue_date": dt.date(2024, 5, 18),
        },
    ),
    (
        "corpus 13: bracketed labels, [] around the year",
        FENGTAI,
        {},
        {
            "title": "北京市丰台区人民政府办公室关于印发《美丽丰台建设2026年行动计划》的通知",
            "doc_number": "丰政办发〔2026〕4号",
            "issuer": "北京市丰台区人民政府办公室",
            "issue_date": dt.date(2026, 3, 30),
        },
    ),
    (
        "corpus 18: title over three lines, signature over three lines",
        NHC,
        {},
        {
            "title": "卫生健康委教育部财政部人力资源社会保障部医保局药监局"
            "关于印发加强医疗机构药事管理促进合理用药的意见的通知",
            "doc_number": "国卫医发〔2020〕2号",
            # Six joint issuers, set apart by spaces in the signature and the title.
            "issuer": "卫生健康委、教育部、财政部、人力资源社会保障部、医保局、药监局",
            "issue_date": dt.date(2020, 2, 21),
        },
    ),
    (
        "corpus 16: date in Chinese numerals, issuer from the 《》 title",
        MOH,
        {},
        {
            "title": "《卫生部关于医疗机构审批管理的若干规定》的通知",
            "doc_number": "卫医发〔2008〕35号",
            "issuer": "卫生部",
            "issue_date": dt.date(2008, 6, 24),
        },
    ),
    (
        "html 02: a joint signature takes the separated form of the page metadata",
        GOVCN_JOINT_BODY,
        GOVCN_JOINT_PAGE,
        {
            "title": "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
            "doc_number": "国办发〔1996〕25号",
            "issuer": "国务院办公厅、中央军委办公厅",
            "issue_date": dt.date(1996, 6, 29),
        },
    ),
    (
        "corpus 06: joint issuers in the page title and a 发文机关 field spaced out",
        "国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见\n发改体改〔2022〕118号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为加快建设全国统一电力市场体系，提出以下意见。\n",
        {"标题": "国家发展改革委 国家能源局关于加快建设全国统一电力市场体系的指导意见",
         "发文机关": "发展改革委  能源局"},
        {
            "title": "国家发展改革委国家能源局关于加快建设全国统一电力市场体系的指导意见",
            "issuer": "国家发展改革委、国家能源局",
        },
    ),
    (
        "html 03: no signature; the title's issuer beats an abbreviated 发文机关",
        JIANGXI_BODY,
        JIANGXI_PAGE,
        {
            "title": "江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见",
            "doc_number": "赣府厅发〔2020〕4号",
            "issuer": "江西省人民政府办公厅",
            "issue_date": dt.date(2020, 2, 5),
        },
    ),
]


def _attr(meta: Metadata, name: str) -> Any:
    if name == "doc_number":
        return meta.doc_number.normalized if meta.doc_number else None
    if name == "period":
        return (meta.period.start, meta.period.end) if meta.period else None
    return getattr(meta, name)


@pytest.mark.parametrize(
    ("text", "page", "expected"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES]
)
def test_metadata(text: str, page: dict[str, str], expected: dict[str, Any]) -> None:
    meta = meta_of(text, page)
    assert {k: _attr(meta, k) for k in expected} == expected


TEXT_ONLY = [e for e in EXAMPLES if not e[2]]


@pytest.mark.parametrize("text", [e[1] for e in TEXT_ONLY], ids=[e[0] for e in TEXT_ONLY])
def test_title_span_slices_the_title(text: str) -> None:
    meta = meta_of(text)
    assert meta.title is not None and meta.title_span is not None
    # The title is the normalised form of what its span covers, whitespace removed.
    assert "".join(normalize(meta.title_span.slice(text)).text.split()) == meta.title


def test_own_number_span_points_into_the_text() -> None:
    meta = meta_of(HUAZHONG)
    assert meta.doc_number is not None
    assert meta.doc_number.span.slice(HUAZHONG) == meta.doc_number.text
    assert meta.doc_number.text == "华中电监市场价财\n﹝\n2012\n﹞\n428\n号"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QINGDAO,
            {"索引号": "171013145304930410", "主题分类": "知识产权", "成文日期": "2017-08-09",
             "发布日期": "2017-08-09", "发文字号": "青政字〔2017〕58号", "发文单位": "青岛市人民政府",
             "有效性": "失效", "规范性文件登记号": ""},
        ),
        (SHENYANG, {"发文机构": "沈阳市人民政府", "发文时间": "2020-09-30"}),
        (JIAXING, {"发布日期": "2022-12-13 19:18", "信息来源": "市政府办公室", "浏览次数": ""}),
    ],
    ids=["002 glued labels", "004 bar-separated", "003 several on a line"],
)
def test_fields(text: str, expected: dict[str, str]) -> None:
    assert meta_of(text).fields == expected


def test_fields_value_on_the_next_line() -> None:
    norm = normalize(TIANJIN)
    fields = {k: v for k, (v, _, _) in read_fields(norm, 0, len(norm.text)).items()}
    assert fields["索引号"] == "11120000MB1896646L/2021-00073"
    assert fields["发布机构"] == "天津市工业和信息化局"
    assert fields["成文日期"] == ""  # the next line is another label
    assert fields["有效性"] == "有效"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "各县(市、区)人民政府,市政府各部门、直属各单位",
            ["各县(市、区)人民政府", "市政府各部门", "直属各单位"],
        ),
        (
            "各区、县(市)人民政府,市政府有关部门、有关直属单位",
            ["各区、县(市)人民政府", "市政府有关部门", "有关直属单位"],
        ),
        # Regression: a joint level without brackets is one addressee too (sample 002).
        ("各区、市人民政府,市政府各部门,市直各单位", ["各区、市人民政府", "市政府各部门", "市直各单位"]),
        ("各省、自治区、直辖市人民政府,国务院各部委、各直属机构",
         ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]),
    ],
)
def test_split_recipients(text: str, expected: list[str]) -> None:
    assert split_recipients(text) == expected


def test_recipients_line() -> None:
    assert meta_of(JIAXING).recipients == ["各县(市、区)人民政府", "市政府各部门", "直属各单位"]


def test_nothing_to_read_is_empty_not_an_error() -> None:
    meta = meta_of("")
    got = (meta.title, meta.doc_number, meta.issuer, meta.issue_date, meta.recipients)
    assert got == (None, None, None, None, [])


_HEADERISH = "关于印发通知市政府办公厅局〔2017〕109号:,、\n 2017年11月24日《》()发文字号成文日期"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_HEADERISH, max_size=120))
def test_any_text_reads_without_error(text: str) -> None:
    meta = meta_of(text)
    if meta.title_span is not None:
        assert 0 <= meta.title_span.start <= meta.title_span.end <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # html 01: a day range after 执行期限 is cut to months, like phases and deadlines.
        (
            "上述政策适用于所有文化企业,执行期限为2019年1月1日至2023年12月31日。",
            ("2019-01", "2023-12"),
        ),
        # 000: the plan's title line and its period on the line below, no notice header.
        (
            "西安国家知识产权强市创建工作方案\n(2017—2019年)\n根据国家知识产权局《关于加快建设知识产权强市的指导意见》,"
            "结合《西安市知识产权“十三五”发展规划》总体部署,制定本工作方案。\n一、总体要求\n",
            ("2017", "2019"),
        ),
        # 001: a period inside a cited title is not the plan's.
        ("根据《知识产权强国建设纲要(2021—2035年)》《“十四五”国家知识产权保护和运用规划》,\n一、总体要求\n",
         None),
    ],
    ids=["cue, days cut to months", "plan title line", "inside a cited title"],
)
def test_period(text: str, expected: tuple[str, str] | None) -> None:
    meta = meta_of(text)
    assert ((meta.period.start, meta.period.end) if meta.period else None) == expected


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("国家发展改革委 国家能源局", "国家发展改革委、国家能源局"),  # corpus 06
        ("发展改革委  能源局", "发展改革委、能源局"),  # corpus 06, 发文机关 field
        # corpus 18's signature, names spaced out to align
        ("卫生健康委 教 育 部\n财 政 部 人力资源社会保障部", "卫生健康委、教育部、财政部、人力资源社会保障部"),
        ("中共濮阳市委 濮阳市人民政府", "中共濮阳市委、濮阳市人民政府"),
        ("中共中央 国务院", "中共中央、国务院"),
        ("国务院办公厅、中央军委办公厅", "国务院办公厅、中央军委办公厅"),  # html 02: already separated
        ("西安市人民政府 办公厅", "西安市人民政府办公厅"),  # a continuation, not a second issuer
        ("濮阳市国家知识产权强市建设试点城市工作领导小组\n办公室",
         "濮阳市国家知识产权强市建设试点城市工作领导小组办公室"),
        ("濮阳市 人民政府", "濮阳市人民政府"),  # a PDF-copy space inside one name
        ("青岛市人民政府", "青岛市人民政府"),
        ("国家能源局 华中监管局 市场处", "国家能源局、华中监管局、市场处"),
        ("某某 公司 2020年", "某某公司2020年"),  # a piece that is no name: kept whole
    ],
)
def test_issuer_name(written: str, name: str) -> None:
    assert issuer_name(written) == name


# ---------------------------------------------------------------- fast path: lines split once
# _lines (one str.split) and _find_recipients (offsets counted along plain line texts) give
# what the line-by-line walk they replace gave.


def _lines_by_walk(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def _recipients_by_walk(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    lines = _lines_by_walk(text, start, end)
    for i, (line_start, _, t) in enumerate(lines):
        colon = t.find(":")
        if colon < 0 and i + 1 < len(lines) and lines[i + 1][2].strip() == ":":
            colon = len(t)
        if colon <= 1:
            continue
        head = t[:colon].strip()
        if (
            "。" in head
            or len(head) > 300
            or mlx.FIELD_LINE.match(t)
            or mlx.NEXT_FIELD.search(t[: colon + 1])
            or mlx.RECIPIENT_NOT.search(head)
            or not mlx.RECIPIENT_HINT.search(head)
            or not mlx.RECIPIENT_START.match(head)
        ):
            continue
        s = line_start + t.index(head[0])
        return head, s, s + len(head)
    return None


HEADERS = [
    XIAN,
    JIAXING,
    "\n\n成文日期 :\n2017-08-09\n\n发文字号:\n青政字〔2017〕58号\n",  # a break at both ends
    "各区人民政府\n:\n正文",  # the colon alone on the next line
    "",
    "\n",
]


@pytest.mark.parametrize("text", HEADERS)
def test_lines_split_once_give_the_walk(text: str) -> None:
    norm = normalize(text).text
    cuts = sorted({0, 1, 2, len(norm) // 2, len(norm) - 1, len(norm), *(i for i, c in enumerate(norm) if c == "\n")})
    for start in cuts:
        for end in cuts:
            if 0 <= start <= end <= len(norm):
                assert [tuple(line) for line in _lines(norm, start, end)] == _lines_by_walk(norm, start, end)


@pytest.mark.parametrize("text", HEADERS)
def test_recipients_on_plain_lines_give_the_walk(text: str) -> None:
    norm = normalize(text)
    for start in sorted({0, *(i + 1 for i, c in enumerate(norm.text) if c == "\n")}):
        for end in (len(norm.text), len(norm.text) // 2):
            if start <= end:
                assert _find_recipients(norm, start, end) == _recipients_by_walk(norm.text, start, end)


def test_recipients_found_in_the_headers() -> None:
    found = [_find_recipients(normalize(text), 0, len(normalize(text).text)) for text in HEADERS]
    assert sum(f is not None for f in found) >= 3  # the comparison above is not only about None


# ---------------------------------------------------------------- fast path: last-character tests
# TITLE_END / TITLE_SHAPE / WRAPPED are tried only when the last (and first) character allows a
# match; on every header line of the samples and corpus the answer is the regex's own.
TITLE_ENDS = [
    "西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案(2017-2019年)的通知",
    "青岛市创建国家知识产权强市实施方案", "丰台区关于推进美丽丰台建设的实施意见(试行)", "国务院令",
    "《西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案的通知》", "各区、县人民政府:",
    "2017年11月24日", "附件1", "(2017—2019年)", "工作方案()", "",
]


def _header_lines() -> list[str]:
    lines = list(TITLE_ENDS)
    for text in normalized_notices(pages=False):
        lines += text[:3000].split("\n")
    return lines


def test_title_tests_by_last_character_give_the_regex_answer() -> None:
    ends = shaped = wrapped = 0
    for line in _header_lines():
        joined = "".join(line.split())
        assert _ends_in_kind(joined) == bool(mlx.TITLE_END.search(joined)), joined
        assert _title_shaped(joined) == bool(mlx.TITLE_SHAPE.match(joined)), joined
        stripped = line.strip()
        gate = len(stripped) >= 2 and stripped[0] == mlx.WRAP_OPEN and stripped[-1] == mlx.WRAP_CLOSE
        assert bool(gate and mlx.WRAPPED.match(stripped)) == bool(mlx.WRAPPED.match(stripped)), stripped
        ends += _ends_in_kind(joined)
        shaped += _title_shaped(joined)
        wrapped += bool(mlx.WRAPPED.match(stripped))
    assert ends > 10 and shaped > 10 and wrapped >= 1  # both answers occur


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["通知", "方案", "意见", "令", "(试行)", "(2017—2019年)", "()", "的", "关于", "。", ":",
                                 ")", "(", "《", "》", "市政府"]), max_size=10).map("".join))
def test_title_tests_by_last_character_give_the_regex_answer_on_any_text(joined: str) -> None:
    assert _ends_in_kind(joined) == bool(mlx.TITLE_END.search(joined))
    assert _title_shaped(joined) == bool(mlx.TITLE_SHAPE.match(joined))


@pytest.mark.parametrize("text", [XIAN, JIAXING, QINGDAO, FENGTAI])
def test_title_candidates_need_only_the_numbers_starting_in_the_header(text: str) -> None:
    norm = normalize(text)
    numbers = find_doc_numbers(norm)
    assert numbers
    for cut in sorted({len(norm.text), *(n.start for n in numbers), *(n.end for n in numbers)}):
        lines = _lines(norm.text, 0, cut)
        header = [n for n in numbers if n.start < cut]
        assert _title_candidates(norm, header, lines) == _title_candidates(norm, numbers, lines)


# --- Fast paths (issue 7, round 5) ---

import sys  # noqa: E402

from policyparse.metadata import _WS, _without_space  # noqa: E402


def test_without_space_removes_what_the_pattern_removes() -> None:
    # Every code point, inside a title-like string: skipping the pattern must never keep
    # a character it would have removed.
    for c in map(chr, range(sys.maxunicode + 1)):
        s = f"关于{c}印发"
        assert _without_space(s) == _WS.sub("", s)


@pytest.mark.parametrize(
    "s",
    ["国家发展改革委 国家能源局", "教 育 部", "沈阳市人民政府", "关于印发\n实施方案的通知", "\u3000市科技局\t", "",
     " "],
)
def test_without_space_on_real_names_and_titles(s: str) -> None:
    assert _without_space(s) == _WS.sub("", s)


@pytest.mark.parametrize("text", [XIAN, JIAXING, QINGDAO, FENGTAI])
def test_title_candidates_skip_lines_inside_a_number(text: str) -> None:
    norm = normalize(text)
    numbers = find_doc_numbers(norm)
    lines = _lines(norm.text, 0, len(norm.text))
    got = _title_candidates(norm, numbers, lines)
    # No candidate line overlaps a number (the overlap test is a plain loop now).
    assert numbers and got
    assert all(not any(n.start < e and s < n.end for n in numbers) for _, s, e in got)


@pytest.mark.parametrize(
    "text", ["关于转发国办发〔2017〕12号文件的通知\n各区人民政府:", "转发市政办发〔2017〕109号关于加强管理的意见\n正文"]
)
def test_a_title_shaped_line_holding_a_number_is_no_candidate(text: str) -> None:
    norm = normalize(text)
    numbers = find_doc_numbers(norm)
    lines = _lines(norm.text, 0, len(norm.text))
    def on_the_first_line(cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        return [c for c in cands if c[1] < numbers[0].end]

    assert numbers and on_the_first_line(_title_candidates(norm, [], lines))
    assert on_the_first_line(_title_candidates(norm, numbers, lines)) == []
