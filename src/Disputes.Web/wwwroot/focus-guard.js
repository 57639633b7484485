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
