// big8: keyboard access to wide tables.
//
// Material wraps each table in a box that scrolls sideways when the table is
// wider than the column, but a keyboard user cannot reach a box that holds no
// link (WCAG 2.1.1; axe rule scrollable-region-focusable). A box that
// actually scrolls becomes focusable and gets a name (the table's caption
// when it has one); arrow keys then scroll it. Boxes that fit stay out of the
// tab order. No network, no dependencies.
(function () {
  "use strict";

  var SELECTOR = ".md-typeset__scrollwrap, .md-typeset__table, .md-typeset table";

  function name(box) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    return text ? "Tabel: " + text : "Tabel (horizontaal scrollbaar)";
  }

  function update() {
    var boxes = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("data-b8-scroll")) {
        box.setAttribute("data-b8-scroll", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box));
      } else if (!scrolls && box.hasAttribute("data-b8-scroll")) {
        box.removeAttribute("data-b8-scroll");
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  }

  // document$ is material's documented hook for "page is ready"; it fires
  // after the theme has wrapped the tables.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(update);
  } else {
    window.addEventListener("load", update);
  }
  window.addEventListener("resize", later);
})();
