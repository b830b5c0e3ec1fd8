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

  // Loading Plotly and drawing take the main thread for a while (seconds on a slow phone with a large
  // plan). While someone searches, the search worker needs the CPU and the page must show its
  // results, and the search covers the chart anyway: wait until the search is closed.
  function whenNotSearching(fn) {
    var toggle = document.getElementById("__search");  // Material's search switch
    if (toggle && toggle.checked) setTimeout(function () { whenNotSearching(fn); }, 500);
    else fn();
  }

  function css(name) {
    return getComputedStyle(document.body).getPropertyValue(name).trim();
  }

  function palette() {
    return {
      fg: css("--md-default-fg-color") || "#333",
      grid: css("--md-default-fg-color--lightest") || "#ddd",
      onStatus: css("--gk-c-on-status") || "#fff"
    };
  }

  // Each trace names its colour key in `meta` (a status, or actual/target/pace for lines); the colours
  // themselves are CSS custom properties, so the dark scheme has its own.
  function colour(key) { return css("--gk-c-" + key) || null; }

  function recoloured(data) {
    var p = palette();
    data.forEach(function (trace) {
      if (!trace.meta) return;
      var c = Array.isArray(trace.meta) ? trace.meta.map(colour) : colour(trace.meta);
      if (trace.type === "bar") {
        trace.marker = Object.assign({}, trace.marker, { color: c });
        if (trace.textfont) trace.textfont = Object.assign({}, trace.textfont, { color: p.onStatus });
        if (trace.insidetextfont) trace.insidetextfont = { color: p.onStatus };
        if (trace.outsidetextfont) trace.outsidetextfont = { color: p.fg };
      } else {
        trace.line = Object.assign({}, trace.line, { color: c });
      }
    });
    return data;
  }

  // Charts follow the text size: 13 px beside 16 px text, larger in 长辈版.
  function fontSize(box) { return Math.round(parseFloat(getComputedStyle(box).fontSize) * 0.8) || 13; }

  function themed(layout, box) {
    var p = palette();
    var size = fontSize(box);
    layout.font = Object.assign({}, layout.font, { color: p.fg, family: "inherit", size: size });
    ["xaxis", "yaxis"].forEach(function (axis) {
      // automargin: tick labels (600万吨, 行动1) must never be cut off on a narrow phone
      layout[axis] = Object.assign({ automargin: true }, layout[axis], { gridcolor: p.grid, zerolinecolor: p.grid });
      // Plotly's basic bundle has no zh-CN locale: write dates the Chinese way ourselves.
      if (layout[axis].type === "date" && !layout[axis].tickformat) layout[axis].tickformat = "%Y年%-m月";
    });
    // Boxes grow with the text so that the plot area keeps its height in 长辈版.
    if (layout.height) layout.height = Math.round(layout.height * size / 13);
    return layout;
  }

  function figureOf(one) {
    return JSON.parse(one.getAttribute("data-figure"));  // a fresh copy each time: Plotly changes what it gets
  }

  function plotOf(one) { return one.querySelector(".gk-chart__plot"); }

  // A picture of the drawn chart for paper: a printout never runs the script, so it is made beforehand.
  function keepForPrint(one, Plotly) {
    var plot = plotOf(one);
    whenIdle(function () {
      Plotly.toImage(plot, { format: "svg", width: plot.clientWidth, height: plot.clientHeight }).then(function (url) {
        var img = one.querySelector("img.gk-chart__print") || document.createElement("img");
        img.className = "gk-chart__print";
        img.alt = "";
        img.src = url;
        one.appendChild(img);
      }).catch(function (error) { if (window.console) console.warn("gongkai:", error && error.message); });
    });
  }

  function drawChart(one) {
    if (one.gkDrawing) return;
    one.gkDrawing = true;
    loadPlotly().then(function (Plotly) {
      return new Promise(function (resolve) { whenNotSearching(function () { resolve(Plotly); }); });
    }).then(function (Plotly) {
      if (!one.isConnected) return;
      if (plotlyStyle && !document.getElementById("plotly.js-style-global")) {
        document.head.appendChild(plotlyStyle.cloneNode(true));
      }
      var figure = figureOf(one);
      var plot = plotOf(one);
      return Plotly.newPlot(plot, recoloured(figure.data), themed(figure.layout || {}, one), {
        displayModeBar: false, responsive: true, locale: "zh-CN"
      }).then(function () {
        plot.style.height = "";
        one.classList.add("gk-chart--drawn");
        var all = one.closest("figure.gk-chart");
        if (all && !all.querySelector(".gk-chart__one:not(.gk-chart--drawn)")) all.classList.add("gk-chart--drawn");
        keepForPrint(one, Plotly);
      });
    }).catch(function (error) {
      one.gkDrawing = false;  // the table beside the chart still carries every number
      if (window.console) console.warn("gongkai:", error.message);
    });
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.gk-chart .gk-chart__one[data-figure]"));
  }

  // Give each chart box its final height (larger in 长辈版) before it is drawn, so nothing moves then.
  function reserve() {
    charts().forEach(function (one) {
      var plot = plotOf(one);
      var height = (figureOf(one).layout || {}).height;
      if (plot && height && !one.classList.contains("gk-chart--drawn")) {
        plot.style.height = Math.round(height * fontSize(one) / 13) + "px";
      }
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
        whenIdle(function () { whenNotSearching(function () { drawChart(entry.target.closest(".gk-chart__one")); }); });
      });
    }, { threshold: steps });
    all.forEach(function (one) { observer.observe(plotOf(one) || one); });
  }

  // The colour scheme or 长辈版 changed: draw the drawn charts again in the new colours and sizes.
  function restyle() {
    if (!window.Plotly) return;
    document.querySelectorAll(".gk-chart__one.gk-chart--drawn").forEach(function (one) {
      var figure = figureOf(one);
      window.Plotly.react(plotOf(one), recoloured(figure.data), themed(figure.layout || {}, one)).then(function () {
        keepForPrint(one, window.Plotly);
      });
    });
  }

  // Task lists filtered by status, action and place without leaving the page. The choice is kept in the
  // address (?status=behind&action=3&place=…), and #action-3 (a count on an action page) selects an action.
  function filters() {
    document.querySelectorAll("form.gk-filter").forEach(function (form) {
      var scope = form.closest("article") || document.body;
      if (form.gkReady) return;
      form.gkReady = true;
      var params = new URLSearchParams(location.search);
      var hash = /^#action-(\d+)$/.exec(location.hash);
      if (hash && !params.get("action")) params.set("action", hash[1]);
      Array.prototype.forEach.call(form.elements, function (select) {
        var wanted = params.get(select.name);
        if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
          select.value = wanted;
        }
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("change", function () {
        var query = new URLSearchParams();
        Array.prototype.forEach.call(form.elements, function (select) {
          if (select.name && select.value) query.set(select.name, select.value);
        });
        var text = query.toString();
        history.replaceState(history.state, "", location.pathname + (text ? "?" + text : ""));
        applyFilter(form, scope);
      });
      applyFilter(form, scope);
    });
  }

  function applyFilter(form, scope) {
    var want = {};
    Array.prototype.forEach.call(form.elements, function (select) { if (select.name) want[select.name] = select.value; });
    var shown = 0;
    scope.querySelectorAll("li[data-status]").forEach(function (item) {
      var places = item.getAttribute("data-places").split("|");
      var fits = (!want.status || item.getAttribute("data-status") === want.status) &&
        (!want.action || item.getAttribute("data-action") === want.action) &&
        (!want.place || places.indexOf(want.place) >= 0);
      item.hidden = !fits;
      if (fits) shown += 1;
    });
    // A list left empty goes, and the heading over it.
    scope.querySelectorAll("ul.gk-tasks").forEach(function (list) {
      list.hidden = !list.querySelector("li[data-status]:not([hidden])");
      var heading = list.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = list.hidden;
    });
    var count = form.querySelector(".gk-filter__count");
    if (count) count.textContent = shown ? "显示 " + shown + " 项任务" : "没有符合条件的任务";
  }

  // A table wider than the screen scrolls inside its box; keyboard users must be able to reach it.
  // On a phone a box far below the screen is not laid out yet (content-visibility, gongkai.css):
  // measuring it would lay it out now, so it is measured when it comes near the screen.
  function laidOut(box) {
    var inside = box.firstElementChild || box;
    return !inside.checkVisibility || inside.checkVisibility({ contentVisibilityAuto: true });
  }
  function focusableScrollers() {
    document.querySelectorAll(".gk-table-wrap, .md-typeset__scrollwrap").forEach(function (box) {
      if (!laidOut(box)) return;
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "表格（可左右滑动）");
      }
    });
  }
  // A link to another action's list on the same page (#action-3) selects that action.
  window.addEventListener("hashchange", function () {
    var hash = /^#action-(\d+)$/.exec(location.hash);
    var select = document.querySelector("form.gk-filter select[name=action]");
    if (!hash || !select || !select.querySelector('option[value="' + hash[1] + '"]')) return;
    select.value = hash[1];
    select.dispatchEvent(new Event("change", { bubbles: true }));  // filters, and keeps the choice in the address
    var heading = document.getElementById("action-" + hash[1]);
    if (heading) heading.scrollIntoView();
  });

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(focusableScrollers, 200);
  });
  var measuring = false;
  document.addEventListener("contentvisibilityautostatechange", function (event) {
    if (event.skipped || measuring) return;
    measuring = true;
    whenIdle(function () { measuring = false; focusableScrollers(); });
  }, true);  // the event does not bubble: listen on its way down

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
    restyle();
    whenIdle(focusableScrollers);
  });

  // This script runs at the end of <body>, before the first paint. The page's inline script has
  // given each chart box its height at the standard text size; only 长辈版 needs it larger now.
  // Reading the text size forces the browser to compute every style at once (a long task on a
  // slow phone), so the standard page leaves it to onPage.
  if (document.documentElement.classList.contains("gk-elder")) reserve();
  // 引用本页: put the reader's date into each reference, and copy it without any network.
  function fillAccessDates() {
    var d = new Date();
    var iso = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
    var apa = d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
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
  // (2000座 → 2000 座), as the index splits them. A status's word becomes the word that stands for
  // it in the index (searchwords.status_word): Material would search 推进中 as 推进*, 已完成 as 已*.
  var SEARCH_QUERY = 2;  // Material's SearchMessageType.QUERY
  var STATUS_WORDS = {
    "未启动": "gkstatusnotstarted", "推进中": "gkstatusinprogress", "超序时进度": "gkstatusahead",
    "达序时进度": "gkstatusonpace", "滞后": "gkstatusbehind", "已完成": "gkstatusdone",
    "已调整": "gkstatuschanged", "尚无报告": "gkstatusnoreport"
  };
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
    Object.keys(STATUS_WORDS).forEach(function (word) { out = out.split(word).join(" " + STATUS_WORDS[word] + " "); });
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

  function onPage() { applyElder(); fillAccessDates(); filters(); draw(); whenIdle(focusableScrollers); }
  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  new MutationObserver(restyle).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
