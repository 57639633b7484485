// The duty room's screen: full screen on and off.
export function toggleFullScreen() {
    if (document.fullscreenElement) {
        return document.exitFullscreen();
    }

    return document.documentElement.requestFullscreen?.();
}
