"""Checks on a returned HTML page shared by the web tests."""
import re
from html.parser import HTMLParser

# Our one script: the suggestions as you type, a file from the CGI itself
# (?asset=suggest.js, named by its content's hash), never inline.
OUR_SCRIPT = re.compile(r'<script src="\?asset=suggest\.js&amp;v=[0-9a-f]{16}" defer></script>')

# Elements that could run or load something; our pages contain none but OUR_SCRIPT.
ACTIVE_TAGS = {"script", "iframe", "img", "svg", "object", "embed", "link", "base", "frame", "frameset", "math",
               "video", "audio", "source", "applet"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []       # (tag, attrs)
        self.style_text = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style_text.append(data)


def parse(page):
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def assert_safe_html(test, page, our_script=True):
    """No element that runs or loads anything but our own script file (none
    at all with our_script=False: web/search.cgi's pages), no event-handler
    attribute, no href but our own "?..." links and http(s) URLs, no raw '
    outside the style sheet (Omega leaves it unescaped), no NUL, valid UTF-8
    given."""
    expected = 1 if our_script else 0
    test.assertEqual(len(OUR_SCRIPT.findall(page)), expected, "our script tag, once (or none)")
    test.assertEqual(page.lower().count("<script"), expected, "a <script> besides ours")
    page = OUR_SCRIPT.sub("", page)
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        test.assertNotIn(tag, ACTIVE_TAGS, f"<{tag}> in the page")
        test.assertFalse(tag == "meta" and any(n == "http-equiv" for n, _ in attrs), "<meta http-equiv> in the page")
        for name, value in attrs:
            test.assertFalse(name.startswith("on"), f"event handler attribute {name}={value!r} on <{tag}>")
            test.assertNotIn(name, {"src", "srcdoc", "formaction", "style"}, f"attribute {name} on <{tag}>")
            if name == "href":
                test.assertTrue(value.startswith("?") or re.match(r"https?://[^/\s]", value),
                                f"href {value!r}")
    without_style = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    test.assertNotIn("'", without_style, "a raw apostrophe in the page")
    test.assertNotIn("\x00", page)
    test.assertNotIn("<script", page.lower())


def result_threads(page):
    """data-thread of each result, in order (HTML-unescaped)."""
    return [dict(attrs).get("data-thread") for tag, attrs in parse(page).tags
            if tag == "li" and ("class", "result") in attrs]
