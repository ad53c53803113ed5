#!/usr/bin/env python3
"""qadex.cgi behind a real lighttpd: what an ordinary visitor and a JSON
client get (statuses, headers, the page's parts, the JSON schema)."""
import json
import re
import subprocess
import sys
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402
from page_checks import assert_safe_html, parse, result_threads  # noqa: E402

BOTOX_ATROPHY = {"page-botox-forehead-atrophy-veins", "thr-botox-atrophy-long-term",
                 "thr-botox-permanent-atrophy-after-stopping"}
QUERY = "does Botox cause atrophy"


class CgiOverHttp(web.CorpusServerCase):
    output_name = "cgi_http"

    def search(self, query_string, **kw):
        return self.server.get(f"{web.QADEX}?{query_string}", **kw)

    def test_results_page_has_query_count_results_snippets_facets_and_pages(self):
        r = self.search("q=" + quote(QUERY))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "text/html; charset=utf-8")
        self.assertEqual(int(r.header("content-length")), len(r.body))
        page = r.text
        assert_safe_html(self, page)
        self.assertIn(f'name="q" value="{QUERY}"', page)  # the search box keeps the query
        self.assertRegex(page, r'class="summary">Answers 1\u201310 of (?:about )?\d+')
        self.assertTrue(BOTOX_ATROPHY <= set(result_threads(page)), result_threads(page))
        self.assertIn("<mark>Botox</mark>", page)
        self.assertIn("Plastic Surgeon", page)           # attribution: specialty
        self.assertRegex(page, r"\u2605 \d\.\d/5 \(\d+ reviews?\)")  # rating
        self.assertRegex(page, r'<p class="more"><a href="\?thread=[^"]+&amp;q=does%20Botox%20cause%20atrophy">\+\d+ more answers? to this question</a>')
        for facet in ("specialty", "source", "category"):
            self.assertIn(f"<h3>{facet}</h3>", page)
        self.assertIn('href="?q=does%20Botox%20cause%20atrophy&amp;filter=specialty%3ADermatologist"', page)
        self.assertIn('<a class="next" rel="next" href="?q=does%20Botox%20cause%20atrophy&amp;page=2">', page)

    def test_security_headers_allow_only_our_script_and_no_referrers(self):
        r = self.search("q=botox")
        csp = r.header("content-security-policy")
        self.assertIn("default-src 'none'", csp)
        directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
        self.assertEqual(directives["script-src"], ["'self'"])  # no inline script, no eval, no other site
        self.assertEqual(directives["connect-src"], ["'self'"])  # the script asks only the CGI
        self.assertEqual(r.header("x-content-type-options"), "nosniff")
        self.assertEqual(r.header("referrer-policy"), "no-referrer")

    def test_facet_link_filters_and_filter_can_be_removed(self):
        r = self.search("q=botox&filter=specialty:Dermatologist")
        self.assertEqual(r.status, 200)
        self.assertIn("specialty: <b>Dermatologist</b>", r.text)
        self.assertIn('href="?q=botox" title="Remove this filter"', r.text)
        unfiltered = self.search("q=botox")
        self.assertLess(self.count(r.text), self.count(unfiltered.text))
        # FIELD=VALUE is the same filter as FIELD:VALUE, and a hidden input keeps it for the next question.
        same = self.search("q=botox&filter=" + quote("specialty=Dermatologist"))
        self.assertEqual(result_threads(same.text), result_threads(r.text))
        self.assertIn('<input type="hidden" name="filter" value="specialty:Dermatologist">', r.text)

    @staticmethod
    def count(page):
        import re
        m = re.search(r"of (?:about )?(\d+)", page)
        return int(m.group(1)) if m else 0

    def test_next_page_continues_the_ranking(self):
        first = self.search("q=botox")
        second = self.search("q=botox&page=2")
        self.assertEqual(second.status, 200)
        self.assertIn("Answers 11\u2013", second.text)
        self.assertFalse(set(result_threads(first.text)) & set(result_threads(second.text)))
        self.assertIn('<a class="prev" rel="prev" href="?q=botox">', second.text)

    def test_per_page_is_capped_at_100(self):
        r = self.search("q=botox&per_page=100000&format=json")
        self.assertEqual(r.status, 200)
        self.assertEqual(json.loads(r.body)["per_page"], 100)

    def cli_json(self, *args):
        cli = subprocess.run([web.SEARCH_TOOL, "--db", str(self.db), "--format", "json", *args],
                             capture_output=True, check=True)
        return json.loads(cli.stdout)

    def test_json_is_the_schema_of_qadex_search(self):
        for query in (QUERY, "botox filler", "specialty:dermatologist", "atroph*", "botx"):
            for extra in ((), ("--filter", "source=qadex-sample")):
                filters = "".join(f"&filter={quote(v.replace('=', ':'))}" for v in extra[1:])
                r = self.search("q=" + quote(query) + "&format=json" + filters)
                self.assertEqual(r.status, 200)
                self.assertEqual(r.header("content-type"), "application/json")
                got, want = json.loads(r.body), self.cli_json(*extra, "--", query)
                self.assertEqual(list(got.keys()), list(want.keys()))
                got.pop("took_ms"), want.pop("took_ms")
                self.assertEqual(got, want, f"{query} {extra}")
                self.assertEqual(got["facets"], {})

    def test_json_with_facets_is_qadex_search_with_facets(self):
        for query in (QUERY, "botox filler", "atroph*", "botx"):
            for extra in ((), ("--filter", "source=qadex-sample")):
                filters = "".join(f"&filter={quote(v.replace('=', ':'))}" for v in extra[1:])
                got = json.loads(self.search("q=" + quote(query) + "&format=json&facets=1" + filters).body)
                want = self.cli_json("--facets", *extra, "--", query)
                self.assertTrue(got["facets"])
                # Facets are counted apart from the ranked match (engine/facet_counts.hpp), so
                # the total is Xapian's estimate, with --facets or without.
                self.assertEqual(got["total_estimate"], self.cli_json(*extra, "--", query)["total_estimate"])
                got.pop("took_ms"), want.pop("took_ms")
                self.assertEqual(got, want, f"{query} {extra}")

    def test_json_without_facets(self):
        got = json.loads(self.search("q=botox&format=json&facets=0").body)
        self.assertEqual(got["facets"], {})

    def test_post_form_gives_the_same_page_as_get(self):
        posted = self.server.post_form(web.QADEX, "q=" + quote(QUERY) + "&format=json&facets=0")
        got = self.search("q=" + quote(QUERY) + "&format=json&facets=0")
        self.assertEqual(posted.status, 200)
        a, b = json.loads(posted.body), json.loads(got.body)
        a.pop("took_ms"), b.pop("took_ms")
        self.assertEqual(a, b)

    def test_post_must_be_a_urlencoded_form(self):
        r = self.server.request("POST", web.QADEX, body='{"q": "botox"}', headers=["Content-Type: application/json"])
        self.assertEqual(r.status, 415)

    def test_head_has_headers_only(self):
        r = self.server.request("HEAD", f"{web.QADEX}?q=botox")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"")

    def test_other_methods_are_refused(self):
        r = self.server.request("DELETE", f"{web.QADEX}?q=botox")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("allow"), "GET, HEAD, POST")

    def test_landing_page_without_query(self):
        r = self.server.get(web.QADEX)
        self.assertEqual(r.status, 200)
        self.assertIn('name="q" value=""', r.text)
        self.assertIn("autofocus", r.text)

    def test_empty_json_query_is_400(self):
        r = self.search("q=%20&format=json")
        self.assertEqual(r.status, 400)
        self.assertEqual(json.loads(r.body), {"error": "The query is empty.", "status": 400})

    def test_thread_page_shows_every_answer(self):
        r = self.search("thread=thr-botox-atrophy-long-term&q=botox")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text.count('<section class="answer"'), 4)
        self.assertIn("Will years of Botox make my forehead muscles waste away?", r.text)
        self.assertIn('href="?q=botox">\u2190 Back to the results', r.text)
        missing = self.search("thread=no-such-thread")
        self.assertEqual(missing.status, 404)

    # ---------------------------------------------------------- related questions (issue 18)
    SEED = "thr-botox-atrophy-long-term"

    def test_every_result_links_to_its_similar_questions(self):
        page = self.search("q=" + quote(QUERY)).text
        ids = [dict(a).get("data-answer") for t, a in parse(page).tags
               if t == "li" and ("class", "result") in a]
        self.assertEqual(len(ids), 10)
        for answer_id in ids:
            self.assertIn(f'<p class="more similar"><a href="?similar={quote(answer_id, safe="")}">Similar questions</a></p>',
                          page)

    def test_similar_page_lists_related_questions_never_the_seed_thread(self):
        r = self.search(f"similar={self.SEED}-a1")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-security-policy"), self.search("q=botox").header("content-security-policy"))
        page = r.text
        assert_safe_html(self, page)
        self.assertIn("Questions like \u201cWill years of Botox make my forehead muscles waste away?\u201d", page)
        threads = result_threads(page)
        self.assertEqual(len(threads), 10)
        self.assertNotIn(self.SEED, threads)
        self.assertEqual(len(set(threads)), len(threads))  # one answer per question
        # The same list, in the same order, as qadex-search --similar.
        want = [h["thread_id"] for h in self.cli_json("--similar", f"{self.SEED}-a1")["results"]]
        self.assertEqual(threads, want)
        filtered = result_threads(self.search(f"similar={self.SEED}&filter=specialty:Dermatologist&per_page=50").text)
        self.assertTrue(filtered)
        self.assertEqual(filtered, [h["thread_id"] for h in self.cli_json(
            "--similar", self.SEED, "--filter", "specialty=Dermatologist", "--per-page", "50")["results"]])

    def test_similar_json_is_qadex_search_similar(self):
        got = json.loads(self.search(f"similar={self.SEED}&format=json&per_page=5").body)
        want = self.cli_json("--similar", self.SEED, "--per-page", "5")
        got.pop("took_ms"), want.pop("took_ms")
        self.assertEqual(got, want)
        self.assertEqual(got["similar_to"]["thread_id"], self.SEED)

    def test_thread_page_has_a_related_questions_box(self):
        page = self.search(f"thread={self.SEED}").text
        assert_safe_html(self, page)
        box = page.split('<aside class="related" aria-label="Related questions"><h2>Related questions</h2>', 1)[1]
        box = box.split("</aside>", 1)[0]
        linked = re.findall(r'<li data-thread="([^"]+)"><a href="\?thread=([^"]+)">', box)
        self.assertEqual(len(linked), 5)
        self.assertNotIn(self.SEED, [t for t, _ in linked])
        want = [h["thread_id"] for h in self.cli_json("--similar", self.SEED, "--per-page", "5")["results"]]
        self.assertEqual([t for t, _ in linked], want)

    def test_thread_json_has_answers_and_five_related(self):
        r = self.search(f"thread={self.SEED}&format=json")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "application/json")
        got = json.loads(r.body)
        cli = subprocess.run([web.SEARCH_TOOL, "--db", str(self.db), "--format", "json", "--thread", self.SEED],
                             capture_output=True, check=True)
        self.assertEqual(got, json.loads(cli.stdout))
        self.assertEqual(len(got["answers"]), 4)
        self.assertEqual(len(got["related"]), 5)

    def test_bad_or_unknown_similar_id_is_a_clear_error(self):
        for query_string, status, message in (
                ("similar=", 400, "The parameter &#39;similar&#39; is empty."),
                ("similar=" + "a" * 513, 400, "The parameter &#39;similar&#39; is longer than 512 bytes"),
                ("similar=a&thread=b", 400, "Give the parameter &#39;thread&#39; or &#39;similar&#39;, not both."),
                ("similar=%01", 400, "The parameter &#39;similar&#39; contains a control character."),
                ("similar=no-such-answer", 404, "There is no answer or question with this id.")):
            r = self.search(query_string)
            self.assertEqual(r.status, status, query_string)
            self.assertIn(message, r.text)
            assert_safe_html(self, r.text)
        r = self.search("similar=no-such-answer&format=json")
        self.assertEqual(json.loads(r.body), {"error": "There is no answer or question with this id.", "status": 404})

    def test_filter_on_unknown_field_is_400(self):
        r = self.search("q=botox&filter=password:x")
        self.assertEqual(r.status, 400)
        self.assertIn("FIELD:VALUE", r.text)

    def test_missing_database_is_503_with_retry_after(self):
        for fmt in ("html", "json"):
            r = self.server.get(f"{web.NO_DB}?q=botox&format={fmt}")
            self.assertEqual(r.status, 503)
            self.assertEqual(r.header("retry-after"), "30")
            self.assertNotIn(b"no-such-database", r.body)  # no paths or internals in the page
        self.assertIn("no-such-database", self.server.error_log())  # but in the server's log

    def test_database_of_another_schema_is_503(self):
        r = self.server.get(f"{web.WRONG_SCHEMA}?q=botox")
        self.assertEqual(r.status, 503)
        self.assertEqual(r.header("retry-after"), "30")
        self.assertNotIn(b"schema", r.body)

    def test_damaged_database_is_503_without_internals(self):
        r = self.server.get(f"{web.CORRUPT}?q=botox")
        self.assertEqual(r.status, 503)
        self.assertNotIn(b"glass", r.body)
        self.assertNotIn(b"Xapian", r.body)
        self.assertIn("DatabaseCorruptError", self.server.error_log())


if __name__ == "__main__":
    web.run_tests([CgiOverHttp])
