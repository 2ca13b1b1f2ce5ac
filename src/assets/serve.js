// fluentpress serve: reloads this page when the site changes. Injected by `serve` only; never
// part of an exported site.
(function () {
  var overlay = document.getElementById("fluentpress-overlay");
  if (overlay) {
    overlay.querySelector("button").addEventListener("click", function () {
      overlay.remove();
    });
  }
  var here = location.pathname.replace(/index\.html$/, "");
  try { here = decodeURIComponent(here); } catch (e) {}
  var events = new EventSource("/__fluentpress/events");
  events.addEventListener("reload", function (event) {
    var change = JSON.parse(event.data);
    if (change.all || change.paths.indexOf(here) >= 0) location.reload();
  });
})();
