// live.js is added by `alliance serve` to every page it serves: it reloads
// the page when the page was rewritten, swaps stylesheets without losing
// the scroll position, and shows build errors over the page.
(function () {
  "use strict";
  var me = document.currentScript;
  var base = me.getAttribute("data-base") || "/";
  var page = me.getAttribute("data-page") || "";
  var events = new EventSource("/__alliance/events");
  var lost = false;

  events.onopen = function () {
    if (lost) location.reload(); // the server came back: the site may have changed
  };
  events.onerror = function () {
    lost = true;
  };

  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.all || !page || (d.pages || []).indexOf(page) >= 0) location.reload();
  });

  events.addEventListener("css", function (e) {
    var styles = JSON.parse(e.data);
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var path = new URL(link.href, location.href).pathname;
      if (path.indexOf(base) === 0) path = path.slice(base.length);
      var name = path.replace(/\.[0-9a-f]{10}(\.css)$/, "$1");
      if (!styles[name] || styles[name] === path) return;
      // The new sheet replaces the old one once it has loaded, so nothing flashes.
      var next = link.cloneNode();
      next.href = base + styles[name];
      next.onload = function () { link.remove(); };
      link.after(next);
    });
  });

  events.addEventListener("builderror", function (e) {
    show(JSON.parse(e.data));
  });
  events.addEventListener("ok", function () {
    var box = document.getElementById("alliance-error");
    if (box) box.remove();
  });

  function show(text) {
    var box = document.getElementById("alliance-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "alliance-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2em;" +
        "background:rgba(40,0,0,.92);color:#fff;font:14px/1.6 system-ui,sans-serif";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "构建出错，页面显示的是上一次成功构建的内容 (build failed; fix the file and save it again)";
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;font:13px/1.5 ui-monospace,monospace;margin-top:1em";
    pre.textContent = text;
    box.appendChild(title);
    box.appendChild(pre);
  }
})();
