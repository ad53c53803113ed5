#!/usr/bin/env python3
"""qadex.cgi's suggestions as you type behind a real lighttpd: ?suggest=
(JSON, cache headers, folding, misspelt prefixes, hostile input) and the
page's script, ?asset=suggest.js (docs/WEB.md, "Suggestions")."""
import json
import re
import sys
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402

SUGGEST_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "suggest.jsonl"


class SuggestOverHttp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = web.output_dir("cgi_suggest")
        cls.db = cls.out / "db"
        web.build_database(cls.db, *web.corpus_inputs(), SUGGEST_FIXTURE)
        cls.server = web.Server(cls.out, cls.db).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def get(self, query_string):
        return self.server.get(f"{web.QADEX}?{query_string}")

    def suggest(self, text, status=200):
        r = self.get("suggest=" + quote(text, safe=""))
        self.assertEqual(r.status, status, r.text)
        self.assertEqual(r.header("content-type"), "application/json")
        self.assertEqual(r.header("x-content-type-options"), "nosniff")
        return r, json.loads(r.body)

    def texts(self, body, kind=None):
        return [s["text"] for s in body["suggestions"] if kind is None or s["kind"] == kind]

    def test_json_shape_counts_ordered_and_cached(self):
        r, body = self.suggest("diab")
        self.assertEqual(r.header("cache-control"), "public, max-age=60")
        self.assertEqual(list(body), ["text", "suggestions", "took_ms"])
        self.assertEqual(body["text"], "diab")
        self.assertTrue(1 <= len(body["suggestions"]) <= 8)
        for s in body["suggestions"]:
            self.assertEqual(list(s), ["text", "kind", "count", "corrected"])
            self.assertIn(s["kind"], ("word", "title"))
            self.assertIsInstance(s["count"], int)
            self.assertGreater(s["count"], 0)
        self.assertEqual(self.texts(body, "word")[0], "diabetes")
        self.assertIn("Can type 2 diabetes be controlled with diet alone?", self.texts(body, "title"))
        kinds = [s["kind"] for s in body["suggestions"]]
        self.assertEqual(kinds, sorted(kinds, key=lambda k: k != "word"), "words before titles")
        for kind in ("word", "title"):
            counts = [s["count"] for s in body["suggestions"] if s["kind"] == kind]
            self.assertEqual(counts, sorted(counts, reverse=True), kind)

    def test_folded_like_the_index_and_earlier_words_kept(self):
        words = self.texts(self.suggest("diab")[1], "word")
        self.assertEqual(self.texts(self.suggest("Diáb")[1], "word"), words)
        self.assertEqual(self.texts(self.suggest("DIAB")[1], "word"), words)
        self.assertEqual(self.texts(self.suggest("type 2 diab")[1], "word")[0], "type 2 diabetes")

    def test_misspelt_prefix_is_corrected(self):
        body = self.suggest("diabtes")[1]
        first = body["suggestions"][0]
        self.assertEqual((first["text"], first["kind"], first["corrected"]), ("diabetes", "word", True))
        self.assertEqual(self.suggest("atrohpy")[1]["suggestions"][0]["text"], "atrophy")

    def test_empty_and_blank_have_no_suggestions(self):
        for text in ("", "   "):
            r, body = self.suggest(text)
            self.assertEqual(body["suggestions"], [], repr(text))

    def test_hostile_input_is_refused_naming_the_parameter(self):
        r, body = self.suggest("diab\x01", status=400)
        self.assertIn("'suggest'", body["error"])
        self.assertIn("control character", body["error"])
        self.assertEqual(r.header("cache-control"), "no-store")
        r, body = self.suggest("d" * 201, status=413)
        self.assertIn("'suggest'", body["error"])
        self.assertEqual(self.suggest("d" * 200)[1]["suggestions"], [])
        r = self.get("suggest=%ff%fe")
        self.assertEqual(r.status, 400)
        self.assertIn("UTF-8", json.loads(r.body)["error"])
        r = self.get("suggest=a&suggest=b")
        self.assertEqual(r.status, 400)
        r = self.get("suggest=" + quote("<script>alert(1)</script>"))
        self.assertEqual(r.status, 200)
        self.assertNotIn("<script>", r.text.replace('"text":"<script>alert(1)</script>"', ""))
        self.assertTrue(self.server.alive())

    def test_script_asset_is_served_same_origin_with_a_long_cache(self):
        page = self.get("q=diabetes").text
        src = re.search(r'<script src="([^"]+)" defer></script>', page).group(1).replace("&amp;", "&")
        self.assertRegex(src, r"^\?asset=suggest\.js&v=[0-9a-f]{16}$")
        r = self.get(src[1:])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "text/javascript; charset=utf-8")
        self.assertIn("max-age=31536000", r.header("cache-control"))
        self.assertIn('"?suggest="', r.text)
        self.assertEqual(self.get("asset=other.js").status, 404)
        self.assertEqual(self.get("asset=../../etc/passwd").status, 404)


if __name__ == "__main__":
    web.run_tests([SuggestOverHttp])
