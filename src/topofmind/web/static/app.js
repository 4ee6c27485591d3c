// topofmind's own script: no inline script anywhere, so the page's CSP can forbid it.
// It sends the CSRF token with every htmx and fetch change, wires the pipeline board,
// draws charts from the JSON API, copies drafts, and adds person fields to the log form.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // htmx: every request carries the token (read from the meta tag as hx-headers would).
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  function post(url, data) {
    var body = new URLSearchParams(data);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
    });
  }

  function flash(html) {
    var box = document.getElementById("flash");
    if (box) { box.innerHTML = html; }
  }

  // Pipeline board: drag a card to another column to change its stage.
  function initBoard(root) {
    if (typeof Sortable === "undefined") { return; }
    root.querySelectorAll(".board .cards").forEach(function (list) {
      if (list.dataset.sortable) { return; }
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: "board",
        animation: 120,
        forceFallback: true,
        filter: "select, button, a",
        preventOnFilter: false,
        onAdd: function (event) {
          var card = event.item;
          var stage = event.to.closest(".column").dataset.stage;
          post("/opportunities/" + card.dataset.id + "/stage", { stage: stage }).then(function (r) {
            return r.text().then(function (text) {
              if (!r.ok) { flash(text); window.location.reload(); return; }
              var holder = document.createElement("div");
              holder.innerHTML = text;
              var fresh = holder.firstElementChild;
              if (fresh) { card.replaceWith(fresh); htmx.process(fresh); }
              bump(event.from.closest(".column"), -1);
              bump(event.to.closest(".column"), 1);
            });
          });
        },
      });
    });
  }

  // A column's badge counts all its cards, shown or not: moves adjust it by one.
  function bump(column, delta) {
    var badge = column && column.querySelector("h2 .badge");
    if (badge) { badge.textContent = String(parseInt(badge.textContent, 10) + delta); }
  }
  window.tomBump = bump;

  // Charts: <canvas data-chart="line|bar" data-src="/api/charts/..." data-empty="why, and
  // what to do">. A chart with nothing to draw, or whose figures could not be fetched, says
  // so in words instead of an empty box.
  function chartNote(canvas, text, kind) {
    var note = document.createElement("p");
    note.className = "chart-note " + kind;
    note.setAttribute("role", kind === "error" ? "alert" : "status");
    note.textContent = text;
    canvas.closest(".chart").after(note);
    return note;
  }
  function isEmpty(data) {
    if (!data.labels || !data.labels.length) { return true; }
    return !data.datasets.some(function (set) {
      return set.data.some(function (v) { return v !== null && v !== 0; });
    });
  }
  function initCharts(root) {
    root.querySelectorAll("canvas[data-src]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      canvas.dataset.drawn = "1";
      fetch(canvas.dataset.src, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) { throw new Error("the server answered " + r.status); }
          return r.json();
        })
        .then(function (data) {
          if (isEmpty(data)) {
            canvas.closest(".chart").hidden = true;
            chartNote(canvas, canvas.dataset.empty || "Nothing to draw yet.", "empty");
            canvas.dataset.ready = "empty";
            return;
          }
          if (typeof Chart === "undefined") { throw new Error("the chart library did not load"); }
          new Chart(canvas, {
            type: canvas.dataset.chart || "line",
            data: { labels: data.labels, datasets: data.datasets },
            options: {
              responsive: true,
              maintainAspectRatio: false,
              animation: false,
              scales: data.scales || {},
              plugins: { legend: { display: Boolean(data.legend) || data.datasets.length > 1 } },
            },
          });
          if (data.labels.length < 2 && canvas.dataset.few) { chartNote(canvas, canvas.dataset.few, "few"); }
          canvas.dataset.ready = "1";
        })
        .catch(function (error) {
          canvas.closest(".chart").hidden = true;
          chartNote(canvas, "This chart could not be drawn (" + error.message + "). Reload the page; " +
            "if it keeps failing, the output of tom serve says why.", "error");
          canvas.dataset.ready = "error";
        });
    });
  }

  // Copy buttons: <button data-copy="#selector">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) {
      var source = document.querySelector(button.dataset.copy);
      var text = source ? (source.value !== undefined ? source.value : source.textContent) : "";
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(function () { button.textContent = "Copied"; });
      } else if (source && source.select) {
        source.select();
        document.execCommand("copy");
        button.textContent = "Copied";
      }
      return;
    }
    // "Back to the form" after an error: the browser's own back keeps what was typed.
    var back = event.target.closest("[data-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
      return;
    }
    var adder = event.target.closest("[data-add-field]");
    if (adder) {
      var template = document.querySelector(adder.dataset.addField);
      if (template) {
        var copy = template.cloneNode(true);
        copy.removeAttribute("id");
        copy.value = "";
        template.parentNode.insertBefore(copy, adder);
        copy.focus();
      }
    }
  });

  // Confirm before destructive buttons: <button data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  function init(root) {
    initBoard(root);
    initCharts(root);
  }

  // The phone's menu: one button opens and closes the navigation.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-menu]");
    if (!toggle) { return; }
    var header = toggle.closest("header");
    var open = header.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();

// Pipeline: after a card's menu moved it, put it in its new column.
document.addEventListener("htmx:afterSettle", function () {
  document.querySelectorAll(".board .opp-card").forEach(function (card) {
    var select = card.querySelector("select[name=stage]");
    var column = card.closest(".column");
    if (!select || !column || column.dataset.stage === select.value) { return; }
    var target = document.querySelector('.column[data-stage="' + select.value + '"] .cards');
    if (target) {
      target.prepend(card);
      window.tomBump(column, -1);
      window.tomBump(target.closest(".column"), 1);
    }
  });
});

// Import: show the upload's progress.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("import-progress");
  if (bar && event.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  }
});
// An error shows in the message area; the next thing that works clears it.
document.addEventListener("htmx:afterRequest", function (event) {
  var box = document.getElementById("flash");
  var xhr = event.detail.xhr;
  var toFlash = xhr && xhr.getResponseHeader("HX-Retarget") === "#flash";
  if (box && event.detail.successful && !toFlash) { box.innerHTML = ""; }
});
document.addEventListener("htmx:afterRequest", function () {
  var bar = document.getElementById("import-progress");
  if (bar) { bar.hidden = true; }
  var empty = document.getElementById("no-batches");
  if (empty && document.querySelector("#import-result .batch")) { empty.remove(); }
});

// Today's keyboard: j/k move between actions, o opens, d done, s snooze,
// w why now, u undo, ? the list. Keys typed into a field are the field's.
(function () {
  "use strict";
  var current = null;

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll("main article.card[data-action-id]"));
  }
  function focusCard(card) {
    if (!card) { return; }
    current = card;
    card.focus();
    card.scrollIntoView({ block: "nearest" });
  }
  function move(step) {
    var all = cards();
    if (!all.length) { return; }
    var at = all.indexOf(document.activeElement && document.activeElement.closest("article.card"));
    if (at < 0) { at = all.indexOf(current); }
    focusCard(all[Math.max(0, Math.min(all.length - 1, at < 0 ? 0 : at + step))]);
  }
  function here() {
    var card = document.activeElement && document.activeElement.closest("article.card[data-action-id]");
    if (!card && current && document.body.contains(current)) { card = current; }
    return card || cards()[0];
  }
  function press(card, key) {
    var target = card && card.querySelector('[data-key="' + key + '"]');
    if (target) { target.click(); return true; }
    return false;
  }
  function showKeys() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) { return; }
    if (dialog.open) { dialog.close(); } else { dialog.showModal(); }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-shortcuts]")) { showKeys(); }
  });
  // After a decision the answer replaces the card: keep the keyboard on it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var id = event.detail.target && event.detail.target.dataset && event.detail.target.dataset.actionId;
    var fresh = id && document.querySelector('main article.card[data-action-id="' + CSS.escape(id) + '"]');
    if (fresh && current && !document.body.contains(current)) { current = fresh; fresh.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("shortcuts")) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (typing) { return; }
    var key = event.key;
    if (key === "?") { event.preventDefault(); showKeys(); return; }
    if (document.getElementById("shortcuts").open) { return; }
    if (key === "j") { event.preventDefault(); move(1); return; }
    if (key === "k") { event.preventDefault(); move(-1); return; }
    var card = here();
    if (!card) { return; }
    current = card;
    if (key === "o") { press(card, "open"); }
    else if (key === "d") { press(card, "done"); }
    else if (key === "s") { press(card, "snooze"); }
    else if (key === "u") {
      if (!press(card, "undo")) {
        var undo = document.querySelector('main article.decided [data-key="undo"]');
        if (undo) { undo.click(); }
      }
    } else if (key === "w") {
      var why = card.querySelector("details.why-now");
      if (why) { why.open = !why.open; }
    }
  });
})();

// The first run: the time zone is the browser's unless one was typed.
document.addEventListener("DOMContentLoaded", function () {
  var field = document.querySelector("input[data-browser-zone]");
  if (!field || !window.Intl) { return; }
  var found = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (found && (!field.value || field.value === "UTC")) { field.value = found; }
});

// The draft editor: blanks left to fill ([[like this]]) are listed above the text, each a
// button that selects it in the editor, and counted again as the text changes.
(function () {
  "use strict";
  var BLANK = /\[\[[^\]]*\]\]/g;
  function show() {
    var text = document.getElementById("draft-text");
    var box = document.getElementById("blanks");
    if (!text || !box) { return; }
    var found = [];
    var match;
    BLANK.lastIndex = 0;
    while ((match = BLANK.exec(text.value)) !== null) { found.push({ at: match.index, word: match[0] }); }
    box.hidden = found.length === 0;
    box.textContent = "";
    if (!found.length) { return; }
    var words = document.createElement("strong");
    words.textContent = found.length === 1 ? "1 blank to fill: " : found.length + " blanks to fill: ";
    box.appendChild(words);
    found.forEach(function (blank) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "blank";
      button.textContent = blank.word.slice(2, -2) || "blank";
      button.addEventListener("click", function () {
        text.focus();
        text.setSelectionRange(blank.at, blank.at + blank.word.length);
      });
      box.appendChild(button);
      box.appendChild(document.createTextNode(" "));
    });
  }
  document.addEventListener("DOMContentLoaded", show);
  document.addEventListener("input", function (event) { if (event.target.id === "draft-text") { show(); } });
  document.addEventListener("htmx:afterSettle", show);
})();

// A link to a part of the page folded away (a settings group) opens it.
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView();
  }
  document.addEventListener("DOMContentLoaded", reveal);
  window.addEventListener("hashchange", reveal);
})();

// Today: once the three at the top are decided, offer the next three.
document.addEventListener("htmx:afterSettle", function () {
  var top = document.getElementById("do-now");
  var next = document.getElementById("next-three");
  if (!top || !next) { return; }
  next.hidden = top.querySelector("article.card:not(.decided)") !== null;
});

// Today: a group's badge counts the lines still open in it, after every decision.
document.addEventListener("htmx:afterSettle", function () {
  document.querySelectorAll("#the-rest section.group").forEach(function (group) {
    var badge = group.querySelector("h3 .badge");
    if (badge) { badge.textContent = String(group.querySelectorAll("article.card:not(.decided)").length); }
  });
});
