"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver).

Skipped when either is missing, unless ISCM_REQUIRE_BROWSER=1 (CI), where a missing
browser is a failure.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def start_chromium(*extra_flags, browser_log=False, page_load_timeout=60):
    """A headless Chromium WebDriver; ``browser_log`` keeps the console for ``get_log``."""
    if not CHROMIUM or not os.path.exists(CHROMEDRIVER):
        message = "headless Chromium tests need Debian's chromium and chromium-driver"
        if os.environ.get("ISCM_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (ISCM_REQUIRE_BROWSER=1)")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, *extra_flags):
        options.add_argument(flag)
    if browser_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Service with an explicit path: Selenium Manager never tries to download a driver.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(page_load_timeout)
    return driver
