#!/usr/bin/env python3
"""Suggestions as you type in a real headless Chromium behind a real
lighttpd: typing "diab" lists suggestions under the box (an ARIA combobox)
that include "diabetes"; Arrow Down + Enter searches the chosen one; Escape
closes the list; with scripts off the page is a plain search form.
Skipped (77) only when Chromium or its driver is not installed."""
import shutil
import sys
import unittest
from pathlib import Path
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or shutil.which("chromedriver", path="/usr/lib/chromium")
if not CHROMIUM or not CHROMEDRIVER:
    print(f"SKIPPED: Chromium or chromedriver not installed (chromium={CHROMIUM}, chromedriver={CHROMEDRIVER})")
    sys.exit(web.SKIP)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SUGGEST_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "suggest.jsonl"


def chrome(out, scripts=True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                f"--user-data-dir={out / ('chromium-profile' if scripts else 'chromium-profile-noscript')}"):
        options.add_argument(arg)
    if not scripts:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=CHROMEDRIVER, log_path=str(out / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


class SuggestInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = web.output_dir("browser_suggest")
        cls.db = cls.out / "db"
        web.build_database(cls.db, *web.corpus_inputs(), SUGGEST_FIXTURE)
        cls.server = web.Server(cls.out, cls.db).start()
        try:
            cls.driver = chrome(cls.out)
        except Exception:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def wait(self):
        return WebDriverWait(self.driver, 15)

    def box(self):
        self.driver.get(self.server.url(web.QADEX))
        return self.wait().until(EC.presence_of_element_located((By.NAME, "q")))

    def options(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "#qadex-suggestions [role=option]")

    def type_and_wait_for_list(self, text):
        box = self.box()
        box.send_keys(text)
        self.wait().until(lambda d: self.options())
        return box

    def test_1_typing_shows_suggestions_in_a_combobox(self):
        box = self.type_and_wait_for_list("diab")
        texts = [o.text.split("\n")[0] for o in self.options()]
        self.assertIn("diabetes", texts)
        self.assertEqual(texts[0], "diabetes")
        self.assertEqual(box.get_attribute("role"), "combobox")
        self.assertEqual(box.get_attribute("aria-expanded"), "true")
        self.assertEqual(box.get_attribute("aria-controls"), "qadex-suggestions")
        listbox = self.driver.find_element(By.ID, "qadex-suggestions")
        self.assertEqual(listbox.get_attribute("role"), "listbox")
        self.assertTrue(listbox.is_displayed())
        self.driver.save_screenshot(str(self.out / "suggestions.png"))

    def test_2_arrow_down_and_enter_search_the_suggestion(self):
        box = self.type_and_wait_for_list("diab")
        box.send_keys(Keys.ARROW_DOWN)
        first = self.options()[0]
        self.assertEqual(first.get_attribute("aria-selected"), "true")
        self.assertEqual(box.get_attribute("aria-activedescendant"), first.get_attribute("id"))
        box.send_keys(Keys.ENTER)
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.result")))
        self.assertEqual(parse_qs(urlparse(self.driver.current_url).query)["q"], ["diabetes"])
        self.assertEqual(self.driver.find_element(By.NAME, "q").get_attribute("value"), "diabetes")
        threads = [r.get_attribute("data-thread") for r in self.driver.find_elements(By.CSS_SELECTOR, "li.result")]
        self.assertIn("sg-diabetes-type-2-diet", threads)

    def test_3_arrow_up_wraps_and_escape_closes(self):
        box = self.type_and_wait_for_list("diab")
        box.send_keys(Keys.ARROW_UP)
        self.assertEqual(self.options()[-1].get_attribute("aria-selected"), "true")
        box.send_keys(Keys.ESCAPE)
        self.assertEqual(self.options(), [])
        self.assertEqual(box.get_attribute("aria-expanded"), "false")
        self.assertIn("diab", self.driver.current_url + box.get_attribute("value"))

    def test_4_misspelt_prefix_still_offers_the_word(self):
        self.type_and_wait_for_list("diabtes")
        self.assertEqual(self.options()[0].text.split("\n")[0], "diabetes")

    def test_5_without_scripts_the_form_still_searches(self):
        driver = chrome(self.out, scripts=False)
        try:
            driver.get(self.server.url(web.QADEX))
            box = driver.find_element(By.NAME, "q")
            self.assertIsNone(box.get_attribute("role"))
            box.send_keys("diabetes" + Keys.ENTER)
            WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.result")))
            self.assertEqual(driver.find_elements(By.ID, "qadex-suggestions"), [])
        finally:
            driver.quit()


if __name__ == "__main__":
    web.run_tests([SuggestInBrowser])
