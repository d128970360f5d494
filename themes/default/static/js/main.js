// The default theme's script. Everything here is an enhancement: each page
// reads fully without it.
(function () {
  "use strict";

  // Deadline badges are written at build time; an old build must never claim
  // a closed call is open, so correct them from the reader's clock.
  function updateDeadlines() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var end = Date.parse(el.getAttribute("data-deadline"));
      if (isNaN(end)) return;
      var badge = el.querySelector(".badge");
      if (!badge) return;
      var open = now < end;
      badge.textContent = badge.getAttribute(open ? "data-open" : "data-closed");
      badge.classList.toggle("badge-open", open);
      badge.classList.toggle("badge-closed", !open);
    });
  }

  // Directory filters hide members that do not match, without reloading.
  function setupFilters() {
    var form = document.querySelector("[data-filters]");
    if (!form) return;
    form.hidden = false;
    var members = Array.prototype.slice.call(document.querySelectorAll(".member"));
    var count = form.querySelector("[data-count]");
    var template = count ? count.textContent.replace(/\d+/, "{n}") : "";
    function apply() {
      var want = {};
      form.querySelectorAll("select").forEach(function (s) { want[s.name] = s.value; });
      var shown = 0;
      members.forEach(function (m) {
        var ok = Object.keys(want).every(function (k) {
          return !want[k] || m.getAttribute("data-" + k) === want[k];
        });
        m.hidden = !ok;
        if (ok) shown++;
      });
      // Hide groups, districts and tiers left empty.
      document.querySelectorAll(".group, [data-district-section], [data-tier-section]").forEach(function (sec) {
        sec.hidden = !sec.querySelector(".member:not([hidden])");
      });
      if (count) count.textContent = template.replace("{n}", shown);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  updateDeadlines();
  setupFilters();
})();
