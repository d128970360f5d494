// search.js: the search page's client. It folds the query exactly as
// internal/search folded the site, fetches only the index shards the query's
// tokens hash to, ranks like internal/search/query_test.go, and shows the results
// with the matches marked. Everything shown is built with textContent and
// createElement, never innerHTML, so no indexed text can become markup.
(function () {
  'use strict';

  var root = document.getElementById('search');
  if (!root) return;
  var base = root.getAttribute('data-base') || '/';
  var dir = base + 'search/';
  var form = root.querySelector('form');
  var input = form.elements.q;
  var kindSel = form.elements.kind;
  var yearSel = form.elements.year;
  var status = root.querySelector('.search-status');
  var live = root.querySelector('[data-live]');
  var heading = document.getElementById('search-results-heading');
  var list = root.querySelector('.search-results');
  var moreBtn = root.querySelector('.search-more');
  var msg = function (name) { return root.getAttribute('data-msg-' + name) || ''; };

  // ---- Folding: the same steps as internal/search/fold.go ----

  var ts = null; // Traditional → Simplified, loaded when a query has Chinese
  var foldCache = new Map();
  var wordRe = /[\p{L}\p{N}\p{M}]/u;

  function foldChar(ch) {
    var f = foldCache.get(ch);
    if (f !== undefined) return f;
    f = '';
    for (var c of ch.normalize('NFKC')) {
      if (ts && ts.has(c)) c = ts.get(c);
      if (c !== '\u0130') {
        var l = c.toLowerCase();
        if (Array.from(l).length === 1) c = l;
      }
      f += wordRe.test(c) ? c : ' ';
    }
    foldCache.set(ch, f);
    return f;
  }

  // foldMap folds text; from[i] and to[i] are where, in text, the character
  // that made folded code unit i starts and ends.
  function foldMap(text) {
    var out = '', from = [], to = [], i = 0;
    for (var ch of text) {
      var f = foldChar(ch);
      for (var j = 0; j < f.length; j++) {
        var c = f[j];
        if (c === ' ' && (out === '' || out[out.length - 1] === ' ')) continue;
        out += c;
        from.push(i);
        to.push(i + ch.length);
      }
      i += ch.length;
    }
    if (out.endsWith(' ')) {
      out = out.slice(0, -1);
      from.pop();
      to.pop();
    }
    return { f: out, from: from, to: to };
  }

  function fold(text) { return foldMap(text).f; }

  function words(q) {
    var out = [];
    fold(q).split(' ').forEach(function (w) {
      if (w && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  // ---- Tokens and the index files ----

  function tokens(w) {
    var r = Array.from(w);
    if (r.length <= 3) return [w];
    var out = [];
    for (var i = 0; i + 3 < r.length; i += 2) out.push(r.slice(i, i + 3).join(''));
    out.push(r.slice(r.length - 3).join(''));
    return out;
  }

  function tokenHash(tok) {
    var h = 2166136261;
    for (var c of tok) h = Math.imul(h ^ c.codePointAt(0), 16777619);
    return h >>> 0;
  }

  var files = new Map();
  function get(path, text) {
    if (!files.has(path)) {
      files.set(path, fetch(dir + path).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return text ? r.text() : r.json();
      }).catch(function (err) {
        files.delete(path); // a retry fetches it again
        throw err;
      }));
    }
    return files.get(path);
  }

  var meta = fetch(dir + 'meta.json', { cache: 'no-cache' }).then(function (r) {
    if (!r.ok) throw new Error('meta.json: ' + r.status);
    return r.json();
  });

  function loadTable(m) {
    if (ts) return Promise.resolve();
    return get(m.fold, true).then(function (t) {
      var cps = Array.from(t), map = new Map();
      for (var i = 0; i + 1 < cps.length; i += 2) map.set(cps[i], cps[i + 1]);
      ts = map;
      foldCache.clear();
    });
  }

  var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!$()*+,.:;-_';
  var digit = {};
  for (var d = 0; d < 64; d++) digit[alphabet[d]] = d;

  function decode(enc) {
    var ids = [], codes = [], nums = [], n = 0, shift = 0;
    for (var i = 0; i < enc.length; i++) {
      var v = digit[enc[i]];
      n += (v & 31) * Math.pow(2, shift);
      if (v >= 32) { shift += 5; continue; }
      nums.push(n);
      n = 0;
      shift = 0;
    }
    var id = -1, code = 0;
    for (var k = 0; k < nums.length; k++) {
      id += Math.floor(nums[k] / 2);
      if (nums[k] % 2) code = nums[++k];
      ids.push(id);
      codes.push(code);
    }
    return { ids: ids, codes: codes };
  }

  // Every file but meta.json is named by a hash of its bytes: kind-hash.json.
  // meta.json names the name tables; a table names a group of shards.
  function named(kind, hash) { return kind + '-' + hash + '.json'; }

  function shard(m, kind, tables, i) {
    return get(named('n', tables[Math.floor(i / m.group)])).then(function (names) {
      return get(named(kind, names[i % m.group]));
    });
  }

  function postings(m, tok) {
    return shard(m, 'p', m.p, tokenHash(tok) % m.shards).then(function (sh) {
      var enc = sh[tok];
      if (enc === undefined) return { ids: [], codes: [] };
      if (enc[0] !== '@') return decode(enc);
      return get(named('t', enc.slice(1))).then(function (big) { return decode(big[0]); });
    });
  }

  function intersect(a, b) {
    var ids = [], codes = [], i = 0, j = 0;
    while (i < a.ids.length && j < b.ids.length) {
      if (a.ids[i] < b.ids[j]) i++;
      else if (a.ids[i] > b.ids[j]) j++;
      else {
        var mask = a.codes[i] & b.codes[j] & 7;
        if (mask) { ids.push(a.ids[i]); codes.push((a.codes[i] & ~7) | mask); }
        i++; j++;
      }
    }
    return { ids: ids, codes: codes };
  }

  function head(m, id) {
    return shard(m, 'h', m.h, Math.floor(id / m.perHead)).then(function (hs) { return hs[id % m.perHead]; });
  }

  function body(m, h, id) {
    if (!h.b) return Promise.resolve('');
    return get(named('b', h.b)).then(function (bs) { return bs[id] || ''; });
  }

  function lowBit(mask) { return mask & 1 ? 0 : mask & 2 ? 1 : 2; }

  // ---- Ranking: the same steps as internal/search/query_test.go ----

  // Search finds the candidates for q and then gives out results page by page.
  function Search(m, q, kind, year) {
    this.m = m;
    this.words = words(q);
    this.kind = m.kinds.indexOf(kind);
    this.year = year;
    this.cands = [];
    this.pending = [];
    this.i = 0;
    this.total = 0;
    this.check = this.words.some(function (w) { return Array.from(w).length > 3; });
  }

  Search.prototype.start = function () {
    var s = this, m = this.m;
    return Promise.all(s.words.map(function (w) {
      return Promise.all(tokens(w).map(function (t) { return postings(m, t); })).then(function (ls) {
        return ls.reduce(intersect);
      });
    })).then(function (lists) {
      if (!lists.length) return;
      var lo = 0, hi = m.docs;
      if (s.year) {
        lo = hi = 0;
        m.years.forEach(function (y) { if (y[0] === s.year) { lo = y[1]; hi = y[2]; } });
      }
      var first = lists[0];
      var at = lists.map(function () { return 0; });
      for (var i = 0; i < first.ids.length; i++) {
        var id = first.ids[i], k = first.codes[i] >> 3;
        if (id < lo || id >= hi || (s.kind >= 0 && k !== s.kind)) continue;
        var masks = [first.codes[i] & 7], ok = true;
        for (var w = 1; w < lists.length && ok; w++) {
          var l = lists[w];
          while (at[w] < l.ids.length && l.ids[at[w]] < id) at[w]++;
          if (at[w] < l.ids.length && l.ids[at[w]] === id) masks.push(l.codes[at[w]] & 7);
          else ok = false;
        }
        if (!ok) continue;
        var score = masks.reduce(function (a, mk) { return a + lowBit(mk); }, 0);
        s.cands.push({ id: id, kind: k, masks: masks, score: score });
      }
      s.cands.sort(function (a, b) { return a.score - b.score || a.id - b.id; });
      s.total = s.cands.length;
    });
  };

  Search.prototype.exact = function () { return !this.check || this.i === this.cands.length; };

  // verify finds, for each word, the best class it is really in; null when
  // some word is in no field.
  Search.prototype.verify = function (c) {
    var s = this, m = this.m;
    return head(m, c.id).then(function (h) {
      var classes = [], needBody = false;
      s.words.forEach(function (w, wi) {
        var cls = -1;
        if (c.masks[wi] & 1 && fold(h.t).includes(w)) cls = 0;
        else if (c.masks[wi] & 2 && (h.m || []).concat(h.x || []).some(function (t) { return fold(t).includes(w); })) cls = 1;
        else if (c.masks[wi] & 4) { cls = 2; needBody = true; }
        classes.push(cls);
      });
      if (classes.indexOf(-1) >= 0) return null;
      var shown = function (text) {
        for (var wi = 0; wi < s.words.length; wi++) {
          if (classes[wi] === 2 && !fold(text).includes(s.words[wi])) return null;
        }
        return { id: c.id, kind: c.kind, h: h, classes: classes, text: text,
          score: classes.reduce(function (a, b) { return a + b; }, 0) };
      };
      if (!needBody) return shown('');
      return body(m, h, c.id).then(shown);
    });
  };

  // result makes a hit whose classes are known, fetching its text when a
  // word is only there, for the snippet.
  Search.prototype.result = function (c) {
    var s = this, m = this.m;
    var classes = c.masks.map(lowBit);
    return head(m, c.id).then(function (h) {
      var hit = { id: c.id, kind: c.kind, h: h, classes: classes, text: '', score: c.score };
      if (classes.indexOf(2) < 0) return hit;
      return body(m, h, c.id).then(function (t) { hit.text = t; return hit; });
    });
  };

  // maxChecks bounds the candidates one page checks against their text, as
  // in query_test.go; "more" goes on where a page stopped.
  var maxChecks = 16;

  // next gives up to n more results in rank order.
  Search.prototype.next = function (n) {
    var s = this, out = [], checks = 0;
    if (!s.check) {
      var batch = s.cands.slice(s.i, s.i + n);
      s.i += batch.length;
      return Promise.all(batch.map(function (c) { return s.result(c); }));
    }
    var before = function (r, c) { return r.score < c.score || (r.score === c.score && r.id < c.id); };
    var step = function () {
      if (out.length >= n) return out;
      if (s.pending.length && (s.i === s.cands.length || before(s.pending[0], s.cands[s.i]))) {
        out.push(s.pending.shift());
        return step();
      }
      if (s.i === s.cands.length || checks === maxChecks) return out;
      checks++;
      var c = s.cands[s.i++];
      return s.verify(c).then(function (r) {
        if (!r) s.total--;
        else {
          s.pending.push(r);
          s.pending.sort(function (a, b) { return a.score - b.score || a.id - b.id; });
        }
        return step();
      });
    };
    return Promise.resolve(step());
  };

  Search.prototype.hasMore = function () { return this.i < this.cands.length || this.pending.length > 0; };

  // ---- Showing results ----

  // mark appends text to el with every match of any word in a <mark>.
  function mark(el, text, ws) {
    var fm = foldMap(text), spans = [];
    ws.forEach(function (w) {
      for (var at = fm.f.indexOf(w); at >= 0; at = fm.f.indexOf(w, at + 1)) {
        spans.push([fm.from[at], fm.to[at + w.length - 1]]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    spans.forEach(function (sp) {
      if (sp[1] <= pos) return;
      var a = Math.max(sp[0], pos);
      if (a > pos) el.appendChild(document.createTextNode(text.slice(pos, a)));
      var mk = document.createElement('mark');
      mk.textContent = text.slice(a, sp[1]);
      el.appendChild(mk);
      pos = sp[1];
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // snippet cuts the text around the first match, as query_test.go's snippet does.
  function snippet(text, ws) {
    var fm = foldMap(text), best = -1;
    ws.forEach(function (w) {
      var at = fm.f.indexOf(w);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    });
    if (best < 0) return '';
    var start = fm.from[best];
    var before = Array.from(text.slice(0, start)), after = Array.from(text.slice(start));
    var lo = Math.max(0, before.length - 24);
    var out = (before.slice(lo).join('') + after.slice(0, 56).join('')).split(/\s+/).filter(Boolean).join(' ');
    if (lo > 0) out = '…' + out;
    if (after.length > 56) out += '…';
    return out;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function kindLabel(name) {
    var opt = kindSel && kindSel.querySelector('option[value="' + name + '"]');
    return opt ? opt.textContent : name;
  }

  function render(s, hits) {
    hits.forEach(function (r) {
      var h = r.h, li = el('li', 'item search-result');
      li.setAttribute('data-kind', s.m.kinds[r.kind]);
      var a = el('a', 'item-title');
      a.setAttribute('href', base + h.u);
      mark(a, h.t, s.words);
      li.appendChild(a);
      var p = el('p', 'item-meta');
      p.appendChild(el('span', 'badge search-kind', kindLabel(s.m.kinds[r.kind])));
      if (h.d) {
        var t = el('time', '', formatDate(h.d));
        t.setAttribute('datetime', h.d);
        p.appendChild(t);
      }
      if (h.c) p.appendChild(el('span', 'search-context', h.c));
      var metas = (h.m || []).filter(function (t) {
        var f = fold(t);
        return s.words.some(function (w) { return f.includes(w); });
      });
      if (!metas.length && h.m && r.kind !== 2) metas = h.m.slice(0, 2);
      if (r.kind === 2 && !metas.length && h.m) metas = h.m.slice(0, 1);
      metas.slice(0, 3).forEach(function (t) {
        var sp = el('span', 'search-meta');
        mark(sp, t, s.words);
        p.appendChild(sp);
      });
      li.appendChild(p);
      var inBody = s.words.filter(function (w, i) { return r.classes[i] === 2; });
      var text = inBody.length ? snippet(r.text, inBody) : h.s;
      if (text) {
        var sn = el('p', 'item-summary search-snippet');
        mark(sn, text, s.words);
        li.appendChild(sn);
      }
      list.appendChild(li);
    });
  }

  // formatDate writes an index date (2024-06-01) as the pages do, in the
  // theme's pattern (2024年6月1日).
  function formatDate(ymd) {
    var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
    if (!p) return ymd;
    return msg('date').replace('{y}', p[1]).replace('{m}', String(+p[2])).replace('{d}', String(+p[3]));
  }

  // say shows text in the status line, which is not a live region: what
  // screen readers hear goes through announce, once the results settle.
  function say(text) { status.textContent = text; }

  // announce puts text in the live region: at once after a submit, a filter
  // change or "more", and while the reader types only once the typing has
  // paused, so the count is not read out on every keystroke.
  var liveTimer = 0;
  function announce(text, wait) {
    clearTimeout(liveTimer);
    if (!live) return;
    if (!wait) { live.textContent = text; return; }
    liveTimer = setTimeout(function () { live.textContent = text; }, wait);
  }

  function busy() {
    root.setAttribute('data-state', 'busy');
    list.setAttribute('aria-busy', 'true');
  }

  function countText(s) {
    var t = msg(s.exact() ? 'count' : 'about');
    return t.replace('{n}', String(s.total));
  }

  var current = 0;
  var active = null;

  function syncURL(q, kind, year) {
    var u = new URL(location.href);
    u.search = '';
    if (q) u.searchParams.set('q', q);
    if (kind) u.searchParams.set('kind', kind);
    if (year) u.searchParams.set('year', String(year));
    history.replaceState(null, '', u.pathname + u.search + u.hash);
  }

  // settleWait is how long typing must pause before the result count is
  // announced.
  var settleWait = 1000;

  // finish ends a search: the page is no longer busy, the status is
  // announced, and after a submit the focus moves to the results heading.
  function finish(q, text, how) {
    say(text);
    announce(text, how === 'typed' ? settleWait : 0);
    list.removeAttribute('aria-busy');
    if (heading) {
      heading.hidden = !q;
      if (how === 'submitted' && q) heading.focus();
    }
    root.setAttribute('data-state', 'done');
    root.setAttribute('data-query', q);
  }

  // run searches for what the form holds; how is 'typed', 'submitted' or
  // '' (a filter changed, or the page opened with ?q=).
  function run(how) {
    var gen = ++current;
    var q = input.value.trim(), kind = kindSel.value, year = parseInt(yearSel.value, 10) || 0;
    syncURL(q, kind, year);
    busy();
    active = null;
    if (!words(q).length) {
      list.textContent = '';
      moreBtn.hidden = true;
      finish(q, q ? msg('none').replace('{q}', function () { return q; }) : '', how);
      return Promise.resolve();
    }
    say(msg('busy'));
    return meta.then(function (m) {
      var hasHan = Array.from(q).some(function (c) { return c.codePointAt(0) >= 0x2e80; });
      return (hasHan ? loadTable(m) : Promise.resolve()).then(function () {
        var s = new Search(m, q, kind, year);
        return s.start().then(function () { return s.next(m.pageSize); }).then(function (hits) {
          if (gen !== current) return;
          active = s;
          list.textContent = '';
          render(s, hits);
          moreBtn.hidden = !s.hasMore();
          finish(q, hits.length || s.hasMore() ? countText(s) : msg('none').replace('{q}', function () { return q; }), how);
        });
      });
    }).catch(function (err) {
      if (gen !== current) return;
      finish(q, msg('error'), how);
      if (window.console) console.error(err);
    });
  }

  // more shows the next page of results; when its files fail to load, the
  // page stops being busy and says so, and the button stays for a retry.
  function more() {
    var s = active, gen = current, q = input.value.trim();
    if (!s) return;
    busy();
    var saved = { i: s.i, pending: s.pending.slice(), total: s.total };
    s.next(s.m.pageSize).then(function (hits) {
      if (gen !== current) return;
      render(s, hits);
      moreBtn.hidden = !s.hasMore();
      finish(q, countText(s), '');
    }).catch(function (err) {
      if (gen !== current) return;
      s.i = saved.i; // a retry starts where this page started
      s.pending = saved.pending;
      s.total = saved.total;
      finish(q, msg('more-error'), '');
      if (window.console) console.error(err);
    });
  }

  // Years come from the index, so the filter lists only years with pages.
  function fillYears(m, chosen) {
    m.years.forEach(function (y) {
      var o = el('option', '', String(y[0]) + msg('year'));
      o.value = String(y[0]);
      yearSel.appendChild(o);
    });
    yearSel.value = chosen || '';
  }

  var timer = 0;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(function () { run('typed'); }, 150);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  if (params.get('kind')) kindSel.value = params.get('kind');
  meta.then(function (m) { fillYears(m, params.get('year')); }, function () {}).then(function () { return run(''); });
  input.addEventListener('input', soon);
  kindSel.addEventListener('change', function () { run(''); });
  yearSel.addEventListener('change', function () { run(''); });
  moreBtn.addEventListener('click', more);
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run('submitted'); });
  root.classList.add('search-ready');

  // For the browser tests, which compare folding with Go's.
  window.allianceSearch = { fold: fold, tokenHash: tokenHash, ready: meta.then(function (m) { return loadTable(m); }) };
})();
