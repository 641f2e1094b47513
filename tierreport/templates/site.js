// Filter the placement tables by name, tier and region. Without JavaScript the form stays
// hidden and every table shows every country; nothing here makes a request.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  if (!form) { return; }
  var name = document.getElementById("filter-name");
  var tier = document.getElementById("filter-tier");
  var region = document.getElementById("filter-region");
  var status = document.getElementById("filter-status");
  var rows = document.querySelectorAll("table.placements tbody tr");

  function apply() {
    var text = name.value.trim().toLowerCase();
    var shown = {};
    rows.forEach(function (row) {
      var match = (!text || row.dataset.name.indexOf(text) !== -1) &&
        (!tier.value || row.dataset.tier === tier.value) &&
        (!region.value || row.dataset.region === region.value);
      row.hidden = !match;
      if (match) { shown[row.dataset.name] = true; }
    });
    // A tier or region whose countries are all filtered out disappears with its heading.
    document.querySelectorAll("section.tier-group, section.region-group").forEach(function (group) {
      group.hidden = group.querySelector("tbody tr:not([hidden])") === null;
    });
    var count = Object.keys(shown).length;
    status.textContent = count + (count === 1 ? " country matches." : " countries match.");
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  [name, tier, region].forEach(function (field) {
    field.addEventListener("input", apply);
    field.addEventListener("change", apply);
  });
})();
