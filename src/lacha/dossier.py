"""``lacha dossier``: assess a ward and write its hồ sơ as .docx, .html, .pdf or a folder of .docx.

The hồ sơ is a set of separate documents (lacha.report.filed): Tờ trình (only when every criterion
passes), Báo cáo, Biên bản họp tự đánh giá, Bảng tổng hợp, Phụ lục. ``--out ho-so.docx``: one file, one
section per document; ``--out FOLDER``: one .docx per document; ``.pdf`` / ``--pdf``: through LibreOffice.

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

FORMATS = {".html": HTML_TEMPLATE, ".htm": HTML_TEMPLATE, ".docx": DOCX_TEMPLATE, ".pdf": DOCX_TEMPLATE}
FOLDER = ""  # the "suffix" of --out FOLDER: one .docx per document


def is_folder(out: Path) -> bool:
    """--out names a folder: a name without suffix (ho-so/), existing or not. A folder named like a file
    (thu-muc.html) is refused, as before."""
    return not out.suffix


@dataclass(frozen=True)
class DossierResult:
    path: Path
    passed: bool
    draft: bool  # the file is marked DỰ THẢO
    auto_draft: bool  # … because a self-assessment lacked signer / number / addressee
    missing: tuple[str, ...]  # what was missing (for the message)
    files: tuple[Path, ...] = ()  # every file written
    unused_number: str = ""  # a Tờ trình number given for a ward that gets no Tờ trình
    hints: tuple[str, ...] = ()  # remediation hints, for the terminal
    warnings: tuple[str, ...] = ()  # addressees that no longer exist on the document's date (lacha.report.units)

    @property
    def title(self) -> str:
        return "Tờ trình đề nghị công nhận" if self.passed else "Báo cáo tự đánh giá"


def check_output(out: Path, template_dir: Path | None) -> str:
    """The suffix picks the format; a custom template directory must hold that format's template."""
    suffix = FOLDER if is_folder(out) else out.suffix.lower()
    if suffix == FOLDER:
        if not out.parent.is_dir():
            raise UsageError(f"Thư mục {out.parent} không tồn tại — tạo thư mục trước hoặc chọn nơi ghi khác cho "
                             "--out.")
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out} không phải thư mục — chọn tên khác cho --out.")
        return suffix if template_dir is None else _check_template(template_dir, DOCX_TEMPLATE, suffix)
    if suffix not in FORMATS:
        raise UsageError(f"Không biết ghi hồ sơ dạng '{out.suffix or out.name}' — đặt tên tệp --out đuôi .docx "
                         "(Word), .html (in từ trình duyệt) hoặc .pdf, hoặc ghi tên một thư mục (mỗi văn bản một "
                         "tệp .docx), ví dụ --out ho-so.docx.")
    if not out.parent.is_dir():
        raise UsageError(f"Thư mục {out.parent} không tồn tại — tạo thư mục trước hoặc chọn nơi ghi khác cho --out.")
    if template_dir is not None:
        _check_template(template_dir, FORMATS[suffix], suffix)
    return suffix


def _check_template(template_dir: Path, wanted: str, suffix: str) -> str:
    if not template_dir.is_dir():
        raise UsageError(f"Không tìm thấy thư mục mẫu {template_dir} (--template).")
    if not (template_dir / wanted).is_file():
        raise UsageError(f"Thư mục mẫu {template_dir} không có tệp {wanted} — chép mẫu gốc trong thư mục "
                         "templates/ của lacha rồi sửa, hoặc bỏ --template.")
    return suffix


# what a Tờ trình needs: (field, CLI option, DiaBan row)
NEEDED = (("Người ký", "--signer \"Họ và tên\"", "Người ký"),
          ("Số tờ trình", "--number 07/TTr-UBND", "Số văn bản"),
          ("Kính gửi", "--recipient \"Ủy ban nhân dân tỉnh …\" (ghi nhiều lần nếu nhiều nơi)", "Kính gửi"))


def missing_fields(a: Assessment, number: str | None, signer: str | None,
                   recipients: list[str] | None = None, request: bool | None = None) -> tuple[str, ...]:
    missing = []
    if not (signer or a.ward.signer or "").strip():
        missing.append("Người ký")
    request = a.passed if request is None else request
    if request and not (number or a.ward.doc_number or "").strip():
        missing.append("Số tờ trình")
    if not addressees(a, recipients):
        missing.append("Kính gửi")
    return tuple(missing)


def missing_error(missing: tuple[str, ...]) -> UsageError:
    """The CLI option first, the DiaBan row second (issue 14)."""
    listed = ", ".join(f"“{m}”" for m in missing)
    ways = "; ".join(f"{field}: {option} (hoặc dòng “{row}” của sheet DiaBan rồi nhập lại)"
                     for field, option, row in NEEDED if field in missing)
    return UsageError(f"Tờ trình đề nghị công nhận còn thiếu {listed}. Ghi thẳng trên lệnh — {ways}; muốn bản "
                      "nháp để trống các chỗ này thì thêm --draft. Chưa ghi tệp nào.")


def write_dossier(engine: Engine, out: Path, *, ward: str | None = None, profile_id: str | None = None,
                  as_of: dt.date | None = None, draft: bool = False, full_ids: bool = False,
                  anonymous: bool = False, template_dir: Path | None = None, number: str | None = None,
                  signer: str | None = None, signer_title: str | None = None,
                  numbers: dict[str, str | None] | None = None, recipients: list[str] | None = None,
                  copy_to: list[str] | None = None, pdf: bool = False, profile=None,
                  shown_as: Path | None = None) -> DossierResult:
    """``profile``: a profile read from --profile-file (its templates folder is used unless --template);
    ``shown_as``: the name the officer gave when ``out`` is a temporary file renamed to it afterwards."""
    out = Path(out)
    shown = Path(shown_as) if shown_as is not None else out
    if template_dir is None and profile is not None and profile.templates:
        template_dir = Path(profile.templates)
    suffix = check_output(out, template_dir)
    if pdf and suffix not in (".docx", FOLDER):
        raise UsageError("--pdf ghi thêm bản PDF bên cạnh tệp .docx (hoặc thư mục) — với .html thì in từ trình "
                         "duyệt; muốn chỉ PDF thì ghi --out ho-so.pdf. Chưa ghi tệp nào.")
    if pdf or suffix == ".pdf":
        from lacha.report.pdf import require_soffice

        require_soffice()  # before any work: without LibreOffice nothing is written
    assessment = assess_ward(engine, ward, profile_id, as_of or dt.date.today(), profile)
    request = may_request(assessment)  # every criterion met and every list it reads reviewed (evidence.md)
    missing = missing_fields(assessment, number, signer, recipients, request)
    if missing and not draft and request:
        raise missing_error(missing)
    auto_draft = bool(missing) and not draft
    context = dossier_context(assessment, draft=draft or auto_draft, full_ids=full_ids, anonymous=anonymous,
                              number=number, signer=signer, signer_title=signer_title, numbers=numbers,
                              recipients=recipients, copy_to=copy_to)
    written = render(context, out, suffix, template_dir, pdf)
    if shown != out:
        written = [shown if Path(w) == out else w for w in written]
    record_assessment(engine, assessment, f"dossier {shown.name}")
    record_audit(engine, "dossier", assessment.ward.slug, shown.name)
    return DossierResult(shown, request, draft or auto_draft, auto_draft, missing, tuple(written),
                         unused_request_number(request, context), hints(assessment), unit_check(assessment, context))


def unit_check(a: Assessment, context: dict) -> tuple[str, ...]:
    from lacha.report.units import unit_warnings

    names = [*context["document"]["addressees"], *(line.lstrip("- ").rstrip(";.") for line in context["recipients"]),
             a.ward.province or ""]
    return tuple(unit_warnings(names, a.as_of))


def unused_request_number(request: bool, context: dict) -> str:
    """A Tờ trình number given for a ward that gets no Tờ trình: the number is never turned into the Báo
    cáo's (issue 14) — the terminal says so."""
    return "" if request else context["numbers"]["to_trinh"]


def hints(a: Assessment) -> tuple[str, ...]:
    """What the officer must do for each unmet criterion (they name sheets and columns): terminal only."""
    from lacha.rules.model import Status

    return tuple(f"({r.criterion.id}) {r.criterion.short}: {r.criterion.hint}" for r in a.results
                 if r.outcome.status is not Status.PASS and r.criterion.hint)


def render(context: dict, out: Path, suffix: str, template_dir: Path | None, pdf: bool = False) -> list[Path]:
    """Render everything in memory first, then write: a template or LibreOffice error leaves no file behind."""
    from jinja2 import TemplateError

    from lacha.report.docx import render_docx
    from lacha.report.html import render_html

    try:
        if suffix in (".html", ".htm"):
            text = render_html(context, template_dir)
            out.write_text(text, encoding="utf-8")
            return [out]
        data = render_docx(context, template_dir)
    except TemplateError as error:
        where = template_dir or "templates/ của lacha"
        raise UsageError(f"Mẫu hồ sơ trong {where} bị lỗi: {error} — sửa mẫu hoặc bỏ --template.") from None
    if suffix == FOLDER:
        files = folder_files(context, data)
    else:
        files = {out.stem: data}
    pdfs = {}
    if pdf or suffix == ".pdf":
        from lacha.report.pdf import docx_to_pdf

        pdfs = docx_to_pdf(files)
    target = out if suffix == FOLDER else out.parent
    if suffix == FOLDER:
        out.mkdir(exist_ok=True)
    written = []
    if suffix != ".pdf":
        for stem, part in files.items():
            path = out if suffix == ".docx" else target / f"{stem}.docx"
            path.write_bytes(part)
            written.append(path)
    for stem, part in pdfs.items():
        path = out if suffix == ".pdf" else target / f"{stem}.pdf"
        path.write_bytes(part)
        written.append(path)
    return written


def folder_files(context: dict, data: bytes) -> dict[str, bytes]:
    """{file stem: .docx} — one per document; named after ``documents`` when the template has one section per
    document (lacha's own), else numbered."""
    from lacha.report.split import split_docx

    parts = split_docx(data)
    documents = context["documents"]
    stems = [d["stem"] for d in documents] if len(parts) == len(documents) else \
        [f"{i:02d}-phan" for i in range(1, len(parts) + 1)]
    return dict(zip(stems, parts))


def check_target(out: Path, db: str | None, force: bool | None = None) -> None:
    """Where the dossier may be written (lacha.output_files.check_output); a folder is checked for each file."""
    from lacha.output_files import check_output as check_file

    if is_folder(Path(out)):
        if Path(out).is_dir():
            for child in Path(out).glob("*.docx"):
                check_file(child, db=db, force=force)
        return
    check_file(out, db=db, force=force)


def print_result(console, errors, result: DossierResult) -> None:
    """What was written, and what the officer should know: terminal only, never in a document."""
    if result.auto_draft:
        errors.print(f"Chưa có {', '.join(result.missing)} (--signer, --recipient, hoặc sheet DiaBan): báo cáo tự "
                     "đánh giá được ghi ở dạng DỰ THẢO.", style="yellow", markup=False)
    if result.unused_number:
        errors.print(f"Chưa đủ điều kiện lập Tờ trình (chưa đạt đủ tiêu chí, hoặc còn danh sách chưa rà soát); số {result.unused_number} chưa "
                     "dùng. Báo cáo lấy số của --report-number (hoặc dòng “Số báo cáo” của sheet DiaBan).",
                     style="yellow", markup=False)
    for warning in result.warnings:
        errors.print(f"Lưu ý: {warning}", style="yellow", markup=False)
    if result.hints:
        errors.print("Việc cần làm trước khi lập lại hồ sơ:", style="yellow", markup=False)
        for hint in result.hints:
            errors.print(f"  - {hint}", markup=False)
    mark = " (DỰ THẢO)" if result.draft else ""
    report = ", báo cáo kết quả" if result.passed else ""
    console.print(f"Đã ghi hồ sơ {result.path}: {result.title}{mark}{report}, biên bản họp tự đánh giá, bảng tổng "
                  "hợp và phụ lục.", markup=False)
    if len(result.files) > 1:
        for path in result.files:
            console.print(f"  {path}", markup=False)
