"""Reading an uploaded scenario file or zip of them, refusing what could hurt the server.

Pure Python. A zip is read without trusting what it says about itself: the
number of members, each member's size and the total are counted as they are
read and stop at the limits (a zip bomb unpacks no further than they allow),
member names that climb out of the archive or are absolute are refused, and
nothing is written to disk. YAML is read by the library's safe loader. Every
problem of every file is reported; the caller writes nothing unless there is
none.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ruptures.library import MAX_FILE_BYTES, Problem, ScenarioError, ScenarioSpec, parse_text

SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 1024 * 1024  # the file as uploaded, zip or YAML
    members: int = 200  # scenario files in one zip
    total_bytes: int = 8 * 1024 * 1024  # everything a zip unpacks to
    file_bytes: int = MAX_FILE_BYTES  # one scenario file, as the library allows


@dataclass
class Upload:
    """What an upload held: the valid scenarios with their file names, and every problem."""

    specs: list[tuple[str, ScenarioSpec]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # folders and files that are not YAML

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.specs)

    def problems_of(self, source: str) -> list[Problem]:
        return [p for p in self.problems if p.source == source]


def read_upload(name: str, raw: bytes, limits: Limits = Limits()) -> Upload:
    """Validate every scenario in an uploaded `.yaml`/`.yml` file or `.zip` of them."""
    upload = Upload()
    size = f"{len(raw):,} bytes"
    if len(raw) > limits.upload_bytes:
        upload.problems.append(
            Problem(name, "", f"the upload is {size}; at most {limits.upload_bytes:,} allowed")
        )
        return upload
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".zip" or zipfile.is_zipfile(io.BytesIO(raw)):
        texts = _unzip(name, raw, limits, upload)
    elif suffix in SCENARIO_SUFFIXES:
        texts = [(name, _decode(name, raw, limits, upload))]
    else:
        message = "upload a scenario file (.yaml or .yml) or a .zip of them"
        upload.problems.append(Problem(name, "", message))
        return upload
    _parse(texts, upload)
    return upload


def _unzip(name: str, raw: bytes, limits: Limits, upload: Upload) -> list[tuple[str, str | None]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        upload.problems.append(Problem(name, "", f"not a readable zip file ({exc})"))
        return []
    files = [m for m in members if not m.is_dir()]
    if len(files) > limits.members:
        message = f"the zip holds {len(files):,} files; at most {limits.members} allowed"
        upload.problems.append(Problem(name, "", message))
        return []
    texts: list[tuple[str, str | None]] = []
    unpacked = 0
    for member in files:
        source = f"{name}/{member.filename}"
        unsafe = _unsafe_name(member.filename)
        if unsafe:
            upload.problems.append(Problem(source, "", unsafe))
            continue
        path = PurePosixPath(member.filename)
        if path.suffix.lower() not in SCENARIO_SUFFIXES or _hidden(path):
            upload.skipped.append(member.filename)
            continue
        if member.flag_bits & 0x1:
            upload.problems.append(Problem(source, "", "the file is encrypted; zip it without"))
            continue
        data = _read_member(archive, member, source, limits, upload)
        if data is None:
            continue
        unpacked += len(data)
        if unpacked > limits.total_bytes:
            message = f"the zip unpacks to more than {limits.total_bytes:,} bytes"
            upload.problems.append(Problem(name, "", f"{message}; nothing more was read"))
            break
        texts.append((member.filename, _decode(member.filename, data, limits, upload)))
    return texts


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, source: str, limits: Limits, upload: Upload
) -> bytes | None:
    """The member's bytes, read no further than the limit whatever its header claims."""
    try:
        with archive.open(member) as handle:
            data = handle.read(limits.file_bytes + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, RuntimeError) as exc:
        upload.problems.append(Problem(source, "", f"cannot be unpacked ({exc})"))
        return None
    if len(data) > limits.file_bytes:
        message = f"file too large: more than {limits.file_bytes:,} bytes unpacked"
        upload.problems.append(Problem(source, "", message))
        return None
    return data


def _unsafe_name(name: str) -> str:
    """Why a member name is refused, or "" for a plain relative path inside the archive."""
    if "\\" in name or "\x00" in name:
        return "the name holds a backslash or a null character; refused"
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and path.parts[0].endswith(":")):
        return "an absolute path; refused"
    if ".." in path.parts:
        return "the path climbs out of the archive ('..'); refused"
    return ""


def _hidden(path: PurePosixPath) -> bool:
    """Folders and files the system adds (`__MACOSX/`, `.DS_Store`), never scenarios."""
    return any(part.startswith((".", "__MACOSX")) for part in path.parts)


def _decode(source: str, data: bytes, limits: Limits, upload: Upload) -> str | None:
    if len(data) > limits.file_bytes:
        message = f"file too large: {len(data):,} bytes, at most {limits.file_bytes:,}"
        upload.problems.append(Problem(source, "", message))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"line {line}: not valid UTF-8; save the file as UTF-8"
        upload.problems.append(Problem(source, "", message))
        return None


def _parse(texts: list[tuple[str, str | None]], upload: Upload) -> None:
    seen: dict[str, str] = {}
    for source, text in texts:
        if text is None:
            continue
        try:
            spec = parse_text(text, source=source)
        except ScenarioError as exc:
            upload.problems.extend(exc.problems)
            continue
        if spec.slug in seen:
            message = f"'{spec.slug}' is also the slug of {seen[spec.slug]}"
            upload.problems.append(Problem(source, "slug", message))
            continue
        seen[spec.slug] = source
        upload.specs.append((source, spec))
    if not texts and not upload.problems:
        upload.problems.append(Problem("upload", "", "no scenario file (.yaml) was found in it"))
