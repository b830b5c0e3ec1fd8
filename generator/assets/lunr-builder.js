// lunr's index builder (lunr 2.3.9, inside Material's search worker), doing less work for the same
// index. Building the index is most of the wait for a first search on a big plan (5,000 tasks:
// about 130,000 words in 24,000 fields); lunr's Builder.add looks every word up seven times in
// objects keyed by strings and gives each (word, field, page) an object without a prototype, which
// V8 keeps as a hash table, and createFieldVectors inserts each score into a sorted array one by one.
// Here each word is looked up once (a Map), the counts of a field are arrays, a posting's entry is
// a plain object, and each vector is sorted once. Material's tokenizer (its search/internal
// tokenize, extract and split) is done here too, as it does it, without a closure and a new RegExp
// per piece of text. The index holds exactly what lunr's own builder and Material's tokenizer put
// there (the same words, postings, positions, term numbers, scores and order) and Material's
// position tables are the same: a browser test builds the 2021 index both ways and compares them.
// search-worker.js loads this after Material's worker. Builder.fieldTermFrequencies and
// Builder.fieldLengths stay empty: only lunr's own build read them.
"use strict";
(function (lunr) {
  if (!lunr || lunr.version !== "2.3.9") return;  // another lunr: keep its own builder
  var Builder = lunr.Builder.prototype;

  // What the builder collects until build(): a record per (page, field), a state per word
  function collected(builder) {
    return builder.gkBuild || (builder.gkBuild = { words: new Map(), records: [], firstRecord: Object.create(null), stamp: 0, tokenizer: null, tokenize: null });
  }

  // Material's tokenizer, as it is written (see the note above): the markup of an entry's text goes
  // into the position table, each piece of text between tags is split by the separator, and each
  // word is a token with its place in the table
  function tokenize(input) {
    var tokens = [];
    if (typeof input === "undefined") return tokens;
    var inputs = Array.isArray(input) ? input : [input];
    var separator = new RegExp(lunr.tokenizer.separator, "g");
    for (var n = 0; n < inputs.length; n++) tokenizeOne(inputs[n], lunr.tokenizer.table, separator, tokens);
    return tokens;
  }

  function tokenizeOne(text, table, separator, tokens) {
    var total = table.length, block = 0, start = 0, end = 0, depth = 0;
    function section(block, type, start, end) {  // Material's extract: 0 an opening tag, 1 text, 2 a closing tag
      var row = block + total, cells = table[row] || (table[row] = []);
      if (type !== 1) {
        cells.push((start << 12) | ((end - start) << 2) | type);
        return;
      }
      var piece = text.slice(start, end), from = 0, match;
      separator.lastIndex = 0;
      do {
        match = separator.exec(piece);
        var until = match ? match.index : piece.length;
        if (from < until) {
          cells.push(((start + from) << 12) | ((until - from) << 2) | 1);
          tokens.push(new lunr.Token(piece.slice(from, until).toLowerCase(), { position: (row << 20) | (cells.length - 1) }));
        }
        if (match) {
          from = match.index + match[0].length;
          if (match[0].length === 0) separator.lastIndex = match.index + 1;
        }
      } while (match);
    }
    for (; end < text.length; end++) {
      var c = text.charCodeAt(end);
      if (c === 60 && end > start) {  // <
        section(block, 1, start, end);
        start = end;
      } else if (c === 62) {  // >
        if (text.charCodeAt(start + 1) === 47) {  // </
          if (--depth === 0) section(block++, 2, start, end + 1);
        } else if (text.charCodeAt(end - 1) !== 47) {  // not />
          if (depth++ === 0) section(block, 0, start, end + 1);
        }
        start = end + 1;
      }
    }
    if (end > start) section(block, 1, start, end);
  }

  // Material's tokenizer is the one that writes the position table; with a segmenter (Japanese) it
  // cuts words further, which this one does not
  function materials(tokenizer) {
    return lunr.segmenter === undefined && String(tokenizer).indexOf("lunr.tokenizer.table") !== -1;
  }

  Builder.add = function (doc, attributes) {
    var state = collected(this), words = state.words, records = state.records;
    if (state.tokenizer !== this.tokenizer) state.tokenize = materials((state.tokenizer = this.tokenizer)) ? tokenize : this.tokenizer;
    var docRef = doc[this._ref], fields = Object.keys(this._fields), whitelist = this.metadataWhitelist;
    var again = state.firstRecord[docRef];  // a page added twice: its fields replace the first ones, as in lunr
    if (again === undefined) state.firstRecord[docRef] = records.length;
    this._documents[docRef] = attributes || {};
    this.documentCount += 1;
    for (var i = 0; i < fields.length; i++) {
      var fieldName = fields[i], extractor = this._fields[fieldName].extractor;
      var tokens = this.pipeline.run(state.tokenize.call(this, extractor ? extractor(doc) : doc[fieldName], { fields: [fieldName] }));
      var stamp = ++state.stamp, terms = [], counts = [];
      var record = { field: fieldName, docRef: docRef, length: tokens.length, terms: terms, counts: counts };
      if (again === undefined) records.push(record);
      else records[again + i] = record;
      for (var j = 0; j < tokens.length; j++) {
        var token = tokens[j], key = token.toString(), word = words.get(key);
        if (word === undefined) {
          var posting = Object.create(null);
          posting._index = this.termIndex++;
          for (var k = 0; k < fields.length; k++) posting[fields[k]] = Object.create(null);
          this.invertedIndex[key] = posting;
          word = { posting: posting, pages: 0, stamp: 0, slot: 0, entry: null };
          words.set(key, word);
        }
        if (word.stamp !== stamp) {  // the word's first time in this field of this page
          word.stamp = stamp;
          word.slot = terms.length;
          terms.push(word.posting._index);
          counts.push(1);
          var pages = word.posting[fieldName], entry = again === undefined ? undefined : pages[docRef];
          if (entry === undefined) {
            entry = pages[docRef] = {};
            word.pages += 1;
          }
          word.entry = entry;
        } else {
          counts[word.slot] += 1;
        }
        for (var m = 0; m < whitelist.length; m++) {
          var list = word.entry[whitelist[m]] || (word.entry[whitelist[m]] = []);
          list.push(token.metadata[whitelist[m]]);
        }
      }
    }
  };

  Builder.calculateAverageFieldLengths = function () {
    var sums = Object.create(null), fields = Object.create(null), average = {};
    collected(this).records.forEach(function (record) {
      sums[record.field] = (sums[record.field] || 0) + record.length;
      fields[record.field] = (fields[record.field] || 0) + 1;
    });
    Object.keys(this._fields).forEach(function (name) { average[name] = sums[name] / fields[name]; });
    this.averageFieldLength = average;
  };

  Builder.createFieldVectors = function () {
    var builder = this, state = collected(this), pages = [], idfs = [], vectors = {};
    var k1 = this._k1, b = this._b, n = this.documentCount;
    state.words.forEach(function (word) { pages[word.posting._index] = word.pages; });
    state.records.forEach(function (record) {
      var terms = record.terms, counts = record.counts, average = builder.averageFieldLength[record.field];
      var boost = builder._fields[record.field].boost || 1, docBoost = builder._documents[record.docRef].boost || 1;
      var order = terms.map(function (_, i) { return i; }).sort(function (x, y) { return terms[x] - terms[y]; });
      var elements = new Array(2 * order.length);
      for (var p = 0; p < order.length; p++) {
        var term = terms[order[p]], tf = counts[order[p]], idf = idfs[term];
        if (idf === undefined) {  // lunr.idf, with the pages counted while adding instead of listed
          var x = (n - pages[term] + 0.5) / (pages[term] + 0.5);
          idf = idfs[term] = Math.log(1 + Math.abs(x));
        }
        // lunr's BM25 score, written as lunr writes it so that it rounds the same
        var score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (record.length / average)) + tf);
        score *= boost;
        score *= docBoost;
        elements[2 * p] = term;
        elements[2 * p + 1] = Math.round(score * 1000) / 1000;
      }
      vectors[record.field + lunr.FieldRef.joiner + record.docRef] = new lunr.Vector(elements);
    });
    this.fieldVectors = vectors;
    this.gkBuild = null;
  };
})(self.lunr);
