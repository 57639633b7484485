// A tap on 确认到场 while the connection is down is kept in the browser with the time of the tap, and sent by the
// page once the connection is back (the server records one arrival; a second is a no-op).
const key = number => `disputes.arrival.${number}`;
let down = false;

document.getElementById("components-reconnect-modal")
    ?.addEventListener("components-reconnect-state-changed", e => { down = e.detail.state !== "hide"; });

document.addEventListener("click", e => {
    const button = e.target.closest?.("[data-offline-arrival]");
    if (!button || !down) {
        return;
    }

    e.preventDefault();
    e.stopImmediatePropagation();
    const number = button.dataset.offlineArrival;
    if (!localStorage.getItem(key(number))) {
        localStorage.setItem(key(number), new Date().toISOString());
    }

    document.querySelectorAll(`[data-offline-note="${number}"]`).forEach(note => note.hidden = false);
}, true);

export function pendingArrival(number) {
    return localStorage.getItem(key(number));
}

export function clearArrival(number) {
    localStorage.removeItem(key(number));
}
