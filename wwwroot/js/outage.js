// What a person does while the server is unreachable. Blazor cannot deliver a tap or a keystroke then:
// a tap is stopped and answered "not sent" (never dropped in silence), and what was typed in a field
// marked data-draft is kept in this tab until the page is live again, across a reload if the server
// restarted and forgot the page.
(() => {
  const status = document.getElementById("components-reconnect-modal");
  if (status?.dataset.interactive !== "true") return;

  const down = () => status.dataset.state === "reconnecting";
  // One key for the tab: in-app navigation does not reload this script, so a path read at start would be
  // the first page's, not the page typed on. Each field's data-draft name carries its visit and post ids.
  const storageKey = "drafts";
  const fields = () => [...document.querySelectorAll("[data-draft]")];

  // What was typed, by field, written whenever it changes during an outage; a field emptied is forgotten.
  const keep = () => {
    const kept = Object.fromEntries(fields().filter((f) => f.value).map((f) => [f.dataset.draft, f.value]));
    if (Object.keys(kept).length > 0) sessionStorage.setItem(storageKey, JSON.stringify(kept));
    else sessionStorage.removeItem(storageKey);
  };

  // Blazor reads a field's value on these events, as if the person had just typed it.
  const announce = (field) => {
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  };

  let note = null;
  const sayNotSent = (control) => {
    control.classList.add("not-sent");
    if (!note) {
      note = document.createElement("div");
      note.className = "not-sent-note";
      note.setAttribute("role", "alert");
      note.dataset.testid = "not-sent";
      note.textContent = status.dataset.notSent;
      document.body.appendChild(note);
    }
  };

  const clearNotSent = () => {
    note?.remove();
    note = null;
    document.querySelectorAll(".not-sent").forEach((c) => c.classList.remove("not-sent"));
  };

  // Capture phase: this runs before Blazor's own listener, which would try to send the tap and fail.
  document.addEventListener("click", (event) => {
    const control = event.target.closest?.("button, a[href], [role=button], input[type=checkbox], input[type=radio]");
    if (!down() || !control || status.contains(control)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    sayNotSent(control);
  }, true);

  document.addEventListener("input", (event) => {
    if (down() && event.target.matches?.("[data-draft]")) keep();
  }, true);

  // Connection state changes come from connection.js, which sets data-state on the status element.
  let wasDown = false;
  new MutationObserver(() => {
    if (down() && !wasDown) {
      wasDown = true;
      keep();
    } else if (status.dataset.state === "live" && wasDown) {
      // The same circuit is back: it missed the keystrokes of the outage, so tell it what the fields hold now.
      wasDown = false;
      fields().filter((f) => f.value).forEach(announce);
      sessionStorage.removeItem(storageKey);
      clearNotSent();
    }
  }).observe(status, { attributes: true, attributeFilter: ["data-state"] });

  // After a reload, put back what was typed once its field is on the page (the page may still be loading).
  const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? "null");
  if (!saved) return;
  const started = Date.now();
  let liveSince = null;
  const restore = setInterval(() => {
    // Only into the interactive page: a field still in the prerendered page is replaced, or not wired to the server yet.
    if (status.dataset.state !== "live" || !document.querySelector("[data-ready='true']")) {
      // A page that never comes live keeps the drafts for its next load.
      if (Date.now() - started > 60000) clearInterval(restore);
      return;
    }

    liveSince ??= Date.now();
    for (const [key, value] of Object.entries(saved)) {
      const field = document.querySelector(`[data-draft="${CSS.escape(key)}"]`);
      if (field && !field.value) {
        field.value = value;
        announce(field);
        delete saved[key];
      }
    }

    // Live for 30 s and a field never appeared: its page is gone (the visit ended, say); forget it.
    if (Object.keys(saved).length === 0 || Date.now() - liveSince > 30000) {
      clearInterval(restore);
      sessionStorage.removeItem(storageKey);
    }
  }, 250);
})();
