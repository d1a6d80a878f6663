"""An IPD editor's six daily tasks in headless Chromium at 1366 px, with screenshots.

1. fix a mechanism's description (a bad year first: the error summary at the top), then
   read the history's word diff; 2. import a spreadsheet (errors in plain view, then a
   preview that says nothing is imported yet); 3. try to delete a cited note (refusal
   grouped and linked); 4. link a secretariat user to a mechanism (searchable user box);
   5. find RCM by its former name and references naming GFMD; 6. open a survey round's
   pages and the copy-a-round form. Screenshots: ``artifacts/screenshots/admin-*.png``.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.chromium import start_chromium

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
WIDTH, HEIGHT = 1366, 900
PASSWORD = "a-long-editor-pass-42"


@pytest.fixture
def browser(tmp_path):
    driver = start_chromium(
        f"--user-data-dir={tmp_path / 'chromium-profile'}", f"--window-size={WIDTH},{HEIGHT}"
    )
    yield driver
    driver.quit()


@pytest.fixture
def editor_browser(browser, live_server, seeded_transactional_db, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    monkeypatch.setenv("ISCM_EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "ipd-editor", "--no-input")
    browser.get(live_server.url + "/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys("ipd-editor")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    login_page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    # Logged in once the log-in page is replaced (the login page's title also names the
    # registry, so checking the title alone raced the POST under load).
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(login_page))
    assert "/admin/login/" not in browser.current_url, browser.title
    return browser


def shot(driver, name, *, full=False):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(WIDTH, min(max(height, HEIGHT), 3000))
    path = SCREENSHOTS / f"admin-{name}.png"
    assert driver.save_screenshot(str(path))
    driver.set_window_size(WIDTH, HEIGHT)
    return path


def wait_for(driver, element_id):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.ID, element_id)))


def no_sideways_scroll(driver):
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def visible_top(driver, element_id):
    """The element's top, relative to the window, once the page has loaded."""
    return driver.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top", element_id
    )


def test_change_form_errors_are_summarised_at_the_top(editor_browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    from mechanisms.models import Mechanism

    driver = editor_browser
    rcm = Mechanism.objects.get(slug="rcm")
    driver.get(f"{live_server.url}/admin/mechanisms/mechanism/{rcm.pk}/change/")
    year = driver.find_element(By.ID, "id_year_established")
    year.clear()
    year.send_keys("1800")
    driver.find_element(By.NAME, "_continue").click()

    summary = wait_for(driver, "error-summary")
    assert summary.is_displayed()
    assert visible_top(driver, "error-summary") < 300  # in view without scrolling
    link = summary.find_element(By.CSS_SELECTOR, "a[href='#id_year_established']")
    assert "Year established" in link.text
    assert "1900" in summary.text
    shot(driver, "1-error-summary")
    link.click()
    assert driver.execute_script("return location.hash") == "#id_year_established"

    # The fix, with a reason; the history shows the changed words and who changed them.
    year = driver.find_element(By.ID, "id_year_established")
    year.clear()
    year.send_keys(str(rcm.year_established or 1996))
    description = driver.find_element(By.ID, "id_description")
    description.send_keys(" Typo fixd.")
    driver.find_element(By.ID, "id_change_reason").send_keys("Typo in the description")
    old_page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.NAME, "_continue").click()
    # Wait for the answer to replace the page with the old summary (it raced under load).
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(old_page))
    errors = driver.find_elements(By.ID, "error-summary")
    assert not errors, errors[0].text
    driver.get(f"{live_server.url}/admin/mechanisms/mechanism/{rcm.pk}/history/")
    table = driver.find_element(By.ID, "change-history")
    assert "<ins>Typo fixd.</ins>" in table.get_attribute("innerHTML") or "fixd." in table.text
    assert "ipd-editor" in table.text and "Typo in the description" in table.text
    assert "None" not in table.text
    shot(driver, "2-history")


def test_import_preview_shows_errors_in_plain_view_then_a_clear_preview(
    editor_browser, live_server, tmp_path
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.wait import WebDriverWait

    from mechanisms.models import Mechanism

    driver = editor_browser

    def upload(content):
        path = tmp_path / "mechanisms.csv"
        path.write_text(content)
        driver.get(f"{live_server.url}/admin/mechanisms/mechanism/import/")
        wait_for(driver, "id_import_file")
        driver.find_element(By.ID, "id_import_file").send_keys(str(path))
        Select(driver.find_element(By.ID, "id_format")).select_by_visible_text("csv")
        driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()

    upload(
        "slug,name,kind,status,regions,year_established\n"
        "test-b-1,Browser One,Regional consultative process (RCP),Active,europe,1999\n"
        "test-b-2,Browser Two,rcp,asleep,,nineteen\n"
    )
    wait_for(driver, "import-status")
    errors = driver.find_element(By.ID, "import-errors")
    assert errors.is_displayed()
    assert "Unknown regions: 'europe'. Valid values:" in errors.text
    assert "'nineteen' is not a number" in errors.text
    assert "Valid values: active (Active)" in errors.text
    assert "Nothing was imported" in driver.find_element(By.ID, "import-status").text
    shot(driver, "3-import-errors", full=True)

    upload(
        "slug,name,kind,status,regions\n"
        "test-b-1,Browser One,Regional consultative process (RCP),Active,Africa\n"
    )
    status = wait_for(driver, "import-status")
    assert "Preview only: nothing has been imported yet." in status.text
    assert not Mechanism.objects.filter(slug="test-b-1").exists()
    shot(driver, "4-import-preview")
    old_page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.NAME, "confirm").click()
    # The import has run once the answer replaced the preview (it raced under load).
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(old_page))
    assert Mechanism.objects.get(slug="test-b-1").status == "active"


def test_refusal_membership_search_and_survey_pages(editor_browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from sources.models import Document
    from surveys.models import Survey

    driver = editor_browser
    base = live_server.url

    # 3. Delete a cited note: refused, grouped by kind with counts and links, a way back.
    note = Document.objects.filter(slug__startswith="iom-note").first()
    driver.get(f"{base}/admin/sources/document/{note.pk}/delete/")
    refusal = wait_for(driver, "delete-refused")
    assert refusal.find_elements(By.TAG_NAME, "h3")
    assert refusal.find_elements(By.CSS_SELECTOR, "li a")
    assert driver.find_element(By.LINK_TEXT, f"Back to {note}")
    assert no_sideways_scroll(driver) <= 1
    shot(driver, "5-delete-refused")

    # 4. A secretariat membership: the user is found by typing part of the name.
    get_user_model().objects.create_user("amina", email="amina@sec.example", first_name="Amina")
    driver.get(f"{base}/admin/secretariats/membership/add/")
    driver.find_element(By.CSS_SELECTOR, ".field-user .select2-selection").click()
    search = driver.find_element(By.CSS_SELECTOR, ".select2-search__field")
    search.send_keys("amin")
    from selenium.common.exceptions import StaleElementReferenceException

    # Select2 shows "Searching…" first and redraws its list when the answer comes: wait for
    # the option naming the user itself (a redraw mid-check just means look again).
    def user_option(d):
        for element in d.find_elements(By.CSS_SELECTOR, ".select2-results__option"):
            if "amina" in element.text and element.is_displayed():
                return element
        return False

    wait = WebDriverWait(driver, 20, ignored_exceptions=(StaleElementReferenceException,))
    option = wait.until(user_option)
    shot(driver, "6-membership-user-search")
    try:
        option.click()
    except StaleElementReferenceException:
        wait.until(user_option).click()

    # 5. Finding: RCM by its former name, with the match shown; GFMD references.
    driver.get(f"{base}/admin/mechanisms/mechanism/?q=Puebla")
    rows = driver.find_elements(By.CSS_SELECTOR, "#result_list tbody tr")
    assert len(rows) == 1 and "Puebla" in rows[0].text
    assert no_sideways_scroll(driver) <= 1
    shot(driver, "7-search-former-name")
    driver.get(f"{base}/admin/gcm/reference/?q=GFMD")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#result_list tbody tr")) > 3
    assert no_sideways_scroll(driver) <= 1
    shot(driver, "8-references-gfmd")

    # 6. The survey round's pages from its change page; the copy form.
    survey = Survey.objects.get(slug="imrf-inputs-2021")
    driver.get(f"{base}/admin/surveys/survey/{survey.pk}/change/")
    driver.find_element(
        By.CSS_SELECTOR, f"a[href='/admin/surveys/survey/{survey.pk}/status/']"
    ).click()
    assert wait_for(driver, "status-table")
    driver.get(f"{base}/admin/surveys/survey/")
    driver.find_element(
        By.CSS_SELECTOR, f"input[name=_selected_action][value='{survey.pk}']"
    ).click()
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.NAME, "action")).select_by_value("copy_round")
    driver.find_element(By.NAME, "index").click()
    assert wait_for(driver, "id_opens_at").get_attribute("type") == "date"
    assert driver.find_element(By.ID, "id_slug").get_attribute("value") == "imrf-inputs-2022"
    assert driver.find_element(By.CSS_SELECTOR, ".breadcrumbs").text.endswith("New round")
    shot(driver, "9-copy-round")
