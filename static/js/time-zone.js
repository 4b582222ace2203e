// Proposes the device's own time zone in a <select data-browser-time-zone>, when the list holds it; the server
// checks the choice against its own list of zones either way.
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll("select[data-browser-time-zone]").forEach(function (select) {
    if (zone && Array.prototype.some.call(select.options, function (option) { return option.value === zone; })) {
      select.value = zone;
    }
  });
})();
