// herald's search: reads the index that generator/search writes, piece by
// piece, and shows results as the reader types. Tokens, hashes and the file
// format mirror generator/search; keep the two in step.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var zh = /^zh/i.test(root.getAttribute("data-lang") || "");
  var T = zh
    ? { found: "找到 {n} 篇报道", none: "没有找到包含“{q}”的报道。", filtered: "包含“{q}”的 {n} 篇报道都不符合所选的栏目、党组织或年份，请放宽筛选条件。", empty: "请输入要查找的汉字、字母或数字：标点和符号不参与搜索。", loading: "正在搜索……", old: "您的浏览器版本过旧，无法使用站内搜索。", all: "全部", failed: "搜索出错了，请稍后再试。" }
    : { found: "{n} stories found", found1: "1 story found", none: "No story holds “{q}”.", filtered: "None of the {n} stories holding “{q}” matches the chosen category, branch or year: widen the filters.", filtered1: "The one story holding “{q}” does not match the chosen category, branch or year: widen the filters.", empty: "Type letters, digits or Chinese characters: punctuation and symbols are not searched.", loading: "Searching…", old: "This browser is too old for search.", all: "All", failed: "Search failed; please try again." };
  var form = root.querySelector("form"), input = form.q;
  var status = root.querySelector(".search-status"), list = root.querySelector(".results");
  var more = root.querySelector(".more"), filters = root.querySelector(".filters");
  var base = root.getAttribute("data-search").replace(/index\.json$/, "");
  var PAGE = 10;

  // Text, as generator/search/tokens.go cuts it.
  var IDEO = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var WORD = /[\p{L}\p{Nd}]/u;
  // fold maps traditional Chinese characters to simplified ones, one UTF-16
  // unit to one, as the index's tokens are folded: it holds the fold file's
  // table once a search has read it (loadFold).
  var fold = new Map();
  function norm(c) {
    var n = c.codePointAt(0);
    if (n >= 0xff01 && n <= 0xff5e) c = String.fromCodePoint(n - 0xfee0);
    else if (n === 0x3000) c = " ";
    else if (fold.has(c)) return fold.get(c);
    return c >= "A" && c <= "Z" ? c.toLowerCase() : c;
  }
  function cls(c) { return IDEO.test(c) ? 1 : WORD.test(c) ? 2 : 0; }
  // queryTokens: a word right before a Chinese character gives the pair
  // too, as generator/search's QueryTokens.
  function queryTokens(q) {
    // seen is a Set: an object's "constructor" was taken for a token seen
    // (a review).
    var out = [], seen = new Set(), run = [], rc = 0, pair = "";
    function add(t) { if (!seen.has(t)) { seen.add(t); out.push(t); } }
    function flush() {
      if (!run.length) return;
      if (rc === 2 || run.length === 1) add(run.join(""));
      else for (var i = 0; i + 1 < run.length; i++) add(run[i] + run[i + 1]);
      if (pair) add(pair); // after the run's tokens, in Go's order
      run = []; pair = "";
    }
    Array.from(q).forEach(function (ch) {
      var c = norm(ch), k = cls(c);
      if (k !== rc) {
        var word = rc === 2 ? run.join("") : "";
        flush();
        if (k === 1 && word) pair = word + c;
      }
      rc = k;
      if (k) run.push(c);
    });
    flush();
    return out;
  }
  // compact is the text the exact test compares, as generator/search's
  // Compact: no white space but one between two letters or digits. at maps
  // each UTF-16 unit of text back to the index of its character in chars.
  function compact(s) {
    var chars = Array.from(s), text = "", at = [], space = false, prev = 0;
    chars.forEach(function (ch, i) {
      var c = norm(ch);
      if (isSpace(c)) { space = true; return; }
      var k = cls(c);
      if (space && prev === 2 && k === 2) { text += " "; at.push(i - 1); }
      for (var u = 0; u < c.length; u++) at.push(i);
      text += c; space = false; prev = k;
    });
    return { chars: chars, text: text, at: at };
  }
  // isSpace is Go's unicode.IsSpace: JavaScript's \s has U+FEFF, and not
  // U+0085 (a review: text pasted from WeChat holds U+FEFF).
  function isSpace(c) { return c === "\u0085" || c !== "\ufeff" && /^\s$/u.test(c); }
  // find returns where in text, from from on, w is, with no letter or
  // digit joined to an end of it that is one (as generator/search's
  // Holds): "113" does not hold "11". -1 for nowhere.
  function find(text, w, from) {
    if (!w) return -1;
    var first = cls(String.fromCodePoint(w.codePointAt(0))) === 2, last = cls(Array.from(w).pop()) === 2;
    for (var i = text.indexOf(w, from); i >= 0; i = text.indexOf(w, i + 1)) {
      var b = i > 0 ? text.charCodeAt(i - 1) : 0, before = "";
      if (i > 0) before = b >= 0xdc00 && b <= 0xdfff && i > 1 ? text.slice(i - 2, i) : text[i - 1];
      var after = i + w.length < text.length ? String.fromCodePoint(text.codePointAt(i + w.length)) : "";
      if (first && before && cls(before) === 2 || last && after && cls(after) === 2) continue;
      return i;
    }
    return -1;
  }
  function fnv(token) {
    var h = 0x811c9dc5, b = new TextEncoder().encode(token);
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619) >>> 0;
    return h;
  }

  // Files. The dictionaries, the facets and the manifest are fetched whole;
  // posting lists and story members by Range. A server that ignores Range
  // (it answers 200) sends the whole file: it is kept, and from then on
  // every file is fetched whole, once.
  var whole = {}, rangeOK = true;
  function gunzip(buf) {
    return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function bytes(r, name) {
    if (!r.ok) throw missing(name, r.status);
    return r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function file(name) {
    if (!whole[name]) {
      whole[name] = fetch(base + name).then(function (r) { return bytes(r, name); });
      whole[name].catch(function () { delete whole[name]; });
    }
    return whole[name];
  }
  function part(name, off, n) {
    if (whole[name] || !rangeOK) return file(name).then(function (b) { return b.subarray(off, off + n); });
    return fetch(base + name, { headers: { Range: "bytes=" + off + "-" + (off + n - 1) } }).then(function (r) {
      if (r.status === 206) return bytes(r, name);
      var b = bytes(r, name);
      rangeOK = false;
      if (!whole[name]) { whole[name] = b; b.catch(function () { delete whole[name]; }); }
      return whole[name].then(function (b) { return b.subarray(off, off + n); });
    });
  }
  function missing(name, status) {
    var e = new Error(name + ": " + status);
    e.status = status;
    return e;
  }
  var manifest = null, renewed = false;
  function loadManifest(fresh) {
    if (!manifest) {
      // fresh, or once a file was found gone: past the browser's copy,
      // which names the files of an earlier build. Not only the search
      // that found it gone: one typed after it, which may load the
      // manifest first, would take the old copy. And not "no-cache": a
      // server that validates by Last-Modified, to the second, answered
      // 304 for a manifest rebuilt within the second, and the page read
      // the old one (a test on a busy machine: 搜索出错了).
      manifest = fetch(base + "index.json", fresh || renewed ? { cache: "reload" } : {}).then(function (r) {
        if (!r.ok) throw missing("index.json", r.status);
        return r.json();
      });
      manifest.catch(function () { manifest = null; });
    }
    return manifest;
  }
  // A file of the index is gone: the site was published again while the
  // page was open, and the index's files are named by their content. Forget
  // everything read, and read the new index.
  function stale(e) { return e && e.status === 404; }
  function forget() { manifest = null; renewed = true; whole = {}; dicts = {}; facetsP = {}; members = {}; }
  function uvarint(b, p) {
    var v = 0, s = 1, c;
    do { c = b[p++]; v += (c & 127) * s; s *= 128; } while (c & 128);
    return { value: v, next: p };
  }
  // The fold file: a count n, n traditional characters (each the
  // difference from the one before), then n differences simplified minus
  // traditional, zigzag-encoded; uvarints all.
  function readFold(b) {
    var n = uvarint(b, 0), p = n.next, from = [], t = new Map();
    for (var i = 0, c = 0; i < n.value; i++) { var d = uvarint(b, p); p = d.next; from.push(c += d.value); }
    from.forEach(function (c) {
      var v = uvarint(b, p); p = v.next;
      t.set(String.fromCharCode(c), String.fromCharCode(c + (v.value % 2 ? -(v.value + 1) / 2 : v.value / 2)));
    });
    return t;
  }
  var folds = {};
  function loadFold(m) {
    var name = m.fold;
    // A manifest of an index built before folding, still in the browser's
    // cache: its tokens are not folded, and neither is the query.
    if (!name) { fold = new Map(); return Promise.resolve(); }
    if (!folds[name]) {
      folds[name] = file(name).then(gunzip).then(readFold);
      folds[name].catch(function () { delete folds[name]; });
    }
    return folds[name].then(function (t) { fold = t; });
  }
  // A dictionary: the name of its shard's postings file, then each token
  // and the size of its posting lists (times two, plus one if gzipped),
  // which follow one another in the postings file.
  // The caches are keyed by file name, which names a file's content: a
  // search begun with an earlier manifest, still running when a later
  // search reads the new one, fills them with its files, never the new
  // manifest's (a test on a busy machine: 搜索出错了).
  var dicts = {};
  function dict(m, i) {
    var name = m.dicts[i];
    if (!dicts[name]) {
      dicts[name] = file(name).then(gunzip).then(function (b) {
        var dec = new TextDecoder(), l = uvarint(b, 0), p = l.next + l.value;
        var d = { postings: dec.decode(b.subarray(l.next, p)), map: new Map() };
        for (var off = 0; p < b.length;) {
          l = uvarint(b, p); p = l.next + l.value;
          var tok = dec.decode(b.subarray(l.next, p)), v = uvarint(b, p);
          p = v.next;
          d.map.set(tok, { off: off, n: Math.floor(v.value / 2), gz: v.value % 2 });
          off += Math.floor(v.value / 2);
        }
        return d;
      });
      dicts[name].catch(function () { delete dicts[name]; });
    }
    return dicts[name];
  }
  function readPostings(b, p, n) {
    var c = uvarint(b, p), ids = []; p = c.next;
    if (!c.value) return { ids: ids, next: p };
    if (b[p++] === 1) {
      for (var i = 0; i < n; i++) if (b[p + (i >> 3)] & (1 << (i & 7))) ids.push(i);
      return { ids: ids, next: p + ((n + 7) >> 3) };
    }
    for (var j = 0, prev = 0; j < c.value; j++) { var d = uvarint(b, p); p = d.next; prev += d.value; ids.push(prev); }
    return { ids: ids, next: p };
  }
  function postings(m, d, s) {
    return part(d.postings, s.off, s.n).then(function (b) { return s.gz ? gunzip(b) : b; }).then(function (b) {
      var a = readPostings(b, 0, m.stories);
      return { all: a.ids, meta: readPostings(b, a.next, m.stories).ids };
    });
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  // The facets: four columns of uvarints, a story each: category + 1,
  // branch + 1, year - firstYear, and its member's size in memberUnit
  // bytes. Pack p holds stories packFirst[p] on; a member starts where the
  // one before it in its pack ends.
  var facetsP = {};
  function facets(m) {
    var name = m.facets;
    if (!facetsP[name]) {
      facetsP[name] = file(name).then(gunzip).then(function (b) {
        var n = m.stories, f = { c: new Int32Array(n), b: new Int32Array(n), y: new Int32Array(n), size: new Int32Array(n), pack: new Int32Array(n), off: new Float64Array(n) };
        var cols = [f.c, f.b, f.y, f.size], add = [-1, -1, 0, 0], p = 0;
        cols.forEach(function (col, k) {
          for (var i = 0; i < n; i++) { var v = uvarint(b, p); p = v.next; col[i] = k === 3 ? v.value * m.memberUnit : v.value + add[k]; }
        });
        for (var i = 0, pk = -1; i < n; i++) {
          if (pk + 1 < m.packFirst.length && m.packFirst[pk + 1] === i) pk++;
          else if (i > 0) f.off[i] = f.off[i - 1] + f.size[i - 1];
          f.pack[i] = pk;
        }
        return f;
      });
      facetsP[name].catch(function () { delete facetsP[name]; });
    }
    return facetsP[name];
  }
  // A story's member of its pack: its details and text, fetched by Range.
  var members = {};
  function member(m, f, id) {
    var key = m.packs[f.pack[id]] + " " + f.off[id];
    if (!members[key]) {
      members[key] = part(m.packs[f.pack[id]], f.off[id], f.size[id]).then(gunzip).then(function (b) {
        return JSON.parse(new TextDecoder().decode(b));
      });
      members[key].catch(function () { delete members[key]; });
    }
    return members[key];
  }

  // Searching.
  var state = { seq: 0 };
  function search(q, filter, again) {
    var seq = ++state.seq;
    state.again = !!again; // read the index afresh once, not again and again
    var tokens = queryTokens(q);
    if (!tokens.length) { show(seq, q, null); if (q) status.textContent = T.empty; return; }
    status.textContent = T.loading;
    loadManifest(again).then(function (m) {
      var fp = facets(m);
      // The index's tokens are folded: the query's too, once the fold
      // table is in.
      return loadFold(m).then(function () {
        tokens = queryTokens(q);
        return Promise.all(tokens.map(function (t) { return dict(m, fnv(t) % m.dicts.length); }));
      }).then(function (ds) {
        var spans = tokens.map(function (t, i) { return ds[i].map.get(t); });
        // A token in no story: nothing matches, and no postings are needed.
        if (spans.some(function (s) { return !s; })) return [{ all: [], meta: [] }];
        return Promise.all(spans.map(function (s, i) { return postings(m, ds[i], s); }));
      }).then(function (ps) {
        var all = ps[0].all, meta = ps[0].meta;
        for (var i = 1; i < ps.length; i++) { all = intersect(all, ps[i].all); meta = intersect(meta, ps[i].meta); }
        return fp.then(function (f) {
          var counts = { c: {}, b: {}, y: {} }, ids = [];
          all.forEach(function (id) {
            var c = f.c[id], b = f.b[id], y = f.y[id] + m.firstYear;
            counts.c[c] = (counts.c[c] || 0) + 1; counts.b[b] = (counts.b[b] || 0) + 1; counts.y[y] = (counts.y[y] || 0) + 1;
            if (filter.c && m.categories[c] !== filter.c || filter.b && m.branches[b] !== filter.b || filter.y && String(y) !== filter.y) return;
            ids.push(id);
          });
          var inMeta = new Set(meta);
          // Title and tag matches first, then newer first; the exact
          // phrase is checked PAGE at a time, as results are shown.
          ids.sort(function (a, b) { return (inMeta.has(b) - inMeta.has(a)) || a - b; });
          if (seq !== state.seq) return;
          state.m = m; state.f = f; state.q = q; state.ids = ids; state.total = all.length; state.meta = inMeta; state.next = 0;
          setFilters(m, counts, filter);
          list.textContent = "";
          show(seq, q, ids);
        });
      });
    }).catch(function (e) {
      if (stale(e) && !again && seq === state.seq) { forget(); search(q, filter, true); return; }
      failed(seq, e);
    });
  }
  function failed(seq, e) {
    if (seq === state.seq) status.textContent = T.failed;
    if (window.console) console.error(e);
  }
  // say fills a message's {n} and {q}: {q} last, and as it is, for a query
  // may hold "{n}" or "$&" (a review: garbled messages). A query of more
  // than SAID characters is cut, with "…": a trial's 288 filled a phone's
  // screen.
  var SAID = 30;
  function say(msg, q, n) {
    var cs = Array.from(q);
    if (cs.length > SAID) q = cs.slice(0, SAID).join("") + "…";
    return msg.replace("{n}", n).replace("{q}", function () { return q; });
  }
  // haystack is what the exact test looks in, as generator/search's.
  function haystack(m, d) {
    return [d.t, (d.g || []).join(" "), (d.a || []).join(" "), d.b >= 0 ? m.branches[d.b] : "", d.c >= 0 ? m.categories[d.c] : "", d.s || "", d.x || ""].join(" ");
  }
  // show fetches the members of the next PAGE results, ranks them (the
  // exact phrase first, then title and tag matches, then newer) and lists
  // them.
  function show(seq, q, ids) {
    if (!ids) { status.textContent = ""; list.textContent = ""; more.hidden = true; filters.hidden = true; list.setAttribute("data-q", ""); return; }
    if (!ids.length) {
      status.textContent = say(state.total ? (state.total === 1 && T.filtered1 || T.filtered) : T.none, q, state.total);
      more.hidden = true; list.setAttribute("data-q", q); return;
    }
    status.textContent = say(ids.length === 1 && T.found1 || T.found, q, ids.length); // "1 story found", in English
    var m = state.m, f = state.f, want = compact(q).text, batch = ids.slice(state.next, state.next + PAGE);
    state.next += batch.length;
    more.hidden = true;
    Promise.all(batch.map(function (id) {
      return member(m, f, id).then(function (d) {
        return { id: id, d: d, body: d.x || "", exact: find(compact(haystack(m, d)).text, want, 0) >= 0 };
      });
    })).then(function (hits) {
      if (seq !== state.seq) return;
      hits.sort(function (a, b) { return (b.exact - a.exact) || (state.meta.has(b.id) - state.meta.has(a.id)) || a.id - b.id; });
      hits.forEach(function (h) { list.appendChild(item(m, h, q)); });
      more.hidden = state.next >= ids.length;
      list.setAttribute("data-q", q);
    }).catch(function (e) {
      if (stale(e) && !state.again && seq === state.seq) { forget(); search(q, current().f, true); return; }
      failed(seq, e);
    });
  }
  function item(m, h, q) {
    var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
    a.href = h.d.u; mark(a, h.d.t, q);
    var h2 = document.createElement("h2"); h2.appendChild(a); li.appendChild(h2);
    p.className = "meta";
    p.textContent = dateText(h.d.d) + (h.d.b >= 0 ? " · " + m.branches[h.d.b] : "") + (h.d.c >= 0 ? " · " + m.categories[h.d.c] : "") +
      (h.d.a ? " · " + h.d.a.join(zh ? "、" : ", ") : ""); // authors are searched: a match there shows
    li.appendChild(p);
    var ex = document.createElement("p"); ex.className = "excerpt";
    mark(ex, excerpt(h.body || h.d.s || "", q), q);
    li.appendChild(ex);
    return li;
  }
  // dateText writes a member's date, 2021-04-20, as the site's pages do:
  // 2021年4月20日, or 20 April 2021.
  function dateText(d) {
    var p = d.split("-"), y = +p[0], mo = +p[1], day = +p[2];
    if (p.length !== 3 || !y || !mo || !day) return d;
    if (zh) return y + "年" + mo + "月" + day + "日";
    return day + " " + ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"][mo - 1] + " " + y;
  }
  // excerpt returns about 80 characters of text around the first match.
  function excerpt(body, q) {
    var c = compact(body), want = compact(q).text, at = find(c.text, want, 0);
    if (at < 0) {
      var toks = queryTokens(q);
      for (var i = 0; i < toks.length && at < 0; i++) at = find(c.text, toks[i], 0);
    }
    var chars = c.chars;
    if (at < 0) return chars.slice(0, 80).join("") + (chars.length > 80 ? "……" : "");
    var start = Math.max(0, c.at[at] - 30), end = Math.min(chars.length, start + 80);
    return (start > 0 ? "……" : "") + chars.slice(start, end).join("") + (end < chars.length ? "……" : "");
  }
  // mark fills el with text, the query's exact phrase or else its tokens
  // in <mark>.
  function mark(el, s, q) {
    var c = compact(s), want = compact(q).text, spans = [];
    function each(w) {
      for (var i = find(c.text, w, 0); i >= 0; i = find(c.text, w, i + w.length)) {
        spans.push([c.at[i], c.at[i + w.length - 1] + 1]);
      }
    }
    each(want);
    if (!spans.length) queryTokens(q).forEach(each);
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0, chars = c.chars;
    spans.forEach(function (sp) {
      if (sp[0] < pos) return;
      el.appendChild(document.createTextNode(chars.slice(pos, sp[0]).join("")));
      var mk = document.createElement("mark"); mk.textContent = chars.slice(sp[0], sp[1]).join("");
      el.appendChild(mk); pos = sp[1];
    });
    el.appendChild(document.createTextNode(chars.slice(pos).join("")));
  }
  function setFilters(m, counts, filter) {
    filters.hidden = false;
    fill(form.c, m.categories.map(function (n, i) { return [n, counts.c[i] || 0]; }), filter.c);
    fill(form.b, m.branches.map(function (n, i) { return [n, counts.b[i] || 0]; }), filter.b);
    // A chosen year with no match stays listed, with 0, as the others.
    if (filter.y && !counts.y[filter.y]) counts.y[filter.y] = 0;
    fill(form.y, Object.keys(counts.y).sort().reverse().map(function (y) { return [y, counts.y[y]]; }), filter.y);
  }
  function fill(sel, opts, cur) {
    sel.length = 1;
    opts.forEach(function (o) {
      if (!o[1] && o[0] !== cur) return;
      var op = new Option(o[0] + " (" + o[1] + ")", o[0]);
      op.selected = o[0] === cur;
      sel.add(op);
    });
  }

  // Wiring: the URL holds the query, so a link or the browser's search
  // shortcut opens results; typing searches after a pause.
  function current() {
    return { q: input.value.trim(), f: { c: form.c.value, b: form.b.value, y: form.y.value } };
  }
  var title = document.title;
  function run(push) {
    // Without a query the filters are hidden: they go with it, not into
    // the next query.
    if (!input.value.trim()) [form.c, form.b, form.y].forEach(function (sel) { sel.value = ""; });
    var s = current(), u = new URL(location.href);
    ["q", "c", "b", "y"].forEach(function (k) {
      var v = k === "q" ? s.q : s.f[k];
      if (v) u.searchParams.set(k, v); else u.searchParams.delete(k);
    });
    history[push ? "pushState" : "replaceState"](null, "", u);
    retitle(s.q);
    search(s.q, s.f);
  }
  if (!window.DecompressionStream || !window.fetch) { status.textContent = T.old; return; }
  var timer;
  function later() { clearTimeout(timer); timer = setTimeout(function () { run(false); }, 200); }
  // Chinese is typed through an input method: the pinyin stands in the box
  // until a word is chosen, and is no query (a trial: "dangjian" found
  // nothing, and fetched dictionaries, while 党建 was being typed). The
  // word chosen ends the composition; some browsers send its input event
  // before that end, some after.
  input.addEventListener("input", function (e) { if (!e.isComposing) later(); });
  input.addEventListener("compositionend", later);
  // What every first query waits for, read while the query is typed: the
  // manifest, then the fold table and the facets.
  input.addEventListener("focus", function () {
    loadManifest().then(function (m) { return Promise.all([loadFold(m), facets(m)]); }).catch(function () {});
  }, { once: true });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(true); });
  [form.c, form.b, form.y].forEach(function (sel) { sel.addEventListener("change", function () { run(false); }); });
  more.addEventListener("click", function () { show(state.seq, state.q, state.ids); });
  // retitle names the query in the page's title, and so in the history.
  function retitle(q) { document.title = q ? "“" + q + "” - " + title : title; }
  function fromURL() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    [["c", form.c], ["b", form.b], ["y", form.y]].forEach(function (x) {
      var v = p.get(x[0]) || "";
      if (v && !Array.prototype.some.call(x[1].options, function (o) { return o.value === v; })) x[1].add(new Option(v, v));
      x[1].value = v;
    });
    retitle(input.value.trim());
    search(input.value.trim(), current().f);
  }
  window.addEventListener("popstate", fromURL);
  fromURL();
})();
