"""The dossier in real clients: headless Chromium prints the HTML to PDF, LibreOffice converts the
.docx to PDF, and poppler (pdfinfo, pdftotext) reads the PDFs: A4 pages, at least 3 of them, the
text present, page numbers from page 2, DỰ THẢO on every page of a draft.

CI installs the clients (Debian packages chromium, libreoffice-writer, poppler-utils,
fonts-liberation; see .ci/run); without them these tests skip and say which binary is missing.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lacha.cli import app
from lacha.resources import sample_workbook

AS_OF = "2024-12-14"
TIMEOUT = 180
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")

needs_poppler = pytest.mark.skipif(not POPPLER, reason="pdftotext/pdfinfo absent (Debian: poppler-utils)")
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="chromium absent (Debian: chromium)")
needs_soffice = pytest.mark.skipif(not SOFFICE, reason="soffice absent (Debian: libreoffice-writer)")
pytestmark = [pytest.mark.slow, needs_poppler]


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def write(db: Path, out: Path, *extra) -> None:
    result = CliRunner().invoke(app, ["dossier", "--db", str(db), "--as-of", AS_OF, "--out", str(out), *extra])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def wards(tmp_path_factory) -> dict[str, Path]:
    """The sample ward as imported: 'fail' (criteria c and e unmet) and 'pass' (every criterion met)."""
    work = tmp_path_factory.mktemp("clients")
    dbs = {}
    for key, name in (("fail", "nguyen-trai.xlsx"), ("pass", "nguyen-trai-dat.xlsx")):
        book = sample_workbook(name)
        if not book.is_file():
            pytest.skip(f"sample workbook {name} absent (python sample_data/build_samples.py)")
        dbs[key] = work / f"{key}.db"
        result = CliRunner().invoke(app, ["import", str(book), "--db", str(dbs[key])])
        assert result.exit_code == 0, result.output
    return dbs


def chromium_pdf(html: Path) -> Path:
    pdf = html.with_suffix(".html.pdf")
    profile = html.parent / f"chromium-profile-{html.stem}"
    result = run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                  f"--print-to-pdf={pdf}", html.resolve().as_uri()])
    assert pdf.is_file() and pdf.stat().st_size > 0, result.stderr[-2000:]
    return pdf


def libreoffice_pdf(docx: Path) -> Path:
    profile = (docx.parent / f"lo-profile-{docx.stem}").resolve().as_uri()
    result = run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                  "--outdir", docx.parent, docx])
    pdf = docx.with_suffix(".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 0, result.stdout[-1000:] + result.stderr[-2000:]
    return pdf


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = run(["pdfinfo", "-f", "1", "-l", "9999", pdf]).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def page_texts(pdf: Path) -> list[str]:
    return [run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"]).stdout
            for n in range(1, len(page_sizes(pdf)) + 1)]


def assert_a4_pages(pdf: Path) -> list[str]:
    sizes = page_sizes(pdf)
    assert len(sizes) >= 3
    for width, height in sizes:  # A4 is 595 × 842 pt, portrait or landscape
        assert sorted((round(width), round(height))) == [595, 842], (width, height)
    assert "A4" in run(["pdfinfo", pdf]).stdout
    return page_texts(pdf)


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def assert_dossier_text(pages: list[str], request: bool) -> None:
    text = " ".join(" ".join(pages).split())
    assert "Phường Nguyễn Trãi" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BẢNG TỔNG HỢP ĐÁNH GIÁ CÁC TIÊU CHÍ" in text and "PHỤ LỤC I" in text
    assert ("TỜ TRÌNH" in text) is request and ("đề nghị công nhận" in text) is request
    assert ("309/312 hộ" if not request else "312/312 hộ") in text
    assert not re.match(r"^1\b", first_line(pages[0]))  # no number on page 1
    assert re.search(r"^\s*2\b", pages[1].lstrip("\n"))  # page numbers from page 2, at the top


@needs_chromium
@pytest.mark.parametrize("ward", ["pass", "fail"])
def test_chromium_prints_the_html_dossier_as_a4(wards, tmp_path, ward):
    html = tmp_path / f"ho-so-{ward}.html"
    write(wards[ward], html)
    pages = assert_a4_pages(chromium_pdf(html))
    assert_dossier_text(pages, request=ward == "pass")
    assert not any("DỰ THẢO" in page for page in pages)


@needs_soffice
@pytest.mark.parametrize("ward", ["pass", "fail"])
def test_libreoffice_converts_the_docx_dossier_to_a4(wards, tmp_path, ward):
    docx = tmp_path / f"ho-so-{ward}.docx"
    write(wards[ward], docx)
    pages = assert_a4_pages(libreoffice_pdf(docx))
    assert_dossier_text(pages, request=ward == "pass")
    assert not any("DỰ THẢO" in page for page in pages)


@needs_chromium
@needs_soffice
def test_a_draft_is_marked_on_every_printed_page_in_both_clients(wards, tmp_path):
    html, docx = tmp_path / "nhap.html", tmp_path / "nhap.docx"
    write(wards["pass"], html, "--draft")
    write(wards["pass"], docx, "--draft")
    for pdf in (chromium_pdf(html), libreoffice_pdf(docx)):
        pages = page_texts(pdf)
        assert len(pages) >= 3 and all("DỰ THẢO" in page for page in pages), pdf.name
