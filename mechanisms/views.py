"""Public pages: the mechanism directory (HTML and CSV), profiles, and regions."""

from django.apps import apps
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core import tabular
from core.templatetags.citations import Citations, notes_by_code
from core.text import fold
from core.worldmap import map_of
from gcm.models import MechanismObjective
from gcm.references import KIND_WORDINGS, references_concerning
from mechanisms.directory import SORTS, directory_form, filter_mechanisms
from mechanisms.models import Mechanism, MechanismKind, Organization, Participation, Region
from mechanisms.profile import (
    compose_lead,
    compose_membership_lead,
    group_objective_links,
    membership_shades,
)
from sources.models import Document
from surveys.models import Answer, Response
from surveys.visibility import PUBLIC_ANSWERS, sees_personal_answers


class MechanismListView(ListView):
    """The directory. ``?format=csv`` downloads exactly the rows the page shows."""

    template_name = "mechanisms/mechanism_list.html"
    context_object_name = "mechanisms"
    # Small at any size: 10,000 mechanisms are 200 pages, the CSV still has every row.
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.form = directory_form(request.GET)
        self.filters = self.form.valid_filters()
        if request.GET.get("format") == "csv":
            return self.csv_response(filter_mechanisms(self.filters, for_csv=True))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return filter_mechanisms(self.filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            problems=self.form.problems(),
            filtered=any(k != "sort" for k in self.filters),
            sorts=SORTS,
            current_sort=self.filters.get("sort") or "name",
            result_count=context["paginator"].count,
        )
        return context

    def csv_response(self, mechanisms):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="iscm-mechanisms.csv"'
        writer = tabular.writer(response)
        writer.writerow(
            [
                "slug",
                "acronym",
                "name",
                "kind",
                "status",
                "regions",
                "secretariat",
                "objectives",
                "sources",
                "url",
            ]
        )
        for m in mechanisms:
            writer.writerow(
                [
                    m.slug,
                    m.acronym,
                    m.name,
                    m.kind,
                    m.status,
                    "; ".join(r.name for r in m.region_list),
                    m.secretariat,
                    " ".join(
                        str(link.objective.number)
                        for link in sorted(m.objective_links.all(), key=lambda x: x.objective_id)
                    ),
                    " ".join(d.slug for d in m.source_list),
                    self.request.build_absolute_uri(m.get_absolute_url()),
                ]
            )
        return response


# A profile quotes this many statements and links the statements page for the rest.
STATEMENTS_ON_PROFILE = 20


def _map_legend(memberships):
    from django.utils.translation import gettext as _

    present = set(membership_shades(memberships).values())
    labels = [
        ("role-chair", _("chair, co-chair or incoming chair")),
        ("role-secretariat", _("holds the secretariat")),
        ("role-member", _("member")),
        ("role-observer", _("observer")),
        ("role-former", _("former chair")),
    ]
    return [(shade, label) for shade, label in labels if shade in present]


class MechanismDetailView(DetailView):
    """A mechanism's profile: every fact about it, each with its source."""

    template_name = "mechanisms/mechanism_detail.html"
    context_object_name = "mechanism"

    def get_queryset(self):
        return Mechanism.objects.select_related("secretariat_organization").prefetch_related(
            "sources",
            "regions",
            Prefetch("partners", queryset=Organization.objects.prefetch_related("sources")),
            "names__sources",
            "secretariat_organization__sources",
            # States, events and statements sit above mechanisms (they point at it): their
            # rows are reached through the reverse relations, no import of their apps.
            Prefetch(
                "country_memberships",
                queryset=apps.get_model("countries", "Membership")
                .objects.select_related("country")
                .prefetch_related("sources"),
            ),
            "membership_figures__sources",
            Prefetch(
                "event_links",
                queryset=apps.get_model("events", "EventMechanism")
                .objects.select_related("event__meeting")
                .prefetch_related("sources"),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mechanism = self.object
        personal = sees_personal_answers(self.request.user, mechanism)
        references = list(references_concerning(mechanism))
        by_document = {}
        for ref in references:
            by_document.setdefault(ref.document, []).append(ref)
        objective_links = list(
            MechanismObjective.objects.filter(mechanism=mechanism)
            .select_related("objective")
            .prefetch_related("sources")
            .order_by("objective__number")
        )
        memberships = sorted(
            mechanism.country_memberships.all(), key=lambda m: (fold(m.country.name), m.role)
        )
        lead = compose_lead(mechanism, regions=mechanism.regions.all())
        membership_lead = compose_membership_lead(
            memberships, list(mechanism.membership_figures.all())
        )
        participations = list(
            Participation.objects.filter(mechanism=mechanism)
            .select_related("meeting__event")
            .prefetch_related("sources")
            .order_by("meeting__number")
        )
        other_events = sorted(
            (link for link in mechanism.event_links.all() if link.event.kind != "grcp"),
            key=lambda link: (link.event.display_year or 9999, link.event.slug),
        )
        Statement = apps.get_model("statements", "Statement")
        statements = (
            Statement.objects.filter(mechanisms=mechanism)
            .select_related("document", "event__meeting")
            .prefetch_related("objectives", "sources")
            .order_by("document_id", "place", "position", "slug")
        )
        context.update(
            citations=Citations(),
            notes_by_code=notes_by_code(Document.objects.notes()),
            lead_text=" ".join([*lead, *(sentence for sentence, _ in membership_lead)]),
            lead_sentences=" ".join(lead),
            membership_lead=membership_lead,
            memberships=memberships,
            world=map_of(membership_shades(memberships)) if memberships else None,
            map_legend=_map_legend(memberships),
            other_events=other_events,
            event_count=len(participations) + len(other_events),
            statements=statements[:STATEMENTS_ON_PROFILE],
            statement_count=statements.count(),
            objective_groups=group_objective_links(objective_links),
            names=sorted(mechanism.names.all(), key=lambda n: (n.kind != "former", n.name)),
            objective_links=objective_links,
            references_by_document=list(by_document.items()),
            references_count=len(references),
            kind_wordings=KIND_WORDINGS.get(mechanism.kind, ()),
            # Drafts are unfinished questionnaires: only submitted answers are public.
            responses=Response.objects.filter(mechanism=mechanism, status=Response.Status.SUBMITTED)
            .select_related("survey")
            .prefetch_related(
                "sources",
                Prefetch(
                    "answers",
                    # Answers naming the respondent: only for staff and its secretariat.
                    queryset=Answer.objects.filter(Q() if personal else PUBLIC_ANSWERS)
                    .select_related("question")
                    .prefetch_related("choices", "sources")
                    .order_by("question__number"),
                ),
            )
            .order_by("-survey__year", "survey__slug"),
            participations=participations,
            last_change=mechanism.history.first(),
        )
        return context


MAX_LISTED = 100


class RegionListView(ListView):
    template_name = "mechanisms/region_list.html"
    context_object_name = "regions"

    def get_queryset(self):
        return Region.objects.annotate(
            mechanism_count=Count("mechanisms", distinct=True)
        ).prefetch_related(
            "sources",
            Prefetch(
                "organizations",
                queryset=Organization.objects.filter(kind=Organization.Kind.UN_REGIONAL_COMMISSION),
                to_attr="commissions",
            ),
        )


class RegionDetailView(DetailView):
    """A region: its UN Regional Commission, other regional bodies, and mechanisms."""

    template_name = "mechanisms/region_detail.html"
    context_object_name = "region"

    def get_queryset(self):
        return Region.objects.prefetch_related(
            "sources",
            Prefetch(
                "organizations",
                queryset=Organization.objects.prefetch_related("sources").order_by(
                    "kind", "acronym", "name"
                ),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organizations = list(self.object.organizations.all())
        # Bounded at any size: the first MAX_LISTED, with the total and the directory
        # (filtered by the region) for all of them.
        mechanisms = list(
            self.object.mechanisms.prefetch_related("sources").order_by("kind", "name")[:MAX_LISTED]
        )
        total = len(mechanisms) if len(mechanisms) < MAX_LISTED else self.object.mechanisms.count()
        context.update(
            commissions=[
                o for o in organizations if o.kind == Organization.Kind.UN_REGIONAL_COMMISSION
            ],
            bodies=[o for o in organizations if o.kind != Organization.Kind.UN_REGIONAL_COMMISSION],
            mechanism_total=total,
            mechanisms_shown=len(mechanisms),
            mechanisms_by_kind=[
                (label, [m for m in mechanisms if m.kind == value])
                for value, label in [*MechanismKind.choices, ("", _("Kind not stated"))]
            ],
        )
        return context
