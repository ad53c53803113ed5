#!/usr/bin/env python3
"""The example CGI script (web/search.cgi) behind a real lighttpd, calling the
real qadex-search: results, its exit codes as HTTP statuses, and hostile
requests (nothing reaches a shell, nothing runs in the page)."""
import sys
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402
from page_checks import assert_safe_html, result_threads  # noqa: E402

BOTOX_ATROPHY = {"page-botox-forehead-atrophy-veins", "thr-botox-atrophy-long-term",
                 "thr-botox-permanent-atrophy-after-stopping"}


class ExampleScript(web.CorpusServerCase):
    output_name = "example_script"

    def tearDown(self):
        self.assertTrue(self.server.alive(), "lighttpd died")

    def get(self, query_string, path=web.EXAMPLE):
        return self.server.get(f"{path}?{query_string}")

    def page(self, r, status):
        self.assertEqual(r.status, status, r.body[:400])
        self.assertNotIn(b"\x00", r.raw)
        text = r.body.decode("utf-8")
        assert_safe_html(self, text, our_script=False)
        self.assertNotIn("Traceback", text)
        return text

    def test_results_with_highlights_facets_and_next_page(self):
        text = self.page(self.get("q=" + quote("does Botox cause atrophy")), 200)
        self.assertTrue(BOTOX_ATROPHY <= set(result_threads_div(text)), result_threads_div(text))
        self.assertIn("<mark>", text)
        self.assertIn('value="does Botox cause atrophy"', text)
        self.assertIn('href="?q=does%20Botox%20cause%20atrophy&amp;filter=specialty%3ADermatologist"', text)
        self.assertIn('rel="next" href="?q=does%20Botox%20cause%20atrophy&amp;page=2"', text)
        filtered = self.page(self.get("q=botox&filter=specialty:Dermatologist"), 200)
        self.assertIn("specialty: <b>Dermatologist</b>", filtered)
        self.page(self.get("q=botox&page=2"), 200)

    def test_landing_page(self):
        self.assertIn('name="q" value=""', self.page(self.server.get(web.EXAMPLE), 200))

    def test_exit_code_0_is_200_even_without_matches(self):
        self.assertIn("No answers found", self.page(self.get("q=qwertyuiopzxcv"), 200))

    def test_exit_code_2_is_400(self):  # qadex-search refuses --page above its maximum
        text = self.page(self.get("q=botox&page=100001"), 400)
        self.assertIn("out of range", text)
        self.assertIn("exited 2", self.server.error_log())

    def test_exit_code_5_is_503_with_retry_after(self):
        r = self.get("q=botox", web.NO_DB_EXAMPLE)
        self.page(r, 503)
        self.assertEqual(r.header("retry-after"), "30")
        self.assertNotIn(b"no-such-database", r.body)

    def test_exit_code_6_is_503_with_retry_after(self):
        r = self.get("q=botox", web.WRONG_SCHEMA_EXAMPLE)
        self.assertIn("upgraded", self.page(r, 503))
        self.assertEqual(r.header("retry-after"), "30")

    def test_exit_code_10_is_503_without_internals(self):
        r = self.get("q=botox", web.CORRUPT_EXAMPLE)  # a damaged database: qadex-search exits 10
        text = self.page(r, 503)
        self.assertEqual(r.header("retry-after"), "30")
        self.assertNotIn("xapian-check", text)
        self.assertNotIn("corrupt-db", text)
        self.assertIn("exited 10", self.server.error_log())

    def test_question_starting_with_a_dash_is_not_an_option(self):
        for q in ("--help", "-d /etc", "--db=/etc --format text", "--version"):
            text = self.page(self.get("q=" + quote(q)), 200)
            self.assertNotIn("Usage:", text)
            self.assertIn(f'value="{q}"', text)

    def test_shell_metacharacters_reach_no_shell(self):
        marker = self.out / "pwned"
        for q in (f"$(touch {marker})", f"`touch {marker}`", f"x; touch {marker}", f"x | touch {marker}",
                  f"x && touch {marker} #", f"'; touch {marker}; '"):
            self.page(self.get("q=" + quote(q)), 200)
        self.assertFalse(marker.exists())

    def test_script_injection_in_query_filter_and_index_is_escaped(self):
        text = self.page(self.get("q=" + quote("<script>alert(1)</script>' \"><img src=x onerror=alert(2)>")), 200)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", text)
        text = self.page(self.get("q=zanzibar+fever&filter=" + quote("source:<script>alert(\"source\")</script>")), 200)
        self.assertIn("Zanzibar hostile &lt;script&gt;", text)
        text = self.page(self.get("q=zanzibar+fever"), 200)
        for unsafe in ("javascript:", "data:", "//evil.example", " javascript:"):
            self.assertNotIn(f'href="{unsafe}', text.lower())

    def test_bad_encodings_nul_and_control_characters_are_400(self):
        for target in ("q=%ff%fe", "q=%zz", "q=botox%", "q=a%00b", "q=%1b[31m", "filter=specialty:%00"):
            self.page(self.get(target), 400)
        self.page(self.server.get(web.EXAMPLE.encode() + b"?q=\xff\xfe"), 400)

    def test_bad_numbers_and_filters_are_400(self):
        for target in ("q=botox&page=-1", "q=botox&page=0", "q=botox&page=abc", "q=botox&page=4294967295",
                       "q=botox&filter=password:x", "q=botox&filter=specialty:"):
            self.page(self.get(target), 400)

    def test_oversized_requests_are_413(self):
        self.page(self.get("q=" + "a" * 5000), 413)
        self.page(self.server.post_form(web.EXAMPLE, "q=" + "a" * 100_000), 413)

    def test_database_parameters_are_ignored(self):
        plain = result_threads_div(self.page(self.get("q=botox"), 200))
        for extra in ("DB=..", "db=/etc", "QADEX_DB=/nonexistent", "QADEX_SEARCH=/bin/sh"):
            self.assertEqual(result_threads_div(self.page(self.get(f"q=botox&{extra}"), 200)), plain, extra)

    def test_post_and_head(self):
        self.assertIn("<mark>", self.page(self.server.post_form(web.EXAMPLE, "q=botox"), 200))
        r = self.server.request("HEAD", f"{web.EXAMPLE}?q=botox")
        self.assertEqual((r.status, r.body), (200, b""))
        self.assertEqual(self.server.request("PUT", f"{web.EXAMPLE}?q=botox").status, 405)


def result_threads_div(page):
    """data-thread of each result block of the example script's page."""
    from page_checks import parse
    return [dict(a).get("data-thread") for t, a in parse(page).tags if t == "div" and ("class", "result") in a]


if __name__ == "__main__":
    web.run_tests([ExampleScript])
