// The events table's filter form: closed on a phone's narrow screen until its summary is tapped, and
// an actor's name field that suggests the actors so named (GET /api/actors?name=) as the user types.
// Without this script the form is open and the name is a plain text filter the server resolves.
(function () {
  "use strict";
  var panel = document.querySelector("details.filter-panel");
  if (panel && window.matchMedia("(max-width: 40rem)").matches) panel.open = false;

  var field = document.querySelector("input[data-suggest]");
  var list = field && document.getElementById(field.getAttribute("list"));
  if (!field || !list) return;
  var timer = null, asked = "", controller = null;

  function fill(items) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (actor) {
      var option = document.createElement("option");
      option.value = actor.name;  // text, never markup: a scraped name stays text
      option.textContent = actor.type ? actor.type : "";
      list.appendChild(option);
    });
  }

  function suggest() {
    var name = field.value.trim();
    if (name.length < 2 || name === asked) return;
    asked = name;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var url = field.getAttribute("data-suggest") + "?limit=8&name=" + encodeURIComponent(name);
    fetch(url, controller ? { signal: controller.signal } : {})
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (page) { if (field.value.trim() === name) fill(page.items || []); })
      .catch(function () {});
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
})();
