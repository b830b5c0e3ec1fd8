// Material's page asks for the search index (search/search_index.json, the largest file a page
// loads) while its bundle starts, reads it on the main thread and copies it into its search
// worker, all while the page is still loading. This script, loaded just before Material's bundle,
// changes that: Material's page gets the index without its entries (search/config.json, which the
// plugin writes), and the search worker (search-worker.js, around Material's own) downloads and
// reads the entries itself, once someone goes to search or the loaded page is idle. The first
// screen gets the phone's bandwidth and CPU first, and the main thread never holds the index.
// It relies on Material's bundle making its worker with `new Worker(url)` and asking for the index
// with XMLHttpRequest (its setupSearchWorker and browser/request modules).
(function () {
  "use strict";
  if (location.protocol === "file:") return;  // from a file, Material runs search without a real worker
  var SETUP = 0;  // Material's SearchMessageType.SETUP
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var indexUrl = null;
  var wantIndex = null;
  var indexWanted = new Promise(function (resolve) { wantIndex = resolve; });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) wantIndex();
  });
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) window.requestIdleCallback(wantIndex, { timeout: 2000 });
    else setTimeout(wantIndex, 50);
  }, { once: true });

  var openRequest = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var address = new URL(url, location.href);
    if (/\/search\/search_index\.json$/.test(address.pathname)) {
      indexUrl = address.href;
      arguments[1] = new URL("config.json", address).href;
    }
    return openRequest.apply(this, arguments);
  };

  var PageWorker = window.Worker;
  window.Worker = function (url, options) {
    var address = new URL(url, location.href).href;
    if (/\/workers\/search\.[^/]*\.js$/.test(address)) url = base + "search-worker.js#" + encodeURIComponent(address);
    return new PageWorker(url, options);
  };
  window.Worker.prototype = PageWorker.prototype;

  var postToWorker = PageWorker.prototype.postMessage;
  PageWorker.prototype.postMessage = function (message) {
    if (!message || message.type !== SETUP || !indexUrl) return postToWorker.apply(this, arguments);
    var worker = this;
    indexWanted.then(function () {
      postToWorker.call(worker, { type: SETUP, data: Object.assign({}, message.data, { gkIndex: indexUrl }) });
    });
  };
})();
