// Draws the insights charts from the figures the page hands over in #insights-data.
(function () {
  "use strict";
  const source = document.getElementById("insights-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);

  new Chart(document.getElementById("intake-chart"), {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: "Magnesium (mg)", data: data.total_mg, backgroundColor: "#9ec5fe" },
        { type: "line", label: "7-day average (mg)", data: data.rolling_mg, borderColor: "#0d6efd", pointRadius: 0 },
        { type: "line", label: "Goal (mg)", data: data.goal_mg, borderColor: "#dc3545", pointRadius: 0, borderDash: [6, 4] },
      ],
    },
    options: { responsive: true, scales: { y: { beginAtZero: true } } },
  });

  new Chart(document.getElementById("symptom-trend-chart"), {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Dizziness", data: data.dizziness, borderColor: "#6f42c1", pointRadius: 0 },
        { label: "Fatigue", data: data.fatigue, borderColor: "#fd7e14", pointRadius: 0 },
        { label: "Anxiety", data: data.anxiety, borderColor: "#20c997", pointRadius: 0 },
        { label: "Heart-rate rise (bpm)", data: data.hr_rise_bpm, borderColor: "#dc3545", pointRadius: 0, yAxisID: "bpm" },
      ],
    },
    options: {
      responsive: true,
      scales: {
        y: { min: 0, max: 10, title: { display: true, text: "score" } },
        bpm: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "bpm" } },
      },
    },
  });
})();
