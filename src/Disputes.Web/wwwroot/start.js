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
