// qadex: suggestions as you type under the search box (docs/WEB.md,
// "Suggestions"). Progressive enhancement: without this script the form is
// a plain search form. Served by qadex.cgi itself (?asset=suggest.js), so
// the page's Content-Security-Policy needs only script-src 'self' and
// connect-src 'self'. An ARIA 1.2 combobox: the input owns a listbox, the
// active option is named by aria-activedescendant, the focus stays in the
// input. Arrow Down/Up move, Enter searches the active suggestion, Escape
// closes the list.
(function () {
  "use strict";
  var input = document.querySelector("form.search input[name=q]");
  if (!input || !window.fetch) return;
  var form = input.form;
  var list = document.createElement("ul");
  list.id = "qadex-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");

  var items = [];     // the suggestions shown
  var active = -1;    // index of the highlighted one, -1 for none
  var asked = 0;      // number of the latest request: older answers are dropped
  var timer = null;

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    for (var i = 0; i < list.children.length; i++)
      list.children[i].setAttribute("aria-selected", i === index ? "true" : "false");
    if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    input.value = items[index].text;
    close();
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  function show(suggestions) {
    close();
    items = suggestions;
    if (!items.length) return;
    items.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "qadex-suggestion-" + i;
      li.className = "suggestion " + s.kind;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var text = document.createElement("span");
      text.textContent = s.text;           // text, never markup
      var count = document.createElement("span");
      count.className = "count";
      count.textContent = s.count + (s.count === 1 ? " answer" : " answers");
      li.appendChild(text);
      li.appendChild(count);
      // mousedown, not click: the input's blur would close the list first.
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function ask() {
    var text = input.value;
    if (!text.trim() || text.length > 200) { close(); return; }
    var mine = ++asked;
    fetch(location.pathname + "?suggest=" + encodeURIComponent(text), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {suggestions: []}; })
      .then(function (j) { if (mine === asked && document.activeElement === input) show(j.suggestions || []); })
      .catch(function () { if (mine === asked) close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 100);
  });
  input.addEventListener("keydown", function (e) {
    if (list.hidden) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      highlight(active + 1 < items.length ? active + 1 : 0);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      highlight(active > 0 ? active - 1 : items.length - 1);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      e.preventDefault();
      asked++;
      close();
    }
  });
  input.addEventListener("blur", function () { asked++; close(); });
})();
