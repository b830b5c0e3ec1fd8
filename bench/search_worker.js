// CPU time Material's search worker takes to build its index from search_index.json, in Node.
//
//     node bench/search_worker.js SITE [SITE …]        # each a built site; 15 runs each, interleaved
//
// The worker is the site's own assets/javascripts/workers/search.*.min.js and, when the site has
// it, assets/lunr-builder.js (as search-worker.js loads them), run as they are in a Node vm context
// (the same V8 as Chromium) with importScripts and postMessage shimmed; the index is handed over
// as Material's page hands it over (the SETUP message). CPU time
// (process.cpuUsage) is much less disturbed by other work on a shared machine than the wall
// clock of bench/scale.py's first search; it leaves out the download and the page around it.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const SETUP = 0;
const QUERY = 2;
const RUNS = 15;

function startWorker(site) {
  const folder = path.join(site, "assets", "javascripts", "workers");
  const file = fs.readdirSync(folder).find((name) => /^search\..*\.min\.js$/.test(name));
  const lunr = path.join(folder, "..", "lunr");
  const scope = { console: { warn() {}, log() {} }, setTimeout, performance };
  scope.self = scope;
  let handler = null;
  let last = null;
  scope.addEventListener = (type, fn) => { handler = fn; };
  scope.postMessage = (message) => { last = message; };
  scope.importScripts = (...urls) => {
    for (const url of urls) vm.runInContext(fs.readFileSync(path.join(lunr, url.replace("../lunr/", "")), "utf8"), scope);
  };
  vm.createContext(scope);
  vm.runInContext(fs.readFileSync(path.join(folder, file), "utf8"), scope);
  const builder = path.join(site, "assets", "lunr-builder.js");  // search-worker.js loads it next, when the site has it
  if (fs.existsSync(builder)) vm.runInContext(fs.readFileSync(builder, "utf8"), scope);
  return async (data) => { await handler({ data }); return last; };
}

function cpu(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function main(sites) {
  const indexes = sites.map((site) => fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  const times = sites.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < sites.length; i++) {
      const { config, docs } = JSON.parse(indexes[i]);
      const send = startWorker(sites[i]);
      const started = process.cpuUsage();
      await send({ type: SETUP, data: { config, docs, options: { suggest: true } } });
      const setup = cpu(started);
      const asked = process.cpuUsage();
      await send({ type: QUERY, data: "庞泉沟" });
      times[i].push([setup, cpu(asked)]);
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  sites.forEach((site, i) => {
    const setup = median(times[i].map((t) => t[0]));
    const fastest = Math.min(...times[i].map((t) => t[0]));
    const query = median(times[i].map((t) => t[1]));
    console.log(
      `${site}: build the index ${setup.toFixed(0)} ms CPU (fastest ${fastest.toFixed(0)}), ` +
      `a query ${query.toFixed(0)} ms (medians of ${RUNS})`
    );
  });
}

main(process.argv.slice(2));
