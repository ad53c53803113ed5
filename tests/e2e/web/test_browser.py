#!/usr/bin/env python3
"""qadex.cgi in a real headless Chromium (Debian chromium + chromium-driver,
driven by Debian's python3-selenium) behind a real lighttpd: search for the
demo question, see the expected answers with their highlights, follow a
facet link, the next-page link and a "+N more answers" link; hostile index
content runs nothing. Screenshots go to this test's output directory.
Skipped (77) only when Chromium or its driver is not installed."""
import shutil
import sys
import unittest
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or shutil.which("chromedriver", path="/usr/lib/chromium")
if not CHROMIUM or not CHROMEDRIVER:
    print(f"SKIPPED: Chromium or chromedriver not installed (chromium={CHROMIUM}, chromedriver={CHROMEDRIVER}); "
          "scripts/install-deps --test installs them")
    sys.exit(web.SKIP)

from selenium import webdriver  # noqa: E402  (python3-selenium: a real failure if missing)
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

QUESTION = "does Botox cause atrophy"
BOTOX_ATROPHY = {"page-botox-forehead-atrophy-veins", "thr-botox-atrophy-long-term",
                 "thr-botox-permanent-atrophy-after-stopping"}


class Browser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = web.output_dir("browser")
        cls.db = cls.out / "db"
        web.build_database(cls.db, *web.corpus_inputs())
        cls.server = web.Server(cls.out, cls.db).start()
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                    f"--user-data-dir={cls.out / 'chromium-profile'}"):
            options.add_argument(arg)
        service = Service(executable_path=CHROMEDRIVER, log_path=str(cls.out / "chromedriver.log"))
        try:
            cls.driver = webdriver.Chrome(service=service, options=options)
        except Exception:
            cls.server.stop()
            raise
        cls.driver.set_page_load_timeout(30)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def wait(self):
        return WebDriverWait(self.driver, 15)

    def shot(self, name):
        path = self.out / f"{name}.png"
        self.assertTrue(self.driver.save_screenshot(str(path)), f"screenshot {path}")
        self.assertGreater(path.stat().st_size, 10_000)
        print(f"screenshot: {path}")

    def results(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "li.result")

    def threads(self):
        return [r.get_attribute("data-thread") for r in self.results()]

    def assert_no_alert(self):
        try:
            alert = self.driver.switch_to.alert
            self.fail(f"a script ran: alert {alert.text!r}")
        except NoAlertPresentException:
            pass

    def assert_only_our_script(self):
        """The page's one script is ours: the suggestions file from the CGI itself."""
        scripts = [s.get_attribute("src") for s in self.driver.find_elements(By.TAG_NAME, "script")]
        self.assertEqual(len(scripts), 1, scripts)
        self.assertRegex(scripts[0], r"^http://127\.0\.0\.1:\d+/cgi-bin/qadex\.cgi\?asset=suggest\.js&v=[0-9a-f]{16}$")

    def search_from_the_landing_page(self):
        self.driver.get(self.server.url(web.QADEX))
        box = self.wait().until(EC.presence_of_element_located((By.NAME, "q")))
        self.assertEqual(self.driver.switch_to.active_element, box)  # autofocus
        box.send_keys(QUESTION)
        box.send_keys(Keys.ENTER)
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.result")))

    def test_1_search_shows_expected_answers_with_highlights(self):
        self.search_from_the_landing_page()
        self.assertEqual(parse_qs(urlparse(self.driver.current_url).query)["q"], [QUESTION])
        self.assertEqual(self.driver.find_element(By.NAME, "q").get_attribute("value"), QUESTION)
        self.assertTrue(BOTOX_ATROPHY <= set(self.threads()), self.threads())
        self.assertEqual(len(self.results()), 10)
        summary = self.driver.find_element(By.CSS_SELECTOR, ".summary").text
        self.assertRegex(summary, r"Answers 1\u201310 of (about )?\d+")
        marks = self.driver.find_elements(By.CSS_SELECTOR, "li.result .snippet mark")
        self.assertGreater(len(marks), 5)
        self.assertTrue(all(m.is_displayed() for m in marks))
        self.assertIn(marks[0].text.lower(), {"botox", "cause", "causes", "atrophy", "atrophied", "atrophies"})
        background = marks[0].value_of_css_property("background-color")
        self.assertNotIn(background, ("rgba(0, 0, 0, 0)", "transparent"))
        first = self.results()[0]
        self.assertTrue(first.find_element(By.CSS_SELECTOR, "h2").text)
        self.assertRegex(first.find_element(By.CSS_SELECTOR, ".meta").text, r"\S")
        self.shot("results")

    def test_2_facet_link_filters_the_results(self):
        self.search_from_the_landing_page()
        before = len(self.results())
        link = self.driver.find_element(By.CSS_SELECTOR, "aside.facets h3 + ul a")
        value = link.text
        link.click()
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.filters")))
        params = parse_qs(urlparse(self.driver.current_url).query)
        self.assertEqual(params["q"], [QUESTION])
        self.assertEqual(params["filter"], [f"specialty:{value}"])
        self.assertIn(value, self.driver.find_element(By.CSS_SELECTOR, "ul.filters").text)
        self.assertGreater(len(self.results()), 0)
        self.assertLessEqual(len(self.results()), before)
        for meta in self.driver.find_elements(By.CSS_SELECTOR, "li.result .meta"):
            self.assertIn(value, meta.text)
        self.shot("facet")

    def test_3_next_page_link(self):
        self.search_from_the_landing_page()
        page_one = self.threads()
        self.driver.find_element(By.CSS_SELECTOR, "a.next").click()
        self.wait().until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".summary"), "Answers 11\u2013"))
        self.assertEqual(parse_qs(urlparse(self.driver.current_url).query)["page"], ["2"])
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "nav.pages .current").text, "2")
        self.assertFalse(set(page_one) & set(self.threads()))
        self.shot("page-2")

    def test_4_more_answers_link_opens_the_thread(self):
        self.search_from_the_landing_page()
        link = self.driver.find_element(By.CSS_SELECTOR, "li.result .more a")
        thread = link.find_element(By.XPATH, "ancestor::li").get_attribute("data-thread")
        more = int(link.text.split()[0].lstrip("+"))
        link.click()
        article = self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.thread")))
        self.assertEqual(article.get_attribute("data-thread"), thread)
        self.assertGreaterEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "section.answer")), more + 1)
        self.shot("thread")

    def test_5_hostile_index_content_runs_nothing(self):
        self.driver.get(self.server.url(f"{web.QADEX}?q={quote('zanzibar fever')}"))
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.result")))
        self.assert_no_alert()
        for tag in ("iframe", "img", "svg"):
            self.assertEqual(self.driver.find_elements(By.TAG_NAME, tag), [], tag)
        self.assert_only_our_script()
        titles = [h.text for h in self.driver.find_elements(By.CSS_SELECTOR, "li.result h2")]
        self.assertIn("Zanzibar hostile <script>alert('title')</script> \"quoted' & <b>bold</b>", titles)
        for a in self.driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            self.assertRegex(a.get_attribute("href"), r"^https?://")  # resolved: no javascript:/data:
        # Follow the hostile facet value and the hostile thread id: still nothing runs.
        self.driver.find_element(By.PARTIAL_LINK_TEXT, "<script>alert(\"source\")").click()
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.filters")))
        self.assert_no_alert()
        self.driver.find_element(By.CSS_SELECTOR, "li.result .more a").click()
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.thread")))
        self.assert_no_alert()
        self.assert_only_our_script()
        self.shot("hostile")

    def test_6_small_screen_layout(self):
        self.driver.set_window_size(390, 844)
        try:
            self.driver.get(self.server.url(f"{web.QADEX}?q={quote(QUESTION)}"))
            self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.result")))
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
            viewport = self.driver.execute_script("return window.innerWidth")
            self.assertLessEqual(width, viewport, "no horizontal scrolling on a phone")
            self.shot("results-phone")
        finally:
            self.driver.set_window_size(1280, 1000)

    def test_7_example_script_page(self):
        self.driver.get(self.server.url(web.EXAMPLE))
        box = self.wait().until(EC.presence_of_element_located((By.NAME, "q")))
        box.send_keys(QUESTION)
        box.submit()
        self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "div.result")))
        threads = {d.get_attribute("data-thread") for d in self.driver.find_elements(By.CSS_SELECTOR, "div.result")}
        self.assertTrue(BOTOX_ATROPHY <= threads, threads)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "div.result mark"))
        self.shot("example-script")

    def test_8_the_page_through_fastcgi(self):
        """The same page from qadex.fcgi under lighttpd's mod_fastcgi: results, highlights, our script."""
        (self.out / "fastcgi").mkdir(exist_ok=True)
        with web.Server(self.out / "fastcgi", self.db, mode="fastcgi") as fastcgi:
            self.driver.get(fastcgi.url(web.QADEX))
            box = self.wait().until(EC.presence_of_element_located((By.NAME, "q")))
            box.send_keys(QUESTION)
            box.send_keys(Keys.ENTER)
            self.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.result")))
            self.assertEqual(parse_qs(urlparse(self.driver.current_url).query)["q"], [QUESTION])
            self.assertTrue(BOTOX_ATROPHY <= set(self.threads()), self.threads())
            self.assertGreater(len(self.driver.find_elements(By.CSS_SELECTOR, "li.result .snippet mark")), 5)
            self.assert_only_our_script()
            self.assert_no_alert()
            self.shot("results-fastcgi")


if __name__ == "__main__":
    web.run_tests([Browser])
