// The app's own scripts, in one file: on a first visit over HTTP/1.1 a browser opens six connections to the server,
// and each file past six waits a round trip for a free one. Four parts: the focus guard, the log form's draft (removed
// at sign-out), the activity signal and Blazor's start, in that order (the guard wraps Blazor's focus helper before the circuit can call it).

// ---- Focus guard ----
// A focus the server asks for (ElementReference.FocusAsync) lands a round trip after it was asked for. MudBlazor's
// text fields ask for it on each tap of their box (MudTextField.HandleContainerClickAsync, when the server has not yet
// heard a key), so over a slow link it arrives after the person has tapped the next field and begun to type, and pulls
// the keys that follow back into the field before. Here a focus from the server never takes a text field away from
// the person typing in it. It wraps Blazor's own focus helper, which Blazor looks up by name on the first call.
(() => {
    const wrapper = window.Blazor?._internal?.domWrapper;
    if (!wrapper || typeof wrapper.focus !== "function") {
        return;
    }

    const focus = wrapper.focus;
    wrapper.focus = (element, preventScroll) => {
        const active = document.activeElement;
        if (active && active !== element && active.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, [contenteditable=true]")) {
            return;
        }

        return focus(element, preventScroll);
    };
})();

// ---- Download ----
// A file the server made after a question in the page (the reason for whole numbers): saved as a plain link would save it.
window.disputesDownload = url => {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    document.body.appendChild(link);
    link.click();
    link.remove();
};

// ---- Draft ----
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

    /** Whether anything was typed into the draft (its submission id alone, written when the form opens, is nothing). */
    function typed(key) {
        return Object.entries(read(key)).some(([field, value]) => field !== "SubmissionId" && value);
    }

    // Signing out removes the user's draft from the browser: it may hold workers' names and phones, and the next person
    // to pick up a shared phone is not its author. A draft with something typed in it is named first (one confirm), so
    // a tap meant for something else does not throw it away.
    document.addEventListener("submit", e => {
        const form = e.target.closest?.("form[data-sign-out]");
        const key = form?.dataset.draftKey;
        if (!key) {
            return;
        }

        if (typed(key) && !confirm(form.dataset.draftWarning)) {
            e.preventDefault();
            return;
        }

        clear(key);
    }, true);

    return { start, save, clear };
})();

// ---- Activity ----
// The idle timeout is kept on the server, which sees requests but not the taps and keys inside an open page: those
// go over the circuit. So the first tap or key in each minute tells the server the person is here. A page left open
// and untouched (a board with live updates, say) is idle, as it should be.
(() => {
    const path = "/account/keep-alive";
    let last = Date.now();
    const seen = () => {
        const now = Date.now();
        if (now - last < 60_000) {
            return;
        }

        last = now;
        fetch(path, { credentials: "same-origin", cache: "no-store", redirect: "manual" }).catch(() => { });
    };
    for (const type of ["pointerdown", "keydown"]) {
        document.addEventListener(type, seen, { capture: true, passive: true });
    }
})();

// ---- Start ----
// Starts Blazor (App.razor loads blazor.web.js with autostart="false"). By itself Blazor would first fetch
// _blazor/initializers to learn which JS initializer modules to import: a round trip on every page load, before it
// even asks for a circuit, and on a 300 ms link that is 300 ms more to wait for a page that answers taps. This app
// and its libraries have none (StaticAssetTests checks the endpoint answers [], so adding one fails there first), so
// the circuit is told so here and starts at once.
Blazor.start({
    circuit: {
        initializers: { beforeStart: [], afterStarted: [] },
    },
});
