// Starts Blazor with our own reconnection handler, so a wall screen never needs a person:
// when the connection drops, <body data-connection="down"> shows a banner and we retry with a
// growing pause; if the server came back without our circuit (a restart), the page reloads itself.
(function () {
    const mark = state => { document.body.dataset.connection = state; };
    let retrying = false;

    async function retry() {
        if (retrying) return;
        retrying = true;
        for (let attempt = 0; ; attempt++) {
            await new Promise(resolve => setTimeout(resolve, Math.min(500 + attempt * 1000, 5000)));
            try {
                if (await Blazor.reconnect()) { mark("up"); retrying = false; return; }
                location.reload(); // the server no longer knows this circuit: start afresh
                return;
            } catch {
                // The server is still away; try again.
            }
        }
    }

    Blazor.start({
        circuit: {
            reconnectionHandler: {
                onConnectionDown: () => { mark("down"); retry(); },
                onConnectionUp: () => mark("up"),
            },
        },
    });
})();
