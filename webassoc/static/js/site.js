// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Collapsible menu on narrow screens. The stylesheet shows the button and hides the menu (under
  // "scripting: enabled", so the closed menu is the first paint); this only opens and closes it.
  var toggle = document.querySelector("[data-nav-toggle]");
  var menu = document.querySelector("[data-nav-menu]");
  if (toggle && menu) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) {
        var first = menu.querySelector("a, button, input");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Forms marked data-confirm ask before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // "Copier le lien" on the attestation pages: without JavaScript the address stays shown, selectable.
  document.querySelectorAll("[data-copy-link]").forEach(function (box) {
    var source = box.querySelector("[data-copy-link-source]");
    var button = box.querySelector("[data-copy-link-button]");
    var status = box.querySelector("[data-copy-link-status]");
    if (!source || !button || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(
        function () { if (status) status.textContent = button.getAttribute("data-copied") || ""; },
        function () { source.focus(); source.select(); }
      );
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
