"""Evidence documents: add, edit, link, delete; bad input never half-saves."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from base.errors import FileStoreError, NotFoundError, ValidationError
from db.models import Blob, EvidenceDocument, EvidenceFile
from desktop.core.evidence.documents import (
    DocumentFields,
    NewDocument,
    add_document,
    add_files,
    delete_document,
    link_document,
    remove_file,
    unlink_document,
    update_document,
)
from desktop.core.evidence.files import release_blobs
from desktop.core.evidence.query import RegisterFilter, document_row, list_register
from desktop.core.progress import Cancelled, Progress

YEAR = 2023  # the year tests/core/conftest.py gives the sample catalog


def _counts(ws) -> tuple[int, int, int]:
    with ws.session() as s:
        docs = s.scalar(select(func.count()).select_from(EvidenceDocument))
        blobs = s.scalar(select(func.count()).select_from(Blob))
    return docs, blobs, len(list(ws.store.iter_stored()))


def _row(ws, doc_id: int):
    with ws.session() as s:
        return document_row(s, doc_id)


def test_add_document_with_files_and_two_sub_criteria(sample_ws, make_file) -> None:
    scan = make_file("123-BC-UBND 04.4.2023.pdf", b"%PDF bao cao")
    annex = make_file("Phụ lục.docx", b"PK phu luc")
    doc = NewDocument(
        year=YEAR,
        number=" 123/BC-UBND ",
        issue_date=date(2023, 4, 4),
        kind="bao cao",
        summary="Báo cáo kết quả CCHC quý I",
        issuer="UBND xã Đồng Tâm",
        signer="Nguyễn Văn A",
        responsible="Trần Thị B",
    )
    with sample_ws.transaction() as s:
        doc_id = add_document(s, sample_ws.store, doc, [scan, annex], ["1.2.1", "1,2.2."]).id
    row = _row(sample_ws, doc_id)
    assert row.number == "123/BC-UBND"  # the slash is kept: it is never a file name
    assert row.kind == "Báo cáo" and row.issue_date == date(2023, 4, 4)
    assert row.codes == ("1.2.1", "1.2.2")
    assert [f.name for f in row.files] == ["123-BC-UBND 04.4.2023.pdf", "Phụ lục.docx"]
    assert row.files[0].sha256 == hashlib.sha256(b"%PDF bao cao").hexdigest()
    assert row.files[0].size == len(b"%PDF bao cao")
    assert sample_ws.store.path_for(row.files[1].sha256).read_bytes() == b"PK phu luc"
    assert row.status == "complete"


def test_linking_more_sub_criteria_never_copies_a_file(sample_ws, add_doc) -> None:
    doc_id = add_doc("05/KH-UBND", ("1.1.1",))
    before = _counts(sample_ws)
    with sample_ws.transaction() as s:
        assert link_document(s, doc_id, ["1.4.1", "1.1.1"]) == ["1.4.1"]
    assert _counts(sample_ws) == before
    assert _row(sample_ws, doc_id).codes == ("1.1.1", "1.4.1")
    with sample_ws.session() as s:
        in_pane = list_register(s, RegisterFilter(year=YEAR, code="1.4.1"))
    assert [r.id for r in in_pane] == [doc_id]
    with sample_ws.transaction() as s:
        unlink_document(s, doc_id, ["1.1.1"])
    assert _row(sample_ws, doc_id).codes == ("1.4.1",)
    assert _counts(sample_ws) == before
    with pytest.raises(NotFoundError) as exc, sample_ws.transaction() as s:
        unlink_document(s, doc_id, ["1.3.1"])
    assert "không gắn với tiêu chí 1.3.1" in str(exc.value)


def test_edit_document_updates_search(sample_ws, add_doc) -> None:
    doc_id = add_doc("5/KH", summary="Kế hoạch tuyên truyền")
    with sample_ws.transaction() as s:
        update_document(
            s,
            doc_id,
            DocumentFields(
                number="05/KH-UBND",
                issue_date=date(2023, 1, 5),
                kind="Kế hoạch",
                summary="Kế hoạch kiểm tra CCHC",
            ),
        )
    with sample_ws.session() as s:
        assert [r.id for r in list_register(s, RegisterFilter(YEAR, search="kiem tra"))] == [doc_id]
        assert list_register(s, RegisterFilter(YEAR, search="tuyen truyen")) == []
    assert _row(sample_ws, doc_id).issue_date == date(2023, 1, 5)


def test_unknown_kind_is_refused_with_the_list(sample_ws, add_doc) -> None:
    doc_id = add_doc()
    with pytest.raises(ValidationError) as exc, sample_ws.transaction() as s:
        update_document(s, doc_id, DocumentFields(number="1/CV", kind="Thư tay"))
    assert "Thư tay" in str(exc.value) and "Kế hoạch" in str(exc.value)
    assert _row(sample_ws, doc_id).number == "05/KH-UBND"


def test_delete_keeps_a_blob_another_document_uses(sample_ws, make_file, add_doc) -> None:
    shared = make_file("chung.pdf", b"cung noi dung")
    other = make_file("rieng.pdf", b"chi tai lieu hai")
    first = add_doc("1/KH-UBND", files=[shared])
    second = add_doc("2/KH-UBND", files=[make_file("ban-sao.pdf", b"cung noi dung"), other])
    sha_shared = hashlib.sha256(b"cung noi dung").hexdigest()
    sha_other = hashlib.sha256(b"chi tai lieu hai").hexdigest()

    with sample_ws.transaction() as s:
        freed = delete_document(s, second)
    assert freed == [sha_other]
    with sample_ws.session() as s:
        release_blobs(s, sample_ws.store, freed)
    assert sample_ws.store.has(sha_shared) and not sample_ws.store.has(sha_other)
    assert _row(sample_ws, first).files[0].sha256 == sha_shared

    with sample_ws.transaction() as s:
        freed = delete_document(s, first)
    with sample_ws.session() as s:
        release_blobs(s, sample_ws.store, freed)
    assert freed == [sha_shared]
    assert _counts(sample_ws) == (0, 0, 0)


def test_a_rolled_back_delete_loses_nothing(sample_ws, add_doc) -> None:
    doc_id = add_doc()

    class PowerCut(Exception):
        pass

    with pytest.raises(PowerCut), sample_ws.transaction() as s:
        delete_document(s, doc_id)
        raise PowerCut
    row = _row(sample_ws, doc_id)
    assert sample_ws.store.has(row.files[0].sha256)
    assert _counts(sample_ws) == (1, 1, 1)


def test_add_and_remove_files(sample_ws, make_file, add_doc) -> None:
    doc_id = add_doc()
    extra = make_file("anh.jpg", b"\xff\xd8 anh")
    with sample_ws.transaction() as s:
        add_files(s, sample_ws.store, doc_id, [extra, extra])  # the same file twice: once
    row = _row(sample_ws, doc_id)
    assert [f.name for f in row.files] == ["05-KH-UBND.pdf", "anh.jpg"]
    with sample_ws.transaction() as s:
        freed = remove_file(s, doc_id, row.files[1].id)
    with sample_ws.session() as s:
        release_blobs(s, sample_ws.store, freed)
    assert [f.name for f in _row(sample_ws, doc_id).files] == ["05-KH-UBND.pdf"]
    assert _counts(sample_ws) == (1, 1, 1)


@pytest.mark.parametrize(
    "codes, message",
    [
        (["9.9.9"], "không có tiêu chí 9.9.9"),
        (["1.1"], "hãy gắn tài liệu vào tiêu chí thành phần"),
        ([""], "Mã tiêu chí bị để trống"),
    ],
)
def test_bad_criterion_saves_nothing(sample_ws, make_file, codes, message) -> None:
    src = make_file("kh.pdf")
    with pytest.raises((NotFoundError, ValidationError)) as exc, sample_ws.transaction() as s:
        add_document(s, sample_ws.store, NewDocument(year=YEAR, number="1/KH"), [src], codes)
    assert message in str(exc.value)
    assert _counts(sample_ws) == (0, 0, 0)


def test_criterion_of_a_year_without_catalog(sample_ws, make_file) -> None:
    with pytest.raises(NotFoundError) as exc, sample_ws.transaction() as s:
        add_document(s, sample_ws.store, NewDocument(year=2019), [make_file("a.pdf")], ["1.1.1"])
    assert "Năm 2019 chưa có bộ tiêu chí" in str(exc.value)


def test_empty_file_saves_nothing(sample_ws, make_file) -> None:
    good = make_file("tot.pdf", b"noi dung")
    empty = make_file("rong.pdf", b"")
    with pytest.raises(ValidationError) as exc, sample_ws.transaction() as s:
        add_document(s, sample_ws.store, NewDocument(year=YEAR), [good, empty], ["1.1.1"])
    assert "rong.pdf" in str(exc.value) and "0 byte" in str(exc.value)
    assert _counts(sample_ws) == (0, 0, 0)


def test_missing_file_and_folder_are_refused(sample_ws, tmp_path) -> None:
    for path, text in [(tmp_path / "khong-co.pdf", "Không tìm thấy tệp"), (tmp_path, "thư mục")]:
        with pytest.raises(ValidationError) as exc, sample_ws.transaction() as s:
            add_document(s, sample_ws.store, NewDocument(year=YEAR), [path], ["1.1.1"])
        assert text in str(exc.value)
    assert _counts(sample_ws) == (0, 0, 0)


def test_locked_file_saves_nothing(sample_ws, make_file, monkeypatch) -> None:
    """Windows refuses to open a file another program holds; the first, good file must not
    stay behind in the store."""
    good = make_file("tot.pdf", b"noi dung tot")
    locked = make_file("dang-mo.docx", b"dang mo trong Word")
    real_open = Path.open

    def fake_open(self, *args, **kwargs):
        if self.name == "dang-mo.docx":
            raise PermissionError(13, "The process cannot access the file")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)
    with pytest.raises(FileStoreError) as exc, sample_ws.transaction() as s:
        add_document(s, sample_ws.store, NewDocument(year=YEAR), [good, locked], ["1.1.1"])
    assert "dang-mo.docx" in str(exc.value) and "bị khóa" in str(exc.value)
    monkeypatch.undo()
    assert _counts(sample_ws) == (0, 0, 0)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_by_permissions(sample_ws, make_file) -> None:
    src = make_file("bi-khoa.pdf")
    src.chmod(0)
    try:
        with pytest.raises(FileStoreError) as exc, sample_ws.transaction() as s:
            add_document(s, sample_ws.store, NewDocument(year=YEAR), [src], ["1.1.1"])
    finally:
        src.chmod(0o644)
    assert "bi-khoa.pdf" in str(exc.value)


def test_cancel_during_copy_removes_what_was_copied(sample_ws, make_file) -> None:
    first = make_file("mot.pdf", b"1" * 3000)
    second = make_file("hai.pdf", b"2" * 3000)
    seen: list[tuple[int, int, str]] = []

    def sink(done: int, total: int, text: str) -> None:
        seen.append((done, total, text))
        if done >= 3000:  # the officer presses "Hủy" once the first file is in
            progress.cancel()

    progress = Progress(sink)
    with pytest.raises(Cancelled), sample_ws.transaction() as s:
        add_document(
            s,
            sample_ws.store,
            NewDocument(year=YEAR),
            [first, second],
            ["1.1.1"],
            progress=progress,
        )
    assert seen[:2] == [(0, 6000, "Đang chép mot.pdf"), (3000, 6000, "Đang chép mot.pdf")]
    assert _counts(sample_ws) == (0, 0, 0)
    assert list((sample_ws.store.root / "tmp").iterdir()) == []


def test_awkward_file_names_are_stored_and_kept(sample_ws, make_file) -> None:
    """Stored under their hash, so any name is fine; the original name is kept for the
    register (making a Windows-safe name is the job of whatever writes a file out)."""
    names = ["CON.pdf", 'a<b>:c?"d|e*.pdf', "nul", unicodedata.normalize("NFD", "Kế hoạch.pdf")]
    paths = [make_file(n, f"noi dung {i}".encode()) for i, n in enumerate(names)]
    with sample_ws.transaction() as s:
        doc_id = add_document(
            s, sample_ws.store, NewDocument(year=YEAR, number="1/KH-UBND"), paths, ["1.1.1"]
        ).id
    row = _row(sample_ws, doc_id)
    assert [f.name for f in row.files] == ["CON.pdf", 'a<b>:c?"d|e*.pdf', "nul", "Kế hoạch.pdf"]
    assert sample_ws.store.path_for(row.files[0].sha256).read_bytes() == b"noi dung 0"


def test_500_mb_file_is_streamed_not_read_whole(sample_ws, tmp_path) -> None:
    big = tmp_path / "ban-scan-rat-lon.pdf"
    size = 500 * 1024 * 1024
    with big.open("wb") as fh:  # sparse: costs no disk until copied into the store
        fh.write(b"%PDF-1.4")
        fh.truncate(size)
    done: list[int] = []
    tracemalloc.start()
    try:
        with sample_ws.transaction() as s:
            doc = add_document(
                s,
                sample_ws.store,
                NewDocument(year=YEAR, number="9/BC-UBND"),
                [big],
                ["1.1.2"],
                progress=Progress(lambda d, _t, _text: done.append(d)),
            )
            doc_id = doc.id
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert done[-1] == size
    row = _row(sample_ws, doc_id)
    assert row.files[0].size == size
    assert sample_ws.store.path_for(row.files[0].sha256).stat().st_size == size
    sample_ws.store.remove(row.files[0].sha256)


def test_same_file_in_two_documents_is_stored_once(sample_ws, make_file, add_doc) -> None:
    a = add_doc("1/KH-UBND", files=[make_file("a.pdf", b"giong nhau")])
    b = add_doc("2/KH-UBND", files=[make_file("b.pdf", b"giong nhau")])
    assert _row(sample_ws, a).files[0].sha256 == _row(sample_ws, b).files[0].sha256
    assert _counts(sample_ws) == (2, 1, 1)
    with sample_ws.session() as s:
        assert s.scalar(select(func.count()).select_from(EvidenceFile)) == 2


def test_new_document_reads_in_dialog_order(sample_ws, make_file) -> None:
    """Year, number, date, kind, summary, issuer, signer, responsible (the demo data and
    the add dialog build it that way)."""
    doc = NewDocument(
        YEAR, "45/BC-UBND", date(2023, 6, 15), "Báo cáo", "Báo cáo 6 tháng", "UBND xã", "A", "B"
    )
    with sample_ws.transaction() as s:
        doc_id = add_document(s, sample_ws.store, doc, [make_file("bc.pdf")], ["1.2.1"]).id
    row = _row(sample_ws, doc_id)
    assert (row.number, row.kind, row.signer, row.responsible) == (
        "45/BC-UBND",
        "Báo cáo",
        "A",
        "B",
    )
