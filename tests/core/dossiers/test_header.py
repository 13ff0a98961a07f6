import unicodedata

from desktop.core.dossiers.header import detect_header, label_key


def test_labels_fold_case_diacritics_nfd_line_breaks_and_notes():
    nfd = unicodedata.normalize("NFD", "Ngày  TIẾP\nnhận (dd/mm/yyyy)")
    assert label_key(nfd) == "ngay tiep nhan"
    assert label_key("Mã hồ sơ:") == label_key("ma ho so") == "ma ho so"


def test_header_below_title_rows_with_stt():
    rows = [
        ["UBND XÃ ĐỒNG TÂM", None, None, None],
        ["DANH SÁCH HỒ SƠ", None, None, None],
        [None, None, None, None],
        ["STT", "Số hồ sơ", "Ngày tiếp nhận hồ sơ", "Ngày hẹn trả kết quả"],
        [1, "H1", "05/01/2023", "06/01/2023"],
    ]
    header = detect_header(rows)
    assert header.rows == (3,)
    assert header.mapping == {1: "code", 2: "received", 3: "due"}


def test_merged_two_row_header():
    rows = [
        ["STT", "Mã HS", "Ngày", None, None, "Tình trạng"],
        [None, None, "Tiếp nhận", "Hẹn trả", "Trả kết quả", None],
        [1, "H1", "05/01/2023", "06/01/2023", None, "Đang xử lý"],
    ]
    merged = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 1, 5)]
    header = detect_header(rows, merged)
    assert header.rows == (0, 1)
    assert header.first_data_row == 2
    assert header.mapping == {1: "code", 2: "received", 3: "due", 4: "returned", 5: "status"}
    assert header.labels[2] == "Ngày / Tiếp nhận"


def test_two_row_header_without_merge_information():
    """Legacy .xls readers may not report merges: the group label is carried right."""
    rows = [
        ["Mã hồ sơ", "Thời gian", None, "Trạng thái"],
        [None, "Tiếp nhận", "Hẹn trả", None],
        ["H1", "05/01/2023", "06/01/2023", "Đang xử lý"],
    ]
    header = detect_header(rows)
    assert header.mapping == {0: "code", 1: "received", 2: "due", 3: "status"}


def test_a_sheet_without_a_dossier_table_has_no_header():
    rows = [["Báo cáo tháng"], ["Nội dung", "Ghi chú"], ["abc", "def"]]
    assert detect_header(rows) is None
