"""``--profile-file FILE.toml``: override a built-in profile's parameters, or declare a province's own
profile composed from the built-in checks (rules/catalog.py). The format, with a worked example,
is docs/profile-file.md; sample_data/profiles/dong-nai-example.toml is a complete file.

Every mistake is refused (exit 2) with a Vietnamese message naming the file, the line and the fix.
"""

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from lacha.errors import InputError
from lacha.rules import roadmap
from lacha.rules.catalog import CATALOG, CheckSpec
from lacha.rules.citation import DocumentRef
from lacha.rules.model import Criterion, Parameter, Profile
from lacha.rules.params import override
from lacha.rules.profiles import PROFILES

PROFILE_KEYS = {"base", "id", "title", "source", "level", "description", "templates"}
DOCUMENT_KEYS = {"kind", "issuer", "abstract", "number", "date"}
CRITERION_KEYS = {"id", "title", "short", "source", "check", "hint", "parameters", "verified"}
SHARED = {"roadmap", "plan_hamlets"}  # profile-level parameters a declared hamlet-level profile may carry


@dataclass(frozen=True)
class ProfileFile:
    path: Path
    profile: Profile | None  # None when the file only overrides classification thresholds
    classification: Mapping[str, Any] = field(default_factory=dict)  # [classification] overrides, raw
    province: Mapping[str, Any] = field(default_factory=dict)  # [province] statements, raw (province_classify)


class _Reader:
    """The file's text, to name the line of a mistake that TOML itself accepted."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()

    def error(self, message: str, fix: str, key: str | None = None, value: Any = None, block: int | None = None):
        line = self.line_of(key, value, block)
        where = f"{self.path.name}, dòng {line}" if line else self.path.name
        return InputError(f"Tệp tiêu chí {where}: {message} — {fix}")

    def line_of(self, key: str | None, value: Any = None, block: int | None = None) -> int | None:
        start = 0
        if block is not None:
            headers = [i for i, line in enumerate(self.lines) if re.match(r"\s*\[\[\s*criteria\s*\]\]", line)]
            start = headers[block] if block < len(headers) else 0
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if key is not None and re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line) and \
                    (value is None or str(value) in line):
                return i + 1
            if key is None and value is not None and str(value) in line:
                return i + 1
        return start + 1 if block is not None else None


def load_profile_file(path: str | Path) -> ProfileFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"Không đọc được tệp tiêu chí {path}: {error} — kiểm tra đường dẫn và lưu tệp dạng "
                         "UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(_syntax_message(path, str(error))) from None
    reader = _Reader(path, text)
    unknown = sorted(set(data) - {"profile", "parameters", "criteria", "classification", "province", "document"})
    if unknown:
        raise reader.error(f"bảng [{unknown[0]}] không dùng được", "các bảng hợp lệ: [profile], [parameters], "
                           "[[criteria]], [classification], [province], [document].", value=f"[{unknown[0]}")
    if "profile" not in data:
        if "classification" in data or "province" in data:
            return ProfileFile(path, None, data.get("classification", {}), data.get("province", {}))
        raise reader.error("thiếu bảng [profile]", "thêm [profile] với base = \"kontum-2024\" (ghi đè tham số) hoặc "
                           "id, title, source, level (bộ tiêu chí riêng); xem docs/profile-file.md.")
    head = data["profile"]
    bad = sorted(set(head) - PROFILE_KEYS)
    if bad:
        raise reader.error(f"khóa '{bad[0]}' không dùng được trong [profile]",
                           f"các khóa hợp lệ: {', '.join(sorted(PROFILE_KEYS))}.", key=bad[0])
    if "base" in head:
        profile = _override_profile(reader, head, data)
    else:
        profile = _declare_profile(reader, head, data)
    profile = replace(profile, document=_document(reader, data.get("document"), profile.document),
                      templates=_templates(reader, head.get("templates")))
    return ProfileFile(path, profile, data.get("classification", {}), data.get("province", {}))


def _document(reader: _Reader, table: Any, inherited: DocumentRef | None) -> DocumentRef | None:
    """[document]: the plan or decision the profile comes from, as official text cites it (issue 14). Only what
    the document shows: number and date may be left out, never guessed."""
    if table is None:
        return inherited
    if not isinstance(table, dict):
        raise reader.error("[document] phải là một bảng", "ghi [document] rồi kind, issuer, abstract, number, date.",
                           value="document")
    bad = sorted(set(table) - DOCUMENT_KEYS)
    if bad:
        raise reader.error(f"khóa '{bad[0]}' không dùng được trong [document]",
                           f"các khóa hợp lệ: {', '.join(sorted(DOCUMENT_KEYS))}.", key=bad[0])
    for key in ("kind", "issuer", "abstract"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise reader.error(f"[document] thiếu {key}", "ghi kind = \"Kế hoạch\", issuer = \"Ủy ban nhân dân tỉnh "
                               "…\", abstract = \"về …\" (trích yếu); number và date chỉ ghi khi văn bản có.",
                               value="[document]")
    for key in ("number", "date"):
        if key in table and not isinstance(table[key], str):
            raise reader.error(f"[document] {key} phải là chữ trong ngoặc kép", f"ví dụ {key} = \"12/KH-UBND\".",
                               key=key)
    return DocumentRef(table["kind"].strip(), table["issuer"].strip(), table["abstract"].strip(),
                       table.get("number", "").strip(), table.get("date", "").strip())


def _templates(reader: _Reader, value: Any) -> str:
    """templates = "mau-tinh": the province's dossier templates, a folder beside the file (or absolute)."""
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise reader.error("templates phải là tên thư mục trong ngoặc kép", "ví dụ templates = \"mau-ho-so\".",
                           key="templates")
    folder = (reader.path.parent / value.strip()).resolve()
    if not folder.is_dir():
        raise reader.error(f"không có thư mục mẫu {folder}", "tạo thư mục (chép templates/ của lacha rồi sửa) hoặc "
                           "bỏ dòng templates.", key="templates")
    return str(folder)


def _syntax_message(path: Path, message: str) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    where = f"dòng {match.group(1)}, cột {match.group(2)}" if match else "không rõ dòng"
    lowered = message.lower()
    if "expected '=' after a key" in lowered or "invalid statement" in lowered:
        fix = "mỗi dòng ghi dạng tên = giá trị (ví dụ min_models = 1); tên bảng đặt trong [ ]."
    elif "unterminated string" in lowered or "illegal character" in lowered:
        fix = "chữ phải nằm trọn trong một cặp dấu ngoặc kép \"…\" trên cùng một dòng."
    elif "cannot overwrite" in lowered or "cannot declare" in lowered or "duplicate" in lowered:
        fix = "một tên hoặc một bảng bị khai báo hai lần — xóa hoặc đổi tên dòng lặp."
    elif "expected ']'" in lowered or "expected ']]'" in lowered:
        fix = "tên bảng phải đóng ngoặc vuông trên cùng dòng: [profile], [parameters], [[criteria]]."
    elif "invalid value" in lowered:
        fix = "chữ đặt trong ngoặc kép (\"Methadone\"), số ghi không ngoặc (12), đúng/sai ghi true/false, " \
              "danh sách ghi trong [ ] (ví dụ [\"Methadone\", \"Tự nguyện tại gia đình\"])."
    else:
        fix = "sửa theo mẫu trong docs/profile-file.md."
    return f"Tệp tiêu chí {path.name}: lỗi cú pháp TOML ở {where} ({message.split(' (at line')[0]}) — {fix}"


def _override_profile(reader: _Reader, head: Mapping, data: Mapping) -> Profile:
    base = PROFILES.get(head["base"])
    if base is None:
        raise reader.error(f"không có bộ tiêu chí gốc '{head['base']}'", f"chọn một trong: {', '.join(PROFILES)}.",
                           key="base")
    if "criteria" in data:
        raise reader.error("tệp ghi đè (có base) không khai báo [[criteria]]", "bỏ base để khai báo bộ tiêu chí "
                           "riêng, hoặc bỏ các [[criteria]] để chỉ ghi đè tham số.", value="[[criteria]]")
    parameters = dict(base.parameters)
    for name, new in data.get("parameters", {}).items():
        if name not in parameters:
            raise reader.error(f"bộ tiêu chí {base.id} không có tham số '{name}'",
                               f"các tham số có thể ghi đè: {', '.join(parameters) or '(không có)'}.", key=name)
        parameters[name] = _override(reader, parameters[name], new, name)
    title = head.get("title", f"{base.title} — tham số theo tệp {reader.path.name}")
    return Profile(head.get("id", base.id), title, head.get("source", base.source), base.level, base.criteria,
                   head.get("description", base.description), parameters, str(reader.path), base.document)


def _override(reader: _Reader, parameter: Parameter, new: Any, key: str) -> Parameter:
    try:
        result = override(parameter, new, f"tệp {reader.path.name}")
        if parameter.name == "roadmap":
            roadmap.validate(result.value, "roadmap")
        return result
    except InputError as error:
        raise reader.error(f"tham số '{key}' không hợp lệ", error.message, key=key) from None


def _declare_profile(reader: _Reader, head: Mapping, data: Mapping) -> Profile:
    for key in ("id", "title", "source"):
        if not isinstance(head.get(key), str) or not head[key].strip():
            raise reader.error(f"[profile] thiếu {key}", f"ghi {key} = \"…\" (id: mã ngắn như dong-nai-2024; title: "
                               "tên bộ tiêu chí; source: số, ngày văn bản và mục), hoặc ghi base = \"kontum-2024\" "
                               "để chỉ ghi đè tham số.", value="[profile]")
    if head["id"] in PROFILES:
        raise reader.error(f"mã '{head['id']}' trùng bộ tiêu chí có sẵn", "đặt id khác, hoặc dùng base = "
                           f"\"{head['id']}\" để ghi đè tham số của bộ có sẵn.", key="id")
    level = head.get("level", "commune")
    if level not in ("commune", "hamlet"):
        raise reader.error(f"level = \"{level}\" không hợp lệ", "ghi level = \"commune\" (chấm cả xã) hoặc "
                           "level = \"hamlet\" (chấm từng thôn, tổ).", key="level")
    blocks = data.get("criteria")
    if not isinstance(blocks, list) or not blocks:
        raise reader.error("chưa khai báo tiêu chí nào", "thêm ít nhất một bảng [[criteria]] có id, title, check.",
                           value="[profile]")
    parameters = _shared_parameters(reader, data.get("parameters", {}), level)
    criteria, seen = [], set()
    for index, block in enumerate(blocks):
        criterion, own = _criterion(reader, block, index, head)
        if criterion.id in seen:
            raise reader.error(f"tiêu chí '{criterion.id}' khai báo hai lần", "mỗi tiêu chí một id riêng.",
                               key="id", value=criterion.id, block=index)
        seen.add(criterion.id)
        criteria.append(criterion)
        parameters.update(own)
    return Profile(head["id"], head["title"], head["source"], level, tuple(criteria), head.get("description", ""),
                   parameters, str(reader.path))


def _shared_parameters(reader: _Reader, table: Mapping, level: str) -> dict[str, Parameter]:
    from lacha.rules.profiles import haiphong_tdp_2026

    result = {}
    for name, new in table.items():
        if name not in SHARED or level != "hamlet":
            raise reader.error(f"tham số chung '{name}' không dùng được ở đây", "tham số của từng tiêu chí ghi trong "
                               "[criteria.parameters]; chỉ bộ level = \"hamlet\" có tham số chung roadmap, "
                               "plan_hamlets.", key=name)
        result[name] = _override(reader, haiphong_tdp_2026.PARAMETERS[name], new, name)
    return result


def _criterion(reader: _Reader, block: Any, index: int, head: Mapping) -> tuple[Criterion, dict[str, Parameter]]:
    if not isinstance(block, dict):
        raise reader.error("[[criteria]] không hợp lệ", "mỗi tiêu chí là một bảng [[criteria]].", block=index)
    bad = sorted(set(block) - CRITERION_KEYS)
    if bad:
        raise reader.error(f"khóa '{bad[0]}' không dùng được trong [[criteria]]",
                           f"các khóa hợp lệ: {', '.join(sorted(CRITERION_KEYS))}.", key=bad[0], block=index)
    for key in ("id", "title", "check"):
        if not isinstance(block.get(key), str) or not block[key].strip():
            raise reader.error(f"tiêu chí thứ {index + 1} thiếu {key}", f"ghi {key} = \"…\" (check: một trong "
                               f"{', '.join(CATALOG)}).", block=index)
    spec = CATALOG.get(block["check"])
    if spec is None:
        raise reader.error(f"không có phép kiểm tra '{block['check']}'",
                           f"chọn một trong: {', '.join(CATALOG)} (xem docs/profile-file.md).",
                           key="check", value=block["check"], block=index)
    cid = str(block["id"])
    given = block.get("parameters", {})
    unknown = sorted(set(given) - set(spec.params))
    if unknown:
        valid = ", ".join(spec.params) or "(phép kiểm tra này không có tham số)"
        raise reader.error(f"phép kiểm tra {spec.name} không có tham số '{unknown[0]}'", f"tham số hợp lệ: {valid}.",
                           key=unknown[0], block=index)
    own = {}
    for name, default in spec.params.items():
        parameter = _override(reader, default, given[name], name) if name in given else default
        own[f"{cid}.{name}"] = Parameter(f"{cid}.{name}", parameter.value, parameter.source, parameter.verified,
                                         parameter.description, parameter.unit, parameter.choices)
    verified = block.get("verified", True)
    criterion = Criterion(cid, block["title"], block.get("short", block["title"][:60]),
                          block.get("source", f"{head['source']}, tiêu chí {cid}"), spec.reads,
                          _bound(spec, cid), block.get("hint", ""), tuple(own), bool(verified))
    return criterion, own


def _bound(spec: CheckSpec, cid: str):
    def check(snapshot, values):
        return spec.run(snapshot, {name: values[f"{cid}.{name}"] for name in spec.params})

    return check
