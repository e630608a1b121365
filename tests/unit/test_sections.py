"""Sections: every heading form and every false heading, as real snippets → (path, title) lists."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.normalize import normalize
from policyparse.sections import build_outline


def outline_of(text: str) -> list[tuple[str, str]]:
    return [(n.path, n.title) for n in build_outline(normalize(text)).nodes]


# Sample 004 writes its whole body on one line; headings sit inline in it.
_SHENYANG = (
    "各区、县(市)人民政府,市政府有关部门、有关直属单位: 现将《沈阳市知识产权运营服务体系建设实施方案(2020-20"
    "23年)》"
    "印发给你们,请结合实际,认真贯彻执行。 沈阳市人民政府 2020年9月28日 (此件公开发布) 沈阳市知识产权运营服务"
    "体系建设"
    "实施方案(2020-2023年) 为加快构建我市知识产权运营服务体系,充分发挥知识产权对经济社会发展的支撑引领作用,"
    "根据"
    "《财政部办公厅国家知识产权局办公室关于做好2020年知识产权运营服务体系建设工作的通知》(财办建〔2020〕40号"
    ")精神,"
    "结合我市实际,特制定本方案。 一、总体要求 (一)指导思想。以习近平新时代中国特色社会主义思想为指导,全面贯"
    "彻党的十九大"
    "和十九届二中、三中、四中全会精神,认真落实党中央、国务院关于完善要素市场化配置重大决策和强化知识产权运用"
    "的重要部署,"
    "充分发挥知识产权的市场激励机制和产权安排机制作用,紧密结合沈阳建设东北科技创新中心定位,以产业引领和需求"
    "为导向,"
    "以知识产权运营服务体系建设为载体,以打造东北区域知识产权高地为目标,加快构建具有沈阳特色的知识产权运营服"
    "务体系,"
    "为推动沈阳高质量发展、新时代振兴提供有力支撑。 (二)基本原则。 1.市场主导、政府引导。充分发挥市场在资源"
    "配置中的"
    "决定性作用,政府引导,切实强化市场主体地位,着力培育知识产权运营市场,释放创新主体知识产权运营活力。 2.整合"
    "资源、"
    "协同推进。充分利用国家、省、市资源,加强部门沟通"
)

# (id, text, expected [(path, title)])
EXAMPLES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # --- the basic families and the title rule ---
    (
        "families-and-titles",
        "一、总体要求\n(一)指导思想\n坚持以习近平新时代中国特色社会主义思想为指导。\n(二)基本原则\n"
        "1.市场主导、政府引导。充分发挥市场在资源配置中的决定性作用。\n(1)加强统筹\n①建立台账\n",
        [("一", "总体要求"), ("一/(一)", "指导思想"), ("一/(二)", "基本原则"),
         ("一/(二)/1", "市场主导、政府引导"),
         ("一/(二)/1/(1)", "加强统筹"), ("一/(二)/1/(1)/①", "建立台账")],
    ),
    (
        "title-stops-at-colon-keeps-date-parenthesis",
        "一、实施步骤\n(一)准备阶段(2022年7月—9月):制定试点工作方案。\n",
        [("一", "实施步骤"), ("一/(一)", "准备阶段(2022年7月—9月)")],
    ),
    (
        "title-runs-past-comma-and-semicolon-to-the-full-stop",
        "一、重点任务\n(一)实施高价值知识产权培育工程,推动知识产权高质量创造\n"
        "(二)对部分专利药品、独家生产药品,建立公开透明、多方参与的价格谈判机制。逐步增加谈判药品品种数量。\n",
        [("一", "重点任务"), ("一/(一)", "实施高价值知识产权培育工程,推动知识产权高质量创造"),
         ("一/(二)", "对部分专利药品、独家生产药品,建立公开透明、多方参与的价格谈判机制")],
    ),
    (
        "hard-wrapped-heading-line-runs-on-to-the-full-stop",  # corpus 04 (PDF copy)
        "一、实行药品分类采购\n"
        "（一）对临床用量大、采购金额高、多家企业生产的基本药物和非专利药品，发挥省级集中批量采购优势，由省"
        "级药品采购机构采取\n"
        "双信封制公开招标采购，医院作为采购主体，按中标价格采购药品。\n"
        "（二）对部分专利药品、独家生产药品，建立公开透明、多方参与的价格谈判机制\n谈判结果在国家药品供应保"
        "障综合管理信息平台上公布。\n",
        [("一", "实行药品分类采购"),
         ("一/(一)", "对临床用量大、采购金额高、多家企业生产的基本药物和非专利药品,发挥省级集中批量采购优势,"
                     "由省级药品采购机构采取双信封制公开招标采购,医院作为采购主体,按中标价格采购药品"),
         ("一/(二)", "对部分专利药品、独家生产药品,建立公开透明、多方参与的价格谈判机制")],
    ),
    (
        "time-colon-does-not-end-a-title",  # corpus 02, 第七条
        "第一条 发电企业峰段上网电量指在10:00—12:00和18:00—22:00期间的上网电量。\n",
        [("第一条", "发电企业峰段上网电量指在10:00—12:00和18:00—22:00期间的上网电量")],
    ),
    (
        "inline-headings-in-a-one-line-body",  # sample 004
        _SHENYANG,
        [("一", "总体要求"), ("一/(一)", "指导思想"), ("一/(二)", "基本原则"),
         ("一/(二)/1", "市场主导、政府引导"),
         ("一/(二)/2", "整合资源、协同推进")],
    ),
    # --- numbering that runs on, restarts, or is broken ---
    (
        "items-numbered-straight-through-nest-under-their-parent",  # sample 000
        "一、主要任务\n(一)深化知识产权领域改革\n1.推进知识产权综合管理体制改革。\n2.完善知识产权政策体系。\n"
        "3.健全知识产权评议制度。\n(二)实行严格的知识产权保护\n4.加强知识产权司法保护。\n",
        [("一", "主要任务"), ("一/(一)", "深化知识产权领域改革"),
         ("一/(一)/1", "推进知识产权综合管理体制改革"),
         ("一/(一)/2", "完善知识产权政策体系"), ("一/(一)/3", "健全知识产权评议制度"),
         ("一/(二)", "实行严格的知识产权保护"), ("一/(二)/4", "加强知识产权司法保护")],
    ),
    (
        "paren-items-straight-across-sections-keep-their-number",  # corpus 05
        "二、实施设备更新行动\n（一）推进重点行业设备更新改造。围绕推进新型工业化。\n（二）加快建筑和市政基"
        "础设施领域设备更新。\n"
        "三、实施消费品以旧换新行动\n（三）开展汽车以旧换新。加大政策支持力度。\n",
        [("二", "实施设备更新行动"), ("二/(一)", "推进重点行业设备更新改造"),
         ("二/(二)", "加快建筑和市政基础设施领域设备更新"), ("三", "实施消费品以旧换新行动"),
         ("三/(三)", "开展汽车以旧换新")],
    ),
    (
        "arabic-items-run-on-into-a-section-without-paren-items",  # corpus 01
        "一、大力推进设备更新行动\n（一）推动教育文旅医疗设备更新。\n1．推动教育领域设备更新。\n2．推动卫生"
        "健康领域设备更新。推进医疗卫生机构装备更新。\n"
        "二、大力推进消费品以旧换新行动\n3．开展汽车以旧换新。加大政策支持力度。\n",
        [("一", "大力推进设备更新行动"), ("一/(一)", "推动教育文旅医疗设备更新"),
         ("一/(一)/1", "推动教育领域设备更新"),
         ("一/(一)/2", "推动卫生健康领域设备更新"), ("二", "大力推进消费品以旧换新行动"),
         ("二/3", "开展汽车以旧换新")],
    ),
    (
        "numbering-restarts-under-each-parent",  # corpus 15
        "二、明确各方职责\n（一）强化医保行政部门监管责任。\n（二）强化医保经办机构审核检查责任。\n三、做实"
        "常态化监管\n"
        "（一）推进飞行检查常态化。\n",
        [("二", "明确各方职责"), ("二/(一)", "强化医保行政部门监管责任"),
         ("二/(二)", "强化医保经办机构审核检查责任"),
         ("三", "做实常态化监管"), ("三/(一)", "推进飞行检查常态化")],
    ),
    (
        "out-of-sequence-number-is-prose",
        "一、总体要求\n(一)指导思想\n(三)这是引文中的编号\n(二)基本原则\n",
        [("一", "总体要求"), ("一/(一)", "指导思想"), ("一/(二)", "基本原则")],
    ),
    (
        "excerpt-starting-mid-list-opens-when-the-next-heading-continues-it",  # corpus 01
        "三、大力推进消费品以旧换新行动\n18．开展汽车以旧换新。加大政策支持力度。\n19．开展电动自行车以旧换"
        "新。\n"
        "四、大力推进回收循环利用行动\n",
        [("三", "大力推进消费品以旧换新行动"), ("三/18", "开展汽车以旧换新"),
         ("三/19", "开展电动自行车以旧换新"),
         ("四", "大力推进回收循环利用行动")],
    ),
    (
        "a-lost-heading-does-not-end-the-list",  # corpus 12, 第二条 glued to the line before
        "第一条 为了调整劳动关系，制定本条例。第二条 在本市行政区域内的企业，适用本条例。\n"
        "第三条 劳动合同是劳动者与用人单位确立劳动关系的协议。\n第四条 劳动合同应当以书面形式订立。\n",
        [("第一条", "为了调整劳动关系,制定本条例"),
         ("第三条", "劳动合同是劳动者与用人单位确立劳动关系的协议"),
         ("第四条", "劳动合同应当以书面形式订立")],
    ),
    (
        "marker-split-over-three-lines-by-a-pdf-copy",  # corpus 03
        "（一）实施时间及规模\n（二）用户参与条件\n参与用户需符合以下条件：\n（\n1\n）对于连续参与过天津市历"
        "年春节期间需求响应的用户，比值均不低于\n"
        "70%\n（\n2\n）对于此前未参与天津市春节期间需求响应的用户。\n",
        [("(一)", "实施时间及规模"), ("(二)", "用户参与条件"),
         ("(二)/(1)", "对于连续参与过天津市历年春节期间需求响应的用户,比值均不低于"),
         ("(二)/(2)", "对于此前未参与天津市春节期间需求响应的用户")],
    ),
    # --- regulation style ---
    (
        "chapters-and-articles",  # corpus 12
        "## 第一章　总则\n\n第一条 为了调整劳动关系，建立和维护适应社会主义市场经济的劳动合同制度，制定本条"
        "例。\n\n"
        "第二条 在本市行政区域内的企业，适用本条例。\n\n## 第二章　劳动合同的订立\n\n"
        "第三条 劳动者在订立劳动合同前，有权了解用人单位相关的规章制度。\n\n第四条 劳动合同应当具备以下条款"
        "：\n\n"
        "（一）劳动合同期限；\n\n（二）工作内容；\n",
        [("第一章", "总则"),
         ("第一章/第一条", "为了调整劳动关系,建立和维护适应社会主义市场经济的劳动合同制度,制定本条例"),
         ("第一章/第二条", "在本市行政区域内的企业,适用本条例"), ("第二章", "劳动合同的订立"),
         ("第二章/第三条", "劳动者在订立劳动合同前,有权了解用人单位相关的规章制度"),
         ("第二章/第四条", "劳动合同应当具备以下条款"), ("第二章/第四条/(一)", "劳动合同期限;"),
         ("第二章/第四条/(二)", "工作内容;")],
    ),
    (
        "article-number-on-its-own-line",  # corpus 02
        "第一章 总则\n第一条\n为保障电力系统安全、高效、经济运行，规范辅助服务管理，制定本细则。\n第二条\n"
        "本细则所称辅助服务是指为维护电力系统的安全稳定运行，由发电企业提供的服务，包括：调峰、无功调节等。\n"
        "（二）\n有偿无功调节是指\n装机容量0.6万千瓦及以上非统调发电企业。\n",
        [("第一章", "总则"),
         ("第一章/第一条", "为保障电力系统安全、高效、经济运行,规范辅助服务管理,制定本细则"),
         ("第一章/第二条", "本细则所称辅助服务是指为维护电力系统的安全稳定运行,由发电企业提供的服务,包括")],
    ),
    (
        "table-of-contents-with-page-numbers",  # corpus 02
        "目 录\n第一章\n总则\n... 4\n第二章\n定义与分类\n... 5\n第三章\n附则\n...\n24\n第一章 总则\n第一条\n"
        "为保障电力系统安全，制定本细则。\n第二章 定义与分类\n第二条\n本细则所称辅助服务是指发电企业提供的服"
        "务。\n",
        [("第一章", "总则"), ("第一章/第一条", "为保障电力系统安全,制定本细则"), ("第二章", "定义与分类"),
         ("第二章/第二条", "本细则所称辅助服务是指发电企业提供的服务")],
    ),
    (
        # A 目录 line under the title (not the text's first line), entries without leaders:
        # found in review, TOC_HEADING was tried at the start of the text only.
        "table-of-contents-below-the-title",  # corpus 02's layout, without its page numbers
        "湖北电网非统调发电企业辅助服务管理实施细则\n目 录\n第一章 总则\n第二章 定义与分类\n"
        "第一章 总则\n第一条 为保障电力系统安全，制定本细则。\n第二章 定义与分类\n"
        "第二条 本细则所称辅助服务是指发电企业提供的服务。\n",
        [("第一章", "总则"), ("第一章/第一条", "为保障电力系统安全,制定本细则"), ("第二章", "定义与分类"),
         ("第二章/第二条", "本细则所称辅助服务是指发电企业提供的服务")],
    ),
    (
        "table-of-contents-with-dot-leaders",  # corpus 03
        "目\n录\n一、实施背景........................\n...................\n- 1 -\n二、实施方式\n"
        "....................\n- 1 -\n一、实施背景\n2018~2020年，我市连续在春节期间实施了填谷电力需求响应试"
        "点。\n"
        "二、实施方式\n（一）实施时间及规模\n",
        [("一", "实施背景"), ("二", "实施方式"), ("二/(一)", "实施时间及规模")],
    ),
    (
        "cross-references-are-not-articles",  # page 01 (gov.cn) and corpus 12
        "第三十条 转制为企业的出版社，执行期限另行规定。\n第二十三条、第二十四条所列政策外，上述政策执行期限"
        "为五年。\n"
        "第四十二条、第四十四条中的工资收入按劳动者月平均工资计算。\n第三十一条 有下列情形之一的，劳动者可以"
        "随时通知用人单位。\n",
        [("第三十条", "转制为企业的出版社,执行期限另行规定"),
         ("第三十一条", "有下列情形之一的,劳动者可以随时通知用人单位")],
    ),
    # --- what is not a heading ---
    (
        "bold-markdown-headings-and-dash-lines",  # corpus 05
        "**一、总体要求**\n\n——坚持市场为主、政府引导。充分发挥市场配置资源的决定性作用。\n\n"
        "**二、实施设备更新行动**\n\n（一）推进重点行业设备更新改造。围绕推进新型工业化。\n",
        [("一", "总体要求"), ("二", "实施设备更新行动"), ("二/(一)", "推进重点行业设备更新改造")],
    ),
    (
        "yi-shi-er-shi-are-not-sections",  # corpus 13
        "一是加强组织领导。美丽丰台是“三化五区”建设的重要组成部分。\n二是压紧压实责任。各部门要认真落实。\n"
        "三是深化协同共治。各部门要主动向前一步。\n",
        [],
    ),
    (
        "decimals-dates-and-1-plus-n-are-not-markers",  # sample 002, corpus 02
        "一、总体目标\n全市知识产权从业人员达到\n1.2万人,年均增长\n2.9件\n2017.10—2017.12完成方案编制\n"
        "1+N政策体系\n0.6万千瓦及以上\n1、2、7、8、11、12月以及湖北省发布电力供应预警的月份\n",
        [("一", "总体目标")],
    ),
    (
        "table-rows-are-not-sections",  # corpus 01, corpus 13
        "附件1\n\n2024年苏州市推动大规模设备更新和消费品以旧换新任务清单\n\n| 序号 | 领域 | 2024年推进任务 |"
        " 牵头责任部门 |\n"
        "| --- | --- | --- | --- |\n| 一、实施设备更新行动 |\n| 1 | 工业 | 组织实施技术改造项目1000个以上。 "
        "| 市工信局 |\n"
        "| （一）空气质量目标 |\n",
        [("附件1", "2024年苏州市推动大规模设备更新和消费品以旧换新任务清单")],
    ),
    (
        "body-pasted-into-one-table-cell",
        "| 一、总体要求<br>（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。<br>（二）基本原则 "
        "|\n",
        [("一", "总体要求"), ("一/(一)", "指导思想"), ("一/(二)", "基本原则")],
    ),
    (
        "grade-enumerations-are-not-headings",
        "一、总体要求\n二、三级公立医院要全部参加药品集中采购。\n二、主要任务\n",
        [("一", "总体要求"), ("二", "主要任务")],
    ),
    (
        "download-link-numbered-like-an-item",  # corpus 13
        "附件：\n\n[1、丰政办发〔2026〕4号.pdf](https://www.bjft.gov.cn/xxfb/P020260330606864287215.pdf)\n\n"
        "【关闭页面】\n",
        [],
    ),
    # --- annexes ---
    (
        "annex-title-joined-from-two-lines",  # sample 001
        "附件:1.濮阳市国家知识产权强市建设试点城市工作领导小组名单\n\n          2.濮阳市国家知识产权强市建设"
        "试点城市主要任务推进时间表\n"
        "\n \n附件1\n\n濮阳市国家知识产权强市建设试点城市\n\n工作领导小组名单\n\n \n组   长:万正峰(市长)\n\n"
        " \n附件2\n\n"
        "濮阳市国家知识产权强市建设试点城市主要任务推进时间表\n\n \n序号\n\n任务名称\n",
        [("附件1", "濮阳市国家知识产权强市建设试点城市工作领导小组名单"),
         ("附件2", "濮阳市国家知识产权强市建设试点城市主要任务推进时间表")],
    ),
    (
        "attachment-list-lines-never-run-on-a-list",  # sample 001
        "(一)强化舆论宣传\n1.开展知识产权宣传周活动。\n附件:1.濮阳市国家知识产权强市建设试点城市工作领导小组"
        "名单\n\n"
        "          2.濮阳市国家知识产权强市建设试点城市主要任务推进时间表\n",
        [("(一)", "强化舆论宣传"), ("(一)/1", "开展知识产权宣传周活动")],
    ),
    (
        "annex-label-with-title-on-its-line-after-the-list",  # corpus 13
        "附件: 1.持续污染防治攻坚2026年行动计划\n\n     2.加快绿色低碳转型2026年行动计划\n\n北京市丰台区人民"
        "政府办公室\n\n"
        "附件1：持续污染防治攻坚2026年行动计划\n\n| 序号 | 重点任务 |\n\n附件2：加快绿色低碳转型2026年行动计"
        "划\n",
        [("附件1", "持续污染防治攻坚2026年行动计划"), ("附件2", "加快绿色低碳转型2026年行动计划")],
    ),
    (
        "annex-headings-nest-and-restart",  # corpus 03
        "一、保障措施\n（一）加强组织。\n附录1：方案实施流程图\n附录2：竞价指引\n天津市2021年春节期间电力需"
        "求响应竞价指引\n"
        "一、竞价目的\n二、参与用户资格\n",
        [("一", "保障措施"), ("一/(一)", "加强组织"), ("附录1", "方案实施流程图"), ("附录2", "竞价指引"),
         ("附录2/一", "竞价目的"), ("附录2/二", "参与用户资格")],
    ),
    (
        "list-of-annex-labels-before-the-annexes",
        "附件1：2024年苏州市推动大规模设备更新和消费品以旧换新任务清单\n附件2：苏州市工作部门职责清单\n苏州"
        "市人民政府\n"
        "附件1\n2024年苏州市推动大规模设备更新和消费品以旧换新任务清单\n一、实施设备更新行动\n附件2\n苏州市"
        "工作部门职责清单\n",
        [("附件1", "2024年苏州市推动大规模设备更新和消费品以旧换新任务清单"),
         ("附件1/一", "实施设备更新行动"),
         ("附件2", "苏州市工作部门职责清单")],
    ),
    # --- carried texts (FORMAT.md 附文N) ---
    (
        "two-carried-regulations-that-restart-get-prefixes",  # page 01 (gov.cn), abridged
        "各省、自治区、直辖市人民政府:\n中央宣传部拟定的两个规定已经国务院同意,现印发给你们,请认真贯彻执行。"
        "\n国务院办公厅\n"
        "2018年12月18日\n(此件公开发布)\n文化体制改革中经营性文化事业单位转制为企业的规定\n"
        "为进一步深化文化体制改革,特制定以下规定:\n一、关于公司制股份制改革\n(一)经营性文化事业单位转制为企"
        "业,要依法登记。\n"
        "(二)完善法人治理结构。\n二、关于国有文化资产管理\n(三)做好资产清查。\n进一步支持文化企业发展的规定\n"
        "为进一步深化文化体制改革,促进文化企业发展,特制定以下规定:\n一、关于财政税收\n"
        "(一)中央财政和地方财政应通过文化产业发展专项资金等现有资金渠道,支持文化企业发展。\n",
        [("附文1/一", "关于公司制股份制改革"), ("附文1/一/(一)", "经营性文化事业单位转制为企业,要依法登记"),
         ("附文1/一/(二)", "完善法人治理结构"), ("附文1/二", "关于国有文化资产管理"),
         ("附文1/二/(三)", "做好资产清查"),
         ("附文2/一", "关于财政税收"),
         ("附文2/一/(一)", "中央财政和地方财政应通过文化产业发展专项资金等现有资金渠道,支持文化企业发展")],
    ),
    (
        "notice-headings-stay-plain-carried-text-is-prefixed",
        "一、提高思想认识\n二、抓好贯彻落实\n西安市人民政府办公厅\n2017年11月24日\n西安国家知识产权强市创建"
        "工作方案\n"
        "一、总体要求\n二、主要任务\n三、保障措施\n",
        [("一", "提高思想认识"), ("二", "抓好贯彻落实"), ("附文1/一", "总体要求"), ("附文1/二", "主要任务"),
         ("附文1/三", "保障措施")],
    ),
    (
        "page-date-above-the-title-does-not-make-the-notice-a-carried-text",
        "2017年11月24日\n西安市人民政府办公厅关于印发西安国家知识产权强市创建工作方案的通知\n一、提高思想认"
        "识\n"
        "二、抓好贯彻落实\n西安市人民政府办公厅\n2017年11月24日\n西安国家知识产权强市创建工作方案\n一、总体"
        "要求\n",
        [("一", "提高思想认识"), ("二", "抓好贯彻落实"), ("附文1/一", "总体要求")],
    ),
    (
        "one-carried-plan-without-repeats-keeps-plain-paths",  # sample 000
        "现将《西安国家知识产权强市创建工作方案(2017-2019年)》印发给你们,请认真贯彻落实。\n西安市人民政府办"
        "公厅\n"
        "2017年11月24日\n西安国家知识产权强市创建工作方案\n一、总体要求\n(一)指导思想\n二、主要目标\n",
        [("一", "总体要求"), ("一/(一)", "指导思想"), ("二", "主要目标")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in EXAMPLES], ids=[i for i, _, _ in EXAMPLES]
)
def test_outline_examples(text: str, expected: list[tuple[str, str]]) -> None:
    assert outline_of(text) == expected


def test_heading_and_section_spans_point_into_the_original() -> None:
    original = (
        "一、总体要求\n（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "（二）基本原则\n二、主要任务\n"
    )
    norm = normalize(original)
    sections = build_outline(norm).to_models(norm)
    first = sections[0]
    assert first.heading.slice(original) == "一、总体要求"
    assert first.span.slice(original).startswith("一、总体要求\n（一）指导思想")
    assert first.span.slice(original).rstrip().endswith("（二）基本原则")
    assert first.children[0].heading.slice(original) == "（一）指导思想"
    assert sections[1].span.slice(original).strip() == "二、主要任务"


def test_path_at_finds_the_innermost_section() -> None:
    text = "一、总体要求\n(一)指导思想\n坚持创新驱动。\n(二)基本原则\n二、主要任务\n"
    outline = build_outline(normalize(text))
    assert outline.path_at(text.index("坚持")) == "一/(一)"
    assert outline.path_at(text.index("主要任务")) == "二"
    assert outline.path_at(0) == "一"
    node = outline.by_path("一/(二)")
    assert node is not None and [a.path for a in outline.ancestors(node)] == ["一"]


_PIECES = [
    "一、", "二、", "(一)", "(二)", "1.", "2.", "(1)", "①", "第一章", "第二条", "第一条", "附件1",
    "附件:1.", "附录2:", "目录", "....... 3", "总体要求", "\n", "\n", "。", ":", "|", "2018年12月18日\n",
    "十、", "(十)",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=50).map("".join))
def test_paths_are_unique_and_extend_their_parents_on_any_text(text: str) -> None:
    nodes = build_outline(normalize(text)).nodes
    paths = [n.path for n in nodes]
    assert len(paths) == len(set(paths))
    for n in nodes:
        if n.parent is not None:
            assert n.path.startswith(nodes[n.parent].path + "/")
        assert n.start <= n.heading_end <= len(normalize(text).text)


# --- Fast paths (issue 7): each must give exactly what the straightforward code gave. ---

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import regex  # noqa: E402

from policyparse.lexicon import markers as mk  # noqa: E402
from policyparse.numerals import han_to_int  # noqa: E402
from policyparse.sections import (  # noqa: E402
    _SPLIT_PAREN,
    _candidates,
    _normal_marker,
)
from policyparse.sections import _Candidate as Cand  # noqa: E402

_ROOT = Path(__file__).resolve().parents[2]
_FILES = sorted([*_ROOT.glob("samples/*.txt"), *_ROOT.glob("tests/corpus/*.txt"), *_ROOT.glob("tests/corpus/*.md")])
_INLINE_BOUNDARY_OLD = regex.compile(r"(?<=[。;!?:])[ \t]*|(?<=\S)[ \t]+")


def _candidates_per_line(text: str) -> list[Cand]:
    """The line-by-line walk ``_candidates`` replaced, kept as the reference it must match."""
    out: list[Cand] = []
    pos, n = 0, len(text)
    while pos < n:
        eol = text.find("\n", pos)
        eol = n if eol < 0 else eol
        line = text[pos:eol]
        stripped = line.strip()
        start = pos + len(line) - len(line.lstrip())
        table = False
        if stripped.startswith("|"):
            if stripped.endswith("|") and len(stripped) > 1:
                pos = eol + 1
                continue
            table = True
            start += 1
            while start < eol and text[start] in " \t":
                start += 1
        if stripped:
            annex = mk.ANNEX.match(text, start, eol)
            rest = annex.group("rest").strip() if annex else ""
            if annex and len(rest) <= mk.ANNEX_REST_MAX and "。" not in rest:
                num = han_to_int(annex.group("n")) or 0
                if num:
                    out.append(Cand("annex", num, f"{annex.group('word')}{num}", start, annex.start("rest"), eol,
                                    False, rest))
            else:
                starts = [start]
                if len(line) >= mk.LONG_LINE and not table:
                    starts += [pos + m.end() for m in _INLINE_BOUNDARY_OLD.finditer(line)]
                for s in starts:
                    m = mk.MARKER.match(text, s, eol)
                    if not m or (m.end() >= eol and s != start):
                        continue
                    kind = next(k for k in mk.RANK if k != "annex" and m.group(k) is not None)
                    num_text = m.group(f"{kind}_n")
                    value = han_to_int(num_text)
                    if value:
                        out.append(Cand(kind, value, _normal_marker(kind, num_text, value), s, m.end(), eol,
                                        s != start))
        pos = eol + 1
    for m in _SPLIT_PAREN.finditer(text):
        value = han_to_int(m.group(1))
        if value:
            kind = "paren_arabic" if m.group(1).isdigit() else "paren_han"
            out.append(Cand(kind, value, _normal_marker(kind, m.group(1), value), m.start(), m.end(),
                            len(text) if (e := text.find("\n", m.end())) < 0 else e, False))
    out.sort(key=lambda c: c.start)
    return out


# Forms each fast path has to keep: a long flattened line, odd spaces before a marker, table
# cells, a marker split over three lines, leaders.
_FAST_PATH_TEXTS = [
    _SHENYANG,
    "\x1c 一、总体要求\n\u2000(二)工作目标\n| 1.甲 |\n| 三、乙\n(\n2\n)对于\n第三章 总则\n附件1:名单\n①项",
    "说明:" + "甲" * 700 + "。 一、总体 (二)任务;3.做好 ①第一 \x1c 4.再次\t5.末尾",
    "目录\n一、总体......1\n二、任务……2\n一、总体\n二、任务",
]


@pytest.mark.parametrize("text", [*_FAST_PATH_TEXTS, *(p.read_text(encoding="utf-8") for p in _FILES)])
def test_candidates_match_the_per_line_walk(text: str) -> None:
    text = normalize(text).text
    assert _candidates(text) == _candidates_per_line(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*_PIECES, "\x1c", "\u2000", " ", "\t", "|", "(\n", "甲" * 650]),
                          st.text(max_size=4)), max_size=50).map("".join))
def test_candidates_match_the_per_line_walk_on_any_text(text: str) -> None:
    assert _candidates(text) == _candidates_per_line(text)


def test_line_space_is_what_str_strip_removes() -> None:
    import sys

    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()} - {"\n"}
    assert {c for c in spaces if regex.fullmatch(f"[{mk.LINE_SPACE}]", c)} == spaces
    assert not regex.search(f"[{mk.LINE_SPACE}]", "\n甲a1")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="。;!?: \t\n一二十第(12１x\x1c\u2000附|①)、.章", max_size=16))
def test_inline_heading_ends_are_the_boundaries_a_marker_can_follow(text: str) -> None:
    old = [m.end() for m in _INLINE_BOUNDARY_OLD.finditer(text)
           if m.end() < len(text) and regex.match(mk._MARKER_FIRST, text[m.end()])]
    assert [m.end() for m in mk.INLINE_HEADING.finditer(text)] == old


def test_marker_starts_only_with_its_first_characters() -> None:
    # A MARKER match at a position whose character is outside _MARKER_FIRST would be lost.
    for piece in [*_PIECES, "第三章 ", "第5条", "第一节", "一、", "(二)", "( 3 )", "12.", "4、", "①", "١.", "٣、"]:
        if mk.MARKER.match(piece):
            assert regex.match(mk._MARKER_FIRST, piece)


# --- Fast paths (issue 7, second round) ---

from policyparse.lexicon.attachments import ATTACHMENT_LIST  # noqa: E402
from policyparse.models import Section  # noqa: E402
from policyparse.normalize import line_starts, matches_at  # noqa: E402
from policyparse.sections import (  # noqa: E402
    _clean_title,
    _contains,
    _read_marker,
)

_MARKER_REGEX = regex.compile(mk.MARKER_SOURCE)
_MARKER_TEXTS = [
    *_PIECES, "第三章 总则", "第二十三条、第二十四条所列", "第四章规定", "一、二级", "( 3 )对于", "12.", "4、", "١.",
    "1.2万人", "2017.10", "1.5%", "1.1.1", "3.2025年", "①项", "十二、", "(十二)", "第5条 ", "第一节\t",
]


def _marker_at_every_position(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> list[object]:
    out: list[object] = []
    for i in range(len(text) + 1):
        m = pattern.match(text, i)
        out.append(None if m is None else (m.span(), m.groups(), m.lastindex))
    return out


@pytest.mark.parametrize("text", _MARKER_TEXTS)
def test_marker_reads_the_same_in_both_engines(text: str) -> None:
    assert _marker_at_every_position(mk.MARKER, text) == _marker_at_every_position(_MARKER_REGEX, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="第一二十百两〇零章节条、,.至的所列规定中之级类()123١①⑳ \t%年x", max_size=12))
def test_marker_reads_the_same_in_both_engines_on_any_text(text: str) -> None:
    assert _marker_at_every_position(mk.MARKER, text) == _marker_at_every_position(_MARKER_REGEX, text)


def _heading_line_starts(text: str) -> list[int]:
    return ([0] if mk.HEADING_LINE.match(text) else []) + [m.end() for m in mk.HEADING_LINE_NEXT.finditer(text)]


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_heading_lines_found_by_their_newlines_on_real_notices(path: Path) -> None:
    text = normalize(path.read_text(encoding="utf-8")).text
    assert _heading_line_starts(text) == [m.start() for m in mk.HEADING_LINE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*_PIECES, "\x1c", "\u2000", " ", "\t", "\n\n", "甲" * 650]),
                          st.text(max_size=4)), max_size=40).map("".join))
def test_heading_lines_found_by_their_newlines_on_any_text(text: str) -> None:
    assert _heading_line_starts(text) == [m.start() for m in mk.HEADING_LINE.finditer(text)]


# Annex lists as notices write them (samples 002, 003; corpus), and what must not be one.
ATTACHMENT_LISTS = [
    "附件:1.沈阳市知识产权运营服务体系建设重点项目\n2.任务分工\n\n正文",
    "  附件:1.甲;2.乙\n附件 2.丙\n",
    "详见附件。\n附件1:名单\n附件2:表",
    "附件\n1.甲",
]


@pytest.mark.parametrize("text", ATTACHMENT_LISTS)
def test_attachment_lists_found_at_their_line_starts_only(text: str) -> None:
    assert [m.span() for m in matches_at(ATTACHMENT_LIST, text, line_starts(text, "附件"))] == [
        m.span() for m in ATTACHMENT_LIST.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["附件", "附", "件", ":", "1.", "2、", " ", "\t", "\n", "甲"]), max_size=24)
       .map("".join))
def test_attachment_lists_found_at_their_line_starts_on_any_text(text: str) -> None:
    assert [m.span() for m in matches_at(ATTACHMENT_LIST, text, line_starts(text, "附件"))] == [
        m.span() for m in ATTACHMENT_LIST.finditer(text)]


@pytest.mark.parametrize(
    ("text", "word"),
    [("一、总体......1", "..."), ("一、总体……2", "……"), ("目录···3", "···"), ("1.2.3", "..."), ("……", "……"),
     ("…", "……"), ("", "..."), ("..", "..."), ("甲·乙··", "···")],
)
def test_contains_is_in(text: str, word: str) -> None:
    assert _contains(text, word) == (word in text)


@pytest.mark.parametrize(
    ("kind", "number_text"),
    [("han", "三"), ("han", "十二"), ("paren_han", "二十"), ("arabic", "3"), ("arabic", "03"), ("paren_arabic", "12"),
     ("chapter", "十"), ("jie", "2"), ("article", "一百零五"), ("circled", "⑳"), ("han", "百"), ("arabic", "0")],
)
def test_read_marker_is_the_number_and_normal_form(kind: str, number_text: str) -> None:
    value = han_to_int(number_text)
    assert _read_marker(kind, number_text) == ((value, _normal_marker(kind, number_text, value)) if value else None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_file_name_titles_hold_a_dot(title: str) -> None:
    # build_outline asks FILE_NAME only about titles holding a ".".
    if mk.FILE_NAME.search(title):
        assert "." in title


def _section_models_one_by_one(text: str) -> list[Section]:
    """``Outline.to_models`` as it was: a Section validated per top-level node, spans from
    ``norm.bounds``."""
    norm = normalize(text)
    outline = build_outline(norm)

    def build(i: int) -> dict[str, object]:
        n = outline.nodes[i]
        hs, he = norm.bounds(n.start, n.heading_end)
        ss, se = norm.bounds(n.start, max(n.end, n.heading_end))
        return {"path": n.path, "marker": n.marker, "kind": n.kind, "number": n.number, "level": n.level,
                "title": n.title, "heading": {"start": hs, "end": he}, "span": {"start": ss, "end": se},
                "children": [build(c) for c in n.children]}

    return [Section.model_validate(build(i)) for i, n in enumerate(outline.nodes) if n.parent is None]


@pytest.mark.parametrize("text", [*_FAST_PATH_TEXTS, *(p.read_text(encoding="utf-8") for p in _FILES)])
def test_section_models_equal_the_one_by_one_models(text: str) -> None:
    norm = normalize(text)
    assert build_outline(norm).to_models(norm) == _section_models_one_by_one(text)


def test_an_outline_and_its_models_are_freed_without_the_cyclic_collector() -> None:
    import gc

    norm = normalize(_SHENYANG)
    build_outline(norm).to_models(norm)  # builds the validator once, outside the count
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        outline = build_outline(norm)
        models = outline.to_models(norm)
        del outline, models
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


# --- Fast paths (issue 7, third round). ---

# 目录 lines as notices write them (corpus plans, sample 002's appendix) and lines that only
# hold 录 or 目: the gated search must find exactly the 目录 lines the pattern finds.
TOC_TEXTS = [
    "目录\n一、总体要求......1\n二、重点任务......2\n一、总体要求\n二、重点任务",
    "前言\n  目 录  \n第一章 总则\n第一章 总则",
    "目\t录\n",
    "纳入名录管理\n目录\n记录在案 目录",
    "目录管理办法\n收录目\n录",
    "附件:目录清单",
    "",
]


@pytest.mark.parametrize("text", [*TOC_TEXTS, *(p.read_text(encoding="utf-8") for p in _FILES)])
def test_contents_headings_found_at_their_line_starts_only(text: str) -> None:
    text = normalize(text).text
    assert [m.span() for m in matches_at(mk.TOC_HEADING, text, line_starts(text, "录"))] == [
        m.span() for m in mk.TOC_HEADING.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["目", "录", "目录", " ", "\t", "\n", "甲", "一、"]), max_size=20).map("".join))
def test_contents_headings_found_at_their_line_starts_on_any_text(text: str) -> None:
    assert [m.span() for m in matches_at(mk.TOC_HEADING, text, line_starts(text, "录"))] == [
        m.span() for m in mk.TOC_HEADING.finditer(text)]


# Lines whose first character is a space, a table bar or a marker, blank lines between, a
# marker split over three lines (the one source of candidates out of line order): the
# candidates must be those of the per-line walk, in the same order.
CANDIDATE_LINE_STARTS = [
    "一、总体要求\n\u3000(一)指导思想\n\x1c2.目标\n\n\n  三、保障",
    "| 一、甲 |\n|二、乙\n| \n|\n一、丙",
    "一、总体\n(\n2\n)对于\n(一)任务\n(\n一\n)对于",
    "附件1\n附件 2:名单\n 附录一",
    "   \n\t\n一、甲",
]


@pytest.mark.parametrize("text", CANDIDATE_LINE_STARTS)
def test_candidates_of_odd_line_starts_match_the_per_line_walk(text: str) -> None:
    assert _candidates(text) == _candidates_per_line(text)
    assert _candidates(normalize(text).text) == _candidates_per_line(normalize(text).text)


# A marker alone on its line takes the next line as its title, unless that line opens a table
# cell (looked up in place, past its spaces and tabs).
BARE_MARKER_TITLES = [
    ("一、\n  \t| 序号 | 单位 |\n二、保障措施", ["", "保障措施"]),
    ("一、\n|序号\n二、保障措施", ["", "保障措施"]),
    ("一、\n\n  总体要求\n二、保障措施", ["总体要求", "保障措施"]),
    ("(一)\n  \n", [""]),
]


@pytest.mark.parametrize(("text", "titles"), BARE_MARKER_TITLES)
def test_bare_marker_titles(text: str, titles: list[str]) -> None:
    from policyparse.normalize import _Builder

    # Spaces before the bar as another stage's text may hold them (normalize strips them).
    assert [n.title for n in build_outline(_Builder(text).build(text)).nodes] == titles
    assert [n.title for n in build_outline(normalize(text)).nodes] == titles


# --- Fast paths (issue 7, round 5) ---

# TITLE_END and TITLE_RUNS_ON run in the standard library's engine; they must read every
# heading line (searched between a title's start and its line end) as the regex module does.
_TITLE_END_REGEX = regex.compile(mk.TITLE_END_SOURCE)
_TITLE_RUNS_ON_REGEX = regex.compile(mk.TITLE_RUNS_ON_SOURCE)
_TITLE_LINES = [
    "一、总体要求", "(一)指导思想。以习近平新时代中国特色社会主义思想为指导", "1.时间:2017年7月10:00开始",
    "(二)工作目标:到2020年", "3.按6:10:8的比例", "四、保障措施(", "第三条 本办法所称", "10:", ":5", "甲。:",
    "(三)加强组织领导,", "2.知识产权《", "附件1:名单", "",
]


def _title_end_spans(pattern: regex.Pattern[str] | re.Pattern[str], text: str) -> list[object]:
    out: list[object] = []
    for pos in range(len(text) + 1):
        for end in range(pos, len(text) + 1):
            m = pattern.search(text, pos, end)
            out.append(None if m is None else m.span())
    return out


@pytest.mark.parametrize("text", _TITLE_LINES)
def test_title_patterns_read_the_same_in_both_engines(text: str) -> None:
    assert _title_end_spans(mk.TITLE_END, text) == _title_end_spans(_TITLE_END_REGEX, text)
    assert bool(mk.TITLE_RUNS_ON.search(text)) == bool(_TITLE_RUNS_ON_REGEX.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。::12甲,、(“《\n ", max_size=10))
def test_title_patterns_read_the_same_in_both_engines_on_any_text(text: str) -> None:
    assert _title_end_spans(mk.TITLE_END, text) == _title_end_spans(_TITLE_END_REGEX, text)
    assert bool(mk.TITLE_RUNS_ON.search(text)) == bool(_TITLE_RUNS_ON_REGEX.search(text))


@pytest.mark.parametrize("path", _FILES, ids=[p.name for p in _FILES])
def test_title_ends_read_the_same_in_both_engines_on_real_notices(path: Path) -> None:
    text = normalize(path.read_text(encoding="utf-8")).text
    for c in _candidates(text):
        assert (mk.TITLE_END.search(text, c.body_start, c.line_end) or _NO_MATCH).span() == (
            _TITLE_END_REGEX.search(text, c.body_start, c.line_end) or _NO_MATCH).span()


class _NoMatch:
    def span(self) -> None:
        return None


_NO_MATCH = _NoMatch()


# Table rows are told in place by their last character; a row with spaces after its last bar,
# a body pasted into one cell and a lone bar still read as the per-line walk reads them.
_TABLE_LINES = [
    "| 序号 | 任务 | 牵头单位 |\n| 1 | (一)加强领导 | 市科技局 |\n一、总体要求",
    "| 1.甲 |  \n| 三、乙\n| (二)丙 |\t\n|\n||\n| 4.丁",
    "|一、总体要求:以习近平新时代中国特色社会主义思想为指导\n(二)工作目标",
]


@pytest.mark.parametrize("text", _TABLE_LINES)
def test_table_rows_match_the_per_line_walk(text: str) -> None:
    assert _candidates(text) == _candidates_per_line(text)


@pytest.mark.parametrize(
    "title", ["总体要求", " 工作目标 ", "加强组织领导 |", "| 牵头单位 | ", "", "  ", "|", "甲|乙"]
)
def test_clean_title_without_a_bar_is_one_strip(title: str) -> None:
    assert _clean_title(title) == title.strip().rstrip("|").strip()


# The candidates by number are built only when a 目录 line is there to use them: a contents
# list is dropped up to the heading that repeats its first entry; without 目录 nothing is.
@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ("目录\n一、总体要求\n二、重点任务\n一、总体要求\n(一)指导思想\n二、重点任务", ["一", "一/(一)", "二"]),
        ("前言\n  目 录  \n第一章 总则\n第二章 附则\n第一章 总则\n第二章 附则", ["第一章", "第二章"]),
        ("一、总体要求\n二、重点任务\n三、保障措施", ["一", "二", "三"]),
    ],
)
def test_contents_dropped_only_after_a_contents_heading(text: str, paths: list[str]) -> None:
    assert [p for p, _ in outline_of(text)] == paths


# --- Fast paths (issue 7, round 6) ---

from policyparse.sections import RUN_ON_LEN, RUN_ON_LINES, _line_end, _title  # noqa: E402

# Lines HEADING_LINE now passes over because they open with a numeral or 第/( but not as a
# marker does (sample 002's table of figures, its phases, its 此件公开发布), beside the markers
# that open the same way, and the markers' other forms: the candidates are the per-line walk's.
_OPENING_TEXTS = [
    "附件2\n\n2023 年 7 月\n\n2024 年 6 月\n\n1\n\n万人有效发明专利拥有量(件)\n\n2.7\n\n2.8\n\n1.5\n\n13\n\n知识产",
    "(二)工作步骤\n\n第一阶段:编制改革方案(2017年7月—2017年12月)\n第二阶段:实施改革方案\n第三章 附则\n第5条 施行",
    "2022年10月4日\n\n(此件公开发布)\n\n一是加强领导\n\n三年行动\n\n四、\n一、总体要求\n\n(一)指导思想\n"
    "( 2 )任务\n(\n3\n)对于",
    "1.动员启动阶段(2017年7月)\n2、推进实施\n12.督查评估\n3.2025年完成\n١.甲\n①项\n十二、乙\n百、丙\n\u3000四、丁",
    "|附件1\n| 附录2:规则\n| 1.甲\n| (二)乙 |\n|三、丙",  # a body pasted into one table cell
]


@pytest.mark.parametrize("text", _OPENING_TEXTS)
def test_lines_opening_unlike_a_marker_hold_no_candidate(text: str) -> None:
    assert _candidates(text) == _candidates_per_line(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="第一二十百两〇零章节条、,.至的所列规定中之级类()123١①⑳ \t\n%年x", max_size=14))
def test_marker_opening_holds_wherever_a_marker_matches(text: str) -> None:
    # HEADING_LINE skips a line that does not open as _MARKER_OPENING: no MARKER may match there.
    for i in range(len(text)):
        eol = text.find("\n", i)
        if mk.MARKER.match(text, i, len(text) if eol < 0 else eol):
            assert re.match(mk._MARKER_OPENING, text[i:])


def _title_as_it_was(text: str, c: Cand, limit: int, bound: int) -> tuple[str, int]:
    """``_title`` before its early return for a heading ending on its line: the reference."""
    m = mk.TITLE_END.search(text, c.body_start, limit)
    if m:
        return _clean_title(text[c.body_start : m.start()]), m.start()
    title = _clean_title(text[c.body_start : limit])
    if limit < c.line_end:
        return title, limit
    end = limit
    if not title:
        line_start = limit + 1
        while line_start < bound and not text[line_start : _line_end(text, line_start, bound)].strip():
            line_start = _line_end(text, line_start, bound) + 1
        first = line_start
        while first < len(text) and text[first] in " \t":
            first += 1
        if line_start >= bound or text.startswith("|", first):
            return "", c.body_start
        eol = _line_end(text, line_start, bound)
        m = mk.TITLE_END.search(text, line_start, eol)
        stop = m.start() if m else eol
        return _clean_title(text[line_start:stop]), stop
    pieces = [title]
    for _ in range(RUN_ON_LINES):
        joined = "".join(pieces)
        if not (mk.TITLE_RUNS_ON.search(joined) or len(joined) >= RUN_ON_LEN):
            break
        line_start = end + 1
        if line_start >= bound:
            break
        eol = _line_end(text, line_start, bound)
        line = text[line_start:eol]
        if not line.strip() or line.lstrip().startswith("|"):
            break
        m = mk.TITLE_END.search(text, line_start, eol)
        stop = m.start() if m else eol
        pieces.append(_clean_title(text[line_start:stop]))
        end = stop
        if m:
            break
    return "".join(pieces), end


# Headings that end on their line, run on (hard-wrapped at 40 characters or cut after 、),
# stand alone on their line, or are cut by the next heading.
_TITLE_TEXTS = [
    "一、总体要求\n(一)指导思想\n以习近平新时代中国特色社会主义思想为指导",
    "(三)实施知识产权保护强化工程,促进知识产权高标准保护和知识产权高水平运用的工作\n体系建设\n1.甲",
    "(二)加强组织领导、\n完善工作机制\n二、乙",
    "三、\n\n重点任务\n四、\n| 1 | 甲 |\n五、",
    "说明:" + "甲" * 700 + "。 一、总体 (二)任务;3.做好 ①第一",
]


@pytest.mark.parametrize("text", [*_TITLE_TEXTS, *(p.read_text(encoding="utf-8") for p in _FILES)])
def test_titles_equal_the_reference(text: str) -> None:
    text = normalize(text).text
    cands = _candidates(text)
    for i, c in enumerate(cands):
        bound = cands[i + 1].start if i + 1 < len(cands) else len(text)
        limit = min(c.line_end, bound)
        assert _title(text, c, limit, bound) == _title_as_it_was(text, c, limit, bound)
