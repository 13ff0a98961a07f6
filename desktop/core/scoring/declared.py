"""Declared figures (số liệu kê khai): Có / Không / Không áp dụng, a percentage or a count.

``parse_declared(text, rule, code=...)`` reads what the officer typed and refuses a figure of
the wrong kind for the node's rule (text for a percentage, 120 %, 1,5 faults) with a
message naming the sub-criterion.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from base.errors import ValidationError
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points, parse_points
from desktop.core.scoring.rules import HUNDRED, Rule
from desktop.core.scoring.scores import NA_WORDS

YES_WORDS = {"co", "c", "yes", "x", "dat"}
NO_WORDS = {"khong", "k", "no", "khong dat", "chua"}
DECLARED_KINDS = ("yes", "no", "na", "percent", "count")


@dataclass(frozen=True)
class Declared:
    kind: str  # yes | no | na | percent | count
    value: Decimal | None = None

    @property
    def is_na(self) -> bool:
        return self.kind == "na"

    @property
    def rule_value(self) -> Decimal | bool:
        """What ``Rule.score`` takes: True/False for Có/Không, else the number."""
        if self.kind in ("yes", "no"):
            return self.kind == "yes"
        return self.value if self.value is not None else Decimal(0)

    def text(self) -> str:
        """``Có``, ``Không``, ``Không áp dụng``, ``97,9%``, ``3``."""
        if self.kind == "yes":
            return "Có"
        if self.kind == "no":
            return "Không"
        if self.kind == "na":
            return "Không áp dụng"
        shown = format_points(self.value)
        return f"{shown}%" if self.kind == "percent" else shown


def _expected(rule: Rule | None) -> str:
    return rule.expects if rule is not None else "any"


def parse_declared(text: str, rule: Rule | None, *, code: str) -> Declared:
    """The declared figure ``text`` of sub-criterion ``code`` under ``rule`` (None: no rule)."""
    raw = " ".join(text.split())
    folded = fold(raw).rstrip(".")
    if not folded:
        raise ValidationError(f"Chưa nhập số liệu kê khai của {code}.")
    expects = _expected(rule)
    if folded in NA_WORDS:
        return Declared("na")
    if folded in YES_WORDS or folded in NO_WORDS:
        if expects in ("yesno", "any"):
            return Declared("yes" if folded in YES_WORDS else "no")
        raise ValidationError(_wrong_kind(code, raw, expects))
    has_percent = raw.endswith("%")
    number = raw.rstrip("%").strip()
    try:
        value = parse_points(number, what=f"Số liệu kê khai của {code}")
    except ValidationError as exc:
        if "chữ số thập phân" in str(exc):
            raise
        raise ValidationError(_wrong_kind(code, raw, expects)) from None
    if expects == "yesno":
        raise ValidationError(_wrong_kind(code, raw, expects))
    if value < 0:
        raise ValidationError(f"Số liệu kê khai của {code} không được âm ({raw}).")
    if expects == "percent" or (expects == "any" and has_percent):
        if value > HUNDRED:
            raise ValidationError(
                f"Tỷ lệ kê khai của {code} là {format_points(value)}%, vượt quá 100%."
            )
        return Declared("percent", value)
    if has_percent:
        raise ValidationError(_wrong_kind(code, raw, expects))
    if expects == "count" and value != value.to_integral_value():
        raise ValidationError(
            f"Số liệu kê khai của {code} là một số đếm (số lần, số lỗi), phải là số nguyên, "
            f"không phải “{raw}”."
        )
    return Declared("count", value)


def _wrong_kind(code: str, raw: str, expects: str) -> str:
    wanted = {
        "yesno": "Có, Không hoặc Không áp dụng",
        "percent": "một tỷ lệ phần trăm từ 0 đến 100 (ví dụ 98,5%)",
        "count": "một số đếm như số lần, số lỗi (ví dụ 2)",
        "any": "Có, Không, Không áp dụng hoặc một con số (ví dụ 98,5% hoặc 2)",
    }[expects]
    return f"Số liệu kê khai của {code} phải là {wanted}, không phải “{raw}”."


def declared_from_row(kind: str | None, value: Decimal | None) -> Declared | None:
    if not kind:
        return None
    return Declared(kind, value)


def check_fits(declared: Declared, rule: Rule | None, *, code: str) -> None:
    """Refuse a stored figure that the (new) rule cannot take."""
    parse_declared(declared.text(), rule, code=code)
