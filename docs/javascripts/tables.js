/* Data tables (.dp-grid, made by scripts/docs/text.py grid()): sort by any column, filter the rows.
 * The table is plain HTML without this script; the script only adds a filter box and sort buttons.
 * Numbers sort as numbers; a filter matches any cell, case-insensitively. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function numeric(rows, index) {
    return rows.every(function (row) { var t = cellText(row, index); return t === "" || !isNaN(Number(t.replace(/,/g, ""))); });
  }

  function sortBy(table, index, button) {
    var head = button.closest("th");
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asNumber = numeric(rows, index);
    rows.sort(function (a, b) {
      var x = cellText(a, index), y = cellText(b, index);
      var order = asNumber ? (Number(x.replace(/,/g, "")) || 0) - (Number(y.replace(/,/g, "")) || 0)
                           : x.localeCompare(y, undefined, { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setup(grid, number) {
    var table = grid.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    var label = grid.dataset.label || "rows";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var tools = document.createElement("div");
    tools.className = "dp-tools";
    var id = "dp-filter-" + number;
    var name = document.createElement("label");
    name.htmlFor = id;
    name.textContent = "Filter " + label;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = "any text or ID";
    var count = document.createElement("output");
    count.setAttribute("aria-live", "polite");
    count.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
    tools.append(name, input, count);
    grid.insertBefore(tools, grid.firstChild);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var on = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !on;
        if (on) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dp-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
  }

  function start() {
    document.querySelectorAll(".dp-grid").forEach(function (grid, i) { setup(grid, i); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
