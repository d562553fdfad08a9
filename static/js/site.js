// The large-type switch: a button in the masthead that makes the text
// larger on every page and remembers the choice. The page reads the choice
// before it is drawn (an inline script in <head>), so there is no flash.
(function () {
  "use strict";
  var btn = document.querySelector(".large-switch");
  if (!btn) return;
  var root = document.documentElement;
  function show() { btn.setAttribute("aria-pressed", root.classList.contains("large") ? "true" : "false"); }
  btn.hidden = false;
  show();
  btn.addEventListener("click", function () {
    var on = root.classList.toggle("large");
    try { localStorage.setItem("herald-large", on ? "1" : "0"); } catch (e) {}
    show();
    window.dispatchEvent(new Event("resize")); // widths changed: see below
  });
})();

// A code block or table wider than the page scrolls sideways: it takes
// the keyboard's focus, so that the arrow keys scroll it (a trial: axe's
// scrollable-region-focusable). One that fits stays out of the tab order.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".story .body pre, .story .body table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    });
  }
  mark();
  window.addEventListener("resize", mark);
  if (document.fonts) document.fonts.ready.then(mark); // web fonts change widths too
})();

// On a phone the sections' row scrolls sideways: the current one is
// brought into view.
(function () {
  "use strict";
  var cur = document.querySelector(".nav [aria-current]");
  if (!cur) return;
  var ul = cur.closest("ul"), r = cur.parentNode.getBoundingClientRect(), u = ul.getBoundingClientRect();
  var end = u.right - (parseFloat(getComputedStyle(ul).paddingRight) || 0);
  if (r.right > end) ul.scrollLeft += r.right - end;
})();
