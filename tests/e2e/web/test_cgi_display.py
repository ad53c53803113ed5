#!/usr/bin/env python3
"""What qadex.cgi shows and how much of it (issue 21), through a real lighttpd:

- a thread of 2,000 answers in pages of 500, each page saying which answers it
  holds and linking to the others, HTML and JSON (the JSON that
  `qadex-search --thread ID --page N --format json` prints);
- an answer longer than the 64 KiB display window: its first 64 KiB, and a
  note that it is cut;
- bidirectional controls (U+202E ...) in every displayed field are not in the
  page, links whose URL holds a Unicode space or line separator are not links,
  and the query box takes no more than the server accepts;
- a POST body that never arrives is a 408 (lighttpd passing the body on as it
  comes, as Apache does), and one far over the form limit is refused by
  lighttpd before it is read."""
import json
import re
import socket
import subprocess
import sys
import time
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402
from page_checks import assert_safe_html, parse  # noqa: E402

MANY = "many-answers"
MANY_ANSWERS = 2000
LONG = "long-answer"
LONG_BYTES = 300_000
BIDI = "bidi-spoof"
# U+202A-202E and U+2066-2069: embeddings, overrides and isolates.
BIDI_CONTROLS = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
UNLINKABLE = ["https://example.org/a\u00a0b", "https://example.org/line\u2028sep", "https://example.org/\u3000x",
              "https://example.org/\u202egnp.exe", "https://example.org/nel\u0085x"]


def display_threads():
    long_body = "Zanzibarian opening words of a very long answer. " + "filler words " * (LONG_BYTES // 13)
    yield {"id": MANY, "title": "A question answered two thousand times", "question": "Who answers?",
           "answers": [{"id": f"{MANY}-a{i}", "body": f"Answer number {i} of the crowd."}
                       for i in range(1, MANY_ANSWERS + 1)]}
    yield {"id": LONG, "title": "A question with one very long answer",
           "answers": [{"id": f"{LONG}-a1", "body": long_body, "author": "Dr. Long"}]}
    yield {"id": BIDI, "title": "Quixotic \u202etxt.exe\u202c title", "question": "Is \u2067this\u2069 quixotic?",
           "url": "https://example.org/ok", "source": "src\u202d", "category": "cat\u2066",
           "answers": [{"id": f"{BIDI}-a1", "title": "answer \u202btitle", "author": "Dr. \u202eyliE",
                        "specialty": "Derm\u202a", "location": "Paris\u2068", "body": "Quixotic body \u202e with an override."}]}
    for i, url in enumerate(UNLINKABLE):
        yield {"id": f"unlinkable-{i}", "title": f"Quixotic link {i}", "url": url,
               "answers": [{"id": f"unlinkable-{i}-a1", "body": "Quixotic body."}]}


class DisplayBounds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = web.output_dir("cgi_display")
        fixture = cls.out / "display.jsonl"
        with open(fixture, "w", encoding="utf-8") as f:
            for thread in display_threads():
                f.write(json.dumps(thread) + "\n")
        cls.db = cls.out / "db"
        web.build_database(cls.db, web.SOURCE_DIR / "corpus", fixture)
        cls.server = web.Server(cls.out, cls.db, mode="cgi").start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def get(self, query_string):
        return self.server.get(f"{web.QADEX}?{query_string}")

    def cli(self, *args):
        r = subprocess.run([web.SEARCH_TOOL, "--db", str(self.db), *args], capture_output=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.decode("utf-8")

    # ------------------------------------------------------------ thread pages
    def test_a_thread_of_2000_answers_is_shown_500_a_page_with_links_to_the_others(self):
        r = self.get(f"thread={MANY}&q=crowd")
        self.assertEqual(r.status, 200)
        page = r.text
        assert_safe_html(self, page)
        self.assertEqual(page.count('<section class="answer"'), 500)
        self.assertIn(f'data-answer="{MANY}-a1"', page)
        self.assertIn(f'data-answer="{MANY}-a500"', page)
        self.assertNotIn(f'data-answer="{MANY}-a501"', page)
        self.assertIn("<h2>2000 answers</h2>", page)
        self.assertIn('<p class="summary">Answers 1\u2013500 of 2000 (page 1 of 4)</p>', page)
        self.assertIn(f'<a class="next" rel="next" href="?thread={MANY}&amp;page=2&amp;q=crowd">', page)
        self.assertIn(f'<a href="?thread={MANY}&amp;page=4&amp;q=crowd">4</a>', page)
        self.assertIn('href="?q=crowd">\u2190 Back to the results', page)

        last = self.get(f"thread={MANY}&page=4&q=crowd").text
        self.assertEqual(last.count('<section class="answer"'), 500)
        self.assertIn(f'data-answer="{MANY}-a1501"', last)
        self.assertIn(f'data-answer="{MANY}-a2000"', last)
        self.assertIn("Answers 1501\u20132000 of 2000 (page 4 of 4)", last)
        self.assertNotIn('class="next"', last)
        self.assertIn('href="?q=crowd">\u2190 Back to the results', last)  # the results' first page

        past = self.get(f"thread={MANY}&page=5")
        self.assertEqual(past.status, 200)
        self.assertEqual(past.text.count('<section class="answer"'), 0)
        self.assertIn("No answers on page 5: the question has 2000 answers, 4 pages of 500", past.text)
        self.assertIn(f'<a class="prev" rel="prev" href="?thread={MANY}&amp;page=4">', past.text)

    def test_thread_json_pages_are_the_cli_s(self):
        got = json.loads(self.get(f"thread={MANY}&page=3&format=json").body)
        self.assertEqual((got["answer_count"], got["page"], got["per_page"]), (MANY_ANSWERS, 3, 500))
        self.assertEqual([a["answer_id"] for a in got["answers"]], [f"{MANY}-a{i}" for i in range(1001, 1501)])
        self.assertEqual(got, json.loads(self.cli("--thread", MANY, "--page", "3", "--format", "json")))

    # ------------------------------------------------------------ long answers
    def test_an_answer_longer_than_the_window_shows_its_first_64_KiB_and_says_so(self):
        r = self.get(f"thread={LONG}")
        self.assertEqual(r.status, 200)
        body = r.text.split('<div class="body">', 1)[1].split("</div>", 1)[0]
        self.assertTrue(body.startswith("Zanzibarian opening words"))
        self.assertLessEqual(len(body.encode()), 64 * 1024)
        self.assertGreater(len(body.encode()), 63 * 1024)
        self.assertRegex(r.text, r'<p class="meta cut">This answer is cut here \(the first 65,5\d\d bytes of 300,0\d\d\)\.</p>')
        got = json.loads(self.get(f"thread={LONG}&format=json").body)["answers"][0]
        self.assertTrue(got["body_cut"])
        self.assertEqual(got["body_bytes"], len(next(t for t in display_threads() if t["id"] == LONG)["answers"][0]["body"]))
        self.assertEqual(got["body"], body)
        hit = json.loads(self.get("q=zanzibarian&format=json").body)["results"][0]
        self.assertEqual(hit["answer_id"], f"{LONG}-a1")
        self.assertIn("<mark>Zanzibarian</mark>", hit["snippet_html"])

    # ------------------------------------------------------------ spoofing
    def test_bidi_controls_never_reach_the_page(self):
        for query_string in ("q=quixotic", f"thread={BIDI}", "q=quixotic&filter=" + quote("source:src\u202d"),
                             "q=" + quote("quixotic \u202e"), f"similar={BIDI}-a1"):
            r = self.get(query_string)
            self.assertEqual(r.status, 200, query_string)
            page = r.text
            assert_safe_html(self, page)
            # Attribute values that carry data back (the query box, hidden filters, data-thread)
            # keep them: they are not shown as text, and the next search must find the same.
            shown = re.sub(r' (value|data-[a-z]+)="[^"]*"', "", page)
            for control in BIDI_CONTROLS:
                self.assertNotIn(control, shown, f"U+{ord(control):04X} in {query_string}")
        filtered = self.get("q=quixotic&filter=" + quote("source:src\u202d")).text
        self.assertIn('<input type="hidden" name="filter" value="source:src\u202d">', filtered)
        self.assertIn(f'data-thread="{BIDI}"', filtered)  # the filter still finds it
        self.assertIn("source: <b>src</b>", filtered)
        page = self.get(f"thread={BIDI}").text
        self.assertIn("Quixotic txt.exe title", page)
        self.assertIn("Dr. yliE", page)
        self.assertIn("Quixotic body  with an override.", page)
        # JSON is data: the field as indexed; its snippet_html is HTML to show: without them.
        hit = next(h for h in json.loads(self.get("q=quixotic+override&format=json").body)["results"]
                   if h["thread_id"] == BIDI)
        self.assertEqual(hit["title"], "Quixotic \u202etxt.exe\u202c title")
        self.assertIn("\u202e", hit["snippet"])
        self.assertNotIn("\u202e", hit["snippet_html"])

    def test_urls_with_unicode_spaces_or_separators_are_not_links(self):
        page = self.get("q=quixotic+link&per_page=20").text
        hrefs = [dict(attrs)["href"] for tag, attrs in parse(page).tags if tag == "a" and "href" in dict(attrs)]
        for url in UNLINKABLE:
            self.assertNotIn(url, hrefs)
        for i in range(len(UNLINKABLE)):
            self.assertIn(f"Quixotic link {i}</h2>", page)  # the title, as text
        self.assertIn('href="https://example.org/ok"', self.get(f"thread={BIDI}").text)

    def test_the_query_box_takes_no_more_than_the_server_accepts(self):
        page = self.get("").text
        self.assertIn(' maxlength="1365"', page)
        # A box's maxlength counts UTF-16 code units, at most 3 UTF-8 bytes each (U+0800-FFFF; a
        # character beyond is 2 units, 4 bytes): 1365 of them fit the server's 4096 bytes, 1366 may not.
        self.assertLessEqual(len(("\u9f8d" * 1365).encode()), 4096)
        self.assertEqual(self.get("q=" + quote("\u9f8d" * 1366) + "&format=json").status, 413)

    # ------------------------------------------------------------ request bodies
    def test_a_post_body_that_never_arrives_is_408(self):
        head = (f"POST {web.STREAMED} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nq=bot").encode()
        start = time.monotonic()
        r = self.server.raw(head, timeout=30)
        self.assertEqual(r.status, 408, r.body[:300])
        self.assertIn("The request body did not arrive in time.", r.text)
        self.assertLess(time.monotonic() - start, 9)  # before the search's own 10 s deadline
        # A body that does arrive there is searched as always.
        form = "q=botox&format=json"
        ok = self.server.request("POST", web.STREAMED, body=form,
                                 headers=["Content-Type: application/x-www-form-urlencoded"])
        self.assertEqual(ok.status, 200)
        self.assertTrue(json.loads(ok.body)["results"])

    def test_a_body_far_over_the_form_limit_is_refused_before_it_is_sent(self):
        head = (f"POST {web.QADEX} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\n").encode()
        try:
            r = self.server.raw(head, timeout=10)  # the body is never sent: only a refusal can answer
        except socket.timeout:
            self.fail("lighttpd waited for a 100 MB body instead of refusing it (server.max-request-size)")
        self.assertEqual(r.status, 413)


if __name__ == "__main__":
    if not web.LIGHTTPD:
        print("lighttpd is not installed", file=sys.stderr)
        sys.exit(1)
    web.run_tests([DisplayBounds])
