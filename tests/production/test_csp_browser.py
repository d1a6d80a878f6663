"""Headless Chromium records zero Content-Security-Policy violations on the pages people use.

A listener installed before any page script runs collects every `securitypolicyviolation`
event; the browser's console is checked too. Visited: public pages, the admin index, every
registered admin's list, add and change pages, the import/export pages where an admin has
them, and the Swagger UI at /api/docs/ (which must also actually render the schema).
"""

import contextlib

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.chromium import start_chromium

pytestmark = [pytest.mark.browser]


COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def browser():
    driver = start_chromium(browser_log=True, page_load_timeout=30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COLLECT_VIOLATIONS})
    yield driver
    driver.quit()


def violations(driver) -> list[str]:
    found = list(driver.execute_script("return window.__cspViolations || []"))
    found += [
        entry["message"]
        for entry in driver.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]
    return found


def admin_paths() -> list[str]:
    paths = ["/admin/"]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        paths.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
        for action in ("import", "export"):
            with contextlib.suppress(NoReverseMatch):  # admins without import/export
                paths.append(reverse("admin:{}_{}_{}".format(*info, action)))
    return paths


def public_paths() -> list[str]:
    from gcm.models import Objective
    from mechanisms.models import Mechanism, Region
    from sources.models import Document
    from surveys.models import Survey

    paths = ["/", "/mechanisms/", "/regions/", "/objectives/", "/compact/", "/surveys/"]
    paths += ["/sources/", "/api/docs/"]
    for model in (Document, Mechanism, Objective, Region, Survey):
        obj = model._default_manager.order_by("pk").first()
        if obj is not None and hasattr(obj, "get_absolute_url"):
            with contextlib.suppress(NoReverseMatch):  # the page is not routed yet
                paths.append(obj.get_absolute_url())
    return paths


def test_no_csp_violations(seeded_transactional_db, live_server, browser, django_user_model):
    user = django_user_model.objects.create_superuser("csp-admin", password="csp-pass-123")
    from django.test import Client

    client = Client()
    client.force_login(user)
    browser.get(live_server.url + "/admin/login/")
    browser.add_cookie(
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "path": "/"}
    )

    paths = public_paths() + admin_paths()
    assert "/admin/auth/user/add/" in paths
    report = {}
    for path in paths:
        browser.get(live_server.url + path)
        assert "Server Error" not in browser.title, path
        found = violations(browser)
        if found:
            report[path] = found
    assert report == {}


def test_swagger_ui_renders_under_csp(seeded_transactional_db, live_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    try:
        path = reverse("swagger-ui")
    except NoReverseMatch:
        path = "/api/docs/"
    browser.get(live_server.url + path)
    # Operations are listed only once Swagger UI has fetched and parsed the schema (its
    # title block shows earlier). Waiting for them also keeps the schema request from
    # still running on the live server when the test's database is flushed.
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".swagger-ui .opblock"))
    )
    assert "/api/v1/mechanisms/" in browser.find_element(By.CSS_SELECTOR, ".swagger-ui").text
    assert violations(browser) == []
