// Recording a concern: find the organisation's people as you type (reports/includes/people_picker.html).
// Without JavaScript the Find button reloads the page with the people found; with it, matches appear
// as you type and a tick keeps them. Only names and year groups come back (people:lookup).
(function () {
  "use strict";
  document.querySelectorAll("[data-people-picker]").forEach(function (picker) {
    var input = picker.querySelector("input[type=search]");
    var list = picker.querySelector("[data-picker-choices]");
    var status = picker.querySelector("[data-picker-status]");
    var find = picker.querySelector("[data-picker-find]");
    var url = picker.getAttribute("data-lookup");
    var timer = null, asked = 0;
    if (!input || !list || !url) { return; }
    if (find) { find.hidden = true; }

    function say(text) { if (status) { status.textContent = text; } }
    function box(id, label, checked) {
      var wrap = document.createElement("div");
      wrap.className = "checkbox";
      var tick = document.createElement("input");
      tick.type = "checkbox"; tick.name = "named_people"; tick.value = String(id);
      tick.id = "named-person-" + id; tick.checked = checked;
      var text = document.createElement("label");
      text.htmlFor = tick.id; text.textContent = label;
      wrap.appendChild(tick); wrap.appendChild(text);
      return wrap;
    }
    function show(results) {
      // Keep everyone ticked; replace the rest with the new matches.
      list.querySelectorAll("input[name=named_people]").forEach(function (tick) {
        if (!tick.checked) { tick.closest(".checkbox").remove(); }
      });
      var have = {};
      list.querySelectorAll("input[name=named_people]").forEach(function (tick) { have[tick.value] = true; });
      results.forEach(function (person) {
        if (!have[String(person.id)]) { list.appendChild(box(person.id, person.label, false)); }
      });
    }
    function lookup() {
      var query = input.value.trim();
      if (query.length < 2) { show([]); say(""); return; }
      var mine = ++asked;
      fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (mine !== asked) { return; }
          show(data.results);
          say(data.results.length ? data.results.length + " found: tick who was involved."
                                  : "Nobody found. Check the spelling, or write their name under \u201cWho was involved?\u201d.");
        })
        .catch(function () { say("Could not search just now: write their name under \u201cWho was involved?\u201d."); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 250); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); clearTimeout(timer); lookup(); }
    });
  });
})();
