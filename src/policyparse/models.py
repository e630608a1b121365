"""The public contract: pydantic v2 models of a parsed notice.

Every extracted item keeps the text it was read from (``text``) and where
(``span``, offsets into ``Notice.text``) beside its normalised value, so a user can always
check a value against the original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["lead", "responsible", "cooperating"]
Comparator = Literal[">=", ">", "<=", "<", "=", "range"]
DatePrecision = Literal["day", "month", "year", "range", "relative"]


class Model(BaseModel):
    """Base of every model: strict, closed to unknown fields."""

    # defer_build: schemas are built on first use, which keeps `import policyparse` light.
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class Span(Model):
    """Half-open character offsets into ``Notice.text``: ``text[start:end]``."""

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset one past the last character.")

    def slice(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]


class DocNumber(Model):
    """A 发文字号 such as ``市政办发〔2017〕109号``, parsed into its parts."""

    text: str = Field(description="As written in the notice (spaces and odd brackets included).")
    normalized: str = Field(description="Agency code + 〔year〕 + serial + 号, brackets unified to 〔〕.")
    agency: str = Field(description="机关代字, e.g. 市政办发 or 国知发管字.")
    year: int = Field(description="The year in the brackets.")
    serial: str = Field(description="序号 as written in digits, e.g. '109'.")
    span: Span


class DateMention(Model):
    """One date expression in the text: a day, a month, a year, a range or a relative phrase."""

    text: str = Field(description="As written.")
    precision: DatePrecision = Field(description="What the expression names.")
    value: str | None = Field(
        description="ISO form: YYYY-MM-DD, YYYY-MM or YYYY; for a range its start; None when relative."
    )
    end: str | None = Field(default=None, description="For a range, its end in the same ISO form.")
    qualifier: str | None = Field(
        default=None, description="Words that bound the date, e.g. 底前, 前, 以前, 年内."
    )
    span: Span


class Section(Model):
    """A numbered heading of the body and everything under it until the next heading of its rank."""

    path: str = Field(description="Markers from the top down in normal form, joined with '/': 三/(一)/1.")
    marker: str = Field(description="The marker in normal form: 一, (一), 1, (1), ①, 第一章, 附件1.")
    kind: str = Field(description="Marker family: han, paren_han, arabic, paren_arabic, circled, chapter, …")
    number: int = Field(description="The marker's ordinal value (一 → 1, (十二) → 12).")
    level: int = Field(ge=1, description="Depth in the tree, 1 for top-level sections.")
    title: str = Field(description="Heading text after the marker, up to the first 。 or : or line end.")
    heading: Span = Field(description="Marker and title as written.")
    span: Span = Field(description="The whole section: its heading up to the next heading of its rank.")
    children: list[Section] = Field(default_factory=list, description="Sub-sections in reading order.")


class Target(Model):
    """A quantitative goal the notice commits to."""

    path: str | None = Field(description="Path of the section it sits in; None at the document root.")
    metric: str = Field(description="What the number measures, trimmed of scaffolding.")
    comparator: Comparator = Field(description=">=, >, <=, <, =, or range.")
    value: Decimal = Field(description="The number in the base unit (9万件 → 90000); upper bound of a range.")
    value_min: Decimal | None = Field(default=None, description="Lower bound, for a range only.")
    unit: str = Field(description="Base unit: 件, 家, 元, %, 个百分点, 元/年 …")
    value_text: str = Field(description="The quantity as written, e.g. 9万件 or 3—5家.")
    deadline: str | None = Field(description="YYYY or YYYY-MM by which it is due; None when the notice gives none.")
    deadline_source: Literal["sentence", "section", "phase", "period", "table", "none"] = Field(
        description="Where the deadline came from."
    )
    baseline: str | None = Field(default=None, description="Base year or value named, e.g. 2018.")
    text: str = Field(description="The shortest clause that states the target.")
    span: Span = Field(description="Span of ``text``.")
    value_span: Span = Field(description="Span of the quantity itself.")


class Incentive(Model):
    """Money or a rate offered as reward or subsidy: not a goal."""

    path: str | None = Field(description="Path of the section it sits in.")
    amount: Decimal = Field(description="Amount in the base unit (50万元 → 500000).")
    unit: str = Field(description="Base unit, usually 元 or %.")
    amount_text: str = Field(description="The amount as written.")
    cap: bool = Field(default=False, description="True where the amount is a ceiling (最高…, 不超过…).")
    purpose: str = Field(description="What it is paid for, as far as the sentence says.")
    text: str = Field(description="The clause that offers it.")
    span: Span


class Assignment(Model):
    """One unit named in a responsibility clause."""

    path: str | None = Field(description="Path of the innermost section the clause closes; None = root.")
    role: Role = Field(description="lead (牵头), responsible (责任/负责/主办) or cooperating (配合/协办/参与).")
    unit: str = Field(description="The unit as written once the list is split.")
    full: str = Field(description="The unit as understood: shared suffix distributed, omitted 市 restored.")
    canonical: str | None = Field(default=None, description="Name pinned by a user alias file, if any.")
    clause: str = Field(description="The whole clause the unit came from.")
    deadline: str | None = Field(default=None, description="Task deadline given beside the clause, as written.")
    deadline_value: str | None = Field(default=None, description="Normalised deadline (YYYY or YYYY-MM).")
    span: Span = Field(description="Span of the unit as written.")
    clause_span: Span = Field(description="Span of the clause.")


class Reference(Model):
    """A document cited by title in 《》 and/or by number."""

    title: str | None = Field(description="The cited title without 《》; None when cited by number only.")
    doc_number: DocNumber | None = Field(default=None, description="The number given beside it.")
    span: Span


class Phase(Model):
    """A named stage of the plan's timeline."""

    path: str | None = Field(description="Path of the section it sits in.")
    name: str = Field(description="Stage name, e.g. 启动建设阶段.")
    start: str | None = Field(description="YYYY or YYYY-MM.")
    end: str | None = Field(description="YYYY or YYYY-MM.")
    text: str = Field(description="The stage line as written, up to its date.")
    span: Span


class Attachment(Model):
    """An annex named in the 附件 lines."""

    number: int | None = Field(default=None, description="Its number in the list, if numbered.")
    title: str
    span: Span


class Period(Model):
    """The period the plan covers, e.g. 2017—2019 in the title or 试点时限自…至…."""

    start: str | None
    end: str | None
    text: str
    span: Span


class Notice(Model):
    """A parsed notice: metadata, the section tree and every extracted item with its span."""

    source: str | None = Field(description="Where the text came from (path or archive member).")
    text: str = Field(description="The original text every span points into.")
    title: str | None = Field(description="The notice's own title (the 关于印发…的通知 line).")
    title_span: Span | None = None
    doc_number: DocNumber | None = Field(description="The notice's own 发文字号.")
    issuer: str | None = Field(description="The issuing body as signed or as stated in metadata.")
    issue_date: dt.date | None = Field(description="成文日期: the date the notice was signed.")
    recipients: list[str] = Field(default_factory=list, description="主送机关, split on 、 and ,.")
    metadata: dict[str, str] = Field(
        default_factory=dict, description="A web page's metadata block (索引号, 发文机关, 成文日期 …) as found."
    )
    period: Period | None = Field(default=None, description="The period the plan covers.")
    sections: list[Section] = Field(default_factory=list, description="Top-level sections (a tree).")
    targets: list[Target] = Field(default_factory=list)
    incentives: list[Incentive] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    doc_numbers: list[DocNumber] = Field(default_factory=list, description="Every 发文字号 in the text.")
    dates: list[DateMention] = Field(default_factory=list, description="Every date expression in the text.")
    warnings: list[str] = Field(default_factory=list, description="What the parser could not make sense of.")

    def iter_sections(self) -> Iterator[Section]:
        """Every section, depth first, in reading order."""
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed(s.children))

    def to_records(self) -> dict[str, Any]:
        """The flat records view of FORMAT.md (the shape users load into analytics tools)."""
        from .records import notice_records

        return notice_records(self)


M = TypeVar("M", bound=Model)

# One validator per model, built on first use (the models defer their schemas, which keeps
# ``import policyparse`` light).
_LIST_VALIDATORS: dict[type[Model], Callable[[Any], Any]] = {}


def validate_list(model: type[M], records: list[dict[str, Any]]) -> list[M]:
    """``[model.model_validate(r) for r in records]`` in one call: the same checks (nested
    models included) without the cost of a call per record, which a stage making hundreds of
    records would pay."""
    validate = _LIST_VALIDATORS.get(model)
    if validate is None:
        from pydantic import TypeAdapter

        validate = _LIST_VALIDATORS[model] = TypeAdapter(list[model]).validate_python  # type: ignore[valid-type]
    result: list[M] = validate(records)
    return result
