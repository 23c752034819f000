"""The dossier as filed (issue 14): a set of separate documents, each with its own heading block, number,
place-date line and signature, and the attachments that go with them.

- Tờ trình đề nghị công nhận (only when every criterion passes), number ``…/TTr-UBND``;
- Báo cáo kết quả (passing) or Báo cáo tự đánh giá (failing), ``…/BC-UBND``: the result criterion by
  criterion, its own signature;
- Biên bản họp tự đánh giá, ``…/BB-UBND``: the meeting of the commune's Ban chỉ đạo / Ủy ban nhân dân that
  adopted the result — time, place, participants and the vote are blanks the secretary fills in: lacha
  cannot know them;
- Bảng tổng hợp and each Phụ lục: attachments "(Kèm theo Báo cáo số … ngày … của …)".

``documents`` lists them in order; the .docx template has one section per entry, and ``--out FOLDER/``
writes one file per entry. Nothing here carries a remediation hint: those stay in the terminal.
"""

from typing import Any

from lacha.dates import vn_date

BLANK = "……………"
LONG_BLANK = "…………………………………………"


def number_line(number: str, code: str) -> str:
    return f"Số: {number or f'{BLANK}/{code}-UBND'}"


def attached_note(report: dict, ward: dict, as_of_long: str) -> str:
    """'(Kèm theo Báo cáo số 08/BC-UBND ngày … của Ủy ban nhân dân phường …)' — a blank number when unknown."""
    number = report["number"] or f"{BLANK}/BC-UBND"
    return f"(Kèm theo Báo cáo số {number} {as_of_long} của {ward['council']})"


def minutes_context(ward: dict, criteria: list[dict], summary: dict, recognition: str, number: str,
                    as_of_long: str, passed: bool, chair: str) -> dict[str, Any]:
    """Biên bản họp tự đánh giá: what lacha knows (the result, criterion by criterion) and blanks for the rest."""
    total = len(criteria)
    conclusion = (f"Hội nghị thống nhất {ward['inline']} đạt {total}/{total} tiêu chí “{recognition}”; hoàn "
                  "thiện hồ sơ, trình cấp có thẩm quyền xem xét, công nhận." if passed else
                  f"Hội nghị thống nhất {ward['inline']} chưa đạt đủ các tiêu chí “{recognition}”, chưa đủ điều "
                  "kiện để được công nhận; tiếp tục thực hiện các tiêu chí chưa đạt và tổ chức tự đánh giá lại.")
    return {
        "kind": "bien_ban",
        "title": "BIÊN BẢN",
        "abstract": f"Họp tự đánh giá kết quả thực hiện các tiêu chí “{recognition}”",
        "number": number,
        "number_line": number_line(number, "BB"),
        "place_date": f"{ward['name']}, {as_of_long}",
        "facts": [
            f"Thời gian: {BLANK} giờ {BLANK}, ngày {BLANK} tháng {BLANK} năm {BLANK}.",
            f"Địa điểm: {LONG_BLANK}",
            "Thành phần tham dự:",
            f"- Chủ trì: {chair or LONG_BLANK}",
            f"- Thư ký: {LONG_BLANK}",
            f"- Thành viên tham dự: {BLANK} người (có danh sách kèm theo); vắng mặt: {BLANK} người.",
        ],
        "heading_content": "Nội dung",
        "content_intro": f"Hội nghị nghe báo cáo và đối chiếu kết quả thực hiện từng tiêu chí “{recognition}” "
                         f"của {ward['inline']}, số liệu tính đến {as_of_long}:",
        "results": [f"- Tiêu chí ({c['id']}) {c['short']}: {c['measured']} — {c['status_label']}." for c in criteria],
        "tally": f"Tổng hợp: {summary['counts_line']}",
        "vote": f"Biểu quyết: {BLANK}/{BLANK} thành viên có mặt đồng ý; {BLANK} không đồng ý; {BLANK} ý kiến khác.",
        "heading_conclusion": "Kết luận",
        "conclusion": conclusion,
        "closing": f"Hội nghị kết thúc vào {BLANK} giờ {BLANK} cùng ngày. Biên bản đã được đọc lại cho các thành "
                   "viên dự họp cùng nghe và thống nhất./.",
        "signatures": {"left_title": "THƯ KÝ", "left_name": "", "right_title": "CHỦ TRÌ", "right_name": chair},
    }


def documents_list(passed: bool, appendices: list[dict]) -> list[dict[str, str]]:
    """The documents in filing order: id (stable, for file names), name (Vietnamese), file stem."""
    docs = []
    if passed:
        docs.append({"id": "to_trinh", "name": "Tờ trình", "stem": "01-to-trinh"})
    docs += [{"id": "bao_cao", "name": "Báo cáo", "stem": f"{len(docs) + 1:02d}-bao-cao"},
             {"id": "bien_ban", "name": "Biên bản họp tự đánh giá", "stem": f"{len(docs) + 2:02d}-bien-ban"},
             {"id": "bang_tong_hop", "name": "Bảng tổng hợp", "stem": f"{len(docs) + 3:02d}-bang-tong-hop"}]
    for a in appendices:
        docs.append({"id": f"phu_luc_{a['id']}", "name": f"Phụ lục {a['number']}",
                     "stem": f"{len(docs) + 1:02d}-phu-luc-{a['number'].lower()}"})
    return docs


def place_date(ward: dict, as_of) -> str:
    return f"{ward['name']}, {vn_date(as_of)}"
