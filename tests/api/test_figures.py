"""Published and computed figures carry their numerator, denominator and rounding, and say
in words why a count from the registry's data may differ (issue 16, item 6)."""

import pytest

pytestmark = pytest.mark.django_db


def _figures(api):
    rows = api.get("/api/v1/published-figures/?page_size=500").json()["results"]
    return {row["key"]: row for row in rows}


def test_published_percentages_carry_their_fraction(api):
    figures = _figures(api)
    of_respondents = figures["regional-reviews-pct-respondents"]
    assert (of_respondents["numerator"], of_respondents["denominator"]) == (9, 15)
    of_approached = figures["regional-reviews-pct-approached"]
    assert (of_approached["numerator"], of_approached["denominator"]) == (9, 29)
    assert of_approached["rounding"].startswith("whole percent, half up")
    assert of_approached["recomputable"] is True


def test_a_figure_the_data_cannot_recompute_says_why(api):
    figures = _figures(api)
    objective_10 = figures["objective-10-count"]
    assert objective_10["recomputable"] is False
    assert objective_10["numerator"] == 9 and objective_10["denominator"] is None
    assert "mechanisms/?objective=" in objective_10["coverage"]
    mechanisms = api.get("/api/v1/mechanisms/?objective=10").json()["count"]
    assert mechanisms != 9  # the reason the coverage note exists
    undecided = figures["imrf-undecided-count"]
    assert "not recomputed" in undecided["coverage"]
    assert "does not say which four" in undecided["coverage"]


def test_published_figures_list_in_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert api.get("/api/v1/published-figures/?page_size=500").status_code == 200


def test_computed_results_carry_numerator_denominator_rounding(api):
    body = api.get("/api/v1/surveys/imrf-inputs-2021/results/").json()
    for question in body["questions"]:
        for choice in question["choices"]:
            assert choice["numerator"] == choice["count"]
            assert choice["denominator"] == body["respondents"]
            assert "whole percent" in choice["rounding"]
    compared = {f["key"]: f for f in body["figures"]}
    reviews = compared["regional-reviews-pct-respondents"]
    assert reviews["computed"] is not None
    assert reviews["denominator"] == body["respondents"]
    assert reviews["coverage"]
    assert all("coverage" in f and "rounding" in f for f in body["figures"])
