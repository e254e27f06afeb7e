// Sign-up: put this device's time zone in the hidden "timezone" field, so a new account shows
// its agenda in local time from the start. Without this script (or where the browser reports
// no zone) the server's default, UTC, stays; the profile page changes the zone at any time.
(function () {
  "use strict";
  var field = document.querySelector("input[data-browser-zone]");
  if (!field || typeof Intl === "undefined" || !Intl.DateTimeFormat) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) field.value = zone;
  } catch (err) {
    // An old browser without time-zone support: keep the server's default.
  }
})();
