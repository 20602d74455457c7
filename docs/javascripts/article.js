/* The annotated article (article.md): draws every span from the page's embedded JSON.
 *
 * The text is drawn once in normal flow (a block per paragraph), then once more per lane in transparent layers
 * stacked exactly over it. Each span is one element (.aa-hl) in the layer of its lane,
 * underlined in its kind's colour at its lane's depth, so overlapping spans stay apart.
 * A click lists every span under the pointer (all layers), with row ID and key columns.
 * Offsets are Unicode code points, as in the data; data text only ever reaches the page
 * through textContent.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function summary(span, kinds) {
    var parts = [span.id + " · " + kinds[span.kind]];
    span.columns.forEach(function (c) { parts.push(c[0] + ": " + c[1]); });
    return parts.join("\n");
  }

  // One copy of the text, one block per paragraph (line), with spans (which must not overlap one another
  // nor cross a line break) wrapped as highlights.
  function layer(points, spans, className, kinds) {
    var box = el("div", className);
    var next = 0;
    var start = 0;
    while (start <= points.length) {
      var end = points.indexOf("\n", start);
      if (end === -1) end = points.length;
      var para = el("div", "aa-p");
      var at = start;
      while (next < spans.length && spans[next].end <= end) {
        var span = spans[next++];
        para.appendChild(document.createTextNode(points.slice(at, span.start).join("")));
        var mark = el("span", "aa-hl aa-k-" + span.kind, points.slice(span.start, span.end).join(""));
        mark.dataset.rowId = span.id;
        mark.dataset.kind = span.kind;
        mark.dataset.table = span.table;
        mark.dataset.lane = String(span.lane);
        mark.style.setProperty("--lane", String(span.lane));
        mark.title = summary(span, kinds);
        para.appendChild(mark);
        at = span.end;
      }
      para.appendChild(document.createTextNode(points.slice(at, end).join("")));
      if (end > start) box.appendChild(para);
      start = end + 1;
    }
    if (next !== spans.length) console.error("annotated article: " + (spans.length - next) + " spans cross a line break");
    return box;
  }

  function card(span, kinds) {
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
    span.columns.forEach(function (c) {
      list.appendChild(el("dt", null, c[0]));
      var value = el("dd", null, c[1]);
      if (c[2]) value.title = c[2];
      list.appendChild(value);
    });
    list.appendChild(el("dt", null, "offsets"));
    list.appendChild(el("dd", null, span.start + "–" + span.end));
    item.appendChild(list);
    return item;
  }

  function setup(root) {
    var data = JSON.parse(root.querySelector("script.aa-data").textContent);
    var points = Array.from(data.text);
    var kinds = {};
    data.kinds.forEach(function (k) { kinds[k.kind] = k.label; });
    data.spans.forEach(function (span) {
      if (points.slice(span.start, span.end).join("") !== span.text) {
        console.error("annotated article: " + span.id + " is not the article's text at " + span.start + ":" + span.end);
      }
    });

    var textBox = root.querySelector(".aa-text");
    var lanes = [];
    for (var i = 0; i < data.lanes; i++) lanes.push([]);
    data.spans.forEach(function (span) { lanes[span.lane].push(span); });
    var layers = [layer(points, [], "aa-base", kinds)];
    lanes.forEach(function (spans) {
      spans.sort(function (a, b) { return a.start - b.start; });
      var top = layer(points, spans, "aa-layer", kinds);
      top.setAttribute("aria-hidden", "true");
      layers.push(top);
    });
    textBox.replaceChildren.apply(textBox, layers);

    var marks = Array.prototype.slice.call(textBox.querySelectorAll(".aa-hl"));
    var byId = {};
    data.spans.forEach(function (span) { byId[span.table + "/" + span.id] = span; });
    var details = root.querySelector(".aa-details");
    var status = root.querySelector(".aa-status");
    var speaker = root.querySelector(".aa-speaker");
    var toggles = Array.prototype.slice.call(root.querySelectorAll(".aa-kind-toggle"));

    function spanOf(mark) { return byId[mark.dataset.table + "/" + mark.dataset.rowId]; }

    function apply() {
      var shownKinds = {};
      toggles.forEach(function (t) { shownKinds[t.value] = t.checked; });
      var who = speaker.value;
      var shown = 0;
      marks.forEach(function (mark) {
        var span = spanOf(mark);
        var on = shownKinds[span.kind] && (!who || span.said_by.indexOf(who) !== -1);
        mark.classList.toggle("aa-off", !on);
        if (on) shown += 1;
      });
      status.textContent = "Showing " + shown + " of " + marks.length + " highlights" +
        (who ? " attributed to " + data.entities[who] : "") + ".";
    }

    function show(hits) {
      marks.forEach(function (m) { m.classList.remove("aa-active"); });
      details.replaceChildren();
      if (!hits.length) {
        details.appendChild(el("p", "aa-hint", "No highlight there. Click a coloured band or the words above it."));
        return;
      }
      hits.sort(function (a, b) { return (spanOf(a).start - spanOf(b).start) || (spanOf(a).lane - spanOf(b).lane); });
      details.appendChild(el("p", "aa-hint", hits.length === 1 ? "1 span here:" : hits.length + " spans here:"));
      hits.forEach(function (mark) {
        mark.classList.add("aa-active");
        details.appendChild(card(spanOf(mark), kinds));
      });
    }

    textBox.addEventListener("click", function (event) {
      var hits = document.elementsFromPoint(event.clientX, event.clientY).filter(function (node) {
        return node.classList && node.classList.contains("aa-hl") && !node.classList.contains("aa-off") && textBox.contains(node);
      });
      show(hits);
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
