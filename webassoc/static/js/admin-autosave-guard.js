/*
 * Publishing right after typing, in the Wagtail page editor.
 *
 * Wagtail 8 autosaves the editor's form about a second after the last change. On a page that does
 * not exist yet, the autosave creates it as a draft, then points the form at the new page's edit
 * view. A "Publier" (or "Enregistrer") clicked while that autosave is on its way posted the stale
 * creation form: the page was created twice over ("slug already used" on a form full of errors,
 * or a server error when both requests met). On an existing page the two requests wrote competing
 * revisions.
 *
 * So: a submit made while an autosave runs waits for it to finish (the form then posts to the
 * address the autosave gave it), and no autosave starts once the editor has submitted the form.
 * The autosave's progress is followed through its own events, as Wagtail's indicator does.
 */
(function () {
    "use strict";

    var MAX_WAIT_MS = 15000; // never hold a submit longer than this, whatever the autosave does
    var saving = false;
    var waiting = [];

    function autosavedForm(target) {
        return target instanceof HTMLFormElement && /(^|\s)w-autosave(\s|$)/.test(target.dataset.controller || "")
            ? target
            : null;
    }

    function settle() {
        saving = false;
        var callbacks = waiting;
        waiting = [];
        callbacks.forEach(function (callback) {
            callback();
        });
    }

    document.addEventListener("w-autosave:save", function (event) {
        if (autosavedForm(event.target)) {
            saving = true;
            // A listener that cancels the save event stops that autosave before it posts anything.
            window.setTimeout(function () {
                if (event.defaultPrevented) {
                    settle();
                }
            }, 0);
        }
    });
    ["w-autosave:success", "w-autosave:error", "w-autosave:deactivated"].forEach(function (name) {
        document.addEventListener(name, function (event) {
            if (autosavedForm(event.target)) {
                settle();
            }
        });
    });

    // Capture phase: seen before Wagtail's own submit handlers on the form.
    document.addEventListener(
        "submit",
        function (event) {
            var form = autosavedForm(event.target);
            if (!form || !saving) {
                return;
            }
            event.preventDefault();
            event.stopImmediatePropagation();
            form.setAttribute("data-w-autosave-active-value", "false"); // no further autosave meanwhile
            // The button that was clicked names the action ("action-publish"...). Wagtail disables it
            // while the request runs, and a disabled button is left out of the posted data: carry its
            // name in a hidden field instead.
            var submitter = event.submitter;
            if (submitter && submitter.name && !form.querySelector('input[type="hidden"][name="' + submitter.name + '"]')) {
                var action = document.createElement("input");
                action.type = "hidden";
                action.name = submitter.name;
                action.value = submitter.value;
                form.appendChild(action);
            }
            var done = false;
            var resubmit = function () {
                if (!done) {
                    done = true;
                    saving = false;
                    form.requestSubmit();
                }
            };
            waiting.push(resubmit);
            window.setTimeout(resubmit, MAX_WAIT_MS);
        },
        true
    );

    // Bubble phase on window: after every handler of the form, so only a submit that really goes ahead
    // turns the autosave off (an editor who cancels a confirmation keeps it).
    window.addEventListener("submit", function (event) {
        var form = autosavedForm(event.target);
        if (form && !event.defaultPrevented) {
            form.setAttribute("data-w-autosave-active-value", "false");
        }
    });
})();
