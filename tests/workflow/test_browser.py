"""The questionnaire in headless Chromium, end to end, as a secretariat user would use it.

Skipped when Chromium or chromedriver is missing, unless ISCM_REQUIRE_BROWSER=1 (CI).
"""

import pytest

from surveys.models import Response

from ..pages.test_browser import SCREENSHOTS, browser  # noqa: F401 (fixture)
from .conftest import PASSWORD, make_secretariat, open_next_round

pytestmark = pytest.mark.browser


def _wait_for(driver, text):
    """Wait until the page (after a click's navigation) shows ``text``."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(lambda d: text in d.page_source)


def _log_in(driver, base, username):
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()


def test_secretariat_saves_a_draft_comes_back_and_submits(
    browser,  # noqa: F811
    live_server,
    seeded_transactional_db,
):
    from selenium.webdriver.common.by import By

    survey = open_next_round()
    make_secretariat("bali-chair", "bali-process")
    make_secretariat("rabat-head", "rabat-process")
    base = live_server.url
    respond = f"{base}/surveys/imrf-inputs-2025/respond/bali-process/"

    # The results before: nobody has answered the new round.
    browser.get(f"{base}/surveys/imrf-inputs-2025/")
    assert "Submitted responses\n0" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text

    # Anonymous → the login page, then back to the questionnaire.
    browser.get(respond)
    assert "/accounts/login/" in browser.current_url
    _log_in(browser, base, "bali-chair")
    _wait_for(browser, "response-status")
    assert browser.current_url == respond
    assert "Not started" in browser.find_element(By.ID, "response-status").text

    browser.find_element(By.ID, "id_q3").send_keys("Jane Doe")
    browser.find_element(
        By.XPATH, "//fieldset[@id='question-9']//label[contains(., 'Yes')]"
    ).click()
    browser.find_element(By.CSS_SELECTOR, "button[value=draft]").click()
    _wait_for(browser, "Draft saved")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "workflow-01-draft-saved.png"))

    # Come back later: the draft is there.
    browser.get(f"{base}/surveys/imrf-inputs-2025/")
    browser.get(respond)
    assert browser.find_element(By.ID, "id_q3").get_attribute("value") == "Jane Doe"
    yes = browser.find_element(
        By.XPATH, "//fieldset[@id='question-9']//label[contains(., 'Yes')]/input"
    )
    assert yes.is_selected()
    assert "Draft" in browser.find_element(By.ID, "response-status").text

    browser.find_element(By.CSS_SELECTOR, "button[value=submit]").click()
    _wait_for(browser, "Submitted:")
    assert "Submitted" in browser.find_element(By.ID, "response-status").text
    assert Response.objects.get(survey=survey, mechanism__slug="bali-process").status == "submitted"

    # The results page changed.
    browser.find_element(By.LINK_TEXT, "See the survey's results").click()
    _wait_for(browser, "Results per question")
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "Submitted responses\n1" in facts
    browser.save_screenshot(str(SCREENSHOTS / "workflow-02-results.png"))

    # Another secretariat cannot open Bali's questionnaire.
    browser.get(respond)
    browser.find_element(By.CSS_SELECTOR, "form[action='/accounts/logout/'] button").click()
    _wait_for(browser, "Log in")
    browser.get(f"{base}/accounts/login/?next=/surveys/imrf-inputs-2025/respond/rabat-process/")
    _log_in(browser, base, "rabat-head")
    _wait_for(browser, "response-status")
    assert "rabat-process" in browser.current_url
    browser.get(respond)
    assert "Not Found" in browser.title or "not found" in browser.page_source.lower()
    assert "Jane Doe" not in browser.page_source
