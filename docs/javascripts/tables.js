/* Data tables (.dp-grid, made by scripts/docs/text.py grid()): sort by any column, filter the rows.
 * The table is plain HTML without this script; the script adds a filter box and sort buttons, and for a
 * long table (data-csv) loads the rows the page does not hold from the CSV file itself.
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

  // RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks.
  function parseCSV(text) {
    var rows = [], row = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
      else if (c !== "\r") field += c;
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  // Append the rows after the ones the page holds, as text, the ID cell keeping its anchor.
  function loadRest(grid, table, state) {
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    return fetch(new URL(grid.dataset.csv, document.baseURI)).then(function (r) {
      if (!r.ok) throw new Error(grid.dataset.csv + ": HTTP " + r.status);
      return r.text();
    }).then(function (text) {
      var all = parseCSV(text);
      var index = names.map(function (name) { return all[0].indexOf(name); });
      var body = table.tBodies[0];
      all.slice(1 + state.rows.length).forEach(function (values) {
        var tr = document.createElement("tr");
        index.forEach(function (at, n) {
          var td = document.createElement("td");
          td.textContent = at === -1 ? "" : values[at];
          if (n === 0 && grid.dataset.key !== undefined) {
            var placeholder = document.getElementById(td.textContent);
            if (placeholder && placeholder.parentNode.classList.contains("dp-anchors")) placeholder.remove();
            td.id = td.textContent;
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      state.rows = Array.prototype.slice.call(body.rows);
      state.count.textContent = state.rows.length + " rows";
      grid.dataset.loaded = "true";
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    });
  }

  function setup(grid, number) {
    var table = grid.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    var label = grid.dataset.label || "rows";
    var state = { rows: Array.prototype.slice.call(table.tBodies[0].rows) };
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
    state.count = count;
    count.textContent = state.rows.length + (state.rows.length === 1 ? " row" : " rows");
    tools.append(name, input, count);
    grid.insertBefore(tools, grid.firstChild);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      state.rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var on = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !on;
        if (on) shown += 1;
      });
      count.textContent = shown + " of " + state.rows.length + " rows";
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dp-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
    if (grid.dataset.csv) loadRest(grid, table, state);
  }

  function start() {
    document.querySelectorAll(".dp-grid").forEach(function (grid, i) { setup(grid, i); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
