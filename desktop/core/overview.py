"""What the main window shows for a year: profile, years, the catalog and evidence counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import CatalogNode, EvidenceDocument, EvidenceLink
from desktop.core.catalog import CatalogInfo, catalog_for_year, catalog_info, catalog_years
from desktop.core.profile import ProfileInfo, get_profile


@dataclass(frozen=True)
class YearOverview:
    profile: ProfileInfo | None
    years: list[int]
    year: int | None
    catalog: CatalogInfo | None
    # distinct documents linked to the node or anything below it
    evidence_counts: dict[int, int] = field(default_factory=dict)
    documents_in_year: int = 0


def evidence_counts(session: Session, catalog: CatalogInfo) -> dict[int, int]:
    parent_of = {n.id: n.parent_id for n in catalog.nodes}
    docs_under: dict[int, set[int]] = {}
    rows = session.execute(
        select(EvidenceLink.node_id, EvidenceLink.document_id)
        .join(CatalogNode, CatalogNode.id == EvidenceLink.node_id)
        .where(CatalogNode.catalog_id == catalog.id)
    )
    for node_id, doc_id in rows:
        nid: int | None = node_id
        while nid is not None and nid in parent_of:
            docs_under.setdefault(nid, set()).add(doc_id)
            nid = parent_of[nid]
    return {nid: len(docs) for nid, docs in docs_under.items()}


def year_overview(session: Session, year: int | None) -> YearOverview:
    years = catalog_years(session)
    if year not in years:
        year = years[-1] if years else None
    profile = get_profile(session)
    if year is None or catalog_for_year(session, year) is None:
        return YearOverview(profile, years, None, None)
    info = catalog_info(session, year)
    docs = session.scalar(
        select(func.count()).select_from(EvidenceDocument).where(EvidenceDocument.year == year)
    )
    return YearOverview(profile, years, year, info, evidence_counts(session, info), docs or 0)
