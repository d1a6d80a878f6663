"""Where each paragraph of a compact text starts in its paged list (the comparison table's
§ links open that page): the page of the paragraph's first row in the list's own order."""

import pytest

from gcm import views
from gcm.models import Reference
from sources.models import Document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_size", [1, 7, 40])
def test_each_paragraph_links_to_the_page_its_first_row_is_on(monkeypatch, page_size):
    monkeypatch.setattr(views, "COMPACT_PAGE_SIZE", page_size)
    final = Document.objects.get(slug="gcm-final")
    rows = list(
        Reference.objects.filter(document=final)
        .order_by("paragraph_number", "paragraph", "wording", "pk")
        .values_list("paragraph", flat=True)
    )
    expected = {}
    for index, paragraph in enumerate(rows):
        expected.setdefault(paragraph, index // page_size + 1)
    assert len(expected) > 10
    assert views.CompactView.paragraph_pages([final, None]) == {"gcm-final": expected}
