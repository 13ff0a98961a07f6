"""Sentences the commune writes every year (from seed 002), used where the data has nothing
to say. The officer edits them per report; ``…`` marks a blank field still to fill."""

from __future__ import annotations

BLANK = "…"


STRENGTHS = (
    "- Các công chức chuyên môn đã kịp thời đăng tải các tài liệu kiểm chứng, nghiêm túc tự "
    "đánh giá, chấm điểm Chỉ số CCHC của {unit} trên cơ sở các tài liệu kiểm chứng.",
    "- Công chức phụ trách công tác cải cách hành chính của {unit} kịp thời hướng dẫn, theo "
    "dõi, đôn đốc việc tự đánh giá, chấm điểm Chỉ số CCHC của các công chức phụ trách từng "
    "lĩnh vực.",
    "- Hoạt động của Bộ phận tiếp nhận và trả kết quả tích cực, có hiệu quả.",
)

WEAKNESS_INTRO = (
    "- Tài liệu kiểm chứng của một số lĩnh vực còn sơ sài và không rõ ràng, không đảm bảo về "
    "thời gian quy định, đăng tải tài liệu kiểm chứng không đúng tiêu chí, tiêu chí thành "
    "phần ở một số lĩnh vực dẫn đến điểm Chỉ số cải cách hành chính ở một số lĩnh vực không "
    "đạt điểm tối đa."
)

CAUSES_OBJECTIVE = (
    "- Chất lượng phần mềm dịch vụ công của tỉnh chưa đáp ứng được yêu cầu;",
    "- Nhiều tiêu chí, tiêu chí thành phần trong Bộ Chỉ số cải cách hành chính cấp xã có sự "
    "điều chỉnh, thay đổi so với năm {previous};",
    "- Cơ sở vật chất, trang thiết bị làm việc, nhất là tại Bộ phận tiếp nhận và trả kết quả "
    "của {unit} còn chưa đồng bộ, tốc độ đường truyền chậm làm ảnh hưởng đến hiệu quả công việc;",
    "- Nhận thức của người dân về lĩnh vực CCHC, việc sử dụng các thiết bị công nghệ thông tin "
    "để cung cấp hồ sơ giải quyết TTHC còn hạn chế nên cán bộ, công chức phải làm thay, ảnh "
    "hưởng đến quy trình, tiến độ giải quyết TTHC.",
)

CAUSES_SUBJECTIVE = (
    "- Công tác kiểm tra, đôn đốc, giám sát thực hiện các nhiệm vụ CCHC chưa được thường "
    "xuyên, nhất là kiểm tra tiến độ giải quyết công việc, kiểm tra việc chấp hành công vụ, "
    "kỷ luật, kỷ cương hành chính của đội ngũ cán bộ, công chức;",
    "- Công tác tuyên truyền chưa thường xuyên, chưa có sự vào cuộc tích cực trong tuyên "
    "truyền về giải quyết thủ tục hành chính theo dịch vụ công trực tuyến và xây dựng chính "
    "quyền điện tử, chính quyền số;",
    "- Việc rà soát, đăng tải tài liệu kiểm chứng lên phần mềm chưa chặt chẽ, còn coi đó là "
    "nhiệm vụ của công chức phụ trách công tác CCHC dẫn đến việc đăng tải tài liệu kiểm chứng "
    "còn thiếu, không đúng các tiêu chí, tiêu chí thành phần.",
)

FIVE_CLEAR = (
    "Các nội dung trong Kế hoạch đều thể hiện tinh thần “5 rõ” (rõ người, rõ việc, rõ kết "
    "quả, rõ thời gian, rõ trách nhiệm) gắn với các hoạt động, sản phẩm cụ thể, giao trách "
    "nhiệm cho công chức chủ trì, công chức phối hợp và thời gian hoàn thành."
)

TASKS_CLOSING = (
    "Tăng cường công tác tự kiểm tra và kiểm tra đối với cán bộ, công chức, nhằm chấn chỉnh, "
    "uốn nắn kịp thời những tồn tại, hạn chế về các nội dung CCHC.",
    "Đẩy mạnh ứng dụng công nghệ thông tin trong chỉ đạo, điều hành, giải quyết thủ tục hành "
    "chính; tăng cường tuyên truyền, hỗ trợ người dân, doanh nghiệp sử dụng dịch vụ công trực "
    "tuyến.",
    "Tiếp tục triển khai thực hiện nghiêm túc và nâng cao chất lượng Chỉ số CCHC của UBND {unit}.",
)

RECIPIENTS = (
    "- {internal_affairs} (để b/c);",
    "- BTV Đảng ủy (để b/c);",
    "- Thường trực HĐND {unit} (để b/c);",
    "- Lãnh đạo UBND {unit};",
    "- Các công chức chuyên môn;",
    "- Lưu: VT.",
)
