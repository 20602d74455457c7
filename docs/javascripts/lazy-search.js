/* Load the search index only when the search opens, not on every page.
 *
 * Material asks for search/search_index.json as soon as a page loads (its bundle requests it with
 * XMLHttpRequest). This script, loaded before the bundle, holds that one request back until the reader opens
 * the search (focus on the search box, by click, tap or the / and s keys, which focus it), then sends it
 * unchanged; the search works as before, a moment later on its first use. A page opened from a search result
 * with highlighting (?h=…) sends it at once, since the highlighter needs it.
 */
(function () {
  "use strict";
  var opened = /[?&]h=/.test(location.search);
  var waiting = [];

  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }

  var realOpen = XMLHttpRequest.prototype.open;
  var realSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.dpSearchIndex = /\/search\/search_index\.json(?:$|\?)/.test(String(url));
    return realOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.dpSearchIndex && !opened) {
      waiting.push(function () { realSend.apply(request, args); });
      return undefined;
    }
    return realSend.apply(this, arguments);
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) open();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) open();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest('label[for="__search"], .md-search')) open();
  }, true);
})();
