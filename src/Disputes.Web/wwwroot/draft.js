// The draft of an incident lives in the browser until it is submitted. Text fields are saved here, on every
// keystroke, without the server: a dropped connection, an app switch or a reload never loses what was typed.
// A plain script the app loads once, not a module the page imports: on a slow link an import costs a round trip
// (two on a cold cache) before the form is ready, and one call (start) both listens and hands back the saved draft.
window.disputesDraft = (() => {
    const prefix = "disputes.draft.";

    function read(key) {
        try {
            return JSON.parse(localStorage.getItem(prefix + key) || "{}");
        } catch {
            return {};
        }
    }

    function save(key, fields) {
        localStorage.setItem(prefix + key, JSON.stringify({ ...read(key), ...fields }));
    }

    function clear(key) {
        localStorage.removeItem(prefix + key);
    }

    function watch(form, key) {
        if (!form || form.dataset.draftWatched) {
            return;
        }

        form.dataset.draftWatched = "true";
        form.addEventListener("input", e => {
            const holder = e.target.closest("[data-draft]");
            if (holder && e.target.matches("input, textarea")) {
                save(key, { [holder.dataset.draft]: e.target.value });
            }
        }, true);
    }

    /** Listens first, so whatever is typed from now on is kept even if it beats the restore; then the saved draft. */
    function start(form, key) {
        watch(form, key);
        return localStorage.getItem(prefix + key);
    }

    return { start, save, clear };
})();
