"""Sample evidence for bundle tests: a commune with documents for 2023 on the sample
catalog (which has sub-criteria), Vietnamese names and numbers containing ``/``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.workspace import Workspace
from desktop.core.years.profile import save_profile

ISSUER = "UBND xã Đồng Tâm"
# (document, files {name: bytes}, sub-criteria)
SAMPLE = [
    (
        NewDocument(
            2023,
            "123/BC-UBND",
            date(2023, 4, 4),
            "Báo cáo",
            "Báo cáo kết quả kiểm tra công tác cải cách hành chính năm 2023",
            ISSUER,
            "Nguyễn Văn An",
            "Trần Thị Bình",
        ),
        {"Báo cáo kết quả.pdf": b"%PDF-1.4 bao cao 123", "Phụ lục số liệu.docx": b"PK docx 123"},
        ["1.3.3", "1.4.3"],
    ),
    (
        NewDocument(
            2023,
            "135/KH-UBND",
            date(2022, 12, 28),
            "Kế hoạch",
            "Kế hoạch cải cách hành chính năm 2023",
            ISSUER,
            "Nguyễn Văn An",
        ),
        {"KH CCHC 2023.pdf": b"%PDF-1.4 ke hoach 135"},
        ["1.1.1"],
    ),
    (
        NewDocument(
            2023,
            "01/QĐ-UBND",
            date(2023, 1, 5),
            "Quyết định",
            'Quyết định kiện toàn Bộ phận Một cửa: tiếp nhận "hồ sơ" <TTHC>?',
            ISSUER,
        ),
        {"CON.pdf": b"%PDF-1.4 quyet dinh 01"},
        ["3.5.1", "5.4.3.4"],
    ),
    (
        NewDocument(2023, "", None, "Khác", "Hình ảnh tuyên truyền tại nhà văn hóa"),
        {"ảnh 1.jpg": b"\xff\xd8\xff anh tuyen truyen"},
        ["1.4.2"],
    ),
    (
        NewDocument(2023, "02/TB-UBND", date(2023, 2, 1), "Thông báo", "Thông báo lịch tiếp dân"),
        {"thong bao.pdf": b"%PDF-1.4 thong bao 02"},
        [],
    ),
]


def fill(ws: Workspace, tmp_path: Path, sample=SAMPLE, *, commune: str = "Đồng Tâm") -> None:
    with ws.transaction() as s:
        save_profile(s, commune_name=commune, province="Hải Dương", district="Ninh Giang")
        load_builtin(s, 2023, "mau-minh-hoa")
    src = tmp_path / "nguon"
    src.mkdir(exist_ok=True)
    for n, (doc, files, codes) in enumerate(sample):
        paths = []
        for name, data in files.items():
            folder = src / str(n)
            folder.mkdir(exist_ok=True)
            (folder / name).write_bytes(data)
            paths.append(folder / name)
        with ws.transaction() as s:
            add_document(s, ws.store, doc, paths, codes)
