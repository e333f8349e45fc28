// Starts Blazor with a reconnection that never gives up, and draws the connection state itself:
// while the server is unreachable it cannot render, so "stale since" must come from the browser.
(() => {
  const status = document.getElementById("components-reconnect-modal");
  const interactive = status?.dataset.interactive === "true";
  let staleSince = null;

  const show = (state) => {
    if (!status) return;
    status.dataset.state = state;
    const text = status.querySelector("[data-text]");
    if (state === "live") {
      text.textContent = status.dataset.live;
    } else if (state === "reconnecting" || state === "stale") {
      const time = staleSince.toLocaleTimeString(document.documentElement.lang || undefined, { hour12: false });
      text.textContent = `${status.dataset[state]} · ${status.dataset.staleSince.replace("{0}", time)}`;
    }
    status.hidden = !interactive;
  };

  status?.addEventListener("components-reconnect-state-changed", (event) => {
    switch (event.detail.state) {
      case "show":
      case "retrying":
        staleSince ??= new Date();
        show("reconnecting");
        break;
      case "hide":
        staleSince = null;
        show("live");
        break;
      case "rejected":
        // The server is back but has forgotten this page's session (it restarted): start afresh.
        location.reload();
        break;
      case "failed":
        // Only reached if the retry limit below is ever hit; keep trying rather than asking a person.
        retryUntilBack();
        break;
    }
  });

  // A live page marks an element with data-heartbeat, which the server moves every few seconds.
  // Ten seconds without a move means the figures may be old, even while the connection looks open.
  let lastBeat = null;
  let lastBeatAt = Date.now();
  setInterval(() => {
    const beat = document.querySelector("[data-heartbeat]")?.dataset.heartbeat;
    if (beat === undefined) return;
    if (beat !== lastBeat) {
      lastBeat = beat;
      lastBeatAt = Date.now();
      if (status?.dataset.state === "stale") {
        staleSince = null;
        show("live");
      }
    } else if (Date.now() - lastBeatAt > 10000 && status?.dataset.state === "live") {
      staleSince = new Date(lastBeatAt);
      show("stale");
    }
  }, 1000);

  // An unpaired wall screen asks every 5 s whether it was paired (the page then redirects) or its
  // code renewed, and only then reloads: reloading blindly into a browser error page would stop for good.
  if (document.querySelector("[data-pairing]")) {
    const shown = document.querySelector("[data-code]")?.dataset.code;
    setInterval(() => fetch(location.href, { cache: "no-store", redirect: "manual" })
      .then((response) => {
        if (response.type === "opaqueredirect") location.reload();
        else if (response.ok) response.text().then((html) => { if (!shown || !html.includes(`data-code="${shown}"`)) location.reload(); });
      })
      .catch(() => {}), 5000);
  }

  const retryUntilBack = () =>
    setTimeout(() => Blazor.reconnect().then((ok) => ok || location.reload()).catch(retryUntilBack), 5000);

  Blazor.start({
    circuit: {
      // The server pings every 5 s; ten silent seconds mean it is gone, even if no socket closed.
      configureSignalR: (builder) => builder.withServerTimeout(10000).withKeepAliveInterval(5000),
      reconnectionOptions: {
        maxRetries: Number.MAX_SAFE_INTEGER,
        // Quick at first, then every 5 s: a wall screen waits for the server, however long it takes.
        retryIntervalMilliseconds: (previousAttempts) => Math.min(1000 * (previousAttempts + 1), 5000),
      },
    },
  }).then(() => show("live"), () => setTimeout(() => location.reload(), 5000)); // could not even start: try again from scratch
})();
