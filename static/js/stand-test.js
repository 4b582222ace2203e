// The guided stand test: a timer walks through the plain form's readings, one minute at a time.
// Without this script the page is the plain form, every reading shown at once. The length of a minute comes from
// the form's data-minute-ms (a setting: a minute, shortened only in tests); no minute is ever skipped.
(function () {
  "use strict";
  const form = document.getElementById("stand-test");
  if (!form) return;
  const minuteMs = Number(form.dataset.minuteMs) || 60000;
  const standingMinutes = 10;
  const startButton = document.getElementById("stand-start");
  const stopButton = document.getElementById("stand-stop");
  const standStep = document.getElementById("step-stand");
  const timer = document.getElementById("stand-timer");
  const saveButton = document.getElementById("stand-save");
  const stopEarly = document.getElementById("stop-early");
  const rows = Array.from(document.querySelectorAll("#standing-readings .stand-reading"));

  rows.forEach((row) => { row.hidden = true; });
  standStep.hidden = true;
  stopEarly.hidden = true;
  saveButton.hidden = true;
  startButton.hidden = false;

  let started = null;
  let ticker = null;
  let shown = 0;

  function clock(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function finish(message) {
    window.clearInterval(ticker);
    ticker = null;
    stopButton.hidden = true;
    saveButton.hidden = false;
    timer.textContent = message;
  }

  function tick() {
    const elapsed = performance.now() - started;
    const minute = Math.min(Math.floor(elapsed / minuteMs), standingMinutes);
    while (shown < minute) {
      const row = rows[shown];
      row.hidden = false;
      row.querySelector("input").focus();
      shown += 1;
    }
    if (minute >= standingMinutes) {
      finish("Minute 10: enter the last reading, then sit down and save the test.");
      return;
    }
    const next = clock((minute + 1) * minuteMs - elapsed);
    timer.textContent = minute === 0
      ? "Standing. First reading at the end of minute 1, in " + next + "."
      : "Minute " + minute + ": enter this reading now. The next one is in " + next + ".";
  }

  startButton.addEventListener("click", function () {
    started = performance.now();
    startButton.hidden = true;
    standStep.hidden = false;
    timer.hidden = false;
    stopButton.hidden = false;
    ticker = window.setInterval(tick, Math.min(250, minuteMs / 4));
    tick();
    standStep.scrollIntoView();
  });

  stopButton.addEventListener("click", function () {
    finish("Stopped at minute " + shown + ". Sit or lie down, say why the test stopped, then save it.");
    stopEarly.hidden = false;
    stopEarly.querySelector("select").focus();
  });
})();
