"""``lacha dossier``: assess a ward and write its hồ sơ as .html or .docx.

A ward that meets every criterion gets a Tờ trình đề nghị công nhận, which
needs a signer, a document number and an addressee (DiaBan or options) unless
``draft``. A ward that does not gets a Báo cáo tự đánh giá; when those fields
are missing it is written as a draft (marked DỰ THẢO on every page) rather
than refused, since it asks for nothing. Nothing is written on an error.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from lacha.assess import Assessment, assess_ward
from lacha.audit import record_audit
from lacha.errors import UsageError
from lacha.history import record_assessment
from lacha.report.context import addressees, dossier_context, may_request
from lacha.report.docx import DOCX_TEMPLATE
from lacha.report.html import HTML_TEMPLATE

FORMATS = {".html": HTML_TEMPLATE, ".htm": HTML_TEMPLATE, ".docx": DOCX_TEMPLATE}


@dataclass(frozen=True)
class DossierResult:
    path: Path
    passed: bool
    draft: bool  # the file is marked DỰ THẢO
    auto_draft: bool  # … because a self-assessment lacked signer / number / addressee
    missing: tuple[str, ...]  # what was missing (for the message)

    @property
    def title(self) -> str:
        return "Tờ trình đề nghị công nhận" if self.passed else "Báo cáo tự đánh giá"


def check_output(out: Path, template_dir: Path | None) -> str:
    """The suffix picks the format; a custom template directory must hold that format's template."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"Không biết ghi hồ sơ dạng '{out.suffix or out.name}' — đặt tên tệp --out đuôi .docx "
                         "(Word) hoặc .html (in từ trình duyệt), ví dụ --out ho-so.docx.")
    if not out.parent.is_dir():
        raise UsageError(f"Thư mục {out.parent} không tồn tại — tạo thư mục trước hoặc chọn nơi ghi khác cho --out.")
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(f"Không tìm thấy thư mục mẫu {template_dir} (--template).")
        if not (template_dir / FORMATS[suffix]).is_file():
            raise UsageError(f"Thư mục mẫu {template_dir} không có tệp {FORMATS[suffix]} — chép mẫu gốc trong thư "
                             "mục templates/ của lacha rồi sửa, hoặc bỏ --template.")
    return suffix


def missing_fields(a: Assessment, number: str | None, signer: str | None) -> tuple[str, ...]:
    missing = []
    if not (signer or a.ward.signer or "").strip():
        missing.append("Người ký")
    if not (number or a.ward.doc_number or "").strip():
        missing.append("Số văn bản")
    if not addressees(a):
        missing.append("Cấp trên trực tiếp (Kính gửi)")
    return tuple(missing)


def missing_error(missing: tuple[str, ...]) -> UsageError:
    listed = ", ".join(f"“{m}”" for m in missing)
    options = [opt for field, opt in (("Người ký", "--signer \"Họ và tên\""), ("Số văn bản", "--number 125/TTr-UBND"))
               if field in missing]
    via = f", hoặc ghi thẳng bằng {' '.join(options)}" if options else ""
    return UsageError(f"Tờ trình đề nghị công nhận còn thiếu {listed}. Điền các dòng này trong sheet DiaBan rồi nhập "
                      f"lại tệp (lacha import){via}; muốn bản nháp để trống các chỗ này thì thêm --draft. "
                      "Chưa ghi tệp nào.")


def write_dossier(engine: Engine, out: Path, *, ward: str | None = None, profile_id: str | None = None,
                  as_of: dt.date | None = None, draft: bool = False, full_ids: bool = False,
                  anonymous: bool = False, template_dir: Path | None = None, number: str | None = None,
                  signer: str | None = None, signer_title: str | None = None) -> DossierResult:
    out = Path(out)
    suffix = check_output(out, template_dir)
    assessment = assess_ward(engine, ward, profile_id, as_of or dt.date.today())
    missing = missing_fields(assessment, number, signer)
    request = may_request(assessment)
    if missing and not draft and request:
        raise missing_error(missing)
    auto_draft = bool(missing) and not draft
    context = dossier_context(assessment, draft=draft or auto_draft, full_ids=full_ids, anonymous=anonymous,
                              number=number, signer=signer, signer_title=signer_title)
    render(context, out, suffix, template_dir)
    record_assessment(engine, assessment, f"dossier {out.name}")
    record_audit(engine, "dossier", assessment.ward.slug, out.name)
    return DossierResult(out, request, draft or auto_draft, auto_draft, missing)


def render(context: dict, out: Path, suffix: str, template_dir: Path | None) -> None:
    from jinja2 import TemplateError

    from lacha.report.docx import write_docx
    from lacha.report.html import write_html

    writer = write_docx if suffix == ".docx" else write_html
    try:
        writer(context, out, template_dir)
    except TemplateError as error:
        where = template_dir or "templates/ của lacha"
        raise UsageError(f"Mẫu hồ sơ trong {where} bị lỗi: {error} — sửa mẫu hoặc bỏ --template.") from None
