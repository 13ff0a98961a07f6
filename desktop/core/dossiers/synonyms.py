"""The dossier fields an export may hold and the header labels that name them.

Labels are compared folded (``desktop.core.office.text.fold``): no diacritics, lower case, one
space. Seen in provinces' exports (see shared/domain.md, "Dossier statistics"); add new
synonyms here, or save a mapping profile for a one-off header.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    synonyms: tuple[str, ...]


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "code",
        "Mã hồ sơ",
        (
            "ma ho so",
            "so ho so",
            "ma hs",
            "so hs",
            "ma ho so hanh chinh",
            "ma ho so tthc",
            "so bien nhan",
            "ma bien nhan",
            "ma so ho so",
        ),
    ),
    FieldSpec(
        "procedure",
        "Tên thủ tục",
        (
            "ten thu tuc",
            "thu tuc hanh chinh",
            "ten thu tuc hanh chinh",
            "thu tuc",
            "ten tthc",
            "tthc",
            "ten dich vu cong",
        ),
    ),
    FieldSpec("field", "Lĩnh vực", ("linh vuc", "ten linh vuc", "linh vuc tthc")),
    FieldSpec(
        "applicant",
        "Người nộp",
        (
            "chu ho so",
            "nguoi nop",
            "ten nguoi nop",
            "nguoi nop ho so",
            "to chuc ca nhan",
            "ten to chuc ca nhan",
            "cong dan",
            "nguoi dung ten",
        ),
    ),
    FieldSpec(
        "channel",
        "Hình thức nộp",
        (
            "hinh thuc nop",
            "kenh nop",
            "hinh thuc nop ho so",
            "kenh tiep nhan",
            "hinh thuc tiep nhan",
            "kenh nop ho so",
            "hinh thuc",
        ),
    ),
    FieldSpec(
        "received",
        "Ngày tiếp nhận",
        (
            "ngay tiep nhan",
            "thoi gian tiep nhan",
            "ngay tiep nhan ho so",
            "ngay nhan",
            "ngay nhan ho so",
            "thoi diem tiep nhan",
            "thoi gian tiep nhan ho so",
        ),
    ),
    FieldSpec(
        "due",
        "Ngày hẹn trả",
        (
            "ngay hen tra",
            "han xu ly",
            "ngay hen tra ket qua",
            "han giai quyet",
            "thoi gian hen tra",
            "hen tra ket qua",
            "thoi han giai quyet",
            "han tra ket qua",
        ),
    ),
    FieldSpec(
        "result",
        "Ngày có kết quả",
        (
            "ngay co ket qua",
            "ngay hoan thanh",
            "ngay xu ly xong",
            "thoi gian co ket qua",
            "ngay ket thuc xu ly",
            "thoi gian hoan thanh",
            "ngay ket thuc",
        ),
    ),
    FieldSpec(
        "returned",
        "Ngày trả kết quả",
        ("ngay tra ket qua", "ngay tra cong dan", "thoi gian tra ket qua", "ngay tra"),
    ),
    FieldSpec(
        "status",
        "Trạng thái",
        (
            "trang thai",
            "tinh trang",
            "trang thai ho so",
            "tinh trang xu ly",
            "tinh trang ho so",
            "ket qua xu ly",
        ),
    ),
    FieldSpec(
        "digitised_on_receipt",
        "Số hóa khi tiếp nhận",
        (
            "so hoa",
            "so hoa ho so",
            "so hoa khi tiep nhan",
            "da so hoa",
            "so hoa thanh phan ho so",
            "so hoa tiep nhan",
            "tinh trang so hoa",
        ),
    ),
    FieldSpec(
        "result_digitised",
        "Số hóa kết quả",
        (
            "so hoa ket qua",
            "ket qua so hoa",
            "ket qua da so hoa",
            "so hoa ket qua giai quyet",
            "ket qua dien tu",
        ),
    ),
    FieldSpec(
        "online_payment",
        "Thanh toán trực tuyến",
        (
            "thanh toan truc tuyen",
            "thanh toan",
            "trang thai thanh toan",
            "tt truc tuyen",
            "thanh toan phi le phi",
            "hinh thuc thanh toan",
        ),
    ),
    FieldSpec(
        "online_level",
        "Mức độ (toàn trình / một phần)",
        (
            "muc do",
            "muc do dvc",
            "muc do dich vu cong",
            "dich vu cong truc tuyen",
            "toan trinh mot phan",
            "loai dich vu cong",
            "muc do dvctt",
        ),
    ),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
FIELD_LABELS = {f.key: f.label for f in FIELDS}
REQUIRED = ("code", "received")
