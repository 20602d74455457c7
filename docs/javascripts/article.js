/* The annotated article (docs/templates/article_widget.html.j2): the reading view, the panel, the controls.
 *
 * The reading view is server-rendered: every stretch of marked words is a .rv-s element listing the rows on
 * it (data-rows), named by the roles of its rows in its aria-label, their IDs in its aria-description. This script
 * makes them a keyboard widget (one Tab stop; left and right arrows, Home and End move in text order; up and
 * down arrows or [ and ] jump from quote to quote; Page Down and Page Up from paragraph to paragraph; Enter or
 * Space opens the panel; Escape, in the text or the panel, closes it and returns focus to the words), shows every
 * row on the selected words in the panel (a closable bottom sheet on small screens), and highlights the
 * selected quote together with its cue and source. Data text only reaches the page through textContent.
 */
(function () {
  "use strict";

  var el = window.aaBands.el;  // one helper for both scripts: data text only through textContent

  // What the primary record says about the row: the verdict in words, the note, a link to each alignment row;
  // "not checked" for a row of a table that can be checked but was not.
  function primary(span) {
    if (!span.primary) return null;
    var box = el("section", "aa-primary");
    box.setAttribute("aria-label", "Primary record");
    if (!span.primary.length) {
      box.appendChild(el("p", "aa-verdict aa-unchecked", "Not checked against a primary record"));
      return box;
    }
    span.primary.forEach(function (v) {
      var head = el("p", "aa-verdict");
      head.dataset.relation = v.relation;
      head.appendChild(el("strong", null, "Primary record: " + v.words));
      head.appendChild(document.createTextNode(" (" + v.relation + ")"));
      box.appendChild(head);
      if (v.note) box.appendChild(el("p", "aa-note", v.note));
      var from = el("p", "aa-from");
      from.appendChild(document.createTextNode((v.record ? v.record + " · " : "")));
      var link = el("a", null, "alignment " + v.id);
      link.href = v.href;
      from.appendChild(link);
      box.appendChild(from);
    });
    return box;
  }

  function card(span, kinds, data) {
    var item = el("article", "aa-card aa-k-" + span.kind);
    item.dataset.rowId = span.id;
    item.dataset.table = span.table;
    var quote = span.table === "quotes" && data.quotes[span.id];
    var head = el("header");
    var badge = kinds[span.kind];
    if (quote) {
      badge = (quote.kind ? quote.kind.charAt(0).toUpperCase() + quote.kind.slice(1) + " quote" : "Quote") +
        (quote.speaker ? " by " + data.entities[quote.speaker] : ", unattributed (no speaker named)");
    } else if (span.voice) {
      badge += span.voice === "attributed" ? " (attributed)" : " (the article's own voice)";
    }
    head.appendChild(el("span", "aa-badge", badge));
    var link = el("a", "aa-id");
    link.href = span.href;
    link.appendChild(el("code", null, span.id));
    head.appendChild(link);
    item.appendChild(head);
    item.appendChild(el("blockquote", "aa-quote", span.text));
    var verdict = primary(span);
    if (verdict) item.appendChild(verdict);
    var list = el("dl");
    function add(term, value, title) {
      list.appendChild(el("dt", null, term));
      var dd = el("dd", null, value);
      if (title) dd.title = title;
      list.appendChild(dd);
    }
    span.columns.forEach(function (c) { add(c[0] === "speaker_id" ? "speaker" : c[0], c[1], c[2]); });
    if (quote && !quote.speaker) add("speaker", "none named (unattributed)");
    if (span.voice) add("voice", span.voice === "attributed" ? "attributed" : "the article's own voice");
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
    ctx.segs = Array.prototype.slice.call(ctx.reading.querySelectorAll(".rv-s[role=button]"));
    // the first segment of each quote, in text order, for the quote-to-quote keys
    var seen = {};
    ctx.quoteStarts = ctx.segs.filter(function (seg) {
      var q = seg.closest("[data-quote]");
      var id = q && q.dataset.quote;
      if (!id || seen[id]) return false;
      seen[id] = true;
      return true;
    });
    ctx.paras = Array.prototype.slice.call(ctx.reading.querySelectorAll(".rv-p"));
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
    // on a phone the panel is a sheet over the lower half: keep the selected words above it
    if (window.matchMedia("(max-width: 60em)").matches) {
      var top = seg.getBoundingClientRect().top;
      if (top > window.innerHeight * 0.45) window.scrollBy(0, top - window.innerHeight * 0.2);
    }
  }

  // One Tab stop (roving tabindex): arrows, Home and End move in text order.
  function focusSeg(ctx, seg) {
    if (!seg) return;
    if (ctx.current) ctx.current.tabIndex = -1;
    ctx.current = seg;
    seg.tabIndex = 0;
    seg.focus();
  }

  // The next (step 1) or previous (step -1) segment of `list` after or before the segment at `at` in text order.
  function step(ctx, list, at, dir) {
    var i;
    if (dir > 0) {
      for (i = 0; i < list.length; i++) if (ctx.segs.indexOf(list[i]) > at) return list[i];
    } else {
      for (i = list.length - 1; i >= 0; i--) if (ctx.segs.indexOf(list[i]) < at) return list[i];
    }
    return null;
  }

  function paragraphStarts(ctx) {
    return ctx.paras.map(function (p) { return p.querySelector(".rv-s[role=button]"); }).filter(Boolean);
  }

  function closePanel(ctx) {
    ctx.root.classList.remove("aa-open");
    if (ctx.current && ctx.root.dataset.view === "reading") ctx.current.focus();
  }

  function bindReading(ctx) {
    ctx.reading.addEventListener("click", function (event) {
      var seg = event.target.closest(".rv-s");
      if (!seg) return;
      if (seg.getAttribute("role") === "button") focusSeg(ctx, seg);
      select(ctx, seg);
    });
    ctx.reading.addEventListener("keydown", function (event) {
      var seg = event.target.closest(".rv-s");
      if (!seg) return;
      var at = ctx.segs.indexOf(seg);
      var last = ctx.segs.length - 1;
      var target;
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        target = ctx.segs[Math.max(0, Math.min(last, at + (event.key === "ArrowRight" ? 1 : -1)))];
      } else if (event.key === "ArrowDown" || event.key === "]") {
        target = step(ctx, ctx.quoteStarts, at, 1) || seg;
      } else if (event.key === "ArrowUp" || event.key === "[") {
        target = step(ctx, ctx.quoteStarts, at, -1) || seg;
      } else if (event.key === "PageDown") {
        target = step(ctx, paragraphStarts(ctx), at, 1) || ctx.segs[last];
      } else if (event.key === "PageUp") {
        target = step(ctx, paragraphStarts(ctx), at, -1) || ctx.segs[0];
      } else if (event.key === "Home" || event.key === "End") {
        target = ctx.segs[event.key === "Home" ? 0 : last];
      }
      if (target) {
        event.preventDefault();
        focusSeg(ctx, target);
        target.scrollIntoView({ block: "nearest" });
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(ctx, seg);
      } else if (event.key === "Escape") {
        closePanel(ctx);
      }
    });
    // Escape anywhere in the panel closes it and returns focus to the words it was opened from.
    ctx.root.querySelector(".aa-details").addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closePanel(ctx);
      }
    });
    ctx.root.querySelector(".aa-close").addEventListener("click", function () { closePanel(ctx); });
  }

  // A link or a search result that names a row (?row=ID or #ID) lands on it: scrolled to, focused, lit up.
  function land(ctx) {
    var params = new URLSearchParams(location.search);
    var id = params.get("row") || decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var anchor = document.getElementById(id);
    if (!anchor || !anchor.classList.contains("rv-anchor") || !ctx.root.contains(anchor)) return;
    var seg = anchor.nextElementSibling;
    while (seg && !(seg.classList.contains("rv-s") && seg.getAttribute("role") === "button")) seg = seg.nextElementSibling;
    if (!seg) return;
    ctx.root.querySelectorAll(".rv-target").forEach(function (n) { n.classList.remove("rv-target"); });
    ctx.segs.forEach(function (s) { if ((s.dataset.rows || "").split(" ").some(function (k) { return k.split("/")[1] === id; })) s.classList.add("rv-target"); });
    var quote = ctx.root.querySelector('.rv-q[data-quote="' + id + '"]');
    if (quote) quote.classList.add("rv-target");
    focusSeg(ctx, seg);
    seg.scrollIntoView({ block: "center" });
    ctx.status.textContent = "Row " + id + " is highlighted; select it to see its card.";
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
    land(ctx);
    window.addEventListener("hashchange", function () { land(ctx); });
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
