"""The document a profile comes from, as an official text cites it (issue 14): kind, số, ngày, cơ quan ban hành
and trích yếu — "Quyết định số 28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ ban hành tiêu chí …".

Only what the document itself shows is filled in: a plan whose number and date were left blank in the copy
lacha was given ("Số: /KH-UBND", "ngày tháng năm 2024") is cited without them, never with invented ones.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentRef:
    kind: str  # "Quyết định", "Kế hoạch"
    issuer: str  # "Thủ tướng Chính phủ"
    abstract: str  # trích yếu, with its link word: "ban hành tiêu chí …", "về xây dựng mô hình …"
    number: str = ""  # "28/2025/QĐ-TTg"; '' when the copy does not show it
    date: str = ""  # "24/8/2025"; '' when the copy does not show it

    def cited(self) -> str:
        """'Quyết định số 28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ ban hành …'"""
        parts = [self.kind]
        if self.number:
            parts.append(f"số {self.number}")
        if self.date:
            parts.append(f"ngày {self.date}")
        parts.append(f"của {self.issuer}")
        return " ".join(parts + [self.abstract])
