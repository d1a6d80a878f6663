"""Public pages for States: the list (with how many mechanisms each belongs to) and one State."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.templatetags.citations import Citations
from core.text import fold
from core.worldmap import map_of
from countries.models import Country, Membership


class CountryListView(ListView):
    template_name = "countries/country_list.html"
    context_object_name = "countries"

    def get_queryset(self):
        countries = Country.objects.annotate(
            mechanism_count=Count("memberships__mechanism", distinct=True)
        )
        # ISO names live in django-countries, not the database: sort by the name people read.
        return sorted(countries, key=lambda c: fold(c.name))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shades = {
            c: shade_for_count(c.mechanism_count) for c in context["countries"] if c.mechanism_count
        }
        context.update(
            world=map_of(shades),
            legend=[
                ("shade-1", _("1 mechanism")),
                ("shade-2", _("2 mechanisms")),
                ("shade-3", _("3–4 mechanisms")),
                ("shade-4", _("5 or more")),
                ("land", _("none recorded")),
            ],
        )
        return context


def shade_for_count(count: int) -> str:
    """The map's shade for a State in ``count`` mechanisms (the legend names the classes)."""
    if count >= 5:
        return "shade-4"
    if count >= 3:
        return "shade-3"
    return f"shade-{count}"


class CountryDetailView(DetailView):
    """A State: the mechanisms it belongs to (and in which role), its chairs, events it hosted."""

    template_name = "countries/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        code = self.kwargs["code"].upper()
        try:
            return Country.objects.prefetch_related(
                "sources",
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("mechanism").prefetch_related(
                        "sources"
                    ),
                ),
            ).get(code=code)
        except Country.DoesNotExist as exc:
            raise Http404("No State with this ISO code in the registry.") from exc

    def get_context_data(self, **kwargs):
        from events.models import Event

        context = super().get_context_data(**kwargs)
        memberships = sorted(
            self.object.memberships.all(), key=lambda m: (fold(m.mechanism.name), m.role)
        )
        chair_roles = {"chair", "co-chair", "incoming-chair", "former-chair"}
        country = self.object
        context.update(
            memberships=[m for m in memberships if m.role not in chair_roles],
            chairs=[m for m in memberships if m.role in chair_roles],
            citations=Citations(),
            events=Event.objects.filter(Q(host_country=country) | Q(place_country=country))
            .select_related("meeting")
            .distinct(),
        )
        return context
