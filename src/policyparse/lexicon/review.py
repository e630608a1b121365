"""Presentation data for the review and overview pages: labels, colours, stylesheet.

Kept apart from the page builders so wording and colours can change without touching the
interval logic. Everything here is inlined into the page: no fonts or files are fetched.
"""

from __future__ import annotations

import regex

# Characters an HTML/XML tree cannot hold (C0 controls bar tab/LF/CR, lone surrogates,
# U+FFFE/U+FFFF); the page shows each as one U+FFFD so offsets stay put.
NOT_XML = regex.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# The kinds of highlight, outermost first: when two items cover exactly the same characters,
# the one earlier here wraps the other (a unit nests inside its clause, a value inside its target).
KIND_ORDER: tuple[str, ...] = (
    "section",
    "title",
    "period",
    "phase",
    "attachment",
    "clause",
    "target",
    "incentive",
    "reference",
    "docnumber",
    "date",
    "assignment",
    "value",
)

KIND_LABEL: dict[str, str] = {
    "section": "章节标题 heading",
    "title": "标题 title",
    "period": "实施期 period",
    "phase": "阶段 phase",
    "attachment": "附件 attachment",
    "clause": "责任条款 clause",
    "target": "目标 target",
    "incentive": "奖补 incentive",
    "reference": "引用 reference",
    "docnumber": "文号 doc number",
    "date": "日期 date",
    "assignment": "单位 unit",
    "value": "数值 value",
}

ROLE_LABEL: dict[str, str] = {
    "lead": "牵头 lead",
    "responsible": "责任 responsible",
    "cooperating": "配合 cooperating",
}

COMPARATOR_LABEL: dict[str, str] = {
    ">=": "≥",
    ">": ">",
    "<=": "≤",
    "<": "<",
    "=": "=",
    "range": "range",
}

# Which highlight kind stands for each list of the records view (FORMAT.md): the browser and
# unit tests count one highlight per record.
RECORD_KIND: dict[str, str] = {
    "sections": "section",
    "assignments": "assignment",
    "targets": "target",
    "references": "reference",
    "phases": "phase",
    "attachments": "attachment",
}

# System fonts only: a page that fetched a web font would not be self-contained.
CJK_FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
    '"PingFang SC", "Microsoft YaHei", sans-serif'
)

BASE_CSS = f"""
:root {{
  --lead: #d9480f; --lead-bg: #ffe8cc;
  --responsible: #1864ab; --responsible-bg: #d0ebff;
  --cooperating: #2b8a3e; --cooperating-bg: #d3f9d8;
  --line: #dee2e6; --muted: #868e96;
}}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {CJK_FONTS}; color: #212529; background: #fff;
  font-size: 15px; line-height: 1.7; }}
header.page {{ padding: 12px 20px; border-bottom: 1px solid var(--line); background: #f8f9fa; }}
header.page h1 {{ font-size: 19px; margin: 0 0 4px; }}
.meta {{ color: #495057; font-size: 13px; margin: 0; }}
.meta span + span::before {{ content: " · "; color: var(--muted); }}
.warnings {{ margin: 8px 0 0; padding: 6px 10px 6px 28px; background: #fff4e6;
  border: 1px solid #ffc078; border-radius: 4px; font-size: 13px; }}
.warnings.none {{ background: #ebfbee; border-color: #8ce99a; list-style: none; padding-left: 10px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; margin: 4px 0 16px; }}
th, td {{ border-bottom: 1px solid var(--line); padding: 2px 6px; text-align: left; vertical-align: top; }}
th {{ background: #f1f3f5; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
a {{ color: #1c7ed6; text-decoration: none; }}
a:hover {{ text-decoration: underline; }}
h2 {{ font-size: 16px; margin: 14px 0 4px; }}
.empty {{ color: var(--muted); font-size: 13px; }}
"""

REVIEW_CSS = """
/* Header, legend and warnings stay in view; the text and the side panel scroll on their own. */
body.review { height: 100vh; display: flex; flex-direction: column; }
body.review > header.page { flex: none; }
body.review .warnings { max-height: 18vh; overflow: auto; }
main.review { flex: 1; min-height: 0; display: grid;
  grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); }
#text { white-space: pre-wrap; word-break: break-word; padding: 16px 24px; margin: 0; overflow: auto;
  border-right: 1px solid var(--line); }
aside.side { padding: 8px 16px; overflow: auto; }
@media (max-width: 900px), print {
  body.review { height: auto; display: block; }
  main.review { display: block; }
  #text, aside.side { overflow: visible; }
}
.legend { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; margin: 8px 0 0; padding: 0;
  list-style: none; }
.hl { scroll-margin-top: 4em; border-radius: 2px; }
.hl:target { outline: 3px solid #fab005; }
.k-section { font-weight: 700; background: #e9ecef; }
.k-title { font-weight: 700; border-bottom: 2px solid #495057; }
.k-period, .k-date { color: #0b7285; border-bottom: 1px dashed #0b7285; }
.k-docnumber { color: #5f3dc4; border: 1px solid #b197fc; }
.k-phase { background: #fff3bf; border-bottom: 2px solid #f59f00; }
.k-attachment { border-bottom: 2px solid #9c36b5; }
.k-clause { background: #f3f0ff; border-bottom: 1px dotted #7048e8; }
.k-target { background: #fff9db; border-bottom: 2px solid #fab005; }
.k-incentive { background: #fff0f6; border-bottom: 2px dotted #d6336c; }
.k-value { font-weight: 700; color: #e67700; }
.k-reference { color: #1864ab; border-bottom: 1px solid #74c0fc; }
.k-assignment { padding: 0 1px; border: 1px solid; }
.role-lead { color: var(--lead); background: var(--lead-bg); border-color: var(--lead); }
.role-responsible { color: var(--responsible); background: var(--responsible-bg);
  border-color: var(--responsible); }
.role-cooperating { color: var(--cooperating); background: var(--cooperating-bg);
  border-color: var(--cooperating); }
.hl:empty { display: inline-block; min-width: 4px; min-height: 1em; vertical-align: text-bottom; }
nav.outline ul { list-style: none; margin: 0; padding-left: 14px; font-size: 13px; line-height: 1.5; }
nav.outline > ul { padding-left: 0; }
.path { color: var(--muted); font-size: 12px; white-space: nowrap; }
.swatch { padding: 0 4px; }
th { position: sticky; top: -8px; }
"""

OVERVIEW_CSS = """
main.overview { padding: 8px 20px 24px; max-width: 1100px; }
section.block { margin-bottom: 24px; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px;
  align-items: start; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
svg.chart { width: 100%; height: auto; max-width: 640px; font-family: inherit; }
table.issuers td:first-child { min-width: 12em; }
svg.chart .bar { fill: #4dabf7; }
svg.chart .bar:hover { fill: #1c7ed6; }
svg.chart text { font-size: 11px; fill: #343a40; }
svg.chart .axis { stroke: #adb5bd; stroke-width: 1; }
"""
