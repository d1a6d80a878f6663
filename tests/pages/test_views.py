"""The public pages as a visitor meets them: structure, content, sources, errors."""

import csv
import io

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from gcm.models import EntryPoint, MechanismObjective, Objective, Reference
from mechanisms.models import Mechanism, MechanismName, Meeting, Participation
from sources.models import Document
from surveys.models import Answer, Choice, Invitation, PublishedFigure, Question, Response, Survey
from tests.pages.conftest import make_mechanism, outline

pytestmark = pytest.mark.django_db

MAIN_PAGES = [
    "/",
    "/mechanisms/",
    "/mechanisms/midsa/",
    "/regions/",
    "/regions/africa/",
    "/objectives/",
    "/objectives/6/",
    "/compact/",
    "/surveys/",
    "/sources/",
    "/sources/iom-note-final-gcm/",
    "/sources/gcm-final/",
]


def note(slug="iom-note-final-gcm"):
    return Document.objects.get(slug=slug)


@pytest.fixture
def survey():
    """A small survey with two submitted responses and one draft (which must not count)."""
    survey = Survey.objects.create(
        slug="test-survey", title="Test survey on IMRF inputs", year=2021
    )
    survey.sources.set([note("iom-grcp9-summary-report-2021")])
    question = Question.objects.create(
        survey=survey,
        number=1,
        text="Which objectives does your mechanism work on?",
        kind="multiple",
    )
    obj6 = Choice.objects.create(
        question=question,
        position=1,
        label="Objective 6",
        objective=Objective.objects.get(number=6),
    )
    obj8 = Choice.objects.create(
        question=question,
        position=2,
        label="Objective 8",
        objective=Objective.objects.get(number=8),
    )
    for slug, status, choices in [
        ("midsa", "submitted", [obj6, obj8]),
        ("midwa", "submitted", [obj6]),
        ("midcom", "draft", [obj8]),
    ]:
        mechanism = Mechanism.objects.get(slug=slug)
        Invitation.objects.create(survey=survey, mechanism=mechanism)
        response = Response.objects.create(survey=survey, mechanism=mechanism, status=status)
        answer = Answer.objects.create(
            response=response, question=question, statement=f"{slug} said so."
        )
        answer.choices.set(choices)
        answer.sources.set([note("iom-grcp9-summary-report-2021")])
    figure = PublishedFigure.objects.create(
        survey=survey,
        key="objective-6",
        label="Mechanisms working on objective 6",
        statement="All respondents work on objective 6.",
        value=100,
        unit="percent",
        basis="respondents",
        question=question,
        choice=obj6,
        objective=Objective.objects.get(number=6),
    )
    figure.sources.set([note("iom-grcp9-summary-report-2021")])
    PublishedFigure.objects.create(
        survey=survey,
        key="objective-8",
        label="Mechanisms working on objective 8",
        statement="Half work on objective 8 (published as 40%).",
        value=40,
        unit="percent",
        basis="respondents",
        question=question,
        choice=obj8,
    )
    return survey


@pytest.mark.parametrize("url", MAIN_PAGES)
def test_page_structure(read_page, url):
    """lang on <html>, one h1, a page-specific <title>, breadcrumbs starting at Home."""
    _, page = read_page(url)
    assert page.lang == "en"
    assert len(page.h1) == 1, page.h1
    assert page.title.endswith("· ISCM Registry")
    assert page.breadcrumbs[0] == "Home"
    assert "/static/css/site.css" in _.content.decode()


def test_titles_are_distinct(read_page, survey):
    titles = [read_page(url)[1].title for url in [*MAIN_PAGES, survey.get_absolute_url()]]
    assert len(set(titles)) == len(titles), titles


def test_pages_load_no_third_party_assets(read_page, survey):
    for url in [*MAIN_PAGES, survey.get_absolute_url()]:
        html = read_page(url)[0].content.decode()
        assert "<script" not in html
        assert "https://" not in html.split("</head>")[0]


@pytest.mark.parametrize(
    "url",
    [
        "/mechanisms/no-such-process/",
        "/regions/atlantis/",
        "/objectives/24/",
        "/objectives/0/",
        "/objectives/99999999999999999999999/",
        "/surveys/no-such-survey/",
        "/sources/no-such-note/",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_show_the_helpful_404(read_page, url):
    response, page = read_page(url, status=404)
    assert page.h1 == ["Page not found"]
    assert "/mechanisms/" in page.links and "/objectives/" in page.links
    assert page.lang == "en"


def test_500_page_renders_without_database_or_context(rf_no_db):
    """The 500 page must not touch the DB or context processors (pytest blocks DB here)."""
    response = server_error(rf_no_db.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in html
    assert '<html lang="en">' in html


@pytest.fixture
def rf_no_db():
    return RequestFactory()


# --- Home -------------------------------------------------------------------------------


def test_home_counts_by_kind_and_region_link_to_the_directory(read_page):
    _, page = read_page("/")
    rcps = Mechanism.objects.filter(kind="rcp").count()
    assert f"Regional consultative process (RCP): {rcps}" in page.text
    africa = Mechanism.objects.filter(regions__slug="africa").distinct().count()
    assert f"Africa: {africa}" in page.text
    assert "/mechanisms/?kind=rcp" in page.links
    assert "/regions/africa/" in page.links


# --- Directory ----------------------------------------------------------------------------


def directory_rows(response):
    """Slugs of the mechanisms listed in the directory table, in order."""
    return [
        link.split("/")[2]
        for link in outline(response).links
        if link.startswith("/mechanisms/") and link.count("/") == 3 and "?" not in link
    ]


def test_directory_filters_rcps_in_africa(client):
    response = client.get("/mechanisms/", {"kind": "rcp", "region": "africa"})
    expected = set(
        Mechanism.objects.filter(kind="rcp", regions__slug="africa").values_list("slug", flat=True)
    )
    assert expected, "the seed data has RCPs in Africa"
    assert set(directory_rows(response)) == expected
    assert f"{len(expected)} mechanisms match these filters" in outline(response).text
    assert "gfmd" not in directory_rows(response)


def test_directory_filters_by_status_objective_and_sorts(client):
    a = make_mechanism("aaa-test", name="Aaa test process", status="dormant")
    z = make_mechanism("zzz-test", name="Zzz test process", status="dormant")
    MechanismObjective.objects.create(
        mechanism=z, objective=Objective.objects.get(number=6), statement="Works on labour."
    )
    response = client.get("/mechanisms/", {"status": "dormant", "sort": "-name"})
    rows = directory_rows(response)
    assert rows.index("zzz-test") < rows.index("aaa-test")
    assert all(m.status == "dormant" for m in Mechanism.objects.filter(slug__in=rows))
    rows = directory_rows(client.get("/mechanisms/", {"objective": 6}))
    assert "zzz-test" in rows and "aaa-test" not in rows
    assert a.slug not in rows


def test_directory_search_finds_former_names_and_acronyms(client):
    mechanism = make_mechanism("renamed-test", name="Current test name")
    MechanismName.objects.create(
        mechanism=mechanism, name="Old Conference of Testers", acronym="OCT", kind="former"
    )
    assert directory_rows(client.get("/mechanisms/", {"q": "old conference"})) == ["renamed-test"]
    assert "renamed-test" in directory_rows(client.get("/mechanisms/", {"q": "oct"}))


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "zzz"},
        {"region": "<script>alert(1)</script>"},
        {"objective": "abc"},
        {"objective": "99"},
        {"objective": "99999999999999999999999999"},
        {"sort": "password;drop table"},
        {"status": ["active", "x"]},
        {"q": "x" * 5000},
    ],
)
def test_directory_garbage_filters_show_a_message_never_a_500(client, params):
    response = client.get("/mechanisms/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "were not understood and were ignored" in html
    assert "<script>alert" not in html


def test_directory_keeps_valid_filters_beside_a_bad_one(client):
    response = client.get("/mechanisms/", {"kind": "rcp", "region": "nowhere"})
    assert "were not understood" in response.content.decode()
    rows = directory_rows(response)
    assert rows and set(Mechanism.objects.filter(slug__in=rows).values_list("kind", flat=True)) == {
        "rcp"
    }


def test_csv_download_is_the_current_view(client):
    params = {"kind": "rcp", "region": "africa", "sort": "-name"}
    page_rows = directory_rows(client.get("/mechanisms/", params))
    response = client.get("/mechanisms/", {**params, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["slug"] for r in rows] == page_rows
    assert all(r["kind"] == "rcp" and "Africa" in r["regions"] for r in rows)
    assert all(r["sources"] for r in rows), "every row names its sources"


def test_directory_page_links_to_its_own_csv(client):
    html = client.get("/mechanisms/", {"kind": "rcp"}).content.decode()
    assert 'href="?kind=rcp&amp;format=csv"' in html


# --- Profile ------------------------------------------------------------------------------


def test_profile_shows_every_fact_with_its_source(client):
    mechanism = make_mechanism("profile-test", name="Profile Test Process", acronym="PTP")
    mechanism.secretariat = "Hosted by a test secretariat"
    mechanism.save()
    MechanismName.objects.create(
        mechanism=mechanism, name="Profile Former Forum", kind="former"
    ).sources.set([note("iom-grcp9-summary-report-2021")])
    link = MechanismObjective.objects.create(
        mechanism=mechanism,
        objective=Objective.objects.get(number=6),
        statement="PTP discussed fair recruitment.",
    )
    link.sources.set([note("iom-note-regional-consultations-2017")])
    meeting = Meeting.objects.order_by("number").last()
    Participation.objects.create(meeting=meeting, mechanism=mechanism, role="speaker")
    rcp_ref = Reference.objects.get(
        document__slug="gcm-final",
        paragraph="50",
        wording__iexact="regional consultative process on migration",
    )
    survey = Survey.objects.create(slug="profile-survey", title="Profile survey", year=2021)
    question = Question.objects.create(
        survey=survey, number=3, text="Share an effective practice.", kind="text"
    )
    response = Response.objects.create(survey=survey, mechanism=mechanism)
    Answer.objects.create(response=response, question=question, text="A joint labour portal.")
    draft_survey = Survey.objects.create(slug="draft-survey", title="Draft survey", year=2022)
    draft_question = Question.objects.create(
        survey=draft_survey, number=1, text="Anything?", kind="text"
    )
    draft = Response.objects.create(survey=draft_survey, mechanism=mechanism, status="draft")
    Answer.objects.create(response=draft, question=draft_question, text="Unfinished thoughts.")

    html = client.get(mechanism.get_absolute_url()).content.decode()
    text = outline(client.get(mechanism.get_absolute_url())).text
    assert "Profile Former Forum — former name" in text
    assert "Hosted by a test secretariat" in text
    assert "PTP discussed fair recruitment." in text
    assert "/objectives/6/" in html
    for paragraph in ["§47", "§50", "§52"]:
        assert f"{paragraph} — regional consultative process on migration" in text
    assert " ".join(rcp_ref.quote.split())[:60] in text
    assert "A joint labour portal." in text
    assert "Unfinished thoughts." not in text  # drafts are not published
    assert f"GRCP {meeting.number}" in text and "speaker" in text
    assert "Last changed" in text
    # The name's source, as a footnote that gives the note's title.
    assert "Ninth Global Meeting of Chairs and Secretariats" in text
    assert html.count('class="cite"') >= 5
    # The RCP wording concerns every RCP, but not a global process.
    gfmd = Mechanism.objects.get(slug="gfmd")
    assert rcp_ref.quote not in client.get(gfmd.get_absolute_url()).content.decode()


def test_profile_reads_in_plain_language(client):
    """Issue 11: a lead from the facts, notes cited by title not code, each quote once."""
    response = client.get("/mechanisms/rcm/")
    html = response.content.decode()
    text = outline(response).text
    assert (
        "Regional Conference on Migration (RCM) is a regional consultative process on "
        "migration (RCP) in the Americas." in text
    )
    # Curators' codes become the notes' names, with a footnote marker to the full title.
    assert "000 (as of 2017)" not in text
    assert "The IPD note on the Zero draft Rev 1" in text
    assert 'href="#source-1"' in html and 'id="source-1"' in html
    # One sentence tied to five objectives is quoted once, listing the five.
    objectives = html[html.index('id="objectives-heading"') : html.index('id="compact-heading"')]
    assert objectives.count("New working groups were created") == 1
    for number in (5, 6, 9, 10, 11):
        assert f'href="/objectives/{number}/"' in html


def test_profile_lists_references_that_name_the_mechanism(client):
    text = outline(client.get("/mechanisms/gfmd/")).text
    assert "§51 — Global Forum on Migration and Development" in text


# --- Objectives ---------------------------------------------------------------------------


def test_objective_page_paragraphs_entry_points_references_mechanisms(client):
    objective = Objective.objects.get(number=6)
    mechanism = make_mechanism("obj-test", name="Objective Test Process")
    MechanismObjective.objects.create(
        mechanism=mechanism, objective=objective, statement="Works on recruitment."
    )
    text = outline(client.get("/objectives/6/")).text
    assert "In the Final GCM (A/RES/73/195): §22" in text
    assert "In the GCM Zero draft Rev 1: §21" in text
    assert "§22b — existing bilateral, subregional and regional platforms" in text
    assert "Objective Test Process" in text
    for entry in EntryPoint.objects.filter(objective=objective):
        assert " ".join(entry.engagement.split())[:40] in text


def test_objective_page_counts_submitted_survey_answers(client, survey):
    text = outline(client.get("/objectives/6/")).text
    assert "Q1: 2 submitted responses chose this objective" in text
    assert "as published: 100% — Mechanisms working on objective 6" in text
    text8 = outline(client.get("/objectives/8/")).text
    assert "Q1: 1 submitted response chose this objective" in text8  # the draft is left out


def test_objectives_list_gives_both_paragraph_numbers(client):
    text = outline(client.get("/objectives/")).text
    assert "§22 §21" in text  # objective 6: final GCM §22, Zero draft Rev 1 §21
    assert "§39 §38" in text


# --- Compact ------------------------------------------------------------------------------


def test_compact_compares_zero_draft_and_final(client):
    """The seeded annexes of 000 and 002: RCPs renumbered, RMRF dropped, GFMD renamed."""
    text = outline(client.get("/compact/")).text
    assert (
        "regional consultative process on migration §44, §47, §48 §47, §50, §52 renumbered "
        "44/47/48 → 47/50/52" in text
    )
    assert "Regional Migration Review Forum No more mentioned — dropped" in text
    assert "Global Forum on Migration and Development Zero draft: “GFMD”" in text
    # Each text's referenced paragraphs are listed (one page per text) with quotes and sources.
    text = outline(client.get("/compact/?document=gcm-final")).text
    assert "IPD note on the final GCM (002)" in text


def test_compact_paragraph_links_open_the_paragraph_and_each_quote_is_shown_once(client):
    """Issue 11, item 5: the table's § numbers link to the quote; one view per text."""
    import re

    html = client.get("/compact/").content.decode()
    links = re.findall(r'href="(\?document=gcm-final(?:&amp;page=\d+)?#p-(\w+))">§(\w+)<', html)
    assert links and all(anchor == number for _, anchor, number in links)
    assert "<blockquote>" not in html  # the overview quotes nothing: it links
    href = next(h for h, anchor, _ in links if anchor == "47").replace("&amp;", "&")
    page = client.get("/compact/" + href.split("#")[0]).content.decode()
    assert "regional consultative process on migration" in page
    assert 'id="p-47"' in page
    section = page[page.index('id="p-47"') :]
    section = section[: section.index('<li class="paragraph">')]
    quotes = re.findall(r"<blockquote>(.*?)<sup", section, flags=re.S)
    assert quotes and len(quotes) == len(set(quotes))
    # Paged: a paragraph further down links to the page that holds it.
    later = re.findall(r'href="\?document=gcm-final&amp;page=(\d+)#p-(\w+)"', html)
    for number, anchor in later[:3]:
        target = client.get(f"/compact/?document=gcm-final&page={number}").content.decode()
        assert f'id="p-{anchor}"' in target


def test_compact_unknown_text_or_page_is_said_not_a_500(client):
    response = client.get("/compact/?document=no-such-text")
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert client.get("/compact/?document=gcm-final&page=abc").status_code == 200
    assert client.get("/compact/?document=gcm-final&page=999").status_code == 200


# --- Surveys ------------------------------------------------------------------------------


def test_survey_page_computed_beside_published_with_difference(client, survey):
    response = client.get(survey.get_absolute_url())
    text = outline(response).text
    # Objective 6: 2 of 2 respondents = 100%, as published; objective 8: 1 of 2 = 50% vs 40%.
    assert "Objective 6 2 100% 100% 0" in text
    assert "Objective 8 1 50% 40% 10" in text
    assert "Submitted responses 2" in text
    html = response.content.decode()
    assert '<svg role="img" aria-labelledby="objchart-title objchart-desc"' in html
    assert "Obj. 6: 2. Obj. 8: 1." in text  # the chart's text alternative


def test_survey_list_counts(client, survey):
    text = outline(client.get("/surveys/")).text
    # Each count in its own plural (issue 11: the list read "1 questions").
    assert "3 mechanisms approached · 2 submitted responses · 1 question" in text
    assert "1 questions" not in text


# --- Sources ------------------------------------------------------------------------------


def test_sources_page_counts_what_came_from_each_note(client):
    source = note("iom-note-regional-consultations-2017")
    mechanisms = Mechanism.objects.filter(sources=source).count()
    make_mechanism("source-count-test")
    text = outline(client.get(source.get_absolute_url())).text
    assert f"Mechanisms {mechanisms + 1}" in text
    listing = outline(client.get("/sources/")).text
    assert f"{mechanisms + 1} mechanisms" in listing


def test_un_text_page_says_where_it_is_used(client):
    text = outline(client.get("/sources/gcm-final/")).text
    assert "referenced paragraph wording" in text
    assert "A/RES/73/195" in text


def test_the_2017_survey_page_says_what_is_known(client):
    """Issue 11, item 5: it read "0 · 0 · 0"; it now says what the notes give and do not."""
    text = outline(client.get("/surveys/grcp7-2017/")).text
    assert "What is known" in text
    assert "Not recorded: the notes do not list the mechanisms approached." in text
    assert "Mechanisms approached 0" not in text and "Submitted responses 0" not in text
    # Its description's note codes read as the notes' names, footnote-style.
    assert "(000," not in text and "The IOM information note on regional consultations" in text


def test_a_question_without_stored_answers_says_its_figures_are_only_published(client, survey):
    from surveys.models import Question

    question = Question.objects.create(survey=survey, number=2, text="Reviews?", kind="single")
    choice = Choice.objects.create(question=question, position=1, label="Yes")
    PublishedFigure.objects.create(
        survey=survey,
        key="reviews-yes",
        label="Contributed to the reviews",
        statement="60 % contributed.",
        value=60,
        unit="percent",
        basis="respondents",
        question=question,
        choice=choice,
    )
    html = client.get(survey.get_absolute_url()).content.decode()
    section = html[html.index('id="q2"') :]
    section = section[: section.index("</section>")]
    assert "its figures exist only as published in the report" in section
    assert "<table" not in section  # no table of zeros beside the published figure
    assert "Yes: <strong>60%</strong>" in section


def test_written_answers_are_bounded_and_the_rest_is_linked(client, survey):
    """At scale 1 a survey page listed every written answer (556 KB); it lists 50 a question."""
    from surveys.models import Question

    question = Question.objects.create(survey=survey, number=3, text="Practices?", kind="text")
    for i in range(55):
        mechanism = make_mechanism(f"written-{i:02}", acronym=f"WR{i:02}")
        response = Response.objects.create(survey=survey, mechanism=mechanism, status="submitted")
        Answer.objects.create(response=response, question=question, text=f"Practice {i:02}")
    html = client.get(survey.get_absolute_url()).content.decode()
    section = html[html.index('id="q3"') :]
    assert "55 written answers" in section
    assert section.count("Practice ") == 50
    assert "The first 50 of 55" in section
    assert f"/api/v1/responses/?survey={survey.slug}&amp;format=csv" in section
