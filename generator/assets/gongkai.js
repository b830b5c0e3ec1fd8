// Draw the page's charts with the self-hosted Plotly bundle (1.2 MB), loaded only where a chart
// is, and only once a chart comes near the screen and the browser is idle: the text and the table
// beside every chart come first. Each chart's box gets its final height at once, so nothing moves
// when it is drawn. Runs on Material's document$ so charts survive instant navigation.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var loading = null;
  var plotlyStyle = null;
  var observer = null;

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
        script.onerror = function () { loading = null; reject(new Error("Plotly did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function whenIdle(fn) {
    var go = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: 2000 });
      else setTimeout(fn, 50);
    };
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
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
      // automargin: tick labels (600万吨, 行动1) must never be cut off on a narrow phone
      layout[axis] = Object.assign({ automargin: true }, layout[axis], { gridcolor: p.grid, zerolinecolor: p.grid });
      // Plotly's basic bundle has no zh-CN locale: write dates the Chinese way ourselves.
      if (layout[axis].type === "date" && !layout[axis].tickformat) layout[axis].tickformat = "%Y年%-m月";
    });
    return layout;
  }

  function figureOf(chart) {
    if (!chart.gkFigure) chart.gkFigure = JSON.parse(chart.getAttribute("data-figure"));
    return chart.gkFigure;
  }

  function drawChart(chart) {
    if (chart.gkDrawing) return;
    chart.gkDrawing = true;
    loadPlotly().then(function (Plotly) {
      if (!chart.isConnected) return;
      if (plotlyStyle && !document.getElementById("plotly.js-style-global")) {
        document.head.appendChild(plotlyStyle.cloneNode(true));
      }
      var figure = figureOf(chart);
      return Plotly.newPlot(chart.querySelector(".gk-chart__plot"), figure.data, themed(figure.layout || {}), {
        displayModeBar: false, responsive: true, locale: "zh-CN"
      }).then(function () { chart.classList.add("gk-chart--drawn"); });
    }).catch(function (error) {
      chart.gkDrawing = false;  // the table beside the chart still carries every number
      if (window.console) console.warn("gongkai:", error.message);
    });
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.gk-chart[data-figure]"));
  }

  function reserve() {
    charts().forEach(function (chart) {
      var plot = chart.querySelector(".gk-chart__plot");
      var height = (figureOf(chart).layout || {}).height;
      if (plot && height && !plot.style.height) plot.style.height = height + "px";
    });
  }

  function draw() {
    if (observer) observer.disconnect();
    reserve();
    var all = charts();
    if (!all.length) return;
    if (!window.IntersectionObserver) { whenIdle(function () { all.forEach(drawChart); }); return; }
    // Draw a chart once a good part of it is on the screen: 120 px, or half of a smaller chart.
    var steps = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    observer = new IntersectionObserver(function (entries, seen) {
      entries.forEach(function (entry) {
        var shown = entry.intersectionRect.height;
        if (!entry.isIntersecting || shown < Math.min(120, entry.boundingClientRect.height / 2)) return;
        seen.unobserve(entry.target);
        whenIdle(function () { drawChart(entry.target.closest("figure.gk-chart")); });
      });
    }, { threshold: steps });
    all.forEach(function (chart) { observer.observe(chart.querySelector(".gk-chart__plot") || chart); });
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
  // Storage may be blocked (privacy settings): then the switch lasts until the page is left.
  var ELDER_KEY = "gongkai.elder";
  var elderOn = false;
  try { elderOn = localStorage.getItem(ELDER_KEY) === "1"; } catch (e) { /* keep the default */ }
  function applyElder() {
    var on = elderOn;
    document.documentElement.classList.toggle("gk-elder", on);
    document.querySelectorAll(".gk-elder-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "标准版" : "长辈版";
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".gk-elder-toggle");
    if (!button) return;
    elderOn = !elderOn;
    try { localStorage.setItem(ELDER_KEY, elderOn ? "1" : "0"); } catch (e) { /* not remembered */ }
    applyElder();
    whenIdle(focusableScrollers);
  });

  reserve();  // this script runs at the end of <body>, before the first paint
  // 引用本页: put the reader's date into each reference, and copy it without any network.
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  function fillAccessDates() {
    var d = new Date();
    var iso = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
    var apa = MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear();
    document.querySelectorAll(".gk-access").forEach(function (span) {
      span.textContent = span.getAttribute("data-style") === "apa" ? apa : iso;
    });
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");  // plain-http fallback
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".gk-copy");
    if (!button) return;
    var text = button.parentNode.querySelector(".gk-cite__text").textContent.trim();
    copyText(text).then(function () { button.textContent = "已复制"; }, function () { button.textContent = "请手动复制"; });
    setTimeout(function () { button.textContent = "复制"; }, 2000);
  });

  // Search. Material's page hands each query to its search worker with Worker.prototype.postMessage
  // ({type: QUERY, data: text}); on its way the query is tidied as the index needs it: traditional
  // characters become the simplified ones the index holds (醫院 → 医院; the table is written at build
  // time, search/t2s.json), punctuation becomes a space, and a number stands apart from its unit
  // (2000座 → 2000 座), as the index splits them.
  var SEARCH_QUERY = 2;  // Material's SearchMessageType.QUERY
  var simplified = null;
  function loadSimplified() {
    if (!simplified) {
      simplified = fetch(base + "../search/t2s.json")
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });  // without it, simplified queries still work
    }
    return simplified;
  }
  function tidyQuery(query, table) {
    var out = "";
    Array.from(query.normalize("NFKC")).forEach(function (c) { out += table[c] || c; });
    return out
      .replace(/[^\p{L}\p{N}.%]+/gu, " ")
      .replace(/([\p{N}%])(?=\p{sc=Han})/gu, "$1 ")
      .replace(/(\p{sc=Han})(?=\p{N})/gu, "$1 ")
      .trim();
  }
  var postToWorker = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (!message || message.type !== SEARCH_QUERY || typeof message.data !== "string") {
      return postToWorker.apply(this, arguments);
    }
    var worker = this;
    loadSimplified().then(function (table) {  // queries keep their order: each waits on the same promise
      postToWorker.call(worker, { type: SEARCH_QUERY, data: tidyQuery(message.data, table) });
    });
  };
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) loadSimplified();
  });

  // A task's search result shows its status (the coloured badge the pages use) and its action before
  // the quote. They are not words of the index: the plugin puts them on the result's paragraph as
  // data-gk-status, data-gk-label and data-gk-action, which Material's worker leaves as they are.
  function labelResult(teaser) {
    var status = teaser.getAttribute("data-gk-status");
    var badge = document.createElement("span");
    badge.className = "gk-status gk-status--" + status;
    badge.textContent = teaser.getAttribute("data-gk-label");
    var action = document.createElement("span");
    action.className = "gk-result-action";
    action.textContent = teaser.getAttribute("data-gk-action");
    teaser.insertBefore(document.createElement("br"), teaser.firstChild);
    teaser.insertBefore(action, teaser.firstChild);
    teaser.insertBefore(document.createTextNode(" "), teaser.firstChild);
    teaser.insertBefore(badge, teaser.firstChild);
  }
  var results = document.querySelector(".md-search-result__list");
  if (results) {
    new MutationObserver(function () {
      results.querySelectorAll("p[data-gk-status]:not(.gk-labelled)").forEach(function (teaser) {
        teaser.classList.add("gk-labelled");
        labelResult(teaser);
      });
    }).observe(results, { childList: true, subtree: true });
  }

  function onPage() { applyElder(); fillAccessDates(); draw(); whenIdle(focusableScrollers); }
  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  new MutationObserver(restyle).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
