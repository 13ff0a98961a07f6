"""Refreshing a report's figures without losing the officer's words.

``refresh_report`` drafts every section again from today's data: a section the officer has
not touched takes the new draft; an edited one is never overwritten, it gets an offer
(the difference, line by line) that the officer accepts per section ("Soạn lại mục này").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from base.errors import NotFoundError
from desktop.core.report.data import gather
from desktop.core.report.draft import draft_sections
from desktop.core.report.records import ReportInfo
from desktop.core.report.sections import SECTIONS, SectionDraft
from desktop.core.report.store import (
    editable_report,
    mark_edited,
    report_info,
    set_draft,
    set_section,
)

if TYPE_CHECKING:
    from db.sqlconn import Source


@dataclass(frozen=True)
class DiffLine:
    op: str  # " " same, "-" only in the current text, "+" only in the new draft
    text: str


@dataclass(frozen=True)
class RedraftOffer:
    key: str
    current_heading: str
    current_text: str
    heading: str
    text: str
    edited: bool  # the officer changed the section since it was drafted

    @property
    def name(self) -> str:
        return SECTIONS.get(self.key, self.key)

    @property
    def diff(self) -> list[DiffLine]:
        return text_diff(
            _joined(self.current_heading, self.current_text), _joined(self.heading, self.text)
        )


@dataclass(frozen=True)
class RefreshOutcome:
    report: ReportInfo
    updated: list[str]  # section keys redrafted (the officer had not edited them)
    offers: list[RedraftOffer]  # edited sections whose new draft differs
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _joined(heading: str, text: str) -> str:
    return f"{heading}\n{text}" if heading else text


def text_diff(old: str, new: str) -> list[DiffLine]:
    """Line by line: what stays, what goes, what comes."""
    out = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("? "):
            continue
        out.append(DiffLine(line[0], line[2:]))
    return out


def _drafts(src: Source, r: ReportInfo) -> tuple[dict[str, SectionDraft], list, list]:
    data = gather(src, r.index_year, r.period, report_id=r.id, signer=r.header.signer)
    return {d.key: d for d in draft_sections(data)}, data.problems, data.warnings


def redraft_offers(src: Source, report_id: int) -> list[RedraftOffer]:
    """Every section whose new draft differs from its current text (nothing is written)."""
    r = report_info(src, report_id)
    drafts, _p, _w = _drafts(src, r)
    out = []
    for sec in r.sections:
        d = drafts.get(sec.key)
        if d is None or (d.heading, d.text) == (sec.heading, sec.text):
            continue
        out.append(RedraftOffer(sec.key, sec.heading, sec.text, d.heading, d.text, sec.edited))
    return out


def refresh_report(src: Source, report_id: int) -> RefreshOutcome:
    r = editable_report(src, report_id)
    drafts, problems, warnings = _drafts(src, r)
    updated, offers = [], []
    for sec in r.sections:
        d = drafts.get(sec.key)
        if d is None:
            continue
        if (d.heading, d.text) == (sec.heading, sec.text):
            if (d.heading, d.text) != (sec.draft_heading, sec.draft_text):
                set_draft(src, report_id, sec.key, d.heading, d.text)
            continue
        if sec.edited:
            offers.append(RedraftOffer(sec.key, sec.heading, sec.text, d.heading, d.text, True))
            continue
        set_section(src, report_id, sec.key, d.heading, d.text, drafted=True)
        updated.append(sec.key)
    if updated:
        mark_edited(src, r)
    return RefreshOutcome(report_info(src, report_id), updated, offers, problems, warnings)


def accept_redraft(src: Source, report_id: int, key: str) -> ReportInfo:
    """Replace one section by its new draft (the officer asked for it)."""
    r = editable_report(src, report_id)
    sec = next((s for s in r.sections if s.key == key), None)
    drafts, _p, _w = _drafts(src, r)
    if sec is None or key not in drafts:
        raise NotFoundError(f"Báo cáo không có mục “{SECTIONS.get(key, key)}”.")
    d = drafts[key]
    if (sec.heading, sec.text) != (d.heading, d.text):
        mark_edited(src, r)
    set_section(src, report_id, key, d.heading, d.text, drafted=True)
    return report_info(src, report_id)
