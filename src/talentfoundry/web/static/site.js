// Behaviour that used to sit in inline attributes (onclick, onsubmit), which the
// Content-Security-Policy no longer runs: a form with data-confirm asks before it is sent, and a
// button with data-print prints the page.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-print]");
    if (button) window.print();
  });
})();
