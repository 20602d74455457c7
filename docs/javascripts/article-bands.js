/* The "All layers" view of an annotated article: every span as a band of underline under its words.
 *
 * The text is drawn once in normal flow, then once more per lane in transparent layers stacked exactly over
 * it; each span is one element (.aa-hl) in the layer of its lane, underlined in its kind's colour and line
 * style at its lane's depth. The layers are hidden from screen readers (the reading view is the accessible
 * one). Offsets are Unicode code points, as in the data; data text only reaches the page through textContent.
 */
window.aaBands = (function () {
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

  // One copy of the text, one block per paragraph, with spans (which neither overlap nor cross a line break).
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

  // Draw the bands into textBox; `pick(keys)` receives "table/id" of every visible band under a click.
  function draw(textBox, data, kinds, pick) {
    var points = Array.from(data.text);
    var lanes = [];
    for (var i = 0; i < data.lanes; i++) lanes.push([]);
    data.spans.forEach(function (span) { lanes[span.lane].push(span); });
    var layers = [layer(points, [], "aa-base", kinds)];
    layers[0].setAttribute("aria-hidden", "true");
    lanes.forEach(function (spans) {
      spans.sort(function (a, b) { return a.start - b.start; });
      var top = layer(points, spans, "aa-layer", kinds);
      top.setAttribute("aria-hidden", "true");
      layers.push(top);
    });
    textBox.replaceChildren.apply(textBox, layers);
    textBox.addEventListener("click", function (event) {
      var hits = document.elementsFromPoint(event.clientX, event.clientY).filter(function (node) {
        return node.classList && node.classList.contains("aa-hl") && !node.classList.contains("aa-off") && textBox.contains(node);
      });
      pick(hits.map(function (mark) { return mark.dataset.table + "/" + mark.dataset.rowId; }));
    });
    return Array.prototype.slice.call(textBox.querySelectorAll(".aa-hl"));
  }

  return { draw: draw, el: el };  // el is shared with article.js, which loads after this file
})();
