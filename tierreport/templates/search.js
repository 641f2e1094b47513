// Full-text search of the report, working from the file system as from a web server.
// Without JavaScript the form stays hidden and the header shows a link to the placements
// list instead. The index (search-data.js, Pagefind's files bundled at build time) is loaded
// the first time the reader uses the box; Pagefind's requests for its files are answered from
// it, so nothing is fetched from anywhere. It holds several indexes (one for groups of pages,
// each made by its own Pagefind run): the first is loaded and the others merged into it.
(function () {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form || typeof Blob === "undefined") { return; }
  var root = form.getAttribute("data-root") || "";
  var input = document.getElementById("site-search-input");
  var list = document.getElementById("site-search-results");
  var status = document.getElementById("site-search-status");
  var fallback = document.getElementById("site-search-fallback");
  // A made-up path that no real request uses: only requests for it are answered from the bundle.
  var BASE = "/tierreport-search-index/";
  var loading = null;
  var indexes = null;
  var latest = 0;

  form.hidden = false;
  if (fallback) { fallback.hidden = true; }

  function bytes(text) {
    var raw = atob(text);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function answerFrom(files) {
    var fetchFromNetwork = window.fetch ? window.fetch.bind(window) : null;
    window.fetch = function (request, options) {
      var url = typeof request === "string" ? request : String(request && request.url);
      var at = url.split("?")[0].indexOf(BASE);
      if (at === -1) {
        return fetchFromNetwork ? fetchFromNetwork(request, options)
          : Promise.reject(new Error("no fetch"));
      }
      var name = url.split("?")[0].slice(at + BASE.length);
      if (!Object.prototype.hasOwnProperty.call(files, name)) {
        return Promise.resolve(new Response("", { status: 404 }));
      }
      var type = /\.pagefind$/.test(name) ? "application/wasm" : "application/octet-stream";
      return Promise.resolve(new Response(bytes(files[name]), {
        status: 200, headers: { "Content-Type": type }
      }));
    };
  }

  function load() {
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root + "search-data.js";
      script.onload = function () { resolve(window.TIERREPORT_SEARCH); };
      script.onerror = function () { reject(new Error("the search index is missing")); };
      document.head.appendChild(script);
    }).then(function (data) {
      answerFrom(data.files);
      indexes = data.indexes;
      var module = new Blob([bytes(data.files[indexes[0] + "pagefind.js"])],
        { type: "text/javascript" });
      return import(URL.createObjectURL(module));
    }).then(function (pagefind) {
      // No web worker: a worker cannot be started from a file:// page.
      return pagefind.options({ basePath: BASE + indexes[0], noWorker: true }).then(function () {
        return Promise.all(indexes.slice(1).map(function (index) {
          return pagefind.mergeIndex(BASE + index);
        }));
      }).then(function () {
        return pagefind;
      });
    });
    return loading;
  }

  // Pagefind's excerpt is HTML with <mark> around the words found; only its text and those
  // marks are kept.
  function excerpt(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var p = document.createElement("p");
    holder.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function show(pages, total) {
    list.textContent = "";
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + page.url.replace(/^\//, "");
      link.textContent = (page.meta && page.meta.title) || page.url;
      item.appendChild(link);
      item.appendChild(excerpt(page.excerpt || ""));
      list.appendChild(item);
    });
    var shown = pages.length < total ? " (the first " + pages.length + " shown)" : "";
    status.textContent = total === 0 ? "No page matches." :
      total + (total === 1 ? " page matches" : " pages match") + shown + ".";
  }

  function run() {
    var term = input.value.trim();
    var ticket = latest += 1;
    if (!term) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    load().then(function (pagefind) {
      return pagefind.search(term);
    }).then(function (found) {
      if (ticket !== latest || !found) { return null; }
      return Promise.all(found.results.slice(0, 10).map(function (result) {
        return result.data();
      })).then(function (pages) {
        if (ticket === latest) { show(pages, found.results.length); }
      });
    }).catch(function () {
      status.textContent = "Search is not available here; use the list of tier placements.";
      if (fallback) { fallback.hidden = false; }
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
})();
