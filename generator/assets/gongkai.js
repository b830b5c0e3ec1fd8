// Draw the page's charts with the self-hosted Plotly bundle, loaded only where a chart is.
// Runs on Material's document$ so charts survive instant navigation.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var loading = null;
  var plotlyStyle = null;

  function loadPlotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + "vendor/plotly-basic.min.js";
        script.onload = function () {
          // Instant navigation swaps <head>; keep Plotly's injected style to put it back.
          var style = document.getElementById("plotly.js-style-global");
          plotlyStyle = style && style.cloneNode(true);
          resolve(window.Plotly);
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function palette() {
    var css = getComputedStyle(document.body);
    return {
      fg: css.getPropertyValue("--md-default-fg-color").trim() || "#333",
      grid: css.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd"
    };
  }

  function themed(layout) {
    var p = palette();
    layout.font = Object.assign({}, layout.font, { color: p.fg, family: "inherit" });
    ["xaxis", "yaxis"].forEach(function (axis) {
      layout[axis] = Object.assign({}, layout[axis], { gridcolor: p.grid, zerolinecolor: p.grid });
    });
    return layout;
  }

  function draw() {
    var charts = document.querySelectorAll("figure.gk-chart[data-figure]");
    if (!charts.length) return;
    loadPlotly().then(function (Plotly) {
      if (plotlyStyle && !document.getElementById("plotly.js-style-global")) {
        document.head.appendChild(plotlyStyle.cloneNode(true));
      }
      charts.forEach(function (chart) {
        var figure = JSON.parse(chart.getAttribute("data-figure"));
        var target = chart.querySelector(".gk-chart__plot");
        Plotly.newPlot(target, figure.data, themed(figure.layout || {}), {
          displayModeBar: false, responsive: true, locale: "zh-CN"
        }).then(function () { chart.classList.add("gk-chart--drawn"); });
      });
    });
  }

  function restyle() {
    if (!window.Plotly) return;
    document.querySelectorAll("figure.gk-chart--drawn .gk-chart__plot").forEach(function (plot) {
      window.Plotly.relayout(plot, themed({ xaxis: plot.layout.xaxis, yaxis: plot.layout.yaxis, font: plot.layout.font }));
    });
  }

  // A table wider than the screen scrolls inside its box; keyboard users must be able to reach it.
  function focusableScrollers() {
    document.querySelectorAll(".gk-table-wrap, .md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "表格（可左右滑动）");
      }
    });
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(focusableScrollers, 200);
  });

  // 长辈版: large text and high contrast, remembered across pages.
  var ELDER_KEY = "gongkai.elder";
  function applyElder() {
    var on = localStorage.getItem(ELDER_KEY) === "1";
    document.documentElement.classList.toggle("gk-elder", on);
    document.querySelectorAll(".gk-elder-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "标准版" : "长辈版";
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".gk-elder-toggle");
    if (!button) return;
    localStorage.setItem(ELDER_KEY, localStorage.getItem(ELDER_KEY) === "1" ? "0" : "1");
    applyElder();
    focusableScrollers();
  });

  function onPage() { applyElder(); draw(); requestAnimationFrame(focusableScrollers); }
  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  new MutationObserver(restyle).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
