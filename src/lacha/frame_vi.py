"""Vietnamese for everything the command-line frame prints (issue 15, items 1 and 3).

Typer 0.2x ships its own copy of Click (``typer._click``) whose strings are plain
English literals, plus a few strings in ``typer.core`` and ``typer.rich_utils``
looked up through ``gettext``. ``install()`` makes all of them Vietnamese:

- the ``gettext`` lookups of ``typer.core`` go through ``CATALOGUE``;
- ``typer.rich_utils``' panel titles are replaced;
- every ``echo`` of the vendored Click (help, usage, errors, prompts) passes its
  text through ``translate``, which rewrites the English phrases it knows.

``utf8_console()`` makes stdout/stderr write UTF-8 (or at worst replace a
character) whatever the console code page, so a cp1252 console never crashes.
"""

from __future__ import annotations

import re
import sys

CATALOGUE = {
    "Arguments": "Đối số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Error": "Lỗi",
    "Aborted!": "Đã dừng.",
    "Aborted.": "Đã dừng.",
    "required": "bắt buộc",
    "[required]": "[bắt buộc]",
    "(dynamic)": "(tùy lúc chạy)",
    "(deprecated) ": "(không dùng nữa) ",
    "default: {default}": "mặc định: {default}",
    "[default: {}]": "[mặc định: {}]",
    "env var: {var}": "biến môi trường: {var}",
    "[env var: {}]": "[biến môi trường: {}]",
    "Missing command.": "Thiếu tên lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Xem hướng dẫn: [blue]{command_path} {help_option}[/]",
}


def vi_gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _phrase(english: str) -> str:
    """A regex for ``english`` that also matches it when the help formatter wrapped it over lines."""
    return r"\s+".join(re.escape(word) for word in english.split(" "))


def _pydantic_choice(match: re.Match) -> str:
    return f"'{match.group(1)}' không phải giá trị được chọn — chọn một trong: {match.group(2)}."


_RULES: list[tuple[re.Pattern, object]] = [(re.compile(pattern, re.DOTALL), repl) for pattern, repl in (
    (_phrase("Show this message and exit."), "In hướng dẫn này rồi thoát."),
    (_phrase("Install completion for the current shell."), "Cài gợi ý hoàn thành lệnh (Tab) cho shell đang dùng."),
    (_phrase("Show completion for the current shell, to copy it or customize the installation."),
     "In mã gợi ý hoàn thành lệnh cho shell đang dùng (để chép hoặc tự cài)."),
    (r"\[env\s+var:\s+", "[biến môi trường: "),
    (r"env\s+var:\s+", "biến môi trường: "),
    (r"\[required\]", "[bắt buộc]"),
    (r"\[default:\s+", "[mặc định: "),
    (r"^Usage: ", "Cách dùng: "),
    (r"(?m)^(\s*)Usage: ", r"\1Cách dùng: "),
    (r"\[OPTIONS\]", "[TÙY CHỌN]"),
    (r"COMMAND \[ARGS\]\.\.\.", "LỆNH [THAM SỐ]..."),
    (r"(?m)^Options:$", "Tùy chọn:"),
    (r"(?m)^Arguments:$", "Đối số:"),
    (r"(?m)^Commands:$", "Lệnh:"),
    (r"Try '([^']+)' for help\.", r"Xem hướng dẫn: \1"),
    (r"Got unexpected extra arguments? \((.*?)\)", r"Thừa đối số: \1 — lệnh này không nhận thêm đối số đó"),
    (r"Got unexpected extra argument\(s\) \((.*?)\)", r"Thừa đối số: \1 — lệnh này không nhận thêm đối số đó"),
    (r"Missing argument '([^']+)'\.", r"Thiếu đối số '\1'."),
    (r"Missing option '([^']+)'\.", r"Thiếu tùy chọn bắt buộc '\1'."),
    (r"Missing parameter: (\S+)", r"Thiếu tham số: \1"),
    (r"No such option: (\S+)", r"Không có tùy chọn \1"),
    (r"\(Possible options: (.*?)\)", r"(có phải: \1?)"),
    (r"Did you mean (.*?)\?", r"Có phải ý bạn là \1?"),
    (r"Option '([^']+)' requires an argument\.", r"Tùy chọn '\1' cần một giá trị đi kèm."),
    (r"Option '([^']+)' requires (\d+) arguments\.", r"Tùy chọn '\1' cần \2 giá trị đi kèm."),
    (r"Option '([^']+)' does not take a value\.", r"Tùy chọn '\1' không nhận giá trị."),
    (r"No such command '([^']+)'\.", r"Không có lệnh '\1' (xem: lacha --help)."),
    (r"Missing command\.", "Thiếu tên lệnh."),
    (r"Value error, '([^']*)' is not one of (.*?)\.?$", _pydantic_choice),
    (r"Value error, ", ""),
    (r"Input should be (.*?)$", r"giá trị phải là \1"),
    (r"Invalid value for ('[^']+'|[^:]+): ", r"Giá trị không hợp lệ cho \1: "),
    (r"Invalid value: ", ""),
    (r"'([^']+)': No such file or directory", r"không có tệp '\1'"),
    (r"\[Errno 2\] No such file or directory", "không có tệp hoặc thư mục này"),
    (r"The value you entered was invalid\.", "Giá trị vừa nhập không hợp lệ."),
    (r"The two entered values do not match\.", "Hai lần nhập không khớp nhau."),
    (r"Repeat for confirmation", "Nhập lại để xác nhận"),
    (r"invalid input", "câu trả lời không hợp lệ — gõ c (có) hoặc k (không)"),
    (r"(?m)^Error: ", "Lỗi: "),
    (r"^Aborted!", "Đã dừng."),
)]


def translate(text: str) -> str:
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)  # type: ignore[arg-type]
    return text


def _translating(echo):
    def vi_echo(message=None, *args, **kwargs):
        if isinstance(message, str):
            message = translate(message)
        return echo(message, *args, **kwargs)

    vi_echo.__wrapped__ = echo  # type: ignore[attr-defined]
    return vi_echo


_installed = False


def install() -> None:
    """Make the Typer/Click frame speak Vietnamese (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer
    import typer._click as click_pkg
    import typer.core as typer_core
    from typer._click import core, decorators, exceptions, termui, utils

    typer_core._ = vi_gettext  # type: ignore[attr-defined]
    vi_echo = _translating(utils.echo)
    for module in (click_pkg, core, decorators, exceptions, termui, utils, typer):
        if getattr(module, "echo", None) is not None:
            module.echo = vi_echo  # type: ignore[attr-defined]
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - rich is a dependency
        return
    for name, english in (("ARGUMENTS_PANEL_TITLE", "Arguments"), ("OPTIONS_PANEL_TITLE", "Options"),
                          ("COMMANDS_PANEL_TITLE", "Commands"), ("ERRORS_PANEL_TITLE", "Error"),
                          ("ABORTED_TEXT", "Aborted."), ("REQUIRED_LONG_STRING", "[required]"),
                          ("ENVVAR_STRING", "[env var: {}]"), ("DEFAULT_STRING", "[default: {}]"),
                          ("DEPRECATED_STRING", "(deprecated) "),
                          ("RICH_HELP", "Try [blue]'{command_path} {help_option}'[/] for help.")):
        setattr(rich_utils, name, CATALOGUE[english])


YES = {"c", "có", "co", "y", "yes", "đ", "đồng ý"}
NO = {"k", "không", "khong", "n", "no"}


def confirm(question: str, default: bool = False) -> bool:
    """Ask a yes/no question in Vietnamese: c/có or k/không (y/n too); Enter takes the default."""
    import typer

    hint = "[C/k]" if default else "[c/K]"
    while True:
        answer = typer.prompt(f"{question} {hint}", default="", show_default=False).strip().lower()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        typer.echo("Xin gõ c (có) hoặc k (không).", err=True)


def utf8_console() -> None:
    """stdout/stderr in UTF-8 whatever the console code page; a character a stream cannot take is replaced."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        try:
            if encoding in ("utf8", "utf8sig"):
                continue
            if stream.isatty() and sys.platform == "win32":
                reconfigure(errors="replace")  # a Windows console: Python writes through the wide-char API
            else:
                reconfigure(encoding="utf-8", errors="replace")  # a file or a pipe: UTF-8, what Notepad reads
        except (ValueError, OSError):  # pragma: no cover - a closed or exotic stream
            continue
