"""The shape ``manifest.json`` must have, with limits, checked before any of it is used.

A bundle comes from a stick anyone could have written on: every field is checked for its
type, every text for its length, every list for its count, the nesting for its depth and
every year against the range the app accepts (2000–2100), so that a hostile manifest is
refused with a reason (``bundle verify`` exit 3) instead of crashing deep in the import.
Checks never recurse: a manifest nested a million levels deep costs one loop.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.years.eras import FIRST_YEAR, LAST_YEAR

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 12  # the deepest real path: year_data → result → scores → [i] → note
MAX_TEXT = 20_000  # characters in one field (a summary, a scoring guide)
MAX_DOCUMENTS = 50_000
MAX_FILES = 200_000
MAX_NODES = 5_000
MAX_PER_DOCUMENT = 1_000  # files or sub-criteria of one document
MAX_KEYS = 200  # keys in a free-form dict (commune, scope, settings)

_SHA = re.compile(r"^[0-9a-f]{64}$")
_ROLES = ("evidence", "report", "index")


class SchemaError(ValueError):
    """What is wrong, in Vietnamese, naming where."""


def depth_of(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deep ``value`` nests (stops counting past ``limit``)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            break
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return deepest


def too_deep_message() -> str:
    return (
        f"nội dung lồng nhau quá sâu (quá {MAX_DEPTH} cấp): đây không phải danh sách do Sổ CCHC ghi"
    )


def _text(v: Any, where: str, *, limit: int = MAX_TEXT, empty: bool = True) -> None:
    if not isinstance(v, str):
        raise SchemaError(f"{where} phải là chữ")
    if len(v) > limit:
        raise SchemaError(f"{where} quá dài ({len(v)} ký tự, tối đa {limit})")
    if not empty and not v.strip():
        raise SchemaError(f"{where} đang để trống")


def _opt_text(v: Any, where: str) -> None:
    if v is not None:
        _text(v, where)


def _int(v: Any, where: str, lo: int, hi: int) -> None:
    if isinstance(v, bool) or not isinstance(v, int):
        raise SchemaError(f"{where} phải là số nguyên")
    if not lo <= v <= hi:
        raise SchemaError(f"{where} = {v} nằm ngoài khoảng {lo}–{hi}")


def _year(v: Any, where: str) -> None:
    if isinstance(v, bool) or not isinstance(v, int):
        raise SchemaError(f"{where} phải là số năm")
    if not FIRST_YEAR <= v <= LAST_YEAR:
        raise SchemaError(
            f"{where} là năm {v}, nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR} mà Sổ CCHC nhận"
        )


def _list(v: Any, where: str, limit: int) -> list:
    if not isinstance(v, list):
        raise SchemaError(f"{where} phải là một danh sách")
    if len(v) > limit:
        raise SchemaError(f"{where} có quá nhiều mục ({len(v)}, tối đa {limit})")
    return v


def _dict(v: Any, where: str, required: tuple[str, ...] = ()) -> dict:
    if not isinstance(v, dict):
        raise SchemaError(f"{where} phải là một nhóm thông tin (đối tượng JSON)")
    if len(v) > MAX_KEYS:
        raise SchemaError(f"{where} có quá nhiều trường ({len(v)})")
    for key in required:
        if key not in v:
            raise SchemaError(f"{where} thiếu trường “{key}”")
    return v


def _flat(v: Any, where: str) -> None:
    """A dict of short scalar values (commune, scope, settings), lists of texts allowed."""
    for key, value in _dict(v, where).items():
        _text(key, f"{where}: tên trường", limit=200)
        if isinstance(value, list):
            for i, item in enumerate(_list(value, f"{where} “{key}”", MAX_NODES)):
                if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                    raise SchemaError(f"{where} “{key}”, mục {i + 1} phải là chữ hoặc số")
                if isinstance(item, str):
                    _text(item, f"{where} “{key}”, mục {i + 1}")
        elif isinstance(value, str):
            _text(value, f"{where} “{key}”")
        elif value is not None and not isinstance(value, (int, float, bool)):
            raise SchemaError(f"{where} “{key}” phải là chữ, số hoặc đúng/sai")


def _iso_date(v: Any, where: str) -> None:
    if v is None:
        return
    _text(v, where, limit=40)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise SchemaError(f"{where} “{v[:20]}” không phải ngày (yyyy-mm-dd)")


def _points(v: Any, where: str) -> None:
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise SchemaError(f"{where} phải là một số điểm")
    try:
        value = Decimal(str(v))
    except InvalidOperation:
        raise SchemaError(f"{where} “{str(v)[:20]}” không phải số điểm") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1000):
        raise SchemaError(f"{where} = {str(v)[:20]} nằm ngoài khoảng 0–1000")


def _sha(v: Any, where: str) -> None:
    if not isinstance(v, str) or not _SHA.fullmatch(v):
        raise SchemaError(f"{where} không phải mã băm SHA-256 (64 ký tự 0-9, a-f)")


DOC_TEXTS = ("key", "number", "kind", "summary", "issuer", "signer", "responsible", "note")


def _document(d: Any, n: int) -> None:
    where = f"tài liệu thứ {n}"
    _dict(d, where, ("key", "year", "issue_date", "codes", "files", *DOC_TEXTS))
    for key in DOC_TEXTS:
        _text(d[key], f"{where}, trường “{key}”", empty=key != "key")
    _year(d["year"], f"{where}, trường “year”")
    _iso_date(d["issue_date"], f"{where}, trường “issue_date”")
    for i, code in enumerate(_list(d["codes"], f"{where}, trường “codes”", MAX_PER_DOCUMENT)):
        _text(code, f"{where}, mã tiêu chí thứ {i + 1}", limit=50)
    for i, f in enumerate(_list(d["files"], f"{where}, trường “files”", MAX_PER_DOCUMENT), 1):
        fw = f"{where}, tệp thứ {i}"
        _dict(f, fw, ("sha256", "size", "original_name"))
        _sha(f["sha256"], f"{fw}, trường “sha256”")
        _int(f["size"], f"{fw}, trường “size”", 0, 2**50)
        _text(f["original_name"], f"{fw}, trường “original_name”", limit=1_000)


def _file(f: Any, n: int) -> None:
    where = f"tệp thứ {n} trong danh sách tệp"
    _dict(f, where, ("path", "sha256", "size", "role"))
    _text(f["path"], f"{where}, trường “path”", limit=1_000, empty=False)
    _sha(f["sha256"], f"{where}, trường “sha256”")
    _int(f["size"], f"{where}, trường “size”", 0, 2**50)
    if f["role"] not in _ROLES:
        raise SchemaError(f"{where}, trường “role” không phải {', '.join(_ROLES)}")
    _opt_text(f.get("document"), f"{where}, trường “document”")
    _text(f.get("number", ""), f"{where}, trường “number”")
    _text(f.get("original_name", ""), f"{where}, trường “original_name”", limit=1_000)
    for i, code in enumerate(_list(f.get("codes", []), f"{where}, trường “codes”", 1_000)):
        _text(code, f"{where}, mã tiêu chí thứ {i + 1}", limit=50)


def _catalog(c: Any) -> None:
    where = "bộ tiêu chí trong gói"
    _dict(c, where, ("nodes",))
    for key in ("name", "decision_number", "issuer", "source", "note"):
        _opt_text(c.get(key), f"{where}, trường “{key}”")
    _iso_date(c.get("decision_date"), f"{where}, trường “decision_date”")
    codes: set[str] = set()
    for i, node in enumerate(_list(c["nodes"], f"{where}, trường “nodes”", MAX_NODES), 1):
        nw = f"{where}, mục thứ {i}"
        _dict(node, nw, ("code", "title", "max_points"))
        _text(node["code"], f"{nw}, trường “code” (mã)", limit=50, empty=False)
        _text(node["title"], f"{nw}, trường “title” (tên tiêu chí)", limit=2_000, empty=False)
        _points(node["max_points"], f"{nw}, trường “max_points” (điểm tối đa)")
        for key in ("scoring_guide", "evidence_required"):
            _text(node.get(key, ""), f"{nw}, trường “{key}”")
        if not isinstance(node.get("self_scored", True), bool):
            raise SchemaError(f"{nw}, trường “self_scored” phải là đúng/sai")
        if node["code"] in codes:
            raise SchemaError(f"{where}: mã {node['code'][:50]} có hai lần")
        codes.add(node["code"])


def _scores(rows: Any, where: str) -> None:
    for i, row in enumerate(_list(rows, where, MAX_NODES), 1):
        rw = f"{where}, mục thứ {i}"
        _dict(row, rw, ("code",))
        _text(row["code"], f"{rw}, trường “code”", limit=50, empty=False)
        if row.get("score") not in (None, ""):
            _points(row["score"], f"{rw}, trường “score”")
        for key in ("note", "rank"):
            if row.get(key) is not None:
                _text(row[key], f"{rw}, trường “{key}”")


def _year_data(y: Any) -> None:
    where = "điểm của năm trong gói"
    _dict(y, where)
    if y.get("settings") is not None:
        _flat(y["settings"], f"{where}, trường “settings”")
    _scores(y.get("self_scores") or [], f"{where}, điểm tự chấm")
    result = y.get("result")
    if result is not None:
        rw = f"{where}, kết quả thẩm định"
        _dict(result, rw)
        for key in ("decision_number", "publisher", "total_rank", "group_label", "note"):
            _opt_text(result.get(key), f"{rw}, trường “{key}”")
        _iso_date(result.get("decision_date"), f"{rw}, trường “decision_date”")
        if result.get("total") not in (None, ""):
            _points(result["total"], f"{rw}, trường “total”")
        _scores(result.get("scores") or [], f"{rw}, điểm từng mục")


def check_manifest(body: Any) -> None:
    """Raise ``SchemaError`` naming the first thing wrong with a manifest's body."""
    if depth_of(body) > MAX_DEPTH:
        raise SchemaError(too_deep_message())
    where = "danh sách của gói"
    _dict(
        body,
        where,
        ("bundle_id", "bundle_name", "created_at", "app_version", "year", "commune", "scope"),
    )
    for key in ("bundle_id", "bundle_name", "created_at", "app_version"):
        _text(body[key], f"trường “{key}”", limit=500)
    _year(body["year"], "năm của gói (trường “year”)")
    _flat(body["commune"], "thông tin xã (trường “commune”)")
    _flat(body["scope"], "phạm vi gói (trường “scope”)")
    if body.get("catalog") is not None:
        _catalog(body["catalog"])
    for i, d in enumerate(_list(body.get("documents"), "trường “documents”", MAX_DOCUMENTS), 1):
        _document(d, i)
    for i, f in enumerate(_list(body.get("files"), "trường “files”", MAX_FILES), 1):
        _file(f, i)
    if body.get("year_data"):
        _year_data(body["year_data"])
