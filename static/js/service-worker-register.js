// Installs the service worker (static files and the offline page kept on the phone). Its URL is on this script's
// data-worker; browsers allow a worker only over HTTPS or on localhost, and elsewhere the site works without one.
(function () {
  "use strict";
  const worker = document.currentScript.dataset.worker;
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(worker, { scope: "/" }).catch(() => {});
})();
