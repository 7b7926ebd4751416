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
})();
