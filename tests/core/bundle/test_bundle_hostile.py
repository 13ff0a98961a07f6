"""Hostile bundles: manifests that break the schema or its limits, a year outside
2000–2100, a bundle of another commune. Each is refused before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import rewrite

from base.errors import BundleError
from db.models import Catalog, EvidenceDocument
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.import_preview import BundleRejected, preview_import
from desktop.core.bundle.manifest import MANIFEST_NAME
from desktop.core.bundle.plan import ExportScope
from desktop.core.bundle.verify import verify_bundle
from desktop.core.workspace import open_workspace


@pytest.fixture
def bundle(sample_ws, usb: Path) -> Path:
    return export_bundle(sample_ws, ExportScope(2023), usb).path


@pytest.fixture
def other(tmp_path: Path):
    ws = open_workspace(tmp_path / "may-dong-nghiep")
    yield ws
    ws.close()


def _only_problem(path: Path):
    report = verify_bundle(path)
    assert not report.ok and report.manifest is None
    assert [p.kind for p in report.problems] == ["manifest_corrupt"], report.problems
    return report.problems[0]


def _nothing_written(ws) -> None:
    with ws.session() as s:
        assert s.query(EvidenceDocument).count() == 0
        assert s.query(Catalog).count() == 0


def test_deep_nesting_is_a_corrupt_manifest_not_a_crash(bundle: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (bundle / MANIFEST_NAME).write_text(f'{{"format": {deep}}}', encoding="utf-8")
    problem = _only_problem(bundle)
    assert "lồng nhau quá sâu" in problem.message


def test_nesting_that_json_reads_but_is_too_deep_for_the_schema(bundle: Path) -> None:
    def nest(body):
        value: object = "x"
        for _ in range(400):
            value = {"a": value}
        body["commune"]["ghi_chu"] = value

    rewrite(bundle, nest)
    assert "lồng nhau quá sâu" in _only_problem(bundle).message


def test_catalog_node_without_a_title_is_refused_before_import(bundle: Path, other) -> None:
    rewrite(bundle, lambda b: b["catalog"]["nodes"][2].pop("title"))
    problem = _only_problem(bundle)
    assert "title" in problem.message and "bộ tiêu chí" in problem.message
    with pytest.raises(BundleRejected):
        preview_import(other, bundle)
    _nothing_written(other)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda b: b.update(documents={"a": 1}), "documents"),
        (lambda b: b["documents"][0].update(codes="1.1.1"), "codes"),
        (lambda b: b["documents"][0].update(summary="x" * 200_000), "quá dài"),
        (lambda b: b["files"][0].update(size=-5), "size"),
        (lambda b: b["files"][0].update(sha256="../../etc"), "sha256"),
        (lambda b: b["catalog"]["nodes"][0].update(max_points="nhiều"), "max_points"),
        (lambda b: b.update(documents=b["documents"] * 12_000), "quá nhiều"),
    ],
)
def test_schema_limits(bundle: Path, change, words: str) -> None:
    rewrite(bundle, change)
    assert words in _only_problem(bundle).message


def test_a_year_outside_the_cli_range_is_refused(bundle: Path, other) -> None:
    def year_9999(body):
        body["year"] = 9999
        for d in body["documents"]:
            d["year"] = 9999

    rewrite(bundle, year_9999)
    problem = _only_problem(bundle)
    assert "9999" in problem.message and "2000" in problem.message and "2100" in problem.message
    with pytest.raises(BundleError):
        preview_import(other, bundle)
    _nothing_written(other)


def test_a_document_year_outside_the_range_is_refused(bundle: Path) -> None:
    rewrite(bundle, lambda b: b["documents"][0].update(year=1900))
    assert "1900" in _only_problem(bundle).message
