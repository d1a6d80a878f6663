"""gcm.comparison: what became of each wording between Zero draft Rev 1 and the final GCM."""

from types import SimpleNamespace

import pytest

from gcm.comparison import Change, compare_documents, compare_wordings, normalise
from sources.models import Document


def ref(wording, paragraph, *, mechanisms=(), note="", group="iscm"):
    """A stand-in for a Reference: the comparison reads only these attributes."""
    return SimpleNamespace(
        wording=wording,
        paragraph=paragraph,
        note=note,
        group=group,
        mechanism_list=[SimpleNamespace(pk=pk) for pk in mechanisms],
    )


def by_wording(comparisons):
    return {c.wording: c for c in comparisons}


def test_rcps_renumbered_from_44_47_48_to_47_50_52():
    before = [ref("Regional consultative process on migration", p) for p in ["44", "47", "48"]]
    after = [ref("regional consultative process on migration", p) for p in ["47", "50", "52"]]
    [comparison] = compare_wordings(before, after)
    assert comparison.change == Change.RENUMBERED
    assert comparison.paragraphs_before == ["44", "47", "48"]
    assert comparison.paragraphs_after == ["47", "50", "52"]
    assert not comparison.renamed  # a change of case is not a new wording


def test_kept_added_and_dropped():
    before = [
        ref("cross-regional dialogue", "21c"),
        ref("Regional Migration Review Forum", "", note="No more mentioned"),
        ref("GMG", "22a"),
    ]
    after = [
        ref("cross-regional dialogue", "21c"),
        ref("United Nations Network on migration", "45"),
    ]
    result = by_wording(compare_wordings(before, after))
    assert result["cross-regional dialogue"].change == Change.KEPT
    assert result["United Nations Network on migration"].change == Change.ADDED
    assert result["Regional Migration Review Forum"].change == Change.DROPPED
    assert result["Regional Migration Review Forum"].before.notes == ["No more mentioned"]
    assert result["GMG"].change == Change.DROPPED


def test_a_wording_listed_without_paragraph_and_used_again_is_added():
    before = [ref("Regional Migration Review Forum", "", note="No more mentioned")]
    after = [ref("Regional Migration Review Forum", "50")]
    [comparison] = compare_wordings(before, after)
    assert comparison.change == Change.ADDED


def test_wordings_match_across_fora_forums_articles_and_case():
    assert normalise("existing global and regional fora on migration") == normalise(
        "Existing global and regional forums on migration"
    )
    assert normalise("State-led processes and platforms at global and regional levels") == (
        normalise("State-led processes and platforms at the global and regional levels")
    )
    assert normalise("GMG") != normalise("Global Migration Group")


def test_renamed_wordings_pair_by_the_mechanism_they_name():
    gfmd, idm = 1, 2
    before = [ref("GFMD", "44", mechanisms=[gfmd]), ref("IDM", "48", mechanisms=[idm])]
    after = [
        ref("Global Forum on Migration and Development", "47", mechanisms=[gfmd]),
        ref("IOM's International Dialogue on Migration", "52", mechanisms=[idm]),
    ]
    result = by_wording(compare_wordings(before, after))
    gfmd_row = result["Global Forum on Migration and Development"]
    assert gfmd_row.renamed and gfmd_row.before.wording == "GFMD"
    assert gfmd_row.change == Change.RENUMBERED
    assert result["IOM's International Dialogue on Migration"].before.wording == "IDM"
    assert len(result) == 2


def test_ambiguous_mechanism_pairing_is_not_guessed():
    """Two draft wordings naming the IMRF cannot both pair with one final wording."""
    imrf = 3
    before = [ref("UN HLD IM", "46a", mechanisms=[imrf]), ref("HLD", "5", mechanisms=[imrf])]
    after = [ref("International Migration Review Forum", "49a", mechanisms=[imrf])]
    result = by_wording(compare_wordings(before, after))
    assert result["International Migration Review Forum"].change == Change.ADDED
    assert result["UN HLD IM"].change == Change.DROPPED
    assert result["HLD"].change == Change.DROPPED


def test_more_occurrences_in_the_final_text_are_listed():
    before = [ref("GFMD", p) for p in ["3", "44", "48"]]
    after = [ref("GFMD", p) for p in ["3", "34f", "36b", "43c", "47", "51"]]
    [comparison] = compare_wordings(before, after)
    assert comparison.change == Change.RENUMBERED
    assert comparison.paragraphs_after == ["3", "34f", "36b", "43c", "47", "51"]  # numeric order
    assert comparison.added_paragraphs == ["43c", "47", "51"]


@pytest.mark.django_db
def test_the_seeded_annexes_of_000_and_002(django_assert_max_num_queries):
    zero = Document.objects.get(slug="gcm-zero-draft-rev1")
    final = Document.objects.get(slug="gcm-final")
    with django_assert_max_num_queries(4):
        result = by_wording(compare_documents(zero, final))
    rcps = result["regional consultative process on migration"]
    assert (rcps.paragraphs_before, rcps.paragraphs_after) == (
        ["44", "47", "48"],
        ["47", "50", "52"],
    )
    assert rcps.change == Change.RENUMBERED
    assert result["Regional Migration Review Forum"].change == Change.DROPPED
    assert result["Global Forum on Migration and Development"].before.wording == "GFMD"
