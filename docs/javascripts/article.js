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

  var el = window.aaBands.el;  // one helper for both scripts: data text only through textContent

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

  // Everything one widget's handlers share.
  function context(root) {
    var data = JSON.parse(root.querySelector("script.aa-data").textContent);
    var ctx = { root: root, data: data, kinds: {}, byKey: {}, marks: null };
    data.kinds.forEach(function (k) { ctx.kinds[k.kind] = k.label; });
    data.spans.forEach(function (span) { ctx.byKey[span.table + "/" + span.id] = span; });
    ctx.reading = root.querySelector(".rv-text");
    ctx.segs = Array.prototype.slice.call(ctx.reading.querySelectorAll(".rv-s"));
    ctx.cards = root.querySelector(".aa-cards");
    ctx.status = root.querySelector(".aa-status");
    ctx.speaker = root.querySelector(".aa-speaker");
    ctx.toggles = Array.prototype.slice.call(root.querySelectorAll(".aa-kind-toggle"));
    ctx.current = ctx.segs[0] || null;
    if (ctx.current) ctx.current.tabIndex = 0;
    return ctx;
  }

  // The panel: one card per row, and the selected quote lit up together with its cue and source.
  function show(ctx, keys) {
    var root = ctx.root;
    root.querySelectorAll(".rv-on, .rv-sel, .aa-active").forEach(function (n) { n.classList.remove("rv-on", "rv-sel", "aa-active"); });
    ctx.cards.replaceChildren();
    var spans = keys.map(function (k) { return ctx.byKey[k]; }).filter(Boolean);
    spans.sort(function (a, b) { return (a.start - b.start) || (b.end - a.end); });
    ctx.cards.appendChild(el("p", "aa-hint", !spans.length ? "Nothing marked there. Select marked words to see their rows."
      : spans.length === 1 ? "1 row here:" : spans.length + " rows here:"));
    spans.forEach(function (span) {
      ctx.cards.appendChild(card(span, ctx.kinds, ctx.data));
      if (span.table === "quotes") {
        root.querySelectorAll('[data-quote="' + span.id + '"], [data-cue-of~="' + span.id + '"], [data-source-of~="' + span.id + '"]')
          .forEach(function (n) { n.classList.add("rv-on"); });
      }
      (ctx.marks || []).forEach(function (m) {
        if (m.dataset.table === span.table && m.dataset.rowId === span.id) m.classList.add("aa-active");
      });
    });
    root.classList.add("aa-open");
  }

  // The rows on a segment, and the quotes it is the cue or (inside a source box) the source of.
  function keysOf(seg) {
    var keys = seg.dataset.rows ? seg.dataset.rows.split(" ") : [];
    var source = seg.closest("[data-source-of]");
    [seg.dataset.cueOf, source && source.dataset.sourceOf].forEach(function (ids) {
      (ids ? ids.split(" ") : []).forEach(function (id) { if (keys.indexOf("quotes/" + id) === -1) keys.push("quotes/" + id); });
    });
    return keys;
  }

  function select(ctx, seg) {
    show(ctx, keysOf(seg));
    seg.classList.add("rv-sel");
  }

  // One Tab stop (roving tabindex): arrows, Home and End move in text order.
  function focusSeg(ctx, seg) {
    if (!seg) return;
    if (ctx.current) ctx.current.tabIndex = -1;
    ctx.current = seg;
    seg.tabIndex = 0;
    seg.focus();
  }

  function bindReading(ctx) {
    ctx.reading.addEventListener("click", function (event) {
      var seg = event.target.closest(".rv-s");
      if (!seg) return;
      focusSeg(ctx, seg);
      select(ctx, seg);
    });
    ctx.reading.addEventListener("keydown", function (event) {
      var seg = event.target.closest(".rv-s");
      if (!seg) return;
      var at = ctx.segs.indexOf(seg);
      var moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: ctx.segs.length - 1 };
      if (event.key in moves) {
        event.preventDefault();
        focusSeg(ctx, ctx.segs[Math.max(0, Math.min(ctx.segs.length - 1, moves[event.key]))]);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(ctx, seg);
      } else if (event.key === "Escape") {
        ctx.root.classList.remove("aa-open");
      }
    });
    ctx.root.querySelector(".aa-close").addEventListener("click", function () {
      ctx.root.classList.remove("aa-open");
      if (ctx.current && ctx.root.dataset.view === "reading") ctx.current.focus();
    });
  }

  // The speaker filter (both views) and the kind toggles (all layers), with a status line.
  function apply(ctx) {
    var who = ctx.speaker.value, data = ctx.data;
    ctx.root.querySelectorAll(".rv-q").forEach(function (q) { q.classList.toggle("rv-dim", !!who && q.dataset.speaker !== who); });
    if (ctx.root.dataset.view === "reading") {
      var quotes = Object.keys(data.quotes).filter(function (id) { return !who || data.quotes[id].speaker === who; }).length;
      ctx.status.textContent = quotes + (quotes === 1 ? " quote" : " quotes") + (who ? " by " + data.entities[who] : "") + ".";
      return;
    }
    var on = {};
    ctx.toggles.forEach(function (t) { on[t.value] = t.checked; });
    var shown = 0;
    ctx.marks.forEach(function (mark) {
      var span = ctx.byKey[mark.dataset.table + "/" + mark.dataset.rowId];
      var visible = on[span.kind] && (!who || span.said_by.indexOf(who) !== -1);
      mark.classList.toggle("aa-off", !visible);
      if (visible) shown += 1;
    });
    ctx.status.textContent = "Showing " + shown + " of " + ctx.marks.length + " highlights" +
      (who ? " attributed to " + data.entities[who] : "") + ".";
  }

  function bindControls(ctx) {
    var root = ctx.root;
    root.querySelectorAll(".aa-view").forEach(function (radio) {
      radio.addEventListener("change", function () {
        root.dataset.view = radio.value;
        root.querySelectorAll(".aa-for-reading").forEach(function (n) { n.hidden = radio.value !== "reading"; });
        root.querySelectorAll(".aa-for-bands").forEach(function (n) { n.hidden = radio.value !== "bands"; });
        if (radio.value === "bands" && !ctx.marks) {
          ctx.marks = window.aaBands.draw(root.querySelector(".aa-text"), ctx.data, ctx.kinds, function (keys) { show(ctx, keys); });
        }
        apply(ctx);
      });
    });
    ctx.toggles.forEach(function (t) { t.addEventListener("change", function () { apply(ctx); }); });
    ctx.speaker.addEventListener("change", function () { apply(ctx); });
  }

  function setup(root) {
    var ctx = context(root);
    bindReading(ctx);
    bindControls(ctx);
    apply(ctx);
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
