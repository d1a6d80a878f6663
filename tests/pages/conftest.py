"""Helpers for the public pages' tests: read a page's HTML as a person (or axe) would."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest


@dataclass
class PageOutline:
    lang: str | None = None
    title: str = ""
    h1: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    text: str = ""


# Tags that separate words when a person reads the page; inline tags (a, strong) do not.
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "dt",
    "dd",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "section",
    "blockquote",
    "ul",
    "ol",
    "table",
    "caption",
    "summary",
    "title",
    "figcaption",
    "svg",
}


class _OutlineParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.outline = PageOutline()
        self._stack: list[str] = []
        self._in_breadcrumbs = 0
        self._chunks: list[str] = []
        self._h1_text: list[str] | None = None
        self._crumb: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCK_TAGS:
            self._chunks.append(" ")
        if tag == "html":
            self.outline.lang = attrs.get("lang")
        if tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self._in_breadcrumbs = 1
        elif tag == "nav" and self._in_breadcrumbs:
            self._in_breadcrumbs += 1
        if tag == "li" and self._in_breadcrumbs:
            self._crumb = []
        if tag == "h1":
            self._h1_text = []
        if tag == "a" and "href" in attrs:
            self.outline.links.append(attrs["href"])
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self._chunks.append(" ")
        if tag == "nav" and self._in_breadcrumbs:
            self._in_breadcrumbs -= 1
        if tag == "li" and self._crumb is not None:
            self.outline.breadcrumbs.append(" ".join("".join(self._crumb).split()))
            self._crumb = None
        if tag == "h1" and self._h1_text is not None:
            self.outline.h1.append(" ".join("".join(self._h1_text).split()))
            self._h1_text = None
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "title":
            self.outline.title += data
        if self._h1_text is not None:
            self._h1_text.append(data)
        if self._crumb is not None:
            self._crumb.append(data)
        self._chunks.append(data)

    def close(self):
        super().close()
        self.outline.title = " ".join(self.outline.title.split())
        self.outline.text = " ".join("".join(self._chunks).split())


def outline(response) -> PageOutline:
    parser = _OutlineParser()
    parser.feed(response.content.decode())
    parser.close()
    return parser.outline


@pytest.fixture
def read_page(client):
    """GET a page; assert it is a 200 HTML page; return (response, outline)."""

    def read(url, status=200):
        response = client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        assert response["Content-Type"].startswith("text/html")
        return response, outline(response)

    return read


def make_reference(document_slug, paragraph, wording, *, quote="", note="", mechanisms=()):
    """A Reference as the gcm-data fixtures store them (paragraph number and objective derived)."""
    from gcm.models import Reference
    from sources.models import Document

    document = Document.objects.get(slug=document_slug)
    ref = Reference(
        document=document,
        paragraph=paragraph,
        wording=wording,
        group="iscm",
        quote=quote,
        note=note,
    )
    ref.clean()
    ref.save()
    ref.mechanisms.set(mechanisms)
    source = "iom-note-final-gcm" if document_slug == "gcm-final" else "iom-note-zero-draft-rev1"
    ref.sources.set([Document.objects.get(slug=source)])
    return ref


def make_mechanism(slug, *, kind="rcp", region="africa", status="active", **fields):
    from mechanisms.models import Mechanism, Region
    from sources.models import Document

    mechanism = Mechanism.objects.create(
        slug=slug,
        name=fields.pop("name", f"Test process {slug}"),
        kind=kind,
        status=status,
        **fields,
    )
    if region:
        mechanism.regions.set([Region.objects.get(slug=region)])
    mechanism.sources.set([Document.objects.get(slug="iom-note-regional-consultations-2017")])
    return mechanism
