"""Reading and writing the YAML of scenario and catalogue files.

Reading refuses oversized files before parsing and reports bad encoding and
YAML errors with their line, as `Problem`s an author can act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ruptures.library.errors import Problem, ScenarioError
from ruptures.library.model import MAX_FILE_BYTES

_MERGE_TAG = "tag:yaml.org,2002:merge"
_RARE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that rejects duplicate keys.

    Plain YAML lets the last of two `invite:` blocks win silently, losing an
    author's work without a word; here it is an error with its line.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Dumper(yaml.SafeDumper):
    """A SafeDumper that indents lists under their key and writes multi-line text as `|`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    if any(char in value for char in _RARE_BREAKS):
        # PyYAML may emit these unescaped, and reading back folds them into spaces.
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def read_source(path: Path, source: str) -> str:
    """The UTF-8 text of `path`, refusing files over `MAX_FILE_BYTES` unread."""
    limit = f"at most {MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 1024} KiB)"
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError([Problem(source, "", f"file too large: {size:,} bytes, {limit}")])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
        raise ScenarioError([Problem(source, "", message)]) from exc
    if len(raw) > MAX_FILE_BYTES:  # it grew after the stat
        raise ScenarioError([Problem(source, "", f"file too large: {limit}")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"line {line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise ScenarioError([Problem(source, "", message)]) from exc


def load_yaml(text: str, source: str) -> object:
    """Parse YAML safely; syntax errors and duplicate keys become a `ScenarioError`."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError([Problem(source, "", _yaml_message(exc))]) from exc
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(source, "", f"invalid YAML: {exc}")]) from exc


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """'line 12: invalid YAML at column 5: ...' from PyYAML's error, 1-based."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "unreadable"
    if mark is None:
        return f"invalid YAML: {problem}"
    return f"line {mark.line + 1}: invalid YAML at column {mark.column + 1}: {problem}"


def dump_data(data: object) -> str:
    """Block-style YAML for plain data, keys in the given order, Unicode left readable."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
