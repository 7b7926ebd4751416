// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Collapsible menu on small screens. Without JavaScript the menu is simply always shown.
  var toggle = document.querySelector("[data-nav-toggle]");
  var menu = document.querySelector("[data-nav-menu]");
  if (toggle && menu) {
    var mq = window.matchMedia("(max-width: 47.99rem)");
    var sync = function () {
      if (mq.matches) {
        toggle.hidden = false;
        menu.hidden = toggle.getAttribute("aria-expanded") !== "true";
      } else {
        toggle.hidden = true;
        menu.hidden = false;
      }
    };
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      sync();
      if (!open) {
        var first = menu.querySelector("a, button, input");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        sync();
        toggle.focus();
      }
    });
    if (mq.addEventListener) mq.addEventListener("change", sync);
    sync();
  }

  // Forms marked data-confirm ask before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // Error summary (GOV.UK / DSFR): focus moves to it on load; each link focuses its field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.querySelectorAll("[data-error-summary-link]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        var label = document.querySelector('label[for="' + field.id + '"]');
        var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
        (legend && field.type && /checkbox|radio/.test(field.type) ? legend : label || field).scrollIntoView();
        field.focus({ preventScroll: true });
      });
    });
  }

  // "Show password" toggles: a button next to each password input marked data-password-toggle.
  document.querySelectorAll("[data-password-toggle]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("aria-controls"));
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var shown = input.type === "text";
      input.type = shown ? "password" : "text";
      button.setAttribute("aria-pressed", shown ? "false" : "true");
    });
  });
})();
