// The console's small charts: each <section class="chart" data-series="URL" data-labels="a,b" data-kind="level|counter">
// reads its samples (JSON {"t":[seconds],"v":[[...],[...]]}) and draws them with uPlot, again every 5 s. Counters are
// drawn as per-second rates between samples; levels as they are.
(function () {
  "use strict";
  var COLORS = ["#2f6fdb", "#d9822b", "#7a4fbf", "#2e9e5b"];

  function toRates(t, values) {
    var out = [null];
    for (var i = 1; i < values.length; i++) {
      var dt = t[i] - t[i - 1];
      out.push(dt > 0 ? Math.max(0, (values[i] - values[i - 1]) / dt) : null);
    }
    return out;
  }

  function draw(section) {
    var labels = (section.dataset.labels || "").split(",");
    var counter = section.dataset.kind === "counter";
    var plot = null;
    var last = 0; // the newest sample's time: the window ends there
    function refresh() {
      fetch(section.dataset.series, {credentials: "same-origin"}).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (samples) {
        if (!samples || samples.t.length === 0) { return; } // nothing sampled yet: the next round draws
        last = samples.t[samples.t.length - 1];
        var data = [samples.t];
        for (var k = 0; k < labels.length && k < samples.v.length; k++) {
          data.push(counter ? toRates(samples.t, samples.v[k]) : samples.v[k]);
        }
        section.dataset.points = String(samples.t.length);
        if (plot === null) {
          var series = [{}];
          for (var s = 0; s < labels.length; s++) {
            series.push({label: labels[s], stroke: COLORS[s % COLORS.length], width: 1.5});
          }
          plot = new uPlot({width: Math.min(900, section.clientWidth || 900), height: 180, series: series,
            scales: {
              // the sampler's window (6 minutes) up to the newest sample, from the data itself: with one sample
              // uPlot pads a time scale's equal min and max by a day counted in milliseconds (1000 days here)
              x: {time: true, range: function () { return [last - 360, last]; }},
              y: {range: function (u, min, max) { return [0, Math.max(1, max)]; }}
            }}, data, section);
        } else {
          plot.setData(data);
        }
      }).catch(function () { /* the next round tries again */ });
    }
    refresh();
    setInterval(refresh, 5000);
  }

  document.querySelectorAll("section.chart[data-series]").forEach(draw);
})();
