// Fills each Bootstrap progress bar to its aria-valuenow: the Content-Security-Policy forbids inline style
// attributes, and a style set from a script of the site's own is allowed. What the bar shows is what screen
// readers hear.
for (const progress of document.querySelectorAll('.progress[role="progressbar"][aria-valuenow]')) {
  const bar = progress.querySelector(".progress-bar");
  if (bar) bar.style.width = `${progress.getAttribute("aria-valuenow")}%`;
}
