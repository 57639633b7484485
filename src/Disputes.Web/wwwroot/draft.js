// The draft of an incident lives in the browser until it is submitted. Text fields are saved here, on every
// keystroke, without the server: a dropped connection, an app switch or a reload never loses what was typed.
// A plain script the app loads once, not a module the page imports: on a slow link an import costs a round trip
// (two on a cold cache) before the form is ready. It listens on its own; the form asks once for the saved draft.
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

    // Every keystroke in a data-draft field of a form that names its draft (data-draft-key) is kept from the moment
    // the form shows, prerendered or interactive, before the server has said a word.
    document.addEventListener("input", e => {
        const holder = e.target.closest?.("[data-draft]");
        const form = e.target.closest?.("[data-draft-key]");
        if (holder && form && e.target.matches("input, textarea")) {
            save(form.dataset.draftKey, { [holder.dataset.draft]: e.target.value });
        }
    }, true);

    /** The draft the browser holds under that key, as JSON, or null. */
    function start(key) {
        return localStorage.getItem(prefix + key);
    }

    return { start, save, clear };
})();
