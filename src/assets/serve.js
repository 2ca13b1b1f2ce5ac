// fluentpress serve: keeps this page current as the site changes. Injected by `serve` only;
// never part of an exported site.
//
// On a change to this page the new page is fetched and compared with the open one: when only
// texts and attributes differ (a translation edited in the panel or in a text editor), they are
// updated in place, so the scroll position, the focus and the editor's panel stay; any other
// difference (a block added, markup changed outside a message) reloads the page.
(function () {
  function closable(overlay) {
    if (overlay) {
      overlay.querySelector("button").addEventListener("click", function () {
        overlay.remove();
      });
    }
  }
  closable(document.getElementById("fluentpress-overlay"));
  var here = location.pathname.replace(/index\.html$/, "");
  try { here = decodeURIComponent(here); } catch (e) {}

  // Nodes that belong to serve, not to the page: scripts, the overlay, the editor.
  function ours(node) {
    return node.nodeType === 1 && (node.tagName === "SCRIPT" || node.tagName === "LINK" ||
      (node.id || "").indexOf("fluentpress-") === 0);
  }
  function kids(node) {
    return Array.prototype.filter.call(node.childNodes, function (n) {
      if (n.nodeType === 3) return n.data.trim() !== "";
      return n.nodeType === 1 && !ours(n);
    });
  }
  // The editor's own attributes (`data-fp-*`) are neither compared nor removed.
  function pageAttributes(element) {
    var out = {};
    Array.prototype.forEach.call(element.attributes, function (a) {
      if (a.name.indexOf("data-fp-") !== 0) out[a.name] = a.value;
    });
    return out;
  }
  function sameAttributes(a, b) {
    var x = pageAttributes(a), y = pageAttributes(b);
    var keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    return keys.every(function (k) { return y[k] === x[k]; });
  }
  function copyAttributes(a, b) {
    var x = pageAttributes(a), y = pageAttributes(b);
    Object.keys(x).forEach(function (k) { if (!(k in y)) a.removeAttribute(k); });
    Object.keys(y).forEach(function (k) { if (x[k] !== y[k]) a.setAttribute(k, y[k]); });
  }
  // Collects the updates turning `a` (open) into `b` (fetched); false when the structure differs.
  function plan(a, b, steps) {
    if (a.nodeType !== b.nodeType) return false;
    if (a.nodeType === 3) {
      if (a.data !== b.data) steps.push(function () { a.data = b.data; });
      return true;
    }
    if (a.tagName !== b.tagName || a.getAttribute("data-l10n-id") !== b.getAttribute("data-l10n-id")) {
      return false;
    }
    if (!sameAttributes(a, b)) steps.push(function () { copyAttributes(a, b); });
    if (b.hasAttribute("data-l10n-id")) {
      // A message's element: its content is the export's escaped HTML, taken over whole.
      if (a.innerHTML !== b.innerHTML) {
        steps.push(function () {
          var nodes = Array.prototype.map.call(b.childNodes, function (n) {
            return document.importNode(n, true);
          });
          a.replaceChildren.apply(a, nodes);
        });
      }
      return true;
    }
    var x = kids(a), y = kids(b);
    if (x.length !== y.length) return false;
    for (var i = 0; i < x.length; i++) {
      if (!plan(x[i], y[i], steps)) return false;
    }
    return true;
  }
  function replaceOverlay(fetched) {
    var old = document.getElementById("fluentpress-overlay");
    var next = fetched.getElementById("fluentpress-overlay");
    if (old && next && old.innerHTML === next.innerHTML) return;
    if (old) old.remove();
    if (next) {
      next = document.importNode(next, true);
      document.body.appendChild(next);
      closable(next);
    }
  }
  // Updates the page in place; resolves false when it had to reload instead.
  function update() {
    return fetch(location.href, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      return response.text();
    }).then(function (html) {
      var fetched = new DOMParser().parseFromString(html, "text/html");
      var steps = [];
      if (!plan(document.body, fetched.body, steps)) throw new Error("structure changed");
      steps.forEach(function (step) { step(); });
      if (document.title !== fetched.title) document.title = fetched.title;
      replaceOverlay(fetched);
      // The interface texts the editor finds elements by.
      var texts = document.getElementById("fluentpress-l10n");
      var fresh = fetched.getElementById("fluentpress-l10n");
      if (texts && fresh) texts.textContent = fresh.textContent;
      document.dispatchEvent(new CustomEvent("fluentpress:updated"));
      return true;
    }).catch(function () {
      location.reload();
      return false;
    });
  }
  // One update at a time; a change arriving meanwhile is applied after it.
  var queue = Promise.resolve();
  window.fluentpressUpdate = function () {
    queue = queue.then(update);
    return queue;
  };
  var events = new EventSource("/__fluentpress/events");
  events.addEventListener("reload", function (event) {
    var change = JSON.parse(event.data);
    if (change.all || change.paths.indexOf(here) >= 0) window.fluentpressUpdate();
  });
})();
