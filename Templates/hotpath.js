// Hotpath's site script, shared by every page. Progressive enhancement: every page reads in
// full without it (tables in their written order, charts as static SVG with tooltips).
// No external resources; works from file:// and under any prefix.
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var svgNS = "http://www.w3.org/2000/svg";

  // ---- Tables: sort by the number a cell carries (data-sort), else by its text. ----
  // A cell without data-sort whose text is a number with Hotpath's units ("571 ns", "1.2 MiB",
  // "12.5%", "1,024") sorts by its magnitude, so 571 ns comes before 363 µs there too.
  var scales = {
    "ns": 1, "µs": 1e3, "ms": 1e6, "s": 1e9, "B": 1, "KiB": 1024, "MiB": 1048576, "GiB": 1073741824,
    "TiB": 1099511627776, "%": 0.01, "": 1
  };
  function magnitude(text) {
    var match = /^([−-]?)([0-9][0-9,]*(?:\.[0-9]+)?)\s*(ns|µs|ms|s|B|KiB|MiB|GiB|TiB|%)?$/.exec(text);
    if (!match) return null;
    var value = Number(match[2].replace(/,/g, "")) * scales[match[3] || ""];
    return match[1] ? -value : value;
  }
  function sortKey(cell) {
    if (!cell) return null;
    var raw = cell.getAttribute("data-sort");
    if (raw !== null && raw !== "" && isFinite(Number(raw))) return { n: Number(raw) };
    var text = cell.textContent.trim();
    if (text === "" || text === "—") return null;
    var value = magnitude(text);
    return value === null ? { s: text } : { n: value };
  }
  function compareKeys(a, b) {
    if (a.n !== undefined && b.n !== undefined) return a.n - b.n;
    if (a.n !== undefined) return -1;
    if (b.n !== undefined) return 1;
    return a.s.localeCompare(b.s, undefined, { numeric: true });
  }
  function sortTable(table, th, index) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    each(table.tHead.querySelectorAll("th"), function (other) {
      if (other !== th) other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    each(table.tBodies, function (body) {
      var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
        return { row: row, key: sortKey(row.cells[index]), position: position };
      });
      rows.sort(function (a, b) {
        // Rows without a value ("—") stay last either way; ties keep their order.
        if (a.key === null || b.key === null) {
          return (a.key === null) - (b.key === null) || a.position - b.position;
        }
        var order = compareKeys(a.key, b.key);
        return (ascending ? order : -order) || a.position - b.position;
      });
      rows.forEach(function (item) { body.appendChild(item.row); });
    });
  }
  each(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || table.tHead.rows.length === 0) return;
    var header = table.tHead.rows[table.tHead.rows.length - 1];
    each(header.cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortTable(table, th, index); });
    });
  });

  // ---- Lists filtered by name as you type (input[data-filter] names the items' class). ----
  // An item is named by its data-name; a table of that class filters its body rows by the
  // text of their first cell (a page of 10,000 rows carries no second copy of each name).
  each(document.querySelectorAll("input[data-filter]"), function (input) {
    input.addEventListener("input", function () {
      var needle = input.value.toLowerCase();
      each(document.querySelectorAll("." + input.getAttribute("data-filter")), function (item) {
        if (item.tagName === "TABLE") {
          each(item.tBodies, function (body) {
            each(body.rows, function (row) {
              row.hidden = needle !== "" && row.cells[0].textContent.toLowerCase().indexOf(needle) < 0;
            });
          });
          return;
        }
        item.hidden = needle !== "" && (item.getAttribute("data-name") || "").indexOf(needle) < 0;
      });
    });
  });

  // ---- Flame graphs: zoom, back/reset, search, flame/icicle, sandwich, width of the window. ----
  // Each frame is <g class="frame" data-x data-w data-d [data-href]><title>: x and width as
  // fractions of the root, depth in rows, in preorder (a frame's parent is the nearest earlier
  // frame one row up); its tooltip's first line is its name, the lines after it its label.
  var rowHeight = 18;
  function fitLabel(text, width) {
    var room = Math.floor((width - 6) / 6.5);
    if (room < 3) return "";
    return text.length <= room ? text : text.slice(0, room - 1) + "…";
  }
  function formatShare(value) {
    var percent = value * 100;
    return (percent >= 10 ? percent.toFixed(1) : percent.toPrecision(2)) + "%";
  }

  function FlameView(figure) {
    var svg = figure.querySelector("svg.flamegraph");
    var frames = Array.prototype.map.call(svg.querySelectorAll("g.frame"), function (g) {
      var title = g.querySelector("title");
      var lines = title ? title.textContent.split("\n") : [""];
      return {
        g: g, rect: g.querySelector("rect"), text: g.querySelector("text"),
        x: Number(g.getAttribute("data-x")), w: Number(g.getAttribute("data-w")),
        d: Number(g.getAttribute("data-d")), name: lines[0], label: lines.slice(1).join("; ")
      };
    });
    var depth = frames.reduce(function (m, f) { return Math.max(m, f.d); }, 0);
    var state = { focus: null, inverted: false, history: [] };
    var self = this;
    this.svg = svg;
    this.frames = frames;

    var bar = document.createElement("div");
    bar.className = "flame-controls";
    bar.innerHTML =
      '<button type="button" data-act="back" disabled>Back</button>' +
      '<button type="button" data-act="reset" disabled>Reset zoom</button>' +
      '<button type="button" data-act="flip" aria-pressed="false">Flame (root at the bottom)</button>' +
      '<label>Search <input type="search" placeholder="name or regex" spellcheck="false"></label>' +
      '<span class="flame-matches" aria-live="polite"></span>';
    var info = document.createElement("p");
    info.className = "flame-info";
    info.setAttribute("aria-live", "polite");
    info.textContent = "Click a frame to zoom to it.";
    var sandwich = document.createElement("div");
    sandwich.className = "flame-sandwich";
    sandwich.hidden = true;
    figure.parentNode.insertBefore(bar, figure);
    figure.parentNode.insertBefore(info, figure);
    figure.parentNode.parentNode.insertBefore(sandwich, figure.parentNode.nextSibling);
    var matches = bar.querySelector(".flame-matches");
    var search = bar.querySelector("input");
    var back = bar.querySelector('[data-act="back"]');
    var reset = bar.querySelector('[data-act="reset"]');
    var flip = bar.querySelector('[data-act="flip"]');

    function width() {
      var box = figure.parentNode.clientWidth || 1000;
      return Math.max(320, Math.floor(box));
    }
    function layout() {
      var total = width();
      var height = (depth + 1) * rowHeight + 4;
      svg.setAttribute("width", total);
      svg.setAttribute("height", height);
      svg.setAttribute("viewBox", "0 0 " + total + " " + height);
      var focus = state.focus;
      frames.forEach(function (f) {
        var x = f.x, w = f.w, visible = true, ancestor = false;
        if (focus) {
          var inside = f.d >= focus.d && f.x >= focus.x - 1e-9 && f.x + f.w <= focus.x + focus.w + 1e-9;
          var above = f.d < focus.d && f.x <= focus.x + 1e-9 && f.x + f.w >= focus.x + focus.w - 1e-9;
          if (inside) { x = (f.x - focus.x) / focus.w; w = f.w / focus.w; }
          else if (above) { x = 0; w = 1; ancestor = true; }
          else visible = false;
        }
        var pixels = w * total;
        if (!visible || pixels < 0.3) { f.g.style.display = "none"; return; }
        f.g.style.display = "";
        f.g.classList.toggle("ancestor", ancestor);
        var y = (state.inverted ? depth - f.d : f.d) * rowHeight;
        f.rect.setAttribute("x", (x * total).toFixed(1));
        f.rect.setAttribute("y", y);
        f.rect.setAttribute("width", pixels.toFixed(1));
        var label = fitLabel(f.name, pixels);
        if (label && !f.text) {
          f.text = document.createElementNS(svgNS, "text");
          f.g.appendChild(f.text);
        }
        if (f.text) {
          f.text.textContent = label;
          f.text.setAttribute("x", (x * total + 3).toFixed(1));
          f.text.setAttribute("y", y + 12.5);
        }
      });
      back.disabled = state.history.length === 0;
      reset.disabled = state.focus === null;
    }
    function describe(f) {
      var g = f.g, parts = [f.name];
      if (f.label) parts.push(f.label);
      info.textContent = "";
      info.appendChild(document.createTextNode(parts.join(": ") + " "));
      var href = g.getAttribute("data-href");
      if (href) {
        var link = document.createElement("a");
        link.href = href;
        link.className = "operation-link";
        link.textContent = "Operation page";
        info.appendChild(link);
        info.appendChild(document.createTextNode(" "));
      }
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Sandwich view of " + f.name;
      button.addEventListener("click", function () { showSandwich(f.name); });
      info.appendChild(button);
    }
    function zoom(f, remember) {
      if (remember !== false) state.history.push(state.focus);
      state.focus = f.d === 0 ? null : { x: f.x, w: f.w, d: f.d };
      describe(f);
      layout();
    }
    frames.forEach(function (f) {
      f.g.addEventListener("click", function () { zoom(f); });
    });
    back.addEventListener("click", function () {
      if (state.history.length) { state.focus = state.history.pop(); layout(); }
    });
    reset.addEventListener("click", function () {
      state.history.push(state.focus);
      state.focus = null;
      layout();
    });
    flip.addEventListener("click", function () {
      state.inverted = !state.inverted;
      flip.setAttribute("aria-pressed", String(state.inverted));
      svg.classList.toggle("inverted", state.inverted);
      layout();
    });

    // Search: matches highlighted; their share is the union of their extents (a match inside
    // another match is not counted twice).
    function runSearch() {
      var query = search.value.trim();
      svg.classList.toggle("searching", query !== "");
      if (query === "") {
        frames.forEach(function (f) { f.g.classList.remove("match"); });
        matches.textContent = "";
        return;
      }
      var pattern;
      try { pattern = new RegExp(query, "i"); }
      catch (error) { pattern = new RegExp(query.replace(/[.*+?^$(){}|[\]\\]/g, "\\$&"), "i"); }
      var found = [];
      frames.forEach(function (f) {
        var hit = pattern.test(f.name);
        f.g.classList.toggle("match", hit);
        if (hit) found.push(f);
      });
      found.sort(function (a, b) { return a.x - b.x || b.w - a.w; });
      var covered = 0, end = -1;
      found.forEach(function (f) {
        var start = Math.max(f.x, end), stop = f.x + f.w;
        if (stop > start) { covered += stop - start; end = stop; }
      });
      matches.textContent = found.length === 0 ? "no frame matches" :
        found.length + " frame" + (found.length === 1 ? "" : "s") + " match, " + formatShare(covered) + " of the total";
    }
    search.addEventListener("input", runSearch);

    // Sandwich: the callers of a function above it (merged by path, nearest caller next to
    // it) and its callees below, each frame's width its share of the function's total.
    function showSandwich(name) {
      var parents = [], stack = [];
      frames.forEach(function (f, index) {
        stack.length = f.d;
        parents[index] = f.d > 0 ? stack[f.d - 1] : -1;
        stack[f.d] = index;
      });
      var callers = { name: name, w: 0, children: {} };
      var callees = { name: name, w: 0, children: {} };
      function add(node, path, w) {
        node.w += w;
        path.forEach(function (step) {
          node = node.children[step] || (node.children[step] = { name: step, w: 0, children: {} });
          node.w += w;
        });
      }
      frames.forEach(function (f, index) {
        if (f.name !== name) return;
        var up = [], p = parents[index], outermost = true;
        while (p >= 0) {
          if (frames[p].name === name) outermost = false;
          up.push(frames[p].name);
          p = parents[p];
        }
        if (!outermost) return;
        add(callers, up, f.w);
        // Callees: this frame's subtree, merged by path below it.
        var base = f.d, path = [];
        for (var j = index + 1; j < frames.length && frames[j].d > base; j++) {
          var g = frames[j];
          path.length = g.d - base - 1;
          path.push(g.name);
          var node = callees;
          for (var k = 0; k < path.length; k++) {
            node = node.children[path[k]] || (node.children[path[k]] = { name: path[k], w: 0, children: {} });
          }
          node.w += g.w;
        }
        callees.w += f.w;
      });
      sandwich.hidden = false;
      sandwich.innerHTML = "";
      var heading = document.createElement("h3");
      heading.textContent = "Sandwich view of " + name;
      var note = document.createElement("p");
      note.textContent = "Its callers above it (nearest caller next to it), its callees below; " +
        formatShare(callees.w) + " of the total. Widths are shares of the function's own total.";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Close the sandwich view";
      close.addEventListener("click", function () { sandwich.hidden = true; sandwich.innerHTML = ""; });
      sandwich.appendChild(heading);
      sandwich.appendChild(note);
      sandwich.appendChild(close);
      sandwich.appendChild(drawTree(callers, true));
      sandwich.appendChild(drawTree(callees, false));
      sandwich.scrollIntoView({ block: "nearest" });
    }
    function drawTree(root, upward) {
      var rows = [], levels = 0;
      (function walk(node, x, level) {
        levels = Math.max(levels, level);
        rows.push({ node: node, x: x, level: level });
        var cursor = x;
        Object.keys(node.children).map(function (k) { return node.children[k]; })
          .sort(function (a, b) { return b.w - a.w; })
          .forEach(function (child) { walk(child, cursor, level + 1); cursor += child.w; });
      })(root, 0, 0);
      var total = width(), scale = root.w > 0 ? total / root.w : 0;
      var view = document.createElementNS(svgNS, "svg");
      var height = (levels + 1) * rowHeight;
      view.setAttribute("class", "chart flamegraph sandwich " + (upward ? "callers" : "callees"));
      view.setAttribute("width", total);
      view.setAttribute("height", height);
      view.setAttribute("viewBox", "0 0 " + total + " " + height);
      rows.forEach(function (item) {
        var pixels = item.node.w * scale;
        if (pixels < 0.3) return;
        var y = (upward ? levels - item.level : item.level) * rowHeight;
        var g = document.createElementNS(svgNS, "g");
        g.setAttribute("class", "frame" + (item.level === 0 ? " match" : ""));
        var title = document.createElementNS(svgNS, "title");
        title.textContent = item.node.name + "\n" + formatShare(root.w > 0 ? item.node.w / root.w : 0) + " of " + root.name;
        var rect = document.createElementNS(svgNS, "rect");
        rect.setAttribute("x", (item.x * scale).toFixed(1));
        rect.setAttribute("y", y);
        rect.setAttribute("width", pixels.toFixed(1));
        rect.setAttribute("height", rowHeight - 1);
        rect.setAttribute("fill", upward ? "hsl(40,85%,62%)" : "hsl(20,85%,62%)");
        g.appendChild(title);
        g.appendChild(rect);
        var label = fitLabel(item.node.name, pixels);
        if (label) {
          var text = document.createElementNS(svgNS, "text");
          text.setAttribute("x", (item.x * scale + 3).toFixed(1));
          text.setAttribute("y", y + 12.5);
          text.textContent = label;
          g.appendChild(text);
        }
        view.appendChild(g);
      });
      return view;
    }

    var pending = 0;
    window.addEventListener("resize", function () {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(layout);
    });
    svg.classList.add("interactive");
    layout();
    self.zoom = zoom;
  }
  each(document.querySelectorAll("figure.flame"), function (figure) {
    if (figure.querySelector("svg.flamegraph g.frame[data-w]")) new FlameView(figure);
  });

  // ---- Charts: a point with a link opens its run on click (the <a> does it without script too). ----
})();
