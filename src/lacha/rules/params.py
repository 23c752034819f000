"""Parameters as data: the TOML file beside each profile module.

``kontum_2024.py`` reads ``kontum_2024.toml``. Each top-level table of that file
is one parameter::

    [min_models]
    value = 1
    unit = "mô hình"
    description = "Số mô hình tối thiểu đang duy trì hiệu quả"
    source = "KH … mục II.2 điểm g: “ít nhất 01 mô hình”"
    verified = true          # false: not confirmed from the official text

A list of closed-vocabulary values names its vocabulary with
``choices = "RehabForm"`` (an enum of ``lacha.vocab``); values are then checked
on load and on every override. A parameter that is not confirmed is marked
``verified = false``, and every output that relies on it says so.
"""

import tomllib
from enum import Enum
from pathlib import Path
from typing import Any

from lacha import vocab
from lacha.errors import InputError
from lacha.rules.model import Parameter
from lacha.text import fold

REQUIRED = ("value", "source", "verified")
KNOWN_KEYS = set(REQUIRED) | {"unit", "description", "choices", "note"}


def data_file(module_file: str) -> Path:
    return Path(module_file).with_suffix(".toml")


def load_parameters(module_file: str) -> dict[str, Parameter]:
    """The parameters declared beside ``module_file`` (a profile's ``__file__``)."""
    path = data_file(module_file)
    with path.open("rb") as handle:
        tables = tomllib.load(handle)
    return {name: parameter_from_table(name, table, path.name) for name, table in tables.items()}


def parameter_from_table(name: str, table: Any, where: str) -> Parameter:
    if not isinstance(table, dict):
        raise InputError(f"{where}: tham số '{name}' phải là một bảng [{name}] có value, source, verified.")
    missing = [key for key in REQUIRED if key not in table]
    unknown = sorted(set(table) - KNOWN_KEYS)
    if missing or unknown:
        raise InputError(f"{where}: tham số [{name}] " + (f"thiếu {', '.join(missing)}" if missing else
                         f"có khóa không dùng được: {', '.join(unknown)}") + f" — các khóa: {', '.join(sorted(KNOWN_KEYS))}.")
    if not isinstance(table["verified"], bool):
        raise InputError(f"{where}: [{name}] verified phải là true hoặc false.")
    choices = vocabulary(table["choices"], where) if "choices" in table else ()
    value = canonical_choices(table["value"], choices, f"{where}: [{name}]") if choices else table["value"]
    return Parameter(name=name, value=value, source=str(table["source"]), verified=table["verified"],
                     description=str(table.get("description", "")), unit=str(table.get("unit", "")),
                     choices=choices)


def vocabulary(enum_name: str, where: str) -> tuple[str, ...]:
    enum = getattr(vocab, str(enum_name), None)
    if not (isinstance(enum, type) and issubclass(enum, Enum)):
        raise InputError(f"{where}: choices = '{enum_name}' không phải danh mục của lacha.vocab.")
    return tuple(member.value for member in enum)


def canonical_choices(value: Any, choices: tuple[str, ...], where: str) -> tuple[str, ...]:
    """Each item of a list matched (folded, aliases too) to its canonical spelling."""
    if not isinstance(value, (list, tuple)):
        raise InputError(f"{where}: phải là một danh sách, ví dụ [\"{choices[0]}\"].")
    by_fold = {fold(c): c for c in choices}
    for member, aliases in vocab.ALIASES.items():
        if member.value in choices:
            by_fold.update({fold(a): member.value for a in aliases})
    result = []
    for item in value:
        canonical = by_fold.get(fold(item))
        if canonical is None:
            raise InputError(f"{where}: '{item}' không phải giá trị hợp lệ — chọn trong: {', '.join(choices)}.")
        result.append(canonical)
    return tuple(result)


def override(parameter: Parameter, new: Any, where: str) -> Parameter:
    """``parameter`` with a value from a profile file: a bare value, or a table with value/source/verified."""
    source, verified, description = f"{where}", True, parameter.description
    if isinstance(new, dict):
        unknown = sorted(set(new) - {"value", "source", "verified", "description"})
        if "value" not in new or unknown:
            raise InputError(f"{where}: tham số '{parameter.name}' ghi dạng {{ value = …, source = \"…\", "
                             f"verified = true }}" + (f" (khóa lạ: {', '.join(unknown)})" if unknown else "") + ".")
        source = str(new.get("source", where))
        verified = new.get("verified", True)
        if not isinstance(verified, bool):
            raise InputError(f"{where}: '{parameter.name}'.verified phải là true hoặc false.")
        description = str(new.get("description", description))
        new = new["value"]
    value = check_type(parameter, new, where)
    return Parameter(parameter.name, value, source, verified, description, parameter.unit, parameter.choices)


def check_type(parameter: Parameter, new: Any, where: str) -> Any:
    """``new`` has the shape of the parameter's default (a number for a number, a list for a list …)."""
    old = parameter.value
    if parameter.choices:
        return canonical_choices(new, parameter.choices, f"{where}: '{parameter.name}'")
    if isinstance(old, bool) or isinstance(new, bool):
        ok = isinstance(old, bool) and isinstance(new, bool)
    elif isinstance(old, (int, float)):
        ok = isinstance(new, (int, float)) and new >= 0
    elif isinstance(old, (list, tuple)):
        ok = isinstance(new, (list, tuple))
    elif old is None:
        ok = new is None or isinstance(new, (int, float))
    else:
        ok = isinstance(new, type(old))
    if not ok:
        raise InputError(f"{where}: '{parameter.name}' phải có dạng như giá trị mặc định "
                         f"({parameter.name} = {_toml_literal(old)}), không phải {_toml_literal(new)}.")
    if isinstance(old, int) and not isinstance(old, bool) and isinstance(new, float) and new.is_integer():
        return int(new)
    return tuple(new) if isinstance(new, list) and isinstance(old, tuple) else new


def _toml_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_literal(v) for v in value) + "]"
    return str(value)
