// The draft of an incident lives in the browser until it is submitted. Text fields are saved here, on every
// keystroke, without the server: a dropped connection, an app switch or a reload never loses what was typed.
const prefix = "disputes.draft.";

function read(key) {
    try {
        return JSON.parse(localStorage.getItem(prefix + key) || "{}");
    } catch {
        return {};
    }
}

export function load(key) {
    return localStorage.getItem(prefix + key);
}

export function save(key, fields) {
    localStorage.setItem(prefix + key, JSON.stringify({ ...read(key), ...fields }));
}

export function clear(key) {
    localStorage.removeItem(prefix + key);
}

export function watch(form, key) {
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
