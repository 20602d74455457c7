// A table wider than the page scrolls sideways; a keyboard user must be able to reach and scroll it too
// (WCAG 2.1.1; axe: scrollable-region-focusable). Each overflowing table wrapper becomes a focusable region,
// named after its table (axe: landmark-unique asks that repeated regions have different names).
// Material's code-copy bar (nav.md-code__nav) is a navigation landmark on every code block; each is named too.
(function () {
  "use strict";

  function tableName(wrap, n) {
    var grid = wrap.closest(".dp-grid");
    var heading = null;
    for (var node = wrap.closest(".md-typeset__table") || wrap; node && !heading; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) heading = node;
      if (node.classList && node.classList.contains("md-content__inner")) break;
    }
    var about = grid && grid.dataset.label ? grid.dataset.label : heading ? heading.textContent.replace(/¶$/, "").trim() : "";
    return "Table " + n + (about ? ": " + about : "") + " (scrolls sideways)";
  }

  function name() {
    var n = 0;
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      n += 1;
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", tableName(wrap, n));
      }
    }
    document.querySelectorAll("nav.md-code__nav").forEach(function (nav, i) {
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", "Code block " + (i + 1) + " actions");
    });
  }

  document$.subscribe(function () {
    name();
    setTimeout(name, 0);  // Material adds the code-copy bars in the same turn; name those that came after
    var observer = new MutationObserver(function () { name(); });
    observer.observe(document.querySelector(".md-content") || document.body, { childList: true, subtree: true });
    setTimeout(function () { observer.disconnect(); }, 3000);
  });
})();
