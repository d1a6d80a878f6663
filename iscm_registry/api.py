"""The one router of the REST API (v1), plus the schema and its offline docs.

Another module adds a route by registering on ``router`` (a viewset) or by appending to
``extra_urlpatterns`` (a plain view, e.g. ``dump/``); both end up under ``/api/v1/``.
"""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from countries.api.views import CountryViewSet, MembershipFigureViewSet, MembershipViewSet
from events.api.views import EventViewSet, PersonViewSet, PublicRoleViewSet, SessionViewSet
from gcm.api.views import (
    EntryPointViewSet,
    GuidingPrincipleViewSet,
    ObjectiveViewSet,
    ReferenceQuoteViewSet,
    ReferenceViewSet,
    StakeholderEngagementViewSet,
)
from mechanisms.api.views import (
    MechanismViewSet,
    MeetingViewSet,
    OrganizationViewSet,
    RegionViewSet,
)
from process.api.views import PhaseViewSet, ThematicSessionViewSet
from search.views import SearchAPIView
from sources.api.views import DocumentViewSet, SourceViewSet
from statements.api.views import DefinitionViewSet, StatementViewSet
from surveys.api.views import (
    PublishedFigureViewSet,
    QuestionViewSet,
    ResponseViewSet,
    SurveyViewSet,
)

router = DefaultRouter()
router.register("mechanisms", MechanismViewSet, basename="mechanism")
router.register("regions", RegionViewSet, basename="region")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("principles", GuidingPrincipleViewSet, basename="principle")
router.register("documents", DocumentViewSet, basename="document")
router.register("references", ReferenceViewSet, basename="reference")
router.register("reference-quotes", ReferenceQuoteViewSet, basename="reference-quote")
router.register("entry-points", EntryPointViewSet, basename="entry-point")
router.register(
    "stakeholder-engagements", StakeholderEngagementViewSet, basename="stakeholder-engagement"
)
router.register("surveys", SurveyViewSet, basename="survey")
router.register("questions", QuestionViewSet, basename="question")
router.register("responses", ResponseViewSet, basename="response")
router.register("published-figures", PublishedFigureViewSet, basename="published-figure")
router.register("sources", SourceViewSet, basename="source")
# Issue 10: States, events, people, statements, definitions and the GCM process.
router.register("countries", CountryViewSet, basename="country")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("membership-figures", MembershipFigureViewSet, basename="membership-figure")
router.register("events", EventViewSet, basename="event")
router.register("sessions", SessionViewSet, basename="session")
router.register("people", PersonViewSet, basename="person")
router.register("public-roles", PublicRoleViewSet, basename="public-role")
router.register("statements", StatementViewSet, basename="statement")
router.register("definitions", DefinitionViewSet, basename="definition")
router.register("phases", PhaseViewSet, basename="phase")
router.register("thematic-sessions", ThematicSessionViewSet, basename="thematic-session")

# Plain (non-viewset) API views, e.g. the bulk dump: append path(...) entries here.
extra_urlpatterns = [
    path("search/", SearchAPIView.as_view(), name="search"),
]

urlpatterns = [
    path("v1/", include((extra_urlpatterns + router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script from our origin: no inline script for CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
