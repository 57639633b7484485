// Taps kept while the connection is down. A tap on 确认到场, or on 确定 in its dialog or a progress note's, that Blazor's circuit cannot
// hear (the reconnect notice is up) is stopped here before Blazor sees it, kept in localStorage with the time of the tap,
// and posted with fetch once the server answers again: when the circuit is back, on a timer meanwhile (the server may be
// reachable before the circuit is), and at the next page load. Nothing here needs the circuit. Each tap carries the
// submission id the page's own save of the same button uses, and the server applies an id once, so a post whose answer
// was lost is simply sent again, and a dialog saved on the page after all changes nothing.
const panel = document.getElementById("offline-taps");
const prefix = "disputes.offline-tap.";
const firstRetryMs = 2000;
const lastRetryMs = 30000;

let down = false;
let flushing = null;
let retry = null;
let retryMs = firstRetryMs;
let hideTimer = null;

// A phone whose clock is badly set would record the arrival hours off, inside the domain's wide limits: trust the server's
// clock then. A small difference is more likely the page's own load time than a wrong clock, and is left alone.
const serverSkewMs = (() => {
    const skew = Number(panel?.dataset.serverNow) - Date.now();
    return Number.isFinite(skew) && Math.abs(skew) > 60000 ? skew : 0;
})();

if (panel) {
    document.getElementById("components-reconnect-modal")
        ?.addEventListener("components-reconnect-state-changed", e => {
            down = e.detail.state !== "hide";
            if (!down) {
                flushNow();
            }
        });
    window.addEventListener("online", flushNow);
    window.addEventListener("click", keep, true);
    panel.querySelector(".offline-taps-close").addEventListener("click", () => { panel.hidden = true; });
    // Tells browser tests (and nothing else) that taps are now watched.
    panel.dataset.ready = "true";
    flushNow();
}

/** Capture phase on the window: runs before Blazor's own listener on the document, and only while the circuit is down. */
function keep(e) {
    const button = down && e.target.closest?.("[data-offline-tap]");
    if (!button) {
        return;
    }

    e.preventDefault();
    e.stopImmediatePropagation();
    const tap = {
        submissionId: button.dataset.submissionId,
        user: panel.dataset.user,
        kind: button.dataset.offlineTap,
        number: button.dataset.number,
        tappedAt: new Date(Date.now() + serverSkewMs).toISOString(),
    };
    const dialog = button.closest("[role=dialog], .mud-dialog");
    if (tap.kind === "note") {
        tap.text = field(dialog, "[data-offline-text]")?.value?.trim() ?? "";
        if (!tap.text) {
            show(panel.dataset.textRequired, "error");
            return;
        }
    } else if (tap.kind === "arrival") {
        const picked = field(dialog, "[data-offline-time]")?.value?.trim();
        if (picked && /^\d{1,2}:\d{2}$/.test(picked)) {
            tap.time = picked;
        }

        // One arrival per incident: a second tap keeps the first one's time.
        const earlier = pending().find(t => t.kind === "arrival" && t.number === tap.number);
        if (earlier) {
            show(format(panel.dataset.arrivalKept, earlier.time ?? chinaTime(earlier.tappedAt)), "warning");
            return;
        }
    }

    // A note saved again under the same id (the dialog is still open) replaces the kept text.
    localStorage.setItem(prefix + tap.submissionId, JSON.stringify(tap));
    show(tap.kind === "note" ? panel.dataset.noteKept : format(panel.dataset.arrivalKept, tap.time ?? chinaTime(tap.tappedAt)), "warning");
    flushNow();
}

function field(dialog, selector) {
    const holder = dialog?.querySelector(selector);
    return holder?.matches("input, textarea") ? holder : holder?.querySelector("input, textarea");
}

/** This user's kept taps, oldest first; another user's stay until they sign in here again. */
function pending() {
    const taps = [];
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key?.startsWith(prefix)) {
            try {
                const tap = JSON.parse(localStorage.getItem(key));
                if (tap.user === panel.dataset.user) {
                    taps.push(tap);
                }
            } catch {
                localStorage.removeItem(key);
            }
        }
    }

    return taps.sort((a, b) => a.tappedAt.localeCompare(b.tappedAt));
}

function flushNow() {
    retryMs = firstRetryMs;
    flush();
}

/** One flush at a time; taps kept while it runs are picked up by the same run. */
function flush() {
    clearTimeout(retry);
    flushing ??= send().finally(() => { flushing = null; });
    return flushing;
}

async function send() {
    let sent = 0;
    for (let tap = pending()[0]; tap; tap = pending()[0]) {
        let response;
        try {
            response = await fetch(`/api/incidents/${encodeURIComponent(tap.number)}/offline-taps`, {
                method: "POST",
                credentials: "same-origin",
                // A redirect can only be to the sign-in page: never taken for the server's answer.
                redirect: "manual",
                headers: { "Content-Type": "application/json", "RequestVerificationToken": panel.dataset.token },
                body: JSON.stringify(tap),
                signal: AbortSignal.timeout(15000),
            });
        } catch {
            return later(); // Still no connection.
        }

        if (response.ok) {
            localStorage.removeItem(prefix + tap.submissionId);
            sent++;
        } else if (response.status === 404 || response.status === 422) {
            // Refused for good (the user may no longer see the incident, the time is out of bounds): say why, do not resend.
            localStorage.removeItem(prefix + tap.submissionId);
            const refusal = await response.json().catch(() => null);
            show(format(panel.dataset.refused, refusal?.message ?? ""), "error");
            return flushSoon();
        } else {
            // Signed out (401, or a redirect), a token from before a sign-in (400), the server busy: kept for the next
            // attempt or page load.
            if (response.status === 401 || response.type === "opaqueredirect") {
                show(panel.dataset.signIn, "warning");
            }

            return later();
        }
    }

    if (sent > 0) {
        show(panel.dataset.sent, "success");
    }
}

function later() {
    retry = setTimeout(flush, retryMs);
    retryMs = Math.min(retryMs * 2, lastRetryMs);
}

/** After a refusal, the other taps go on their own run, so its message stays readable. */
function flushSoon() {
    retry = setTimeout(flush, 4000);
}

function show(text, severity) {
    clearTimeout(hideTimer);
    panel.querySelector(".offline-taps-text").textContent = text;
    panel.dataset.severity = severity;
    panel.hidden = false;
    if (severity === "success") {
        hideTimer = setTimeout(() => { panel.hidden = true; }, 4000);
    }
}

function format(text, value) {
    return text.replace("{0}", value);
}

function chinaTime(iso) {
    return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}
