// Draws a stand test's readings from the figures the page hands over in #stand-data (the table repeats them).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("stand-data").textContent);
  if (typeof Chart === "undefined") return;

  new Chart(document.getElementById("stand-chart"), {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Heart rate (bpm)", data: data.heart_rate, borderColor: "#dc3545", yAxisID: "y" },
        { label: "Systolic (mmHg)", data: data.systolic, borderColor: "#0d6efd", borderDash: [6, 4], yAxisID: "y" },
        { label: "Diastolic (mmHg)", data: data.diastolic, borderColor: "#6f42c1", borderDash: [2, 3], yAxisID: "y" },
      ],
    },
    options: { responsive: true, spanGaps: false, scales: { y: { beginAtZero: false } } },
  });
})();
