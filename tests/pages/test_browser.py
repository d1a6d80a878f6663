"""The public pages in a real browser: headless Chromium driven by Selenium.

A visitor's path (home → directory filtered to RCPs in Africa → a profile → an objective)
with screenshots at desktop and phone widths in ``artifacts/screenshots/``, and axe-core
(vendored in tests/vendor/axe-core) run on the main pages: no serious or critical
accessibility violation. Skipped when Chromium or chromedriver is missing, unless
ISCM_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.chromium import start_chromium

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
DESKTOP = (1366, 900)
PHONE = (390, 844)
# Taller pages are cut here; the top of a page is what a screenshot needs to show.
MAX_SCREENSHOT_HEIGHT = 3000


@pytest.fixture
def browser(tmp_path):
    driver = start_chromium(
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    )
    driver.set_script_timeout(120)
    yield driver
    driver.quit()


def screenshot(driver, name, size):
    """Save a screenshot of the whole page (up to a height) at the given width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = size
    driver.set_window_size(width, height)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(full, height), MAX_SCREENSHOT_HEIGHT))
    path = SCREENSHOTS / f"{name}-{width}.png"
    assert driver.save_screenshot(str(path)), path
    driver.set_window_size(*DESKTOP)
    return path


def both_widths(driver, name):
    for size in (DESKTOP, PHONE):
        path = screenshot(driver, name, size)
        assert path.stat().st_size > 5_000
    # At phone width nothing may force the page wider than the screen.
    driver.set_window_size(*PHONE)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    driver.set_window_size(*DESKTOP)
    assert overflow <= 1, f"{name}: {overflow}px wider than a phone screen"


def h1(driver):
    from selenium.webdriver.common.by import By

    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert len(headings) == 1
    return headings[0].text


def test_visitor_path_with_screenshots(browser, live_server, seeded_transactional_db):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    wait = WebDriverWait(browser, 30)
    browser.get(live_server.url + "/")
    assert "Inter-State consultation mechanisms" in h1(browser)
    # The stylesheet loaded (served locally): the header has its dark background.
    header_bg = browser.find_element(By.CSS_SELECTOR, ".site-header").value_of_css_property(
        "background-color"
    )
    assert header_bg in ("rgba(11, 58, 102, 1)", "rgb(11, 58, 102)")
    both_widths(browser, "01-home")

    browser.find_element(By.LINK_TEXT, "Mechanism directory").click()
    wait.until(EC.presence_of_element_located((By.ID, "id_kind")))
    Select(browser.find_element(By.ID, "id_kind")).select_by_value("rcp")
    Select(browser.find_element(By.ID, "id_region")).select_by_value("africa")
    browser.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
    wait.until(EC.url_contains("region=africa"))
    assert "kind=rcp" in browser.current_url
    count = browser.find_element(By.ID, "result-count").text
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert rows and count.startswith(f"{len(rows)} mechanism")
    assert all("Regional consultative process" in r.text and "Africa" in r.text for r in rows)
    both_widths(browser, "02-directory-rcps-africa")

    # MIDSA: an RCP in Africa with objectives, survey answers and GRCP participation.
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Southern Africa")
    name = link.text
    link.click()
    wait.until(EC.url_contains("/mechanisms/midsa/"))
    assert name in h1(browser)
    assert "/mechanisms/" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "a.cite"), "facts cite their sources"
    assert browser.find_elements(By.CSS_SELECTOR, ".footnotes li a"), "notes listed by title"
    both_widths(browser, "03-profile")

    browser.get(live_server.url + "/objectives/6/")
    assert "Objective 6" in h1(browser)
    both_widths(browser, "04-objective-6")

    browser.get(live_server.url + "/compact/")
    both_widths(browser, "05-compact")
    browser.get(live_server.url + "/surveys/imrf-inputs-2021/")
    both_widths(browser, "06-survey-2021")


def test_search_to_objective_walk_with_screenshots(browser, live_server, seeded_transactional_db):
    """Issue 11: search → profile → State → event → coverage matrix → objective."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.search.conftest import make_issue10_records

    make_issue10_records()
    wait = WebDriverWait(browser, 30)
    browser.get(live_server.url + "/")
    box = browser.find_element(By.ID, "site-search")
    box.send_keys("Puebla", Keys.ENTER)
    wait.until(EC.url_contains("/search/?q=Puebla"))
    assert browser.find_elements(By.CSS_SELECTOR, "#kind-mechanism")
    assert browser.find_elements(By.CSS_SELECTOR, ".snippet mark")
    both_widths(browser, "11-search-puebla")

    browser.find_element(By.PARTIAL_LINK_TEXT, "Regional Conference on Migration").click()
    wait.until(EC.url_contains("/mechanisms/rcm/"))
    assert (
        "is a regional consultative process" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    )
    both_widths(browser, "12-profile-rcm")

    browser.get(live_server.url + "/search/?q=Mexico")
    browser.find_element(By.CSS_SELECTOR, "#kind-country ~ ol a").click()
    wait.until(EC.url_contains("/countries/MX/"))
    assert "Mexico" in h1(browser)
    both_widths(browser, "13-state-mexico")

    browser.find_element(By.PARTIAL_LINK_TEXT, "GRCP 9").click()
    wait.until(EC.url_contains("/events/grcp-9/"))
    assert "GRCP 9" in h1(browser)
    both_widths(browser, "14-event-grcp-9")
    browser.get(live_server.url + "/events/")
    both_widths(browser, "15-events-timeline")

    browser.get(live_server.url + "/coverage/?kind=rcp")
    assert browser.find_elements(By.CSS_SELECTOR, "table.matrix td.on")
    both_widths(browser, "16-coverage-rcps")
    browser.find_element(By.CSS_SELECTOR, "table.matrix thead a[href='/objectives/6/']").click()
    wait.until(EC.url_contains("/objectives/6/"))
    assert "Objective 6" in h1(browser)
    both_widths(browser, "17-objective-6")
    browser.get(live_server.url + "/about/")
    both_widths(browser, "18-about")
    browser.get(live_server.url + "/countries/")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.map-svg path.shade-1")
    both_widths(browser, "19-states-map")
    browser.get(live_server.url + "/compact/?document=gcm-final")
    both_widths(browser, "20-compact-final")
    browser.get(live_server.url + "/accounts/login/")
    username = browser.find_element(By.ID, "id_username")
    password = browser.find_element(By.ID, "id_password")
    assert username.size == password.size  # the log-in form's fields alike
    both_widths(browser, "21-login")


NEW_AXE_PAGES = [
    "/search/?q=migration",
    "/search/?q=forum&kind=mechanism",
    "/search/?q=zzqxw",
    "/countries/",
    "/countries/MX/",
    "/events/",
    "/events/grcp-9/",
    "/statements/",
    "/coverage/",
    "/about/",
    "/mechanisms/rcm/",
    "/mechanisms/bali-process/",
    "/compact/?document=gcm-final",
    "/accounts/login/",
]


def test_new_pages_have_no_serious_accessibility_violations(
    browser, live_server, seeded_transactional_db
):
    from tests.search.conftest import make_issue10_records

    make_issue10_records()
    problems = run_axe(browser, live_server, NEW_AXE_PAGES)
    assert not problems, problems


def run_axe(browser, live_server, urls):
    axe_source = AXE.read_text(encoding="utf-8")
    problems = {}
    for url in urls:
        browser.get(live_server.url + url)
        browser.execute_script(axe_source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));"
        )
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        if serious:
            problems[url] = serious
    return problems


AXE_PAGES = [
    "/",
    "/mechanisms/",
    "/mechanisms/?kind=rcp&region=africa",
    "/mechanisms/midsa/",
    "/objectives/6/",
    "/compact/",
    "/surveys/imrf-inputs-2021/",
    "/regions/africa/",
    "/sources/",
    "/mechanisms/no-such-mechanism/",
]


def test_no_serious_accessibility_violations(browser, live_server, seeded_transactional_db):
    axe_source = AXE.read_text(encoding="utf-8")
    problems = {}
    for url in AXE_PAGES:
        browser.get(live_server.url + url)
        browser.execute_script(axe_source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));"
        )
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        if serious:
            problems[url] = serious
    assert not problems, problems
