// Draws the report's chart of daily magnesium against the goal from the figures the page hands over in #report-data.
// No animation: the chart must be whole when the page is printed or saved as a PDF.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  if (typeof Chart === "undefined") return;

  new Chart(document.getElementById("report-chart"), {
    data: {
      labels: data.labels,
      datasets: [
        {
          type: "bar", label: "Magnesium, food and supplements (mg)", data: data.total_mg,
          // A lower bound ("at least") is drawn lighter: the day had more than the bar shows.
          backgroundColor: data.lower_bound.map(function (low) { return low ? "#9ec5fe" : "#0d6efd"; }),
        },
        { type: "line", label: "Goal (mg)", data: data.goal_mg, borderColor: "#dc3545", pointRadius: 0, borderDash: [6, 4] },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true } },
    },
  });
})();
