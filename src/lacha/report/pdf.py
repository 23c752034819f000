"""PDF through LibreOffice headless (``lacha dossier --out ho-so.pdf`` or ``--pdf``): the file an officer signs
with his own digital-signature tool. Without LibreOffice: a Vietnamese message naming what to install."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lacha.errors import UsageError

CANDIDATES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 300


def soffice() -> str | None:
    """The LibreOffice program, from LACHA_SOFFICE or the PATH; None when it is not installed."""
    named = os.environ.get("LACHA_SOFFICE")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return next((found for found in map(shutil.which, CANDIDATES) if found), None)


def require_soffice() -> str:
    program = soffice()
    if program is None:
        raise UsageError("Ghi PDF cần LibreOffice (chương trình soffice) nhưng máy chưa cài — cài LibreOffice "
                         "(https://vi.libreoffice.org; trên Ubuntu/Debian: sudo apt install libreoffice-writer), "
                         "hoặc ghi --out ho-so.docx rồi tự chuyển sang PDF. Chưa ghi tệp nào.")
    return program


def docx_to_pdf(documents: dict[str, bytes]) -> dict[str, bytes]:
    """{stem: .docx bytes} → {stem: .pdf bytes}, in one LibreOffice run."""
    program = require_soffice()
    with tempfile.TemporaryDirectory(prefix="lacha-pdf-") as work:
        folder = Path(work)
        for stem, data in documents.items():
            (folder / f"{stem}.docx").write_bytes(data)
        profile = (folder / "profile").as_uri()  # its own LibreOffice profile: never locked by an open window
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(folder / "pdf"), *(str(folder / f"{stem}.docx") for stem in documents)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise UsageError(f"LibreOffice không chuyển xong sang PDF sau {TIMEOUT_SECONDS} giây — đóng các cửa sổ "
                             "LibreOffice rồi chạy lại, hoặc ghi .docx. Chưa ghi tệp PDF nào.") from None
        out = {}
        for stem in documents:
            pdf = folder / "pdf" / f"{stem}.pdf"
            if not pdf.is_file():
                detail = (run.stderr or run.stdout or "").strip().splitlines()
                raise UsageError("LibreOffice không chuyển được hồ sơ sang PDF"
                                 f"{': ' + detail[-1] if detail else ''} — ghi .docx rồi mở bằng Word hoặc "
                                 "LibreOffice để xuất PDF. Chưa ghi tệp PDF nào.")
            out[stem] = pdf.read_bytes()
        return out
