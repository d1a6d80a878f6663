"""Constraints and rules of the GCM models, enforced both by full_clean and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from gcm.models import (
    EntryPoint,
    GuidingPrinciple,
    Objective,
    Reference,
    StakeholderEngagement,
    objective_for_paragraph,
    split_paragraph,
)
from sources.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def final():
    return Document.objects.get(slug="gcm-final")


@pytest.fixture
def zero():
    return Document.objects.get(slug="gcm-zero-draft-rev1")


def reference(document, **fields):
    values = {"wording": "a wording used in tests", "group": "iscm", **fields}
    return Reference(document=document, **values)


def assert_refused_by_db(obj):
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def assert_refused_by_clean(obj, field):
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    messages = excinfo.value.message_dict.get(field)
    assert messages and all(m.strip() for m in messages), excinfo.value.message_dict
    return messages


# ---------------------------------------------------------------- paragraphs


@pytest.mark.parametrize("paragraph", ["4 9", "49A", "abc", "0", "049", "49ab", "§49"])
def test_malformed_paragraph_is_refused_by_the_database(final, paragraph):
    assert_refused_by_db(reference(final, paragraph=paragraph, paragraph_number=49))


@pytest.mark.parametrize("paragraph", ["4 9", "49A", "abc", "0"])
def test_malformed_paragraph_is_refused_by_full_clean_with_a_message(final, paragraph):
    messages = assert_refused_by_clean(reference(final, paragraph=paragraph), "paragraph")
    assert any("49a" in m for m in messages)


@pytest.mark.parametrize("paragraph", ["3", "49a", "43biii", "22l"])
def test_well_formed_paragraphs_are_accepted(final, paragraph):
    ref = reference(final, paragraph=paragraph)
    ref.full_clean()
    ref.save()
    assert Reference.objects.get(pk=ref.pk).paragraph == paragraph


def test_paragraph_without_its_number_is_refused_by_the_database(final):
    assert_refused_by_db(reference(final, paragraph="49", paragraph_number=None))
    assert_refused_by_db(reference(final, paragraph="", paragraph_number=49))


def test_split_paragraph():
    assert split_paragraph("49") == (49, "")
    assert split_paragraph("49a") == (49, "a")
    assert split_paragraph("43biii") == (43, "biii")
    for bad in ("0", "49A", "4 9", ""):
        with pytest.raises(ValueError):
            split_paragraph(bad)


def test_same_wording_and_paragraph_twice_in_one_text_is_refused(final):
    reference(final, paragraph="47", paragraph_number=47).save()
    assert_refused_by_db(reference(final, paragraph="47", paragraph_number=47))
    reference(final, paragraph="48", paragraph_number=48).save()  # another paragraph is fine


# ---------------------------------------------------------------- Reference.clean


def test_clean_derives_paragraph_number_and_objective_in_the_final_gcm(final):
    ref = reference(final, paragraph="22b")
    ref.full_clean()
    assert (ref.paragraph_number, ref.objective.number) == (22, 6)


def test_clean_derives_objective_in_the_zero_draft(zero):
    ref = reference(zero, paragraph="21c")
    ref.full_clean()
    assert (ref.paragraph_number, ref.objective.number) == (21, 6)
    last = reference(zero, paragraph="38")
    last.full_clean()
    assert last.objective.number == 23


def test_clean_leaves_paragraphs_outside_the_objectives_without_one(final):
    for paragraph in ("15j", "47", "43biii"):
        ref = reference(final, paragraph=paragraph)
        ref.full_clean()
        assert ref.objective is None
    assert objective_for_paragraph(final, 39) == 23
    assert objective_for_paragraph(final, 40) is None
    assert objective_for_paragraph(final, 16) is None


def test_clean_refuses_an_objective_the_paragraph_does_not_state(final):
    ref = reference(final, paragraph="22b", objective=Objective.objects.get(number=7))
    messages = assert_refused_by_clean(ref, "objective")
    assert "objective 6" in messages[0]
    on_47 = reference(final, paragraph="47", objective=Objective.objects.get(number=6))
    assert_refused_by_clean(on_47, "objective")


def test_clean_of_a_blank_paragraph(zero):
    ref = reference(zero, paragraph="", paragraph_number=12)
    ref.full_clean()
    assert ref.paragraph_number is None and ref.objective is None


# ---------------------------------------------------------------- objectives, groups, levels


@pytest.mark.parametrize("number", [0, 24])
def test_objective_number_outside_1_to_23_is_refused(number):
    objective = Objective(number=number, title="Not an objective")
    assert_refused_by_clean(objective, "number")
    assert_refused_by_db(objective)


def test_guiding_principle_letter_beyond_j_is_refused():
    principle = GuidingPrinciple(letter="k", title="Not a principle")
    assert_refused_by_db(principle)


def test_invalid_reference_group_is_refused(final):
    ref = reference(final, paragraph="47", paragraph_number=47, group="ngo")
    assert_refused_by_clean(ref, "group")
    assert_refused_by_db(ref)


def test_invalid_entry_point_level_is_refused(final):
    point = EntryPoint(
        document=final,
        objective=Objective.objects.get(number=4),
        level="national",
        action="an action",
        engagement="an engagement",
    )
    assert_refused_by_clean(point, "level")
    assert_refused_by_db(point)


def test_one_entry_point_per_text_level_and_objective(final):
    existing = EntryPoint.objects.filter(document=final).first()
    duplicate = EntryPoint(
        document=final,
        objective=existing.objective,
        level=existing.level,
        action="again",
        engagement="again",
    )
    assert_refused_by_db(duplicate)


def test_invalid_stakeholder_group_is_refused(final):
    engagement = StakeholderEngagement(document=final, group="media")
    assert_refused_by_clean(engagement, "group")
    assert_refused_by_db(engagement)


def test_an_objective_that_references_point_to_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        Objective.objects.get(number=6).delete()


def test_natural_keys_round_trip(final):
    ref = Reference.objects.get(document=final, wording="cross-regional dialogue", paragraph="22b")
    assert Reference.objects.get_by_natural_key(*ref.natural_key()) == ref
    point = EntryPoint.objects.filter(document=final).first()
    assert EntryPoint.objects.get_by_natural_key(*point.natural_key()) == point
    assert Objective.objects.get_by_natural_key(6).number == 6
