// Draws the dashboard's charts from the JSON data blocks beside each canvas; the tables hold the same figures.
(function () {
  "use strict";

  var palette = ["#1f3b57", "#d9822b", "#2e7d32", "#8e24aa", "#00838f", "#c62828"];

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") {
      return;
    }

    var spec = JSON.parse(source.textContent);
    var line = spec.type === "line";
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          var colour = palette[i % palette.length];
          return {
            label: series.label,
            data: series.values,
            backgroundColor: line ? colour : colour + "cc",
            borderColor: colour,
            borderWidth: line ? 2 : 1,
            spanGaps: false,
            tension: 0.2
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: spec.series.length > 1 } },
        scales: { y: { beginAtZero: true, title: { display: true, text: spec.axis } } }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
