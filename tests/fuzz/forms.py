"""Read the fields a page's form would post, as a browser would, to fuzz from a valid form.

`form_data(html, url)` finds the forms on the page that post to `url` (their
`action`, or a button's `formaction` or `hx-post`) and returns what
submitting them unchanged would send: each named input's value, checked
boxes and radios, each select's selected options, each textarea's text.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"urls": {a.get("action", ""), a.get("hx-post", "")}, "fields": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        for key in ("formaction", "hx-post"):
            if key in a:
                self._form["urls"].add(a[key])
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            self._form["fields"].append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["fields"].append((name, ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self._form["fields"].append((self._select, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            name, text = self._form["fields"][-1]
            # A textarea's first newline belongs to the markup, not the value.
            text = text + (data[1:] if not text and data.startswith("\n") else data)
            self._form["fields"][-1] = (name, text)


def form_data(html: str, url: str) -> dict[str, list[str]]:
    """The fields of every form on the page that posts to `url`, as name -> values."""
    parser = _Forms()
    parser.feed(html)
    data: dict[str, list[str]] = {}
    found = False
    for form in parser.forms:
        if url in form["urls"]:
            found = True
            for name, value in form["fields"]:
                data.setdefault(name, []).append(value)
    if not found:
        raise AssertionError(f"no form on the page posts to {url}")
    data.pop("csrfmiddlewaretoken", None)
    return data
