// Draws the week's three charts from the figures the page hands over in #week-data.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("week-data").textContent);
  if (typeof Chart === "undefined") return;

  new Chart(document.getElementById("magnesium-chart"), {
    data: {
      labels: data.labels,
      datasets: [
        // The lowest order is drawn last: the goal line in front of the bars, so a bar never hides it.
        { type: "bar", label: "Food (mg)", data: data.food_mg, backgroundColor: "#198754", stack: "mg", order: 1 },
        { type: "bar", label: "Supplements (mg)", data: data.supplement_mg, backgroundColor: "#0d6efd", stack: "mg", order: 1 },
        { type: "line", label: "Goal (mg)", data: data.goal_mg, borderColor: "#dc3545", pointRadius: 0, borderDash: [6, 4], order: 0 },
      ],
    },
    options: { responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });

  new Chart(document.getElementById("symptom-chart"), {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Dizziness", data: data.dizziness, borderColor: "#6f42c1", spanGaps: false },
        { label: "Fatigue", data: data.fatigue, borderColor: "#fd7e14", spanGaps: false },
        { label: "Anxiety", data: data.anxiety, borderColor: "#20c997", spanGaps: false },
        { type: "bar", label: "Heart-rate rise (bpm)", data: data.hr_rise_bpm, backgroundColor: "rgba(220, 53, 69, 0.35)", yAxisID: "bpm" },
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

  new Chart(document.getElementById("electrolyte-chart"), {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Sodium (g)", data: data.sodium_g, backgroundColor: "#6c757d" },
        { label: "Potassium (g)", data: data.potassium_g, backgroundColor: "#ffc107" },
        { label: "Fluid (L)", data: data.fluid_l, backgroundColor: "#0dcaf0" },
      ],
    },
    options: { responsive: true, scales: { y: { beginAtZero: true } } },
  });
})();
