/* The exact-ID lookup box (docs/templates/snippets/id_lookup.html.j2): an ID such as "stc-q04" goes straight
 * to its row. Full-text search splits IDs at hyphens, so it cannot find one ID exactly. The index is
 * downloads/ids.json, made at build time from every table's primary key. */
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("input");
    var output = form.querySelector("output");
    var index = null;
    var source = new URL(form.dataset.index, document.baseURI);
    var root = new URL("../", source);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var id = input.value.trim();
      var found = index ? Promise.resolve(index) : fetch(source).then(function (r) { return r.json(); });
      found.then(function (data) {
        index = data;
        var hits = data[id] || [];
        if (!hits.length) {
          output.textContent = "No row has the ID “" + id + "”.";
        } else if (hits.length === 1) {
          window.location.href = new URL(hits[0].href, root).href;
        } else {
          output.replaceChildren();
          hits.forEach(function (hit) {
            var link = document.createElement("a");
            link.href = new URL(hit.href, root).href;
            link.textContent = id + " in " + hit.table;
            output.append(link, " ");
          });
        }
      });
    });
  }

  function start() { document.querySelectorAll("form.dp-idlookup").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
