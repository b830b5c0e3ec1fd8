// Material's search worker, which reads the search index itself. Material's page would download
// search/search_index.json, parse it and copy it into the worker on the page's main thread, where a
// plan of thousands of tasks keeps the phone busy for a good part of a second before the worker can
// start; gongkai.js gives Material a copy of the index without its entries (search/config.json)
// and tells this worker where the whole index is (gkIndex in the SETUP message), so the download
// and the parsing happen here. Everything else is Material's own worker, loaded below (its URL
// follows the '#' of this script's URL), with lunr's index builder replaced by lunr-builder.js.
"use strict";
(function () {
  var SETUP = 0;  // Material's SearchMessageType.SETUP
  var material = decodeURIComponent(self.location.hash.slice(1));
  var importScriptsHere = self.importScripts;
  // Material's worker loads its language scripts by URLs relative to its own place, not this one's.
  self.importScripts = function () {
    var urls = Array.prototype.map.call(arguments, function (url) { return new URL(url, material).href; });
    return importScriptsHere.apply(self, urls);
  };
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== SETUP || !message.data || !message.data.gkIndex) return;
    event.stopImmediatePropagation();  // Material's handler gets the message once the entries are here
    var data = Object.assign({}, message.data);
    var url = data.gkIndex;
    delete data.gkIndex;
    fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      })
      .then(function (index) { data.docs = index.docs; })
      .catch(function (error) { console.warn("gongkai: search index:", error && error.message); })
      .then(function () { self.dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: data } })); });
  });
  importScriptsHere(material);
  // lunr's index builder doing less work for the same index (the wait for a first search on a big
  // plan); without it (not deployed, say) search works as before, only slower
  try {
    importScriptsHere(new URL("lunr-builder.js", self.location.href).href);
  } catch (error) {
    console.warn("gongkai: lunr-builder.js:", error && error.message);
  }
})();
