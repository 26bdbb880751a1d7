"""What every response must carry, and what no page may contain: shared by the suite's tests."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

# A directive's sources may only ever be these; 'unsafe-*' and wildcards never.
FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_strict_csp(header: str) -> None:
    """Scripts from our own origin only; nothing inline, no eval, no plugins, no framing."""
    csp = csp_directives(header)
    assert csp.get("script-src") == ["'self'"], header
    assert csp.get("default-src") == ["'self'"], header
    assert csp.get("object-src") == ["'none'"], header
    assert csp.get("frame-ancestors") == ["'none'"], header
    assert csp.get("base-uri") == ["'self'"], header
    for name, sources in csp.items():
        if name != "img-src":  # data: images are harmless; data: scripts are not
            assert not FORBIDDEN_SOURCES & set(sources), (name, sources)
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, name


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def assert_security_headers(response) -> None:
    """Every response: no sniffing, no framing; an HTML page also the strict CSP."""
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert response.get("X-Frame-Options") == "DENY"
    if is_html(response):
        assert_strict_csp(response.get("Content-Security-Policy", ""))


class _ScriptFinder(HTMLParser):
    """Inline script in a page: a <script> with a body or without src, an on...= handler,
    htmx's hx-on (which htmx evaluates as code), or a javascript: URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.found.append("<script> without src")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on") or name.startswith("data-hx-on"):
                self.found.append(f"<{tag} {name}=...>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"<script> with a body: {data.strip()[:40]!r}")


def inline_scripts(html: str) -> list[str]:
    finder = _ScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.found


# In a template's source, before rendering: tags and handlers the parser might miss
# inside template tags ({% if %}onclick="..."{% endif %}).
_SOURCE_HANDLER = re.compile(r"""<[a-zA-Z][^>]*?[\s"'}](on[a-z]+|hx-on[:\w-]*)\s*=""")
_SOURCE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)


def inline_scripts_in_source(source: str) -> list[str]:
    found = [f"handler {m.group(1)}=" for m in _SOURCE_HANDLER.finditer(source)]
    for match in _SOURCE_SCRIPT.finditer(source):
        attributes, body = match.groups()
        if body.strip() or "src=" not in attributes:
            found.append(f"<script{attributes}>{body.strip()[:40]}")
    return found + inline_scripts(source)


# The characters a spreadsheet takes as the start of a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV a spreadsheet would run as a formula (a number such as -0.4 is a number)."""
    found = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell.startswith(FORMULA_START) and not _number(cell):
                found.append(cell)
    return found


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
