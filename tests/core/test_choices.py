"""get_FOO_display() from core.choices' cached table: Django's labels, in the active
language, and the stored value itself when it is outside the choices."""

from django.utils import translation

from mechanisms.models import Mechanism


def test_the_label_follows_the_language_of_each_call():
    mechanism = Mechanism(kind="rcp", status="active")
    assert mechanism.get_kind_display() == "Regional consultative process (RCP)"
    with translation.override("fr"):
        assert mechanism.get_kind_display() == "Processus consultatif régional (PCR)"
    with translation.override("es"):
        assert mechanism.get_kind_display() != mechanism.kind
        assert mechanism.get_kind_display() != "Regional consultative process (RCP)"
    assert mechanism.get_kind_display() == "Regional consultative process (RCP)"


def test_a_value_outside_the_choices_shows_as_stored():
    assert Mechanism(kind="not-a-kind").get_kind_display() == "not-a-kind"
    assert Mechanism(kind=None).get_kind_display() is None
