/* The annotated article (docs/templates/article_widget.html.j2): the reading view, the panel, the controls.
 *
 * The reading view is server-rendered: every stretch of marked words is a .rv-s element listing the rows on
 * it (data-rows) and naming them in its aria-label. This script makes them a keyboard widget (one Tab stop;
 * arrow keys, Home and End move in text order; Enter or Space opens the panel; Escape closes it), shows every
 * row on the selected words in the panel (a closable bottom sheet on small screens), and highlights the
 * selected quote together with its cue and source. Data text only reaches the page through textContent.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function card(span, kinds, data) {
    var item = el("article", "aa-card aa-k-" + span.kind);
    item.dataset.rowId = span.id;
    item.dataset.table = span.table;
    var head = el("header");
    head.appendChild(el("span", "aa-badge", kinds[span.kind]));
    var link = el("a", "aa-id");
    link.href = span.href;
    link.appendChild(el("code", null, span.id));
    head.appendChild(link);
    item.appendChild(head);
    item.appendChild(el("blockquote", "aa-quote", span.text));
    var list = el("dl");
    function add(term, value, title) {
      list.appendChild(el("dt", null, term));
      var dd = el("dd", null, value);
      if (title) dd.title = title;
      list.appendChild(dd);
    }
    span.columns.forEach(function (c) { add(c[0], c[1], c[2]); });
    var quote = span.table === "quotes" && data.quotes[span.id];
    if (quote) {
      var points = Array.from(data.text);
      add("cue", quote.cue ? "“" + points.slice(quote.cue[0], quote.cue[1]).join("") + "”" : "none found in the sentence");
      var source = quote.source && data.spans.filter(function (s) { return s.table === "mentions" && s.id === quote.source; })[0];
      add("source", source ? "“" + source.text + "” (" + source.id + ")" : "no mention of the speaker in the sentence");
    }
    add("offsets", span.start + "–" + span.end);
    item.appendChild(list);
    return item;
  }

  function setup(root) {
    var data = JSON.parse(root.querySelector("script.aa-data").textContent);
    var kinds = {};
    data.kinds.forEach(function (k) { kinds[k.kind] = k.label; });
    var byKey = {};
    data.spans.forEach(function (span) { byKey[span.table + "/" + span.id] = span; });
    var reading = root.querySelector(".rv-text");
    var segs = Array.prototype.slice.call(reading.querySelectorAll(".rv-s"));
    var cards = root.querySelector(".aa-cards");
    var status = root.querySelector(".aa-status");
    var speaker = root.querySelector(".aa-speaker");
    var toggles = Array.prototype.slice.call(root.querySelectorAll(".aa-kind-toggle"));
    var marks = null;
    var current = segs[0] || null;
    if (current) current.tabIndex = 0;

    function show(keys) {
      root.querySelectorAll(".rv-on, .rv-sel, .aa-active").forEach(function (n) { n.classList.remove("rv-on", "rv-sel", "aa-active"); });
      cards.replaceChildren();
      var spans = keys.map(function (k) { return byKey[k]; }).filter(Boolean);
      spans.sort(function (a, b) { return (a.start - b.start) || (b.end - a.end); });
      if (!spans.length) {
        cards.appendChild(el("p", "aa-hint", "Nothing marked there. Select marked words to see their rows."));
      } else {
        cards.appendChild(el("p", "aa-hint", spans.length === 1 ? "1 row here:" : spans.length + " rows here:"));
      }
      spans.forEach(function (span) {
        cards.appendChild(card(span, kinds, data));
        if (span.table === "quotes") {
          root.querySelectorAll('[data-quote="' + span.id + '"], [data-cue-of~="' + span.id + '"], [data-source-of~="' + span.id + '"]')
            .forEach(function (n) { n.classList.add("rv-on"); });
        }
        if (marks) marks.forEach(function (m) { if (m.dataset.table + "/" + m.dataset.rowId === span.table + "/" + span.id) m.classList.add("aa-active"); });
      });
      root.classList.add("aa-open");
    }

    function keysOf(seg) {
      var keys = seg.dataset.rows ? seg.dataset.rows.split(" ") : [];
      var source = seg.closest("[data-source-of]");
      [seg.dataset.cueOf, source && source.dataset.sourceOf].forEach(function (ids) {
        (ids ? ids.split(" ") : []).forEach(function (id) { if (keys.indexOf("quotes/" + id) === -1) keys.push("quotes/" + id); });
      });
      return keys;
    }

    function select(seg) {
      show(keysOf(seg));
      seg.classList.add("rv-sel");
    }

    function focusSeg(seg) {
      if (!seg) return;
      if (current) current.tabIndex = -1;
      current = seg;
      seg.tabIndex = 0;
      seg.focus();
    }

    reading.addEventListener("click", function (event) {
      var seg = event.target.closest(".rv-s");
      if (!seg) return;
      focusSeg(seg);
      select(seg);
    });
    reading.addEventListener("keydown", function (event) {
      var seg = event.target.closest(".rv-s");
      if (!seg) return;
      var at = segs.indexOf(seg);
      var moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: segs.length - 1 };
      if (event.key in moves) {
        event.preventDefault();
        focusSeg(segs[Math.max(0, Math.min(segs.length - 1, moves[event.key]))]);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(seg);
      } else if (event.key === "Escape") {
        root.classList.remove("aa-open");
      }
    });
    root.querySelector(".aa-close").addEventListener("click", function () {
      root.classList.remove("aa-open");
      if (current && root.dataset.view === "reading") current.focus();
    });

    function apply() {
      var who = speaker.value;
      root.querySelectorAll(".rv-q").forEach(function (q) { q.classList.toggle("rv-dim", !!who && q.dataset.speaker !== who); });
      var quotes = Object.keys(data.quotes).filter(function (id) { return !who || data.quotes[id].speaker === who; }).length;
      if (root.dataset.view === "reading") {
        status.textContent = quotes + (quotes === 1 ? " quote" : " quotes") + (who ? " by " + data.entities[who] : "") + ".";
        return;
      }
      var on = {};
      toggles.forEach(function (t) { on[t.value] = t.checked; });
      var shown = 0;
      marks.forEach(function (mark) {
        var span = byKey[mark.dataset.table + "/" + mark.dataset.rowId];
        var visible = on[span.kind] && (!who || span.said_by.indexOf(who) !== -1);
        mark.classList.toggle("aa-off", !visible);
        if (visible) shown += 1;
      });
      status.textContent = "Showing " + shown + " of " + marks.length + " highlights" + (who ? " attributed to " + data.entities[who] : "") + ".";
    }

    root.querySelectorAll(".aa-view").forEach(function (radio) {
      radio.addEventListener("change", function () {
        root.dataset.view = radio.value;
        root.querySelectorAll(".aa-for-reading").forEach(function (n) { n.hidden = radio.value !== "reading"; });
        root.querySelectorAll(".aa-for-bands").forEach(function (n) { n.hidden = radio.value !== "bands"; });
        if (radio.value === "bands" && !marks) marks = window.aaBands.draw(root.querySelector(".aa-text"), data, kinds, show);
        apply();
      });
    });
    toggles.forEach(function (t) { t.addEventListener("change", apply); });
    speaker.addEventListener("change", apply);
    apply();
    root.dataset.ready = "true";
  }

  function start() {
    document.querySelectorAll(".aa").forEach(function (root) {
      try {
        setup(root);
      } catch (error) {
        console.error("annotated article: " + error);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
