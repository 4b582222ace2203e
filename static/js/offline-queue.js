// One-tap forms marked data-offline-queue (a glass of water, a usual dose, a recent food) keep working when the
// connection drops. Each entry carries a fresh idempotency_key, so the server saves it once however often it
// arrives (journal/forms/once.py). Online, the form is sent as usual (a second tap before the page answers sends
// the same key). Offline, the entry is kept on this phone (localStorage), listed as "Waiting to send", and sent
// when the connection returns or the page next opens; then the page reloads with the server's messages.
(function () {
  "use strict";
  const list = document.getElementById("offline-queue");
  if (!list) return;
  const owner = list.dataset.user; // entries are only ever sent in the session of the person who tapped them
  const STORE = "mgtracker-offline-queue";

  function stored() {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || [];
    } catch {
      return [];
    }
  }

  function store(entries) {
    localStorage.setItem(STORE, JSON.stringify(entries));
  }

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // Plain http on a local network has no randomUUID: a version 4 UUID from random bytes instead.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function keyField(form) {
    let field = form.querySelector('input[name="idempotency_key"]');
    if (!field) {
      field = Object.assign(document.createElement("input"), { type: "hidden", name: "idempotency_key" });
      form.append(field);
    }
    if (!field.value) field.value = newKey();
    return field;
  }

  function csrfToken() {
    // The cookie of this session, not the token the page held when the entry was tapped: a log-in since then
    // has changed it.
    const cookie = document.cookie.split("; ").find((pair) => pair.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
  }

  function show() {
    const waiting = stored().filter((entry) => entry.user === owner);
    list.replaceChildren();
    if (!waiting.length) return;
    const heading = Object.assign(document.createElement("p"), {
      className: "fw-semibold mb-1",
      textContent: "Offline: kept on this phone, sent when the connection returns",
    });
    const items = Object.assign(document.createElement("ul"), { className: "mb-0" });
    for (const entry of waiting) {
      items.append(Object.assign(document.createElement("li"), { textContent: `Waiting to send: ${entry.label}` }));
    }
    list.append(heading, items);
  }

  for (const form of document.querySelectorAll("form[data-offline-queue]")) {
    form.addEventListener("submit", (event) => {
      const key = keyField(form);
      if (navigator.onLine) return;
      event.preventDefault();
      const fields = [...new FormData(form)].filter(([name]) => name !== "csrfmiddlewaretoken");
      // When it was tapped, for an entry whose time matters (a usual dose): it may be sent hours later.
      fields.push(["tapped_at", new Date().toISOString()]);
      store([...stored(), { user: owner, url: form.action, label: form.dataset.offlineQueue, key: key.value, fields }]);
      key.value = newKey(); // the next tap is another entry
      show();
    });
  }

  let sending = false;

  async function sendWaiting() {
    if (sending || !navigator.onLine) return;
    sending = true;
    let sent = 0;
    try {
      for (const entry of stored().filter((waiting) => waiting.user === owner)) {
        let response;
        try {
          response = await fetch(entry.url, {
            method: "POST", body: new URLSearchParams(entry.fields), credentials: "same-origin",
            headers: { "X-CSRFToken": csrfToken() }, redirect: "manual",
          });
        } catch {
          break; // still no connection: this entry and the rest wait for the next try
        }
        // A redirect is the server's answer (saved, or refused with a message on the page it leads to); a
        // refusal of the session or a server failure leaves the entry waiting, and its key keeps a retry single.
        if (response.type !== "opaqueredirect" && !response.ok) break;
        store(stored().filter((waiting) => waiting.key !== entry.key));
        sent += 1;
      }
    } finally {
      sending = false;
    }
    if (sent) window.location.reload();
    else show();
  }

  show();
  window.addEventListener("online", sendWaiting);
  sendWaiting();
})();
