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
  });
})();
