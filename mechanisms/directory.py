"""The mechanism directory's filters: one form, one function, used by the page and its CSV.

Filters come from the query string so a filtered view can be shared as a link. A value the
form does not accept (unknown kind, region slug, objective number, sort key) is reported
back to the visitor and ignored; the other filters still apply.
"""

from functools import lru_cache

from django import forms
from django.apps import apps
from django.db.models import Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country as CountryCode

from core.counts import count_of
from core.models import translated_text
from core.text import Fold, IndexedFold, fold
from core.widgets import PlainSelect
from gcm.models import MechanismObjective, Objective
from mechanisms.models import Mechanism, MechanismKind, MechanismStatus, Region
from sources.models import Document

# Names sort as people read them: case and accents aside ("Abu Dhabi Dialogue" before
# "AFML"); the slug breaks ties so pages never overlap. IndexedFold: on PostgreSQL the
# index of mechanisms' 0006 serves this order (the first page without sorting them all).
_NAME = IndexedFold("name").asc()
SORTS = {
    "name": (_("Name (A–Z)"), [_NAME, "slug"]),
    "-name": (_("Name (Z–A)"), [IndexedFold("name").desc(), "-slug"]),
    "acronym": (_("Acronym"), [Fold("acronym").asc(), _NAME, "slug"]),
    "kind": (_("Kind"), ["kind", _NAME, "slug"]),
    "status": (_("Status"), ["status", _NAME, "slug"]),
    "-objectives": (_("Most objectives"), ["-objective_count", _NAME, "slug"]),
}
MAX_SEARCH_LENGTH = 100


class DirectoryForm(forms.Form):
    q = forms.CharField(
        label=_("Search names and acronyms"), required=False, max_length=MAX_SEARCH_LENGTH
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    objective = forms.TypedChoiceField(
        label=_("Works on GCM objective"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=_("State taking part"), required=False)
    event = forms.ChoiceField(label=_("At event"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, *, regions, objectives, state_codes=(), events=()):
        super().__init__(data)
        self.fields["country"].choices = [("", _("Any State")), *state_choices(tuple(state_codes))]
        self.fields["event"].choices = [("", _("Any event"))] + [
            (e.slug, e.title_shown(translated_text)[:80]) for e in events
        ]
        self.fields["kind"].choices = [("", _("Any kind")), *MechanismKind.choices]
        self.fields["status"].choices = [("", _("Any status")), *MechanismStatus.choices]
        self.fields["region"].choices = [("", _("Any region"))] + [
            (r.slug, translated_text(r, "name")) for r in regions
        ]
        self.fields["objective"].choices = [("", _("Any objective"))] + [
            (o.number, f"{o.number}. {translated_text(o, 'title')}") for o in objectives
        ]
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in SORTS.items()]
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = PlainSelect(choices=field.widget.choices)

    def valid_filters(self) -> dict:
        """The filters that passed validation; invalid ones are left out (and reported)."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in ("", None)
        }

    def problems(self) -> list[str]:
        """Messages for the visitor, one per rejected parameter, naming what was ignored."""
        self.is_valid()
        messages = []
        for name, _errors in self.errors.items():
            raw = self.data.get(name, "")
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            label = self.fields[name].label if name in self.fields else name
            messages.append(
                _("%(label)s: “%(value)s” is not a value this directory knows; ignored.")
                % {"label": label, "value": shown}
            )
        return messages


@lru_cache(maxsize=64)
def _state_choices(codes: tuple[str, ...], language: str) -> tuple[tuple[str, str], ...]:
    names = {code: str(CountryCode(code).name) for code in codes}
    return tuple(sorted(names.items(), key=lambda item: fold(item[1])))


def state_choices(codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of these States in the reader's language, sorted as people read.

    The names come from the country library, not the database, so the sorted list depends
    only on the codes and the language: kept per process (folding 200 names cost about a
    tenth of the directory's render)."""
    return _state_choices(codes, get_language() or "en")


def directory_form(query_params) -> DirectoryForm:
    regions = list(Region.objects.only("slug", "name", "name_fr", "name_es"))
    objectives = list(
        Objective.objects.only("number", "title", "title_fr", "title_es", "short_title")
    )
    # States and events sit above mechanisms (they point at them): read through the registry.
    codes = apps.get_model("countries", "Country").objects.values_list("code", flat=True)
    events = apps.get_model("events", "Event").objects.select_related("meeting")
    return DirectoryForm(
        query_params,
        regions=regions,
        objectives=objectives,
        state_codes=[str(code) for code in codes],
        events=list(events),
    )


def filter_mechanisms(filters: dict, *, for_csv: bool = False):
    """The directory's queryset for validated filters, with what each row shows prefetched
    (the CSV's rows also list objective numbers)."""
    # The count as a subquery: a Count() annotation groups every mechanism before the page
    # is cut (at scale 1, 10,000 rows grouped for 50 shown).
    queryset = Mechanism.objects.annotate(
        objective_count=count_of(MechanismObjective.objects.all(), "mechanism")
    ).prefetch_related(
        # Into lists (``region_list``, ``source_list``): a template reading ``m.regions.all``
        # builds a manager and clones a queryset per row before it finds the prefetched rows.
        Prefetch(
            "regions",
            queryset=Region.objects.only("slug", "name", "name_fr", "name_es", "position"),
            to_attr="region_list",
        ),
        Prefetch(
            "sources",
            queryset=Document.objects.all(),
            to_attr="source_list",
        ),
    )
    if for_csv:
        queryset = queryset.prefetch_related(
            Prefetch(
                "objective_links__objective", queryset=Objective.objects.only("number", "title")
            )
        )
    if kind := filters.get("kind"):
        queryset = queryset.filter(kind=kind)
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    if region := filters.get("region"):
        queryset = queryset.filter(regions__slug=region)
    if objective := filters.get("objective"):
        queryset = queryset.filter(objective_links__objective__number=objective)
    if country := filters.get("country"):
        queryset = queryset.filter(country_memberships__country__code=country)
    if event := filters.get("event"):
        queryset = queryset.filter(
            Q(event_links__event__slug=event) | Q(meetings__event__slug=event)
        )
    if q := filters.get("q", "").strip():
        queryset = queryset.filter(
            Q(name__icontains=q)
            | Q(acronym__icontains=q)
            | Q(names__name__icontains=q)
            | Q(names__acronym__icontains=q)
        )
    # Joins through regions, objectives, States, events and names can repeat a mechanism;
    # without them DISTINCT would only make the database compare whole rows.
    if filters.keys() & {"region", "objective", "country", "event", "q"}:
        queryset = queryset.distinct()
    return queryset.order_by(*SORTS[filters.get("sort") or "name"][1])
