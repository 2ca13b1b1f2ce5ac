// fluentpress serve: the in-context editor. Loaded by pages `serve` sends (never by an exported
// site) when editing is on. A "Translate" switch outlines every element showing a message; a
// click opens a panel to translate that message, saved through PUT /__fluentpress/message
// with the run's token. Every text from the project (sources, translations, comments,
// diagnostics) is inserted with textContent, never as HTML.
(function () {
  var meta = document.querySelector('meta[name="fluentpress-token"]');
  if (!meta) return;
  var token = meta.getAttribute("content");
  var API = "/__fluentpress/message";
  var translating = false;
  var current = null; // the message open in the panel, as the server described it

  function l10n() {
    var node = document.getElementById("fluentpress-l10n");
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) {
      if (k === "text") node.textContent = attributes[k];
      else if (k === "class") node.className = attributes[k];
      else node.setAttribute(k, attributes[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // Interface texts the templates write carry no marks: find their elements by their text.
  function markInterface() {
    var data = l10n();
    if (!data) return;
    var byText = {};
    data.texts.forEach(function (pair) {
      var text = (pair[1] || "").trim();
      if (text && !(text in byText)) byText[text] = pair[0];
    });
    var all = document.body.querySelectorAll("*");
    Array.prototype.forEach.call(all, function (node) {
      if (node.closest("[id^='fluentpress-']") || node.closest("[data-l10n-id]")) return;
      if (node.tagName === "SCRIPT" || node.tagName === "STYLE") return;
      var id = null, attribute = null;
      if (node.classList.contains("notice")) {
        var kind = Array.prototype.find.call(node.classList, function (c) { return c !== "notice"; });
        if (kind) id = "notice-" + kind;
      } else if (node.hasAttribute("placeholder") && byText[node.getAttribute("placeholder").trim()]) {
        id = byText[node.getAttribute("placeholder").trim()];
        attribute = "placeholder";
      } else if (node.children.length === 0 && byText[node.textContent.trim()]) {
        id = byText[node.textContent.trim()];
      }
      if (id) {
        node.setAttribute("data-fp-id", id);
        node.setAttribute("data-fp-locale", data.locale);
        if (attribute) node.setAttribute("data-fp-attr", attribute);
      }
    });
  }

  // The switch and the panel (ids starting `fluentpress-`: the page's in-place update leaves
  // them alone).
  var bar = el("div", { id: "fluentpress-editor", lang: "en", dir: "ltr" });
  var toggle = el("button", { type: "button", "aria-pressed": "false", class: "fp-toggle", text: "Translate" });
  var titleButton = el("button", { type: "button", class: "fp-title", text: "Page title", hidden: "" });
  bar.appendChild(toggle);
  bar.appendChild(titleButton);
  var panel = el("aside", { id: "fluentpress-editor-panel", lang: "en", dir: "ltr", hidden: "", "aria-label": "Translate a message" });
  document.body.appendChild(bar);
  document.body.appendChild(panel);

  function setTranslating(on) {
    translating = on;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    document.documentElement.classList.toggle("fp-translating", on);
    if (on) titleButton.removeAttribute("hidden"); else titleButton.setAttribute("hidden", "");
    if (!on) closePanel();
  }
  toggle.addEventListener("click", function () { setTranslating(!translating); });
  titleButton.addEventListener("click", function () {
    var data = l10n();
    if (data && data.title) open(data.title, data.locale);
  });

  document.addEventListener("click", function (event) {
    if (!translating || event.target.closest("[id^='fluentpress-']")) return;
    var target = event.target.closest("[data-l10n-id], [data-fp-id]");
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    var id = target.getAttribute("data-l10n-id") || target.getAttribute("data-fp-id");
    var locale = target.getAttribute("data-l10n-locale") || target.getAttribute("data-fp-locale");
    document.querySelectorAll("[data-fp-selected]").forEach(function (n) { n.removeAttribute("data-fp-selected"); });
    target.setAttribute("data-fp-selected", "");
    open(id, locale);
  }, true);

  function closePanel() {
    panel.setAttribute("hidden", "");
    panel.replaceChildren();
    current = null;
    document.querySelectorAll("[data-fp-selected]").forEach(function (n) { n.removeAttribute("data-fp-selected"); });
  }

  function open(id, locale) {
    return fetch(API + "?locale=" + encodeURIComponent(locale) + "&id=" + encodeURIComponent(id), { cache: "no-store" })
      .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
      .then(function (answer) {
        if (answer.status !== 200) {
          show(el("p", { class: "fp-error", text: answer.body.error || "cannot open " + id }));
          return;
        }
        current = answer.body;
        current.undo = [];
        render();
      })
      .catch(function (e) {
        show(el("p", { class: "fp-error", text: "The server did not answer: " + e }));
      });
  }

  function show(content) {
    panel.replaceChildren(content);
    panel.removeAttribute("hidden");
  }

  // --- The chip editor: text is editable, placeables and link targets are whole tokens. ---

  // Splits FTL pattern text into text and protected pieces (`{ … }` placeables, `](url)`).
  function tokenize(ftl) {
    var out = [], text = "", i = 0;
    while (i < ftl.length) {
      var c = ftl[i];
      if (c === "{") {
        var depth = 0, j = i, quoted = false;
        for (; j < ftl.length; j++) {
          var d = ftl[j];
          if (quoted) {
            if (d === "\\") j++;
            else if (d === '"') quoted = false;
          } else if (d === '"') quoted = true;
          else if (d === "{") depth++;
          else if (d === "}" && --depth === 0) break;
        }
        var piece = ftl.slice(i, j + 1);
        var literal = /^\{\s*"((?:[^"\\]|\\.)*)"\s*\}$/.exec(piece);
        if (literal && (literal[1] === "{" || literal[1] === "}")) {
          text += literal[1]; // an escaped brace is text to a translator
        } else {
          if (text) out.push({ text: text });
          text = "";
          out.push({ chip: piece });
        }
        i = j + 1;
      } else if (c === "]" && ftl[i + 1] === "(") {
        var end = ftl.indexOf(")", i);
        if (end < 0) { text += c; i++; continue; }
        if (text) out.push({ text: text });
        text = "";
        out.push({ chip: ftl.slice(i, end + 1) });
        i = end + 1;
      } else {
        text += c;
        i++;
      }
    }
    if (text) out.push({ text: text });
    return out;
  }

  function chipEditor(ftl, label) {
    var box = el("div", { class: "fp-field", contenteditable: "true", role: "textbox", "aria-multiline": "true", "aria-label": label, spellcheck: "true" });
    tokenize(ftl || "").forEach(function (piece) {
      if (piece.chip) {
        box.appendChild(el("span", { class: "fp-chip", contenteditable: "false", "data-ftl": piece.chip, text: piece.chip }));
      } else {
        box.appendChild(document.createTextNode(piece.text));
      }
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        document.execCommand("insertText", false, "\n");
      }
    });
    box.addEventListener("paste", function (event) {
      event.preventDefault();
      var text = (event.clipboardData || window.clipboardData).getData("text/plain");
      document.execCommand("insertText", false, text);
    });
    return box;
  }

  // The FTL of a chip editor: text escaped (braces, a line start Fluent would read as syntax),
  // chips as they were.
  function serialize(box) {
    var out = "";
    function walk(node) {
      Array.prototype.forEach.call(node.childNodes, function (n) {
        if (n.nodeType === 3) {
          out += n.data.replace(/[{}]/g, function (b) { return '{"' + b + '"}'; });
        } else if (n.nodeType === 1 && n.hasAttribute("data-ftl")) {
          out += n.getAttribute("data-ftl");
        } else if (n.tagName === "BR") {
          out += "\n";
        } else if (n.nodeType === 1) {
          if ((n.tagName === "DIV" || n.tagName === "P") && out && !out.endsWith("\n")) out += "\n";
          walk(n);
        }
      });
    }
    walk(box);
    return out.split("\n").map(function (line, i) {
      return i > 0 ? line.replace(/^([[*.])/, '{"$1"}') : line;
    }).join("\n").replace(/\s+$/, "");
  }

  // --- The panel ---

  function section(title, children) {
    return el("section", {}, [el("h3", { text: title })].concat(children));
  }

  function variantsOf(message) {
    var select = (message.translation && message.translation.select) || (message.source && message.source.select);
    if (!select) return null;
    var own = (message.translation && message.translation.select) || null;
    var keys = message.categories.concat(message.numeric_keys);
    var texts = {};
    if (own) own.variants.forEach(function (v) { texts[v.key] = v.text; if (keys.indexOf(v.key) < 0) keys.push(v.key); });
    // Numeric keys first, as Fluent tries them before the categories.
    keys.sort(function (a, b) { return isNaN(a) - isNaN(b); });
    var sourceTexts = {};
    if (message.source && message.source.select) {
      message.source.select.variants.forEach(function (v) { sourceTexts[v.key] = v.text; });
    }
    return { selector: select.selector, keys: keys, texts: texts, sourceTexts: sourceTexts };
  }

  function render() {
    var m = current;
    var body = el("div", { class: "fp-body" });
    var close = el("button", { type: "button", class: "fp-close", "aria-label": "Close", text: "×" });
    close.addEventListener("click", closePanel);
    body.appendChild(el("header", {}, [
      close,
      el("h2", { text: m.name + " (" + m.locale + ")" }),
      el("p", { class: "fp-id" }, [el("code", { text: m.id })]),
      el("p", { class: "fp-file", text: m.file }),
    ]));
    var source = [];
    if (m.source && m.source.value !== null) source.push(el("p", { class: "fp-source", lang: m.source_locale, text: m.source.value }));
    Object.keys((m.source && m.source.attributes) || {}).forEach(function (name) {
      source.push(el("p", { class: "fp-source", lang: m.source_locale, text: "." + name + " = " + m.source.attributes[name] }));
    });
    if (m.comment) source.push(el("p", { class: "fp-comment", text: m.comment }));
    body.appendChild(section("Source (" + m.source_locale + ")", source));
    if (!m.translation || m.translation.value === null && !Object.keys(m.translation.attributes || {}).length) {
      body.appendChild(el("p", { class: "fp-fallback", text: "Not translated yet: the page shows " + (m.shown_from || "nothing") + (m.shown !== null ? ": " + m.shown : "") }));
    }

    // One editor for the value (one per variant for a plural), one per attribute.
    var editors = { value: null, variants: null, attributes: {} };
    var fields = [];
    var variants = variantsOf(m);
    if (variants) {
      editors.variants = { selector: variants.selector, boxes: [] };
      variants.keys.forEach(function (key) {
        var box = chipEditor(variants.texts[key] || "", "variant " + key);
        if (variants.sourceTexts[key]) box.setAttribute("data-placeholder", variants.sourceTexts[key]);
        editors.variants.boxes.push({ key: key, box: box });
        fields.push(el("label", { class: "fp-variant" }, [el("span", { text: "[" + key + "]" + (key === "other" ? " (default)" : "") }), box]));
      });
    } else if ((m.source && m.source.value !== null) || (m.translation && m.translation.value !== null)) {
      editors.value = chipEditor(m.translation ? m.translation.value || "" : "", "translation");
      fields.push(editors.value);
    }
    var names = Object.keys((m.source && m.source.attributes) || {});
    Object.keys((m.translation && m.translation.attributes) || {}).forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
    names.forEach(function (name) {
      var box = chipEditor(m.translation && m.translation.attributes ? m.translation.attributes[name] || "" : "", "attribute " + name);
      editors.attributes[name] = box;
      fields.push(el("label", { class: "fp-attribute" }, [el("span", { text: "." + name }), box]));
    });
    var status = el("p", { class: "fp-status", role: "status", "aria-live": "polite" });
    var save = el("button", { type: "button", class: "fp-save", text: "Save" });
    var undo = el("button", { type: "button", class: "fp-undo", text: "Undo" });
    var copy = el("button", { type: "button", class: "fp-copy", text: "Copy source" });
    if (!m.undo.length) undo.disabled = true;
    if (!m.editable) {
      save.disabled = true;
      status.textContent = "This file is generated from content/: edit the Markdown page.";
    }
    body.appendChild(section("Translation", fields.concat([el("div", { class: "fp-actions" }, [save, undo, copy]), status])));

    function collect() {
      var value = null;
      if (editors.variants) {
        var lines = [];
        editors.variants.boxes.forEach(function (v) {
          var text = serialize(v.box);
          var isDefault = v.key === "other" || (editors.variants.boxes.every(function (b) { return b.key !== "other"; }) && v === editors.variants.boxes[editors.variants.boxes.length - 1]);
          if (!text && !isDefault) return;
          lines.push((isDefault ? " *[" : "  [") + v.key + "] " + text.replace(/\n/g, "\n        "));
        });
        value = "{ " + editors.variants.selector + " ->\n" + lines.join("\n") + "\n}";
      } else if (editors.value) {
        value = serialize(editors.value);
      }
      var attributes = {};
      Object.keys(editors.attributes).forEach(function (name) {
        var text = serialize(editors.attributes[name]);
        if (text) attributes[name] = text;
      });
      return { value: value, attributes: attributes };
    }

    copy.addEventListener("click", function () {
      if (editors.value && m.source) editors.value.replaceWith(editors.value = chipEditor(m.source.value || "", "translation"));
      if (editors.variants) editors.variants.boxes.forEach(function (v) {
        var fresh = chipEditor(variants.sourceTexts[v.key] || variants.sourceTexts.other || "", "variant " + v.key);
        v.box.replaceWith(fresh);
        v.box = fresh;
      });
    });
    save.addEventListener("click", function () {
      // A message the locale lacked: its undo removes it again (DELETE), so the page falls back.
      var previous = m.translation && (m.translation.value !== null || Object.keys(m.translation.attributes || {}).length)
        ? { value: m.translation.value, attributes: m.translation.attributes || {} } : { created: true };
      put(collect(), status, previous);
    });
    undo.addEventListener("click", function () {
      var last = m.undo[m.undo.length - 1];
      if (last && last.created) remove(status);
      else if (last) put(last, status, null, true);
    });

    if (m.diagnostics.length) body.appendChild(section("Check", diagnosticsList(m.diagnostics)));
    if (m.glossary.length) {
      body.appendChild(section("Glossary", [el("ul", {}, m.glossary.map(function (g) {
        return el("li", {}, [el("strong", { text: g.source }), document.createTextNode(" → " + g.translations.join(", ") + (g.note ? " (" + g.note + ")" : ""))]);
      }))]));
    }
    if (m.other_locales.length) {
      body.appendChild(section("Other locales", [el("dl", {}, [].concat.apply([], m.other_locales.map(function (o) {
        return [
          el("dt", { text: o.name + " (" + o.locale + ")" }),
          o.value === null ? el("dd", { class: "fp-missing", text: "(not translated)" }) : el("dd", { lang: o.locale, text: o.value }),
        ];
      })))]));
    }
    show(body);
  }

  function diagnosticsList(list) {
    return [el("ul", { class: "fp-diagnostics" }, list.map(function (d) {
      return el("li", { class: "fp-" + d.severity }, [
        el("span", { class: "fp-code", text: d.severity + "[" + d.code + "]" }),
        document.createTextNode(" " + d.message + (d.help ? " — " + d.help : "")),
      ]);
    }))];
  }

  function put(text, status, previous, undoing) {
    var m = current;
    status.textContent = "Saving…";
    status.className = "fp-status";
    var body = { locale: m.locale, id: m.id, value: text.value, attributes: text.attributes, base: m.base };
    return fetch(API, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-Fluentpress-Token": token },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (answer) { return { status: r.status, answer: answer }; });
    }).then(function (result) {
      var a = result.answer;
      if (result.status === 200) {
        if (undoing) m.undo.pop();
        else if (previous) m.undo.push(previous);
        m.base = a.base;
        m.translation = a.translation;
        m.diagnostics = a.diagnostics;
        m.shown_from = m.locale;
        render();
        var fresh = panel.querySelector(".fp-status");
        fresh.textContent = (undoing ? "Restored in " : "Saved to ") + a.file;
        fresh.className = "fp-status fp-ok";
      } else if (result.status === 409) {
        conflict(a, status);
      } else {
        status.className = "fp-status fp-error";
        status.replaceChildren(el("span", { text: a.error || "error " + result.status }));
        if (a.diagnostics && a.diagnostics.length) diagnosticsList(a.diagnostics).forEach(function (n) { status.appendChild(n); });
      }
    }).catch(function (e) {
      status.className = "fp-status fp-error";
      status.textContent = "The server did not answer: " + e;
    });
  }

  // Takes back the translation the first save created; the panel then reopens on the message
  // as the page shows it again (from a fallback).
  function remove(status) {
    var m = current;
    status.textContent = "Removing…";
    status.className = "fp-status";
    return fetch(API, {
      method: "DELETE",
      headers: { "Content-Type": "application/json", "X-Fluentpress-Token": token },
      body: JSON.stringify({ locale: m.locale, id: m.id, base: m.base }),
    }).then(function (r) {
      return r.json().then(function (answer) { return { status: r.status, answer: answer }; });
    }).then(function (result) {
      var a = result.answer;
      if (result.status === 200) {
        return open(m.id, m.locale).then(function () {
          var fresh = panel.querySelector(".fp-status");
          if (fresh) {
            fresh.textContent = "Removed from " + a.file;
            fresh.className = "fp-status fp-ok";
          }
        });
      }
      status.className = "fp-status fp-error";
      status.textContent = a.error || "error " + result.status;
    }).catch(function (e) {
      status.className = "fp-status fp-error";
      status.textContent = "The server did not answer: " + e;
    });
  }

  // The file changed on disk since the panel opened: both versions, and the choice.
  function conflict(answer, status) {
    function text(p) {
      if (!p) return "(no translation)";
      var out = p.value || "";
      Object.keys(p.attributes || {}).forEach(function (n) { out += "\n." + n + " = " + p.attributes[n]; });
      return out;
    }
    var keep = el("button", { type: "button", text: "Keep mine (save over it)" });
    var take = el("button", { type: "button", text: "Take theirs" });
    status.className = "fp-status fp-error";
    status.replaceChildren(
      el("span", { text: answer.error }),
      el("h4", { text: "On disk now" }), el("pre", { text: text(answer.theirs) }),
      el("h4", { text: "Yours" }), el("pre", { text: text(answer.yours) }),
      el("div", { class: "fp-actions" }, [keep, take])
    );
    keep.addEventListener("click", function () {
      current.base = answer.base;
      put(answer.yours, status, answer.theirs);
    });
    take.addEventListener("click", function () { open(current.id, current.locale); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hasAttribute("hidden")) closePanel();
  });

  markInterface();
  document.addEventListener("fluentpress:updated", markInterface);
  window.fluentpressEditor = { open: open, setTranslating: setTranslating };
})();
