// Online fill-in for application templates (the template page and its print
// view). What the applicant types stays in this browser: it is kept in local
// storage under one key per template until they clear it, printed with the
// page, and written into a filled Word file built here from the page's
// docx-kit.json. Nothing is sent anywhere. Without this script the form still
// reads, prints and links its blank Word file.
(function () {
  "use strict";

  var sheet = document.querySelector("[data-form]");
  if (!sheet) return;
  var key = "alliance-form:" + sheet.getAttribute("data-form");
  var blanks = Array.prototype.slice.call(sheet.querySelectorAll("[data-blank]"));
  var status = document.querySelector(".form-status");

  function say(msg) {
    if (status) status.textContent = msg;
  }

  // --- Keeping what was typed -------------------------------------------

  function stored() {
    try {
      var v = JSON.parse(localStorage.getItem(key) || "{}");
      return v && typeof v === "object" ? v : {};
    } catch (e) {
      return {};
    }
  }

  function values() {
    var v = {};
    blanks.forEach(function (b) {
      if (b.value !== "") v[b.getAttribute("data-blank")] = b.value;
    });
    return v;
  }

  function save() {
    var v = values();
    try {
      if (Object.keys(v).length) localStorage.setItem(key, JSON.stringify(v));
      else localStorage.removeItem(key);
    } catch (e) {
      say("浏览器不允许在本机保存，刷新页面后填写的内容会丢失。");
    }
  }

  // A blank is a textarea that grows with its text: by itself where the
  // browser knows field-sizing: content, else here. Full-width characters
  // take 1 em, others about half; the width stops at the line's and the text
  // wraps, the height following it.
  var sizing = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  // Paper shows a copy of each blank (.blank-print) rather than the
  // textarea: the copy flows with the line around it, and an empty one is an
  // underlined gap of the blank's width. The sheet is marked "mirrored" once
  // every blank has its copy, and form.css switches to them in print.
  function mirror(b) {
    var m = b.nextSibling;
    if (!m || !m.classList || !m.classList.contains("blank-print")) {
      m = document.createElement("span");
      m.className = "blank-print";
      m.setAttribute("aria-hidden", "true");
      // The copy takes the blank's width and lines (bw-N, bl-N classes).
      b.classList.forEach(function (c) {
        if (/^(bw|bl)-\d+$/.test(c)) m.classList.add(c);
      });
      b.parentNode.insertBefore(m, b.nextSibling);
    }
    m.textContent = b.value;
  }

  function fit(b) {
    mirror(b);
    if (sizing) return;
    var w = 0;
    for (var i = 0; i < b.value.length; i++) w += b.value.charCodeAt(i) >= 0x2e80 ? 1 : 0.55;
    b.style.setProperty("--len", Math.ceil(w));
    b.style.height = "auto";
    b.style.height = b.scrollHeight + 2 + "px";
  }

  // A one-line blank takes no line breaks: Enter does nothing, and pasted
  // breaks become spaces, as in the Word file.
  function oneLine(b) {
    return b.getAttribute("data-lines") === "1";
  }
  sheet.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.hasAttribute && e.target.hasAttribute("data-blank") && oneLine(e.target)) e.preventDefault();
  });

  var last = {}; // each blank's value before the current keystroke
  var saved = stored();
  blanks.forEach(function (b) {
    var id = b.getAttribute("data-blank");
    if (typeof saved[id] === "string") b.value = saved[id];
    last[id] = b.value;
    fit(b);
  });
  sheet.classList.add("mirrored");
  // A value set by something other than typing (autofill) is copied too.
  window.addEventListener("beforeprint", function () { blanks.forEach(mirror); });

  // A label asked for twice (单位名称 in the opening line and at the stamp) is
  // filled once: blanks with the same label follow each other while they
  // hold the same text.
  sheet.addEventListener("input", function (e) {
    var b = e.target;
    if (!b.hasAttribute || !b.hasAttribute("data-blank")) return;
    var id = b.getAttribute("data-blank");
    if (oneLine(b) && /[\r\n]/.test(b.value)) b.value = b.value.replace(/\r?\n|\r/g, " ");
    var before = last[id];
    blanks.forEach(function (o) {
      var oid = o.getAttribute("data-blank");
      if (o !== b && o.getAttribute("data-label") === b.getAttribute("data-label") && o.value === before) {
        o.value = b.value;
        last[oid] = o.value;
        fit(o);
      }
    });
    last[id] = b.value;
    fit(b);
    save();
  });

  // --- The filled Word file --------------------------------------------

  // fillValue and escapeXML do what fillValue and escape do in
  // internal/docx/text.go; the two must stay the same.
  function escapeXML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function fillValue(v, multiline, br, nbh) {
    v = v.replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/\t/g, " ");
    if (!multiline) v = v.replace(/\n/g, " ");
    v = v.replace(/^[ \n\u3000]+|[ \n\u3000]+$/g, "");
    if (v === "") return "";
    return v.split("\n").map(function (l) {
      return escapeXML(l).replace(/-/g, function () { return nbh; });
    }).join(br);
  }

  var crcTable = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  // zip stores the files uncompressed: a form is a few tens of KB, and
  // stored entries need nothing but CRC-32. Times are 1980-01-01 00:00, as
  // in the Go-built file.
  function zip(files) {
    var enc = new TextEncoder();
    var local = [], central = [], offset = 0, centralSize = 0;
    files.forEach(function (f) {
      var name = enc.encode(f.name), crc = crc32(f.data), size = f.data.length;
      var h = new DataView(new ArrayBuffer(30));
      h.setUint32(0, 0x04034b50, true);
      h.setUint16(4, 20, true); // version needed: 2.0
      h.setUint16(6, 0x0800, true); // names are UTF-8
      h.setUint16(8, 0, true); // stored
      h.setUint16(10, 0, true);
      h.setUint16(12, 0x21, true); // 1980-01-01
      h.setUint32(14, crc, true);
      h.setUint32(18, size, true);
      h.setUint32(22, size, true);
      h.setUint16(26, name.length, true);
      h.setUint16(28, 0, true);
      local.push(new Uint8Array(h.buffer), name, f.data);
      var c = new DataView(new ArrayBuffer(46));
      c.setUint32(0, 0x02014b50, true);
      c.setUint16(4, 20, true);
      c.setUint16(6, 20, true);
      c.setUint16(8, 0x0800, true);
      c.setUint16(10, 0, true);
      c.setUint16(12, 0, true);
      c.setUint16(14, 0x21, true);
      c.setUint32(16, crc, true);
      c.setUint32(20, size, true);
      c.setUint32(24, size, true);
      c.setUint16(28, name.length, true);
      c.setUint32(42, offset, true);
      central.push(new Uint8Array(c.buffer), name);
      offset += 30 + name.length + size;
      centralSize += 46 + name.length;
    });
    var e = new DataView(new ArrayBuffer(22));
    e.setUint32(0, 0x06054b50, true);
    e.setUint16(8, files.length, true);
    e.setUint16(10, files.length, true);
    e.setUint32(12, centralSize, true);
    e.setUint32(16, offset, true);
    return new Blob(local.concat(central, [new Uint8Array(e.buffer)]), {
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    });
  }

  // docx fills the kit's slots with v, as draft.fill does in Go.
  function docx(kit, v) {
    if (kit.version !== 2) throw new Error("kit version " + kit.version);
    var enc = new TextEncoder();
    return zip(kit.parts.map(function (p) {
      var pieces = p.text.split("\u0000");
      for (var i = 1; i < pieces.length; i += 2) {
        var s = kit.slots[Number(pieces[i])];
        var val = fillValue(typeof v[s.id] === "string" ? v[s.id] : "", s.lines > 1, kit.br, kit.nbh);
        // A function replacement, so "$&" in a value stays as typed.
        pieces[i] = val ? s.filled.replace("\u0001", function () { return val; }) : s.empty;
      }
      return { name: p.name, data: enc.encode(pieces.join("")) };
    }));
  }

  function download() {
    say("正在生成 Word 文件……");
    fetch(sheet.getAttribute("data-kit"))
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (kit) {
        var url = URL.createObjectURL(docx(kit, values()));
        var a = document.createElement("a");
        a.href = url;
        a.download = kit.fileName;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        say("已生成：" + kit.fileName);
      })
      .catch(function (err) {
        say("未能生成 Word 文件（" + err.message + "）。可以改用“下载空白 Word”或打印。");
      });
  }

  // --- Buttons -----------------------------------------------------------

  var actions = {
    print: function () { window.print(); },
    download: download,
    clear: function () {
      if (!window.confirm("清除本页已填写的全部内容？")) return;
      blanks.forEach(function (b) {
        b.value = "";
        last[b.getAttribute("data-blank")] = "";
        fit(b);
      });
      try { localStorage.removeItem(key); } catch (e) { /* nothing was kept */ }
      say("已清除填写内容。");
    }
  };
  document.querySelectorAll("[data-action]").forEach(function (btn) {
    var act = actions[btn.getAttribute("data-action")];
    if (!act) return;
    if (act === download && !(window.fetch && window.TextEncoder && window.Blob && window.URL)) return;
    btn.hidden = false;
    btn.addEventListener("click", act);
  });
})();
