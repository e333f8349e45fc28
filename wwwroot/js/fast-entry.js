// The desk's fast-entry form (data-fast-entry). The keys that move between its fields act in the browser at
// once: a server round trip later, the next keystrokes of a fast typist would already have gone to the old field.
// The server still hears each key and does the choosing; only the focus and Ctrl+Enter are handled here.
(() => {
  document.addEventListener("keydown", (event) => {
    const form = event.target.closest?.("[data-fast-entry]");
    if (!form) return;

    // Ctrl+Enter raises from any field; the button's click follows the fields' last input events to the server.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.querySelector("[data-fast-submit]")?.click();
      return;
    }

    const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
    // A kind's digit in the kind chooser: on to the field after it while the server records the kind.
    if (plain && /^[0-9]$/.test(event.key) && event.target.closest("[data-kind-keys]")) {
      if (form.querySelector(`[data-kind-key="${event.key}"]`)) {
        event.preventDefault();
        form.querySelector("[data-after-kind]")?.focus();
      }
      return;
    }

    // Enter in the unit number: on to the text while the server picks the first matching unit.
    if (plain && event.key === "Enter" && event.target.matches("[data-unit-input]")) {
      event.preventDefault();
      form.querySelector("[data-after-unit]")?.focus();
    }
  }, true);

  // A choice made by click or Enter on its button (a kind, a unit, a person) moves on the same way.
  document.addEventListener("click", (event) => {
    const choice = event.target.closest?.("[data-then-focus]");
    const form = choice?.closest("[data-fast-entry]");
    if (form) form.querySelector(choice.dataset.thenFocus)?.focus();
  }, true);
})();
