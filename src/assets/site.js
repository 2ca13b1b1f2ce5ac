// fluentpress site script: remembers the language a visitor picks. The search page runs its
// own script, search.js.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-locale]");
    if (link) {
      try { localStorage.setItem("fluentpress-locale", link.getAttribute("data-locale")); } catch (e) {}
    }
  });
})();
