"""Public pages for events: a timeline of GRCP 1–9 and the others, and one event."""

from datetime import date

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from core.templatetags.citations import Citations
from events.models import Event, EventKind, EventMechanism, PublicRole, Session
from mechanisms.models import Participation


def timeline(events, *, width=360, row=24):
    """Geometry of a vertical SVG timeline: one row per event, years down the left.

    Rows move further apart where years pass between events, so the gaps show. Labels sit
    at a fixed column so the picture stays readable on a 390 px phone. Server-rendered (no
    script); the page lists the same events as text beside it.
    """
    dated = [e for e in events if e.display_year]
    if not dated:
        return None
    rows, y, previous = [], 16, None
    for e in dated:
        if previous is not None:
            y += row + min(4, max(0, e.display_year - previous)) * 6
        title = e.display_title
        rows.append(
            {
                "event": e,
                "cy": y,
                "year": e.display_year if e.display_year != previous else "",
                "label": title if len(title) <= 32 else title[:31] + "…",
                "grcp": e.kind == EventKind.GRCP,
            }
        )
        previous = e.display_year
    return {"width": width, "height": y + 16, "rows": rows, "bottom": y + 8}


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        queryset = Event.objects.select_related("meeting", "host_country").prefetch_related(
            "sources"
        )
        if (kind := self.request.GET.get("kind")) in EventKind.values:
            queryset = queryset.filter(kind=kind)
        events = list(queryset)
        # Undated events of a year after its dated ones; events without a year last.
        return sorted(
            events, key=lambda e: (e.display_year or 9999, e.start_date or date.max, e.slug)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            timeline=timeline(context["events"]),
            kinds=EventKind.choices,
            current_kind=self.request.GET.get("kind", ""),
        )
        return context


class EventDetailView(DetailView):
    """An event: when and where, sessions, the mechanisms and people taking part, outcomes."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.select_related(
            "meeting", "host_country", "place_country", "moderator_country", "margins_of"
        ).prefetch_related(
            "sources",
            "figures__sources",
            "event_documents",
            Prefetch(
                "meeting__participations",
                queryset=Participation.objects.select_related("mechanism").prefetch_related(
                    "sources"
                ),
            ),
            Prefetch(
                "mechanism_links",
                queryset=EventMechanism.objects.select_related("mechanism").prefetch_related(
                    "sources"
                ),
            ),
            Prefetch(
                "sessions",
                queryset=Session.objects.prefetch_related("mechanisms", "sources"),
            ),
            Prefetch(
                "roles",
                queryset=PublicRole.objects.select_related(
                    "person", "mechanism", "country", "session"
                ).prefetch_related("sources"),
            ),
        )

    def get_context_data(self, **kwargs):
        from statements.models import Statement

        context = super().get_context_data(**kwargs)
        context.update(
            citations=Citations(),
            participants=self.object.participant_links(),
            statements=Statement.objects.filter(event=self.object)
            .prefetch_related("objectives", "mechanisms", "sources")
            .order_by("kind", "place", "position"),
        )
        return context
