"""Scoring rules (cách tính điểm) of a sub-criterion and the score a rule gives.

A rule is written in a short notation that fits one cell of a catalog sheet (diacritics and
case do not matter; a decimal comma is fine):

============  ==============================  =============================================
kind          notation                        score
============  ==============================  =============================================
yesno         ``co/khong``                    Có → the maximum, Không → 0
steps         ``bac: 100=1; 98-<100=0,5;      the points of the step the declared
              <98=0``                         percentage falls in (0..100 %)
steps         ``bac so: >=2=1; 1=0,5; 0=0``   the same on a count (0, 1, 2 ...)
proportional  ``ty le``                       maximum × declared rate / 100
deduction     ``tru 0,25/loi``                maximum − faults × 0,25, never below 0
manual        ``thu cong``                    the officer scores directly
============  ==============================  =============================================

A step's range is ``a`` (exactly a), ``a-b``, ``a-<b`` (a to under b), ``>a-b``,
``>a-<b``, ``<b``, ``<=b``, ``>a``, ``>=a``; ``%`` after a number is allowed. The steps
must cover the whole range of the figure (0–100 %, or every count) without overlapping.
``Rule.words`` says the rule in Vietnamese for display next to the score.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from base.errors import ValidationError
from db.values import to_points
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points, parse_points

KINDS = {
    "yesno": "Có/Không",
    "steps": "Theo bậc",
    "proportional": "Tỷ lệ thuận",
    "deduction": "Trừ điểm theo lỗi",
    "manual": "Chấm trực tiếp",
}
ZERO, HUNDRED = Decimal(0), Decimal(100)
_NUM = r"\d+(?:[.,]\d+)?"
_STEPS_HEAD = re.compile(r"^bac(?P<count>\s*\(?\s*so(?: luong| lan)?\s*\)?)?\s*:\s*(?P<body>.*)$")
_DEDUCT = re.compile(rf"^tru\s*(?P<per>{_NUM})\s*(?:diem|d)?\s*(?:/|moi|cho moi)\s*\S.*$")
_EXACT = {
    "yesno": re.compile(r"^co\s*/\s*khong$"),
    "proportional": re.compile(r"^ty le(?:\s*\(?%\)?)?\s*:?$"),
    "manual": re.compile(r"^(?:thu cong|tu cham|cham truc tiep)\s*:?$"),
}
_TWO_SIDED = re.compile(rf"^(?P<lo_op>>=|≥|>)?(?P<lo>{_NUM})-(?P<hi_op><=|≤|<)?(?P<hi>{_NUM})$")
_ONE_SIDED = re.compile(rf"^(?P<op>>=|≥|>|<=|≤|<)?(?P<v>{_NUM})$")


class RuleError(ValidationError):
    """A rule that cannot be read or does not hold together (message without a location)."""


@dataclass(frozen=True)
class Step:
    """Declared values from ``low`` to ``high`` (None = unbounded) give ``points``."""

    low: Decimal | None
    low_incl: bool
    high: Decimal | None
    high_incl: bool
    points: Decimal

    def contains(self, x: Decimal) -> bool:
        above = self.low is None or x > self.low or (self.low_incl and x == self.low)
        below = self.high is None or x < self.high or (self.high_incl and x == self.high)
        return above and below

    @property
    def empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (
            self.low == self.high and not (self.low_incl and self.high_incl)
        )

    def range_notation(self) -> str:
        lo, hi = self.low, self.high
        if lo is not None and hi is not None:
            if lo == hi:
                return _n(lo)
            return f"{'' if self.low_incl else '>'}{_n(lo)}-{'' if self.high_incl else '<'}{_n(hi)}"
        if lo is not None:
            return f"{'>=' if self.low_incl else '>'}{_n(lo)}"
        if hi is not None:
            return f"{'<=' if self.high_incl else '<'}{_n(hi)}"
        return ">=0"

    def range_words(self, unit: str) -> str:
        """``từ 98% đến dưới 100%``, ``dưới 98%``, ``đạt 100%`` (``unit`` is ``%`` or "")."""
        lo, hi = self.low, self.high
        a = f"{_n(lo)}{unit}" if lo is not None else ""
        b = f"{_n(hi)}{unit}" if hi is not None else ""
        if lo is not None and hi is not None:
            if lo == hi:
                return f"{'đạt' if unit else 'bằng'} {a}"
            start = "từ" if self.low_incl else "trên"
            end = "đến" if self.high_incl else "đến dưới"
            return f"{start} {a} {end} {b}"
        if lo is not None:
            return f"từ {a} trở lên" if self.low_incl else f"trên {a}"
        if hi is not None:
            return f"từ {b} trở xuống" if self.high_incl else f"dưới {b}"
        return "mọi giá trị"


@dataclass(frozen=True)
class Rule:
    kind: str
    steps: tuple[Step, ...] = ()
    per_fault: Decimal | None = None
    count: bool = False  # steps on a count instead of a percentage

    @property
    def expects(self) -> str:
        """What the declared figure must be: ``yesno``, ``percent``, ``count`` or ``any``."""
        if self.kind == "yesno":
            return "yesno"
        if self.kind == "proportional" or (self.kind == "steps" and not self.count):
            return "percent"
        if self.kind in ("deduction", "steps"):
            return "count"
        return "any"

    @property
    def computes(self) -> bool:
        return self.kind != "manual"

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def notation(self) -> str:
        if self.kind == "yesno":
            return "co/khong"
        if self.kind == "proportional":
            return "ty le"
        if self.kind == "manual":
            return "thu cong"
        if self.kind == "deduction":
            return f"tru {_n(self.per_fault)}/loi"
        head = "bac so" if self.count else "bac"
        return f"{head}: " + "; ".join(f"{s.range_notation()}={_n(s.points)}" for s in self.steps)

    def words(self, max_points: Decimal) -> str:
        """The rule in Vietnamese, for display next to the score."""
        mx = format_points(max_points)
        if self.kind == "yesno":
            return f"Có: {mx} điểm; Không: 0 điểm."
        if self.kind == "proportional":
            example = format_points(to_points(max_points * Decimal("0.9")))
            return (
                f"Điểm bằng {mx} điểm nhân với tỷ lệ kê khai (ví dụ: đạt 90% được {example} điểm)."
            )
        if self.kind == "deduction":
            return (
                f"Trừ {format_points(self.per_fault)} điểm cho mỗi lỗi, trừ đến hết "
                f"{mx} điểm (không tính điểm âm)."
            )
        if self.kind == "manual":
            return "Chấm trực tiếp theo hướng dẫn chấm điểm (không tính tự động)."
        unit = "" if self.count else "%"
        parts = [f"{s.range_words(unit)}: {format_points(s.points)} điểm" for s in self.steps]
        text = "; ".join(parts) + "."
        return text[0].upper() + text[1:]

    def score(self, value: Decimal | bool, max_points: Decimal) -> Decimal | None:
        """The score for a declared value (True/False for Có/Không, else the number);
        None for a manual rule. The value must fit ``expects`` (see ``declared``)."""
        if self.kind == "manual":
            return None
        if self.kind == "yesno":
            return max_points if value is True else ZERO
        x = Decimal(value)
        if self.kind == "proportional":
            return to_points(max_points * x / HUNDRED)
        if self.kind == "deduction":
            return max(ZERO, to_points(max_points - x * (self.per_fault or ZERO)))
        for s in self.steps:
            if s.contains(x):
                return s.points
        raise RuleError(f"Giá trị {_n(x)} không thuộc bậc nào của cách tính điểm.")

    def check_max(self, max_points: Decimal) -> None:
        """Refuse points above the node's maximum."""
        for s in self.steps:
            if s.points > max_points:
                raise RuleError(
                    f"Bậc “{s.range_notation()}” cho {format_points(s.points)} điểm, vượt điểm "
                    f"tối đa {format_points(max_points)}."
                )


def _n(value: Decimal | None) -> str:
    return format_points(value) if value is not None else ""


def looks_like_rule(text: str) -> bool:
    """Whether a cell's first line is meant as rule notation (and not prose)."""
    head = fold(text.splitlines()[0] if text.strip() else "")
    return bool(
        _STEPS_HEAD.match(head)
        or _DEDUCT.match(head)
        or any(p.match(head) for p in _EXACT.values())
    )


def parse_rule(text: str) -> Rule:
    """Read the notation (see the module docstring); ``RuleError`` says what is wrong."""
    shown = " ".join(text.split())
    t = fold(text).replace("≥", ">=").replace("≤", "<=")
    if not t:
        raise RuleError("Chưa nhập cách tính điểm.")
    for kind, pattern in _EXACT.items():
        if pattern.match(t):
            return Rule(kind)
    m = _DEDUCT.match(t)
    if m:
        per = _number(m.group("per"), shown)
        if per <= 0:
            raise RuleError(f"Cách tính “{shown}”: số điểm trừ mỗi lỗi phải lớn hơn 0.")
        return Rule("deduction", per_fault=per)
    m = _STEPS_HEAD.match(t)
    if m:
        count = bool(m.group("count"))
        steps = tuple(
            _step(part, shown) for part in re.split(r"[;\n]", m.group("body")) if part.strip()
        )
        if not steps:
            raise RuleError(f"Cách tính “{shown}” chưa có bậc nào (ví dụ: bac: 100=1; <100=0).")
        rule = Rule("steps", steps=steps, count=count)
        check_steps(rule)
        return rule
    raise RuleError(
        f"Không hiểu cách tính điểm “{shown}”. Viết một trong các dạng: co/khong; "
        "bac: 100=1; 98-<100=0,5; <98=0; ty le; tru 0,25/loi; thu cong."
    )


def _number(text: str, shown: str) -> Decimal:
    try:
        return parse_points(text, what=f"Số trong cách tính “{shown}”")
    except ValidationError as exc:
        raise RuleError(str(exc)) from None


def _step(part: str, shown: str) -> Step:
    rng, eq, pts = part.rpartition("=")
    rng = rng.replace(" ", "").replace("%", "")
    pts = re.sub(r"\s*(diem|d)\.?\s*$", "", pts.strip())
    if not eq or not rng or not pts:
        raise RuleError(
            f"Bậc “{part.strip()}” trong cách tính “{shown}” cần dạng khoảng=điểm "
            "(ví dụ 98-<100=0,5)."
        )
    points = _number(pts, shown)
    m = _TWO_SIDED.match(rng)
    if m:
        lo, hi = _number(m.group("lo"), shown), _number(m.group("hi"), shown)
        step = Step(
            lo, m.group("lo_op") in (None, ">="), hi, m.group("hi_op") in (None, "<=", "≤"), points
        )
    else:
        m = _ONE_SIDED.match(rng)
        if not m:
            raise RuleError(
                f"Khoảng “{rng}” trong cách tính “{shown}” không đọc được (ví dụ: 100, "
                "98-<100, <98, >=2)."
            )
        v, op = _number(m.group("v"), shown), m.group("op")
        step = {
            None: Step(v, True, v, True, points),
            "<": Step(None, False, v, False, points),
            "<=": Step(None, False, v, True, points),
            ">": Step(v, False, None, False, points),
            ">=": Step(v, True, None, False, points),
        }[op]
    if step.empty:
        raise RuleError(f"Bậc “{rng}” trong cách tính “{shown}” không chứa giá trị nào.")
    return step


def check_steps(rule: Rule) -> None:
    """Steps cover 0–100 % (or every count 0, 1, 2 ...) once: no gap, no overlap.

    A count step is read as the whole numbers it holds (``0-1`` and ``>=2`` leave no gap),
    turned into ``[a, b+1)`` so the same sweep serves both."""
    top = None if rule.count else HUNDRED
    pairs: list[tuple[Step, Step]] = []  # (as swept, as written)
    for s in rule.steps:
        beyond = (
            top is not None
            and s.low is not None
            and (s.low > top or (s.low == top and not s.low_incl))
        )
        if (s.high is not None and s.high < 0) or beyond:
            raise RuleError(
                f"Bậc “{s.range_notation()}” nằm ngoài khoảng 0–100%."
                if top is not None
                else f"Bậc “{s.range_notation()}” là số âm."
            )
        pairs.append((_whole_numbers(s) if rule.count else s, s))
    words = _count_words if rule.count else _percent_words
    pairs.sort(key=lambda p: (p[0].low is not None, p[0].low or ZERO, not p[0].low_incl))
    first = pairs[0][0]
    if first.low is not None and (first.low > 0 or not first.low_incl):
        raise RuleError(
            f"Các bậc bỏ sót giá trị {words(ZERO, True, first.low, not first.low_incl)}."
        )
    for (prev, prev_w), (nxt, nxt_w) in zip(pairs, pairs[1:], strict=False):
        if (
            prev.high is None
            or nxt.low is None
            or nxt.low < prev.high
            or (nxt.low == prev.high and nxt.low_incl and prev.high_incl)
        ):
            hi, hi_incl = _lower_end(prev, nxt)
            lo, lo_incl = (nxt.low, nxt.low_incl) if nxt.low is not None else (ZERO, True)
            raise RuleError(
                f"Các bậc “{prev_w.range_notation()}” và “{nxt_w.range_notation()}” chồng lên "
                f"nhau: giá trị {words(lo, lo_incl, hi, hi_incl)} thuộc cả hai bậc."
            )
        if nxt.low > prev.high or not (nxt.low_incl or prev.high_incl):
            gap = words(prev.high, not prev.high_incl, nxt.low, not nxt.low_incl)
            raise RuleError(f"Các bậc bỏ sót giá trị {gap}.")
    last = pairs[-1][0]
    if last.high is not None and (
        top is None or last.high < top or (last.high == top and not last.high_incl)
    ):
        raise RuleError(
            f"Các bậc bỏ sót giá trị {words(last.high, not last.high_incl, top, True)}."
        )


def _whole_numbers(s: Step) -> Step:
    """The whole numbers of a count step as ``[a, b+1)`` (``b`` None: no end)."""
    lo = 0 if s.low is None else (math.ceil(s.low) if s.low_incl else math.floor(s.low) + 1)
    lo = max(lo, 0)
    hi = None
    if s.high is not None:
        hi = math.floor(s.high) if s.high_incl else math.ceil(s.high) - 1
        if hi < lo:
            raise RuleError(f"Bậc “{s.range_notation()}” không chứa số đếm nào (0, 1, 2 ...).")
    return Step(Decimal(lo), True, None if hi is None else Decimal(hi + 1), False, s.points)


def _percent_words(lo, lo_incl, hi, hi_incl) -> str:
    if lo is not None and lo == hi:
        return f"{_n(lo)}%"
    return Step(lo, lo_incl, hi, hi_incl, ZERO).range_words("%")


def _count_words(lo, _lo_incl, hi, _hi_incl) -> str:
    """A swept count range ``[lo, hi)`` said as the whole numbers it holds."""
    if hi is None:
        return f"từ {_n(lo)} trở lên"
    last = hi - 1
    return _n(lo) if last == lo else f"từ {_n(lo)} đến {_n(last)}"


def _lower_end(a: Step, b: Step) -> tuple[Decimal, bool]:
    """The smaller of two upper ends (where an overlap stops)."""
    if a.high is None:
        return (b.high, b.high_incl) if b.high is not None else (ZERO, True)
    if b.high is None or a.high < b.high:
        return a.high, a.high_incl
    if b.high < a.high:
        return b.high, b.high_incl
    return a.high, a.high_incl and b.high_incl
