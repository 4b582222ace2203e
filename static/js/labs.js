// Draws each lab test's results against the lab's range, beside the mean daily magnesium of the 7 days before each,
// from the figures the page hands over in #labs-data (the table under each chart repeats them).
(function () {
  "use strict";
  const charts = JSON.parse(document.getElementById("labs-data").textContent);
  if (typeof Chart === "undefined") return;

  charts.forEach(function (data) {
    // The range as a floating bar from its bottom to its top; a range with a missing bound is not drawn.
    const range = data.range_low.map(function (low, i) {
      const high = data.range_high[i];
      return low === null || high === null ? null : [low, high];
    });
    new Chart(document.getElementById(data.id), {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: "Lab's range (" + data.unit + ")", data: range, backgroundColor: "#d1e7dd", yAxisID: "y", order: 3 },
          {
            type: "line", label: data.name + " (" + data.unit + ")", data: data.values, borderColor: "#0d6efd",
            backgroundColor: "#0d6efd", pointRadius: 5, showLine: data.values.length > 1, yAxisID: "y", order: 1,
          },
          {
            type: "line", label: "Magnesium, mean of 7 days before (mg/day)", data: data.intake_mg, borderColor: "#dc3545",
            backgroundColor: "#dc3545", borderDash: [6, 4], pointStyle: "rectRot", pointRadius: 5, spanGaps: false, yAxisID: "intake", order: 2,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: false, grace: "10%", title: { display: true, text: data.unit } },
          intake: { position: "right", beginAtZero: true, grace: "10%", grid: { drawOnChartArea: false }, title: { display: true, text: "mg/day" } },
        },
      },
    });
  });
})();
