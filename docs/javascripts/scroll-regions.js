// A table wider than the page scrolls sideways; a keyboard user must be able to reach and scroll it too
// (WCAG 2.1.1; axe: scrollable-region-focusable). Each overflowing table wrapper becomes a focusable, named region.
document$.subscribe(() => {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table (scrolls sideways)");
    }
  }
});
