/*
 * The checks panel of the Wagtail page editor, when the preview reloads while the checks run.
 *
 * Each preview reload ends with the preview announcing itself ("w-userbar:axe-ready") and Wagtail
 * reruns its checks (axe-core) for it. Announcements that come while a run is going wait for it, and
 * then all start at the same moment; axe-core refuses a second run while one is going ("Axe is already
 * running"), and the promise Wagtail keeps for the refused run stays rejected: every later run waits
 * for it, fails too, and the panel stops updating until the page is reloaded. An editor who types
 * while the autosave reloads the preview gets there.
 *
 * So the editor's axe-core runs take turns: a run asked for while another is going starts when that
 * one has finished.
 */
(function () {
    "use strict";

    var axe = window.axe; // the instance Wagtail's admin bundle uses (axe-core sets window.axe)
    if (!axe || typeof axe.run !== "function" || axe.run.takesTurns) {
        return;
    }
    var run = axe.run;
    var lastRun = Promise.resolve();

    function runInTurn() {
        var args = arguments;
        var thisRun = lastRun.then(function () {
            return run.apply(axe, args);
        });
        lastRun = thisRun.catch(function () {
            return undefined; // a failed run does not stop the next one
        });
        return thisRun;
    }
    runInTurn.takesTurns = true;
    axe.run = runInTurn;
})();
