#!/usr/bin/python3
"""Example CGI script: a search page for a qadex index, for site operators who
prefer their own script to qadex.cgi. Python 3 standard library only.

It runs `qadex-search --format json` with an argument list (never through a
shell, so no character of the question is ever interpreted), maps its exit
code to an HTTP status and renders the JSON as an HTML page, escaping
everything that comes from the request or the index.

Server configuration (environment, see docs/WEB.md):
  QADEX_DB      the database to search (required; never taken from the request)
  QADEX_SEARCH  path of qadex-search (default: qadex-search on /usr/local/bin:/usr/bin:/bin)

Parameters: q (the question), page (1..), filter=FIELD:VALUE (repeatable).

Exit code of qadex-search -> HTTP status:
  0 results -> 200 | 2 bad command line (e.g. page too large) -> 400
  7 bad query -> 400 | 5 no database, 6 wrong schema version, 8 remote shard down,
  10 damaged database -> 503 + Retry-After
  1 (database error) or anything else -> 502 | no answer in 10 s -> 504
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import quote, unquote_to_bytes

PER_PAGE = 10
TIMEOUT_SECONDS = 10
MAX_QUERY_BYTES = 4096      # qadex-search refuses longer questions (exit 7)
MAX_FORM_BYTES = 64 * 1024
MAX_FIELDS = 100
RETRY_AFTER = "30"
FILTER_FIELDS = ("author", "specialty", "location", "source", "tag", "category")

STATUS_TEXT = {200: "OK", 400: "Bad Request", 405: "Method Not Allowed", 413: "Content Too Large",
               415: "Unsupported Media Type", 502: "Bad Gateway", 503: "Service Unavailable",
               504: "Gateway Timeout"}

# qadex-search's exit codes (README "Exit codes") and what the visitor is told.
EXIT_STATUS = {
    2: (400, "The request has a parameter out of range."),
    7: (400, "The question is empty, too long or not UTF-8."),
    5: (503, "The search index is not available right now. Please try again in a minute."),
    6: (503, "The search index is being upgraded. Please try again in a minute."),
    8: (503, "Part of the search index is not reachable right now. Please try again in a minute."),
    10: (503, "The search index is not available right now. Please try again in a minute."),
}
FAILED = (502, "The search failed. Please try again later.")


class HttpError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def e(text):
    """Escape for HTML text and quoted attributes (& < > " ')."""
    return html.escape(str(text), quote=True)


# ------------------------------------------------------------------ request

BROKEN_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_form(data):
    """application/x-www-form-urlencoded bytes -> [(name, value)], strictly:
    broken %-escapes and invalid UTF-8 are errors, not guesses."""
    if len(data) > MAX_FORM_BYTES:
        raise HttpError(413, "The request is too large.")
    if BROKEN_PERCENT.search(data):
        raise HttpError(400, "The request has a broken percent-encoding.")
    fields = []
    for part in data.split(b"&"):
        if not part:
            continue
        if len(fields) == MAX_FIELDS:
            raise HttpError(400, "The request has too many parameters.")
        name, _, value = part.partition(b"=")
        try:
            fields.append(tuple(unquote_to_bytes(x.replace(b"+", b" ")).decode("utf-8") for x in (name, value)))
        except UnicodeDecodeError:
            raise HttpError(400, "The request is not valid UTF-8.")
    return fields


def read_form(environ, stdin):
    """The request's parameters as (name, value) pairs; raises HttpError.
    `environ` maps bytes to bytes (os.environb): the query string as sent."""
    method = environ.get(b"REQUEST_METHOD", b"GET")
    data = environ.get(b"QUERY_STRING", b"")
    if method == b"POST":
        content_type = environ.get(b"CONTENT_TYPE", b"").split(b";")[0].strip().lower()
        if content_type != b"application/x-www-form-urlencoded":
            raise HttpError(415, "Send the form as application/x-www-form-urlencoded.")
        length = environ.get(b"CONTENT_LENGTH", b"")
        if not length.isdigit():
            raise HttpError(400, "A POST needs a Content-Length.")
        if len(length) > 9 or int(length) > MAX_FORM_BYTES:
            raise HttpError(413, "The request is too large.")
        body = stdin.read(int(length))
        data = data + b"&" + body if data else body
    elif method not in (b"GET", b"HEAD"):
        raise HttpError(405, "Only GET, HEAD and POST are allowed.")
    return decode_form(data)


def parse_request(fields):
    """(query, page, filters) from the known parameters; the rest is ignored."""
    query, page, filters = "", 1, []
    for name, value in fields:
        if name not in ("q", "page", "filter"):
            continue  # unknown parameters (DB=.., template=...) are never used
        value = re.sub(r"[\t\r\n]", " ", value)
        if CONTROL.search(value):
            raise HttpError(400, f"The parameter '{name}' contains a control character.")
        if name == "q":
            if len(value.encode("utf-8")) > MAX_QUERY_BYTES:
                raise HttpError(413, f"The question is longer than {MAX_QUERY_BYTES} bytes.")
            query = value
        elif name == "page":
            # qadex-search checks the upper bound (exit code 2).
            if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
                raise HttpError(400, "The page must be a whole number from 1 to 999999999.")
            page = int(value)
        else:
            match = re.fullmatch(r"\s*([a-z]+)\s*[:=]\s*(.*?)\s*", value, re.S)
            if not match or match.group(1) not in FILTER_FIELDS or not match.group(2):
                raise HttpError(400, "A filter must be FIELD:VALUE with FIELD one of " + ", ".join(FILTER_FIELDS) + ".")
            filters.append((match.group(1), match.group(2)))
    return query, page, filters


# ------------------------------------------------------------------ search

def search_program():
    return os.environ.get("QADEX_SEARCH") or shutil.which("qadex-search", path="/usr/local/bin:/usr/bin:/bin") \
        or "qadex-search"


def run_search(query, page, filters):
    """qadex-search's JSON for this search; raises HttpError for its failures."""
    database = os.environ.get("QADEX_DB")
    if not database:
        log("QADEX_DB is not set in the server's configuration")
        raise HttpError(*EXIT_STATUS[5])
    argv = [search_program(), "--db", database, "--format", "json", "--facets",
            "--page", str(page), "--per-page", str(PER_PAGE)]
    for field, value in filters:
        argv += ["--filter", f"{field}={value}"]
    argv += ["--", query]  # after "--", a question starting with '-' is not an option
    # A clean environment: in particular no GATEWAY_INTERFACE (qadex-search
    # would answer as a CGI program) and nothing else from the request.
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        log("qadex-search timed out")
        raise HttpError(504, "The search took too long. Please try a shorter question.")
    except OSError as err:
        log(f"cannot run qadex-search: {err}")
        raise HttpError(*FAILED)
    if done.returncode != 0:
        log(f"qadex-search exited {done.returncode}: {done.stderr.decode('utf-8', 'replace').strip()}")
        raise HttpError(*EXIT_STATUS.get(done.returncode, FAILED))
    try:
        return json.loads(done.stdout)
    except ValueError:
        log("qadex-search printed invalid JSON")
        raise HttpError(*FAILED)


def log(message):
    """To the server's error log; never to the visitor."""
    print(f"search.cgi: {message}", file=sys.stderr)


# ------------------------------------------------------------------ page

STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#1d2330}
form{display:flex;gap:.5rem;margin-bottom:1rem}input{flex:1;padding:.5rem;font:inherit}
button{padding:.5rem 1rem;font:inherit}.meta,.summary{color:#5b6475;font-size:.92rem}
.result{border-bottom:1px solid #dde2ea;padding:.6rem 0}.result h2{font-size:1.1rem;margin:0}
mark{background:#ffe58a}.facets a{margin-right:.8rem}nav a{margin-right:1rem}"""


def href(query, page=1, filters=()):
    parts = [("q", query)] + [("filter", f"{f}:{v}") for f, v in filters]
    if page > 1:
        parts.append(("page", str(page)))
    return e("?" + "&".join(f"{n}={quote(v, safe='')}" for n, v in parts))


def safe_url(url):
    """Only absolute http(s) URLs become links."""
    return isinstance(url, str) and re.match(r"(?i)https?://[^/\s]", url) and not re.search(r"[\s\x00-\x1f\x7f]", url)


def snippet(marked_html):
    """qadex's snippet_html, re-escaped: only its <mark> tags survive as tags."""
    parts = re.split(r"(</?mark>)", marked_html or "")
    return "".join(p if p in ("<mark>", "</mark>") else e(html.unescape(p)) for p in parts)


def attribution(hit):
    rating = f"\u2605 {hit['rating']:.1f}/5" if isinstance(hit.get("rating"), (int, float)) else ""
    if rating and hit.get("reviews"):
        rating += f" ({hit['reviews']} review{'s' if hit['reviews'] != 1 else ''})"
    parts = [hit.get(k) for k in ("author", "specialty", "location")] + [rating]
    return " \u00b7 ".join(e(p) for p in parts if p) or e(hit.get("source") or "unnamed expert")


def page_html(title, query, filters, content):
    hidden = "".join(f'<input type="hidden" name="filter" value="{e(f + ":" + v)}">' for f, v in filters)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="referrer" content="no-referrer"><title>{e(title)}</title><style>{STYLE}</style></head>'
            f'<body><form method="get" role="search"><input type="search" name="q" value="{e(query)}" '
            f'aria-label="Your question">{hidden}<button type="submit">Search</button></form>\n{content}</body></html>\n')


def results_html(query, page, filters, result):
    out = []
    if result.get("corrected_query"):
        out.append(f'<p>Did you mean <a href="{href(result["corrected_query"], 1, filters)}">'
                   f'{e(result["corrected_query"])}</a>?</p>')
    for field, value in filters:
        others = [f for f in filters if f != (field, value)]
        out.append(f'<p class="summary">{e(field)}: <b>{e(value)}</b> <a href="{href(query, 1, others)}">remove</a></p>')
    hits = result.get("results", [])
    total = result.get("total_estimate", 0)
    if not hits:
        out.append(f'<p class="summary">No answers found for \u201c{e(query)}\u201d.</p>')
    else:
        out.append(f'<p class="summary">Answers {hits[0]["rank"]}\u2013{hits[-1]["rank"]} of about {total}</p>')
    for hit in hits:
        title = e(hit.get("title") or "(untitled question)")
        if safe_url(hit.get("url")):
            title = f'<a href="{e(hit["url"])}" rel="noopener noreferrer nofollow">{title}</a>'
        more = hit.get("more_answers", 0)
        out.append(f'<div class="result" data-thread="{e(hit.get("thread_id", ""))}"><h2>{title}</h2>'
                   f'<p class="meta">{attribution(hit)}</p><p>{snippet(hit.get("snippet_html"))}</p>'
                   + (f'<p class="meta">+{more} more answer{"s" if more != 1 else ""} to this question</p>' if more else "")
                   + "</div>")
    for field, values in (result.get("facets") or {}).items():
        links = " ".join(f'<a href="{href(query, 1, filters + [(field, v["value"])])}">{e(v["value"])}</a> ({v["count"]})'
                         for v in values[:10] if v.get("value") and (field, v["value"]) not in filters)
        if links:
            out.append(f'<p class="facets"><b>{e(field)}:</b> {links}</p>')
    nav = []
    if page > 1:
        nav.append(f'<a rel="prev" href="{href(query, page - 1, filters)}">Previous</a>')
    if hits and page * PER_PAGE < total:
        nav.append(f'<a rel="next" href="{href(query, page + 1, filters)}">Next</a>')
    if nav:
        out.append("<nav>" + "".join(nav) + "</nav>")
    return "\n".join(out)


# ------------------------------------------------------------------ main

def respond(status, body, head_only):
    headers = [f"Status: {status} {STATUS_TEXT.get(status, 'Error')}", "Content-Type: text/html; charset=utf-8",
               "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
               "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "Cache-Control: no-store"]
    if status == 503:
        headers.append(f"Retry-After: {RETRY_AFTER}")
    if status == 405:
        headers.append("Allow: GET, HEAD, POST")
    data = body.encode("utf-8")
    headers.append(f"Content-Length: {len(data)}")
    sys.stdout.buffer.write(("\r\n".join(headers) + "\r\n\r\n").encode("ascii"))
    if not head_only:
        sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def main():
    head_only = os.environ.get("REQUEST_METHOD") == "HEAD"
    query, filters = "", []
    try:
        query, page, filters = parse_request(read_form(os.environb, sys.stdin.buffer))
        if not query.strip() and not filters:
            return respond(200, page_html("Search expert answers", "", [], ""), head_only)
        result = run_search(query, page, filters)
        respond(200, page_html(f"{query} \u2013 search", query, filters, results_html(query, page, filters, result)),
                head_only)
    except HttpError as err:
        respond(err.status, page_html(f"{err.status} {STATUS_TEXT.get(err.status, 'Error')}", query, filters,
                                      f"<h1>{err.status} {e(STATUS_TEXT.get(err.status, 'Error'))}</h1>"
                                      f"<p>{e(err.message)}</p>"), head_only)
    except Exception as err:  # a bug here: no traceback to the visitor
        log(f"internal error: {err!r}")
        respond(500, page_html("500", "", [], "<h1>500 Internal Server Error</h1><p>Please try again later.</p>"),
                head_only)


if __name__ == "__main__":
    main()
