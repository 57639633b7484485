// The duty room's screen stays signed in: a request every so often lets the sign-in cookie slide on.
let timer;

export function keepSignedIn(path, minutes) {
    stop();
    timer = setInterval(() => fetch(path, { credentials: "same-origin", cache: "no-store" }).catch(() => { }), minutes * 60 * 1000);
}

export function stop() {
    if (timer) {
        clearInterval(timer);
        timer = undefined;
    }
}

export function toggleFullScreen() {
    if (document.fullscreenElement) {
        return document.exitFullscreen();
    }

    return document.documentElement.requestFullscreen?.();
}
