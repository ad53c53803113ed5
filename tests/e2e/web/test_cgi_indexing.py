#!/usr/bin/env python3
"""Requests to qadex.cgi while qadex-index is committing to the same
database (updates batch by batch, then a --rebuild that swaps the database):
every answer is a page of results or a 503 with Retry-After, never a 500 or
a broken connection, and the server keeps serving."""
import json
import subprocess
import sys
import threading
import time
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402
from page_checks import assert_safe_html  # noqa: E402

QUERIES = ["does Botox cause atrophy", "filler lump", "zanzibar fever", "eyelid droop", "sculptra nodules"]


def revision(db):
    out = subprocess.run(["xapian-delve", str(db)], capture_output=True, text=True, check=True).stdout
    return int(next(line for line in out.splitlines() if line.startswith("revision")).split("=")[1])


class RequestsWhileIndexing(web.CorpusServerCase):
    output_name = "cgi_indexing"

    def index_repeatedly(self, stop, exits):
        """Re-index everything, one thread per commit, until told to stop; then a --rebuild.
        --force: the input is unchanged, and without it nothing would be rewritten or committed."""
        inputs = [str(p) for p in web.corpus_inputs()]
        while not stop.is_set():
            r = subprocess.run([web.INDEX_TOOL, "--db", str(self.db), "--quiet", "--force", "--batch-size", "1",
                                *inputs],
                               capture_output=True, text=True)
            exits.append(("update", r.returncode, r.stderr))
            self.revisions.append(revision(self.db))
        r = subprocess.run([web.INDEX_TOOL, "--db", str(self.db), "--quiet", "--rebuild", *inputs],
                           capture_output=True, text=True)
        exits.append(("rebuild", r.returncode, r.stderr))

    def client(self, n, until, responses):
        i = 0
        while time.monotonic() < until:
            q = QUERIES[(i + n) % len(QUERIES)]
            fmt = "json" if i % 2 else "html"
            responses.append((fmt, self.server.get(f"{web.QADEX}?q={quote(q)}&format={fmt}")))
            i += 1

    def test_searches_during_commits_and_rebuild_get_results_or_503(self):
        before = revision(self.db)
        self.revisions = []
        stop, exits, responses = threading.Event(), [], []
        indexer = threading.Thread(target=self.index_repeatedly, args=(stop, exits))
        indexer.start()
        clients = [threading.Thread(target=self.client, args=(n, time.monotonic() + 6, responses)) for n in range(2)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        stop.set()
        # Keep asking while the --rebuild runs and swaps the database in.
        rebuild_responses = []
        while indexer.is_alive():
            rebuild_responses.append(("json", self.server.get(f"{web.QADEX}?q=botox&format=json")))
        indexer.join()
        responses += rebuild_responses

        for kind, code, err in exits:
            self.assertEqual(code, 0, f"qadex-index {kind}: {err}")
        self.assertGreater(max(self.revisions), before + 10, "the indexer committed while the searches ran")
        self.assertGreater(len(responses), 20)
        ok = 0
        for fmt, r in responses:
            self.assertIn(r.status, {200, 503}, r.body[:300])
            if r.status == 503:
                self.assertEqual(r.header("retry-after"), "30")
                continue
            ok += 1
            if fmt == "json":
                self.assertTrue(json.loads(r.body)["results"])
            else:
                assert_safe_html(self, r.text)
                self.assertIn('class="result"', r.text)
        self.assertGreater(ok, len(responses) // 2, "most searches during indexing succeed")
        self.assertNotIn("internal error", self.server.error_log())
        after = self.server.get(f"{web.QADEX}?q=botox&format=json")
        self.assertEqual(after.status, 200)
        print(f"{len(responses)} requests during {len(exits)} indexer runs "
              f"(revision {before} -> {max(self.revisions)}, then a rebuild): {ok} x 200, {len(responses) - ok} x 503")


if __name__ == "__main__":
    web.run_tests([RequestsWhileIndexing])
