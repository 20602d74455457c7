/* Data tables (.dp-grid, made by scripts/docs/text.py grid()): sort by any column, filter the rows.
 * The table is plain HTML without this script; the script adds a filter box and sort buttons, and for a
 * long table (data-csv) loads the rows the page does not hold from the CSV file itself.
 * Numbers sort as numbers. The filter box matches whole words from their start, case-insensitively ("direct"
 * finds direct, not indirect); the columns named in data-choices get a menu of their values, matched whole, which
 * the page address can preset (?kind=direct&speaker_id=Claudia%20Sheinbaum). ?row=ID lands on a row. A verdict
 * (details.dp-primary) opens its note in a full-width row below its row. */
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
    var rows = Array.prototype.filter.call(body.rows, function (row) { return !row.classList.contains("dp-note-row"); });
    var asNumber = numeric(rows, index);
    rows.sort(function (a, b) {
      var x = cellText(a, index), y = cellText(b, index);
      var order = asNumber ? (Number(x.replace(/,/g, "")) || 0) - (Number(y.replace(/,/g, "")) || 0)
                           : x.localeCompare(y, undefined, { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); if (row.dpNote) body.appendChild(row.dpNote); });
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
      state.rows = Array.prototype.filter.call(body.rows, function (row) { return !row.classList.contains("dp-note-row"); });
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
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    var menus = [];
    (grid.dataset.choices ? grid.dataset.choices.split(",") : []).forEach(function (at) {
      var index = Number(at);
      var values = [];
      state.rows.forEach(function (row) {
        var v = cellText(row, index);
        if (values.indexOf(v) === -1) values.push(v);
      });
      values.sort(function (a, b) { return a.localeCompare(b); });
      var menuId = id + "-c" + index;
      var menuLabel = document.createElement("label");
      menuLabel.htmlFor = menuId;
      menuLabel.textContent = names[index];
      var menu = document.createElement("select");
      menu.id = menuId;
      menu.dataset.column = names[index];
      menu.appendChild(new Option("any", "\u0000any"));
      values.forEach(function (v) { menu.appendChild(new Option(v === "" ? "(empty)" : v, v)); });
      var preset = new URLSearchParams(location.search).get(names[index]);
      if (preset !== null && values.indexOf(preset) !== -1) menu.value = preset;
      menuLabel.appendChild(menu);
      tools.insertBefore(menuLabel, count);
      menus.push({ index: index, menu: menu });
      menu.addEventListener("change", filter);
    });
    function words(text) {
      return text.toLowerCase().split(/[^\p{L}\p{N}_.%$-]+/u).filter(Boolean);
    }
    function filter() {
      var wanted = words(input.value);
      var shown = 0;
      state.rows.forEach(function (row) {
        if (row.classList.contains("dp-note-row")) return;
        var have = words(row.textContent);
        var on = wanted.every(function (w) { return have.some(function (h) { return h.indexOf(w) === 0; }); }) &&
          menus.every(function (m) { return m.menu.value === "\u0000any" || cellText(row, m.index) === m.menu.value; });
        row.hidden = !on;
        if (row.dpNote) row.dpNote.hidden = !on || !row.dpNote.dpOpen;
        if (on) shown += 1;
      });
      count.textContent = shown + " of " + state.rows.length + " rows";
    }
    input.addEventListener("input", filter);
    if (menus.length) filter();
    notes(table);
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

  // A verdict opens its note in a full-width row under its row, not inside a narrow cell.
  function notes(table) {
    table.querySelectorAll("details.dp-primary").forEach(function (details) {
      var row = details.closest("tr");
      var body = details.querySelector(".dp-note");
      if (!row || !body) return;
      details.addEventListener("toggle", function () {
        if (!row.dpNote) {
          var tr = document.createElement("tr");
          tr.className = "dp-note-row";
          var td = document.createElement("td");
          td.colSpan = row.cells.length;
          tr.appendChild(td);
          row.parentNode.insertBefore(tr, row.nextSibling);
          row.dpNote = tr;
        }
        var td2 = row.dpNote.cells[0];
        td2.replaceChildren();
        row.querySelectorAll("details.dp-primary[open] .dp-note").forEach(function (n) {
          var copy = n.cloneNode(true);
          td2.appendChild(copy);
        });
        row.dpNote.dpOpen = td2.childNodes.length > 0;
        row.dpNote.hidden = !row.dpNote.dpOpen;
      });
    });
  }

  // ?row=ID (a search result) or #ID: scroll to the row and mark it.
  function land() {
    var id = new URLSearchParams(location.search).get("row") || decodeURIComponent(location.hash.slice(1));
    var anchor = id && document.getElementById(id);
    var row = anchor && anchor.closest(".dp-grid tr");
    if (!row) return;
    document.querySelectorAll(".dp-target").forEach(function (r) { r.classList.remove("dp-target"); });
    row.classList.add("dp-target");
    row.scrollIntoView({ block: "center" });
  }

  function start() {
    document.querySelectorAll(".dp-grid").forEach(function (grid, i) { setup(grid, i); });
    land();
    window.addEventListener("hashchange", land);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
