// swift-format-ignore-file
// Generated from Templates/ by `UPDATE_EMBEDDED_TEMPLATES=1 swift test --filter EmbeddedTemplates`; do not edit.
/// Hotpath's default templates, embedded at build time so the binary needs no files beside it.
public enum DefaultTemplates {
    public static let sources: [String: String] = [
        #"feed.atom"#: #"""
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>{{ feed_id }}</id>
<title>{{ title }}</title>
<updated>{{ updated | date }}</updated>
<generator>Hotpath</generator>
<link rel="alternate" type="text/html" href="{{ site_link }}"/>
{% if self_link %}<link rel="self" type="application/atom+xml" href="{{ self_link }}"/>{% endif %}
{% for entry in entries %}
<entry>
<id>{{ entry.id }}</id>
<title>{{ entry.title }}</title>
<updated>{{ entry.updated | default(updated) | date }}</updated>
<author><name>Hotpath</name></author>
<link rel="alternate" type="text/html" href="{{ entry.link }}"/>
<summary>{{ entry.summary }}</summary>
</entry>
{% endfor %}
</feed>

"""#,
        #"hotpath.js"#: #"""
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

"""#,
        #"layout.html"#: #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Hotpath">
<title>{% if page_title != site_title %}{{ page_title }} · {% endif %}{{ site_title }}</title>
<link rel="stylesheet" href="{{ stylesheet }}">
{% if feed_href %}<link rel="alternate" type="application/atom+xml" title="Regressions" href="{{ feed_href }}">{% endif %}
</head>
<body>
<header class="site-header">
<nav aria-label="Site">
<a class="brand" href="{{ home }}">{{ site_title }}</a>
{% if latest_href %}
<a href="{{ latest_href }}">Latest run</a>
{% endif %}
{% if regressions_href %}
<a href="{{ regressions_href }}">Regressions</a>
{% endif %}
{% block nav %}{% endblock %}
</nav>
</header>
<main id="content">
{% block content %}{% endblock %}
</main>
<footer class="site-footer">
<p>Made by Hotpath. Estimates are labelled as such; every other number is measured.{% if self_profile_href %} <a href="{{ self_profile_href }}">How Hotpath spent its time building this site</a>.{% endif %}</p>
</footer>
<script src="{{ script }}"></script>
</body>
</html>

"""#,
        #"pages/flamegraph.html"#: #"""
{% extends "layout.html" %}
{% block nav %}<a href="{{ run.href }}">Run {{ run.id }}</a>{% endblock %}
{% block content %}
<h1>Flame graph of {{ run.id }}</h1>
{% if flame %}
<section aria-labelledby="flame-heading">
<h2 id="flame-heading">Call tree</h2>
<p>Each frame's width is its total {% if run.sampled %}weight{% else %}time{% endif %}; children sit below their callers. Hover a frame for its self and total. With scripts on: click a frame to zoom to it (its callers stay above it), Back and Reset undo it, search by name or regular expression to highlight the matching frames with their share of the total, flip to a flame graph (root at the bottom), open the frame's operation page, or see a sandwich view of a function (its callers above it, its callees below).</p>
<div class="scroll"><figure class="flame">{{ flame.svg }}<figcaption>Flame graph (icicle) of {{ run.total_text }}.{% include "partials/flame-hidden.html" with graph=flame %}{% include "partials/flame-scaled.html" with graph=flame %}</figcaption></figure></div>
</section>
{% if diff %}
<section aria-labelledby="diff-heading">
<h2 id="diff-heading">Against {{ diff.baseline_label | default("the baseline") }}</h2>
<p>Colour shows each frame's change against the same frame in the baseline: <span class="swatch slower">red is slower</span>, <span class="swatch faster">blue is faster</span>, grey unchanged; hatched frames are new.</p>
<div class="scroll"><figure class="flame">{{ diff.svg }}<figcaption>Differential flame graph.{% include "partials/flame-hidden.html" with graph=diff %}{% include "partials/flame-scaled.html" with graph=diff %}</figcaption></figure></div>
{% if diff.removed %}
<h3>Frames only in the baseline</h3>
<ul>{% for frame in diff.removed %}<li>{{ frame.path }} ({{ frame.total_text }})</li>{% endfor %}</ul>
{% endif %}
</section>
{% endif %}
{% else %}
<p>This run has no call tree: its dump holds neither spans nor stacks.</p>
{% endif %}
{% endblock %}

"""#,
        #"pages/index.html"#: #"""
{% extends "layout.html" %}
{% block content %}
<h1>{{ site_title }}</h1>
{% if latest %}
<section class="verdict tone-{{ tone }}" aria-labelledby="verdict-heading">
<h2 id="verdict-heading">{{ headline }}</h2>
<p>Latest run <a href="{{ latest.href }}">{{ latest.id }}</a>{% if latest.commit_short %} at <code>{{ latest.commit_short }}</code>{% endif %}{% if latest.start_time %}, {{ latest.start_time | date }}{% endif %}.</p>
{% if skipped_runs %}
<p class="warning skipped-runs">Not the newest dump: {% for run in skipped_runs %}<a href="{{ run.href }}">{{ run.id }}</a>{% if not loop.last %}, {% endif %}{% endfor %} came after it but {% if skipped_runs | length == 1 %}has{% else %}have{% endif %} no operations, so this page leads with the newest run that has some{% for run in skipped_runs %}{% if run.ordered_by == "file_time" %} ({{ run.id }} has no start time and was ordered by its file's time){% endif %}{% endfor %}.</p>
{% endif %}
{% if comparison %}
{% if comparison.regressions %}
<h3>Regressions</h3>
<ul class="changes">
{% for row in comparison.regressions %}
<li>{% if row.href %}<a href="{{ row.href }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %}: mean {{ row.change | change }} ({{ row.before_text }} → {{ row.after_text }}), {{ row.p_text }}</li>
{% endfor %}
</ul>
{% endif %}
{% if comparison.improvements %}
<h3>Improvements</h3>
<ul class="changes">
{% for row in comparison.improvements %}
<li>{% if row.href %}<a href="{{ row.href }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %}: mean {{ row.change | change }} ({{ row.before_text }} → {{ row.after_text }}), {{ row.p_text }}</li>
{% endfor %}
</ul>
{% endif %}
{% endif %}
<dl class="key-numbers">
{% if suite %}<div><dt>Benchmarks</dt><dd>{{ suite.benchmark_count | number }} ({{ latest.run_kind_text }})</dd></div>{% else %}<div><dt>Total</dt><dd>{{ latest.total_text }}</dd></div>{% endif %}
{% if speedup.measured_text %}<div><dt>Measured speedup vs baseline</dt><dd>{{ speedup.measured_text }}</dd></div>{% endif %}
{% if speedup.estimated_text %}<div><dt>Estimated speedup if all recommendations are applied</dt><dd>{{ speedup.estimated_text }} <span class="muted">(estimate)</span></dd></div>{% endif %}
{% if not suite %}<div><dt>Hot paths</dt><dd>{{ bottlenecks | length }}</dd></div>{% endif %}
<div><dt>Recommendations</dt><dd>{{ recommendation_count }}</dd></div>
</dl>
</section>

{% if exceeded_budgets %}
<section aria-labelledby="budgets-heading">
<h2 id="budgets-heading">Budgets exceeded</h2>
<ul>
{% for check in exceeded_budgets %}<li>{{ check.subject }} {{ check.measure }}: {{ check.actual_text }}, budget {{ check.limit_text }}</li>{% endfor %}
</ul>
</section>
{% endif %}

{% if critical %}
<section aria-labelledby="critical-heading">
<h2 id="critical-heading">Critical recommendations</h2>
{% for item in critical %}
{% include "partials/recommendation.html" %}
{% endfor %}
</section>
{% endif %}

{% if build %}{% include "partials/build.html" %}

{% endif %}{% if bottlenecks %}
<section aria-labelledby="hot-heading">
<h2 id="hot-heading">Hot paths</h2>
<p>Operations taking at least {{ hot_path_threshold | percent(0) }} of the latest run, ranked by bottleneck score (own time plus a quarter of the time in callees).</p>
{% include "partials/bottlenecks.html" %}
</section>
{% endif %}

{% if share_chart %}
<section aria-labelledby="shares-heading">
<h2 id="shares-heading">Where the time goes</h2>
<figure>{{ share_chart }}<figcaption>Share of the latest run per operation; hot paths (at or above the threshold) are highlighted. The table on the <a href="{{ latest.href }}">run page</a> has every number.</figcaption></figure>
</section>
{% endif %}

{% if suite %}
{% include "partials/suite.html" %}
<p><a href="{{ latest.href }}">Every benchmark, with its statistics and the advice</a></p>
{% else %}
<section aria-labelledby="top-heading">
<h2 id="top-heading">Top operations</h2>
{% include "partials/operations-table.html" with operations=top_operations, caption="Largest operations of the latest run", sampled=latest.sampled, suite=false %}
<p><a href="{{ latest.href }}">All {{ latest.operation_count | number }} operations, memory, I/O, cache and parallel panels</a>{% if latest.flame_href %} · <a href="{{ latest.flame_href }}">Flame graph</a>{% endif %}</p>
</section>
{% endif %}
{% else %}
<p>No runs could be read.</p>
{% endif %}

{% if open_regressions %}
<section aria-labelledby="open-heading">
<h2 id="open-heading">Open regressions across the history</h2>
<ul class="changes">
{% for point in open_regressions %}
<li>{% if point.trend_href %}<a href="{{ point.trend_href }}">{{ point.operation }}</a>{% else %}{{ point.operation }}{% endif %}: {{ point.change | change }} ({{ point.before_text }} → {{ point.after_text }}, {{ point.p_text }}) since {% if point.href %}<a href="{{ point.href }}">{{ point.id }}</a>{% else %}{{ point.id }}{% endif %}</li>
{% endfor %}
</ul>
{% if regressions_href %}<p><a href="{{ regressions_href }}">All regressions, fixes and improvements</a>{% if feed_href %} · <a href="{{ feed_href }}">Atom feed</a>{% endif %}</p>{% endif %}
</section>
{% endif %}

{% if trend_groups %}
<section id="trends" aria-labelledby="trends-heading">
<h2 id="trends-heading">Trends</h2>
<p>p50 (blue) and p95 (orange) of every operation across the runs; the shaded band is the newest run's baseline (its p50 to p95); dashed red lines mark change points{% if other_environment_runs > 0 %}; rings mark runs from another environment than the newest run's, whose numbers are not comparable with it{% endif %}. <label for="trend-filter">Filter:</label> <input id="trend-filter" type="search" placeholder="operation name" data-filter="trend-item"></p>
{% if trend_total > trend_shown %}
<p>{{ trend_shown | number }} of {{ trend_total | number }} operations shown: the largest of the newest run and every one with a change point. The others have no trend; their numbers are on the run pages{% if all_operations_href %} (the newest run's <a href="{{ all_operations_href }}">every operation</a>){% endif %}.</p>
{% endif %}
{% for group in trend_groups %}
<details class="trend-group" open>
<summary>{{ group.name }} ({{ group.count }})</summary>
<ul class="trends">
{% for op in group.operations %}
<li class="trend-item{% if op.regressed %} regressed{% endif %}" data-name="{{ op.name | lower }}">
{% if op.href %}<a href="{{ op.href }}">{{ op.name }}</a>{% else %}{{ op.name }}{% endif %} <span class="muted">p50 {{ op.p50_text }}, p95 {{ op.p95_text }}, {{ op.runs }} runs, range {{ op.range_text }} (the chart's height){% if op.changes > 0 %}, {{ op.changes }} change point{% if op.changes > 1 %}s{% endif %}{% endif %}</span>
{{ op.chart }}
</li>
{% endfor %}
</ul>
</details>
{% endfor %}
</section>
{% endif %}

<section aria-labelledby="runs-heading">
<h2 id="runs-heading">Runs</h2>
<table class="sortable runs">
<caption>Every run in this report, newest first{% if environments | length > 1 %}; runs are compared only within one environment{% endif %}</caption>
<thead><tr><th scope="col">Run</th><th scope="col">Started (UTC)</th><th scope="col">Commit</th>{% if environments | length > 1 %}<th scope="col">Environment</th>{% endif %}<th scope="col">Total</th><th scope="col" title="Regressions against its baseline">Regr.</th><th scope="col" title="Improvements against its baseline">Impr.</th><th scope="col" title="Critical recommendations">Crit.</th></tr></thead>
<tbody>
{% for run in runs %}
<tr{% if run.regressions %} class="has-regressions"{% endif %}>
<th scope="row" class="name" title="{{ run.id }}">{% if run.href %}<a href="{{ run.href }}">{{ run.id }}</a>{% else %}{{ run.id }}{% endif %}</th>
<td data-sort="{{ run.start_epoch | default("") }}"><span class="nowrap">{{ run.start_text | default("—") }}</span>{% if run.ordered_by == "file_time" %} <span class="muted" title="no start time in the dump; ordered by file time">(file time)</span>{% endif %}</td>
<td>{% if run.commit_short %}<code>{{ run.commit_short }}</code>{% else %}—{% endif %}</td>
{% if environments | length > 1 %}<td class="name" title="{{ run.environment | default("") }}">{{ run.environment | default("—") }}</td>{% endif %}
<td data-sort="{{ run.total }}">{{ run.total_text }}</td>
<td data-sort="{{ run.regressions | default("") }}">{{ run.regressions | default("—") }}</td>
<td data-sort="{{ run.improvements | default("") }}">{{ run.improvements | default("—") }}</td>
<td data-sort="{{ run.critical | default("") }}">{{ run.critical | default("—") }}</td>
</tr>
{% endfor %}
</tbody>
</table>
</section>

{% if problems %}
<section aria-labelledby="problems-heading">
<h2 id="problems-heading">Inputs that could not be read</h2>
<ul class="problems">
{% for problem in problems %}<li><code>{{ problem }}</code></li>{% endfor %}
</ul>
</section>
{% endif %}
{% endblock %}

"""#,
        #"pages/latest.html"#: #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={{ href }}">
<meta name="generator" content="Hotpath">
<title>Latest run · {{ site_title }}</title>
<link rel="stylesheet" href="{{ stylesheet }}">
</head>
<body>
<main id="content">
<h1>Latest run</h1>
<p>The latest run is <a href="{{ href }}">{{ run }}</a>.</p>
</main>
</body>
</html>

"""#,
        #"pages/operation.html"#: #"""
{% extends "layout.html" %}
{% block nav %}<a href="{{ run.href }}">Run {{ run.id }}</a>{% if trend_href %} <a href="{{ trend_href }}">Trend across runs</a>{% endif %}{% endblock %}
{% block content %}
<h1>{{ operation.name }}</h1>{% if operation.location %}
<p>Code: <code>{{ operation.location }}</code></p>{% endif %}
<p>In run <a href="{{ run.href }}">{{ run.id }}</a>: {% if run.sampled %}in {{ operation.count_text }} distinct stack{% if operation.count != 1 %}s{% endif %}{% else %}{{ operation.count_text }} calls{% endif %}, {{ operation.total_text }} in all{% if operation.metric == "timing" %}, {{ operation.share | percent }} of the run{% elif run.sampled %}, {{ operation.share | percent }} of the profile's total{% endif %}{% if operation.self_share != null %} ({{ operation.self_share | percent }} in its own code){% endif %}.{% if operation.summary_only %} These are summary statistics, not raw samples.{% endif %}</p>

{% if histogram %}
<section aria-labelledby="distribution-heading">
<h2 id="distribution-heading">Distribution</h2>
<figure>{{ histogram }}<figcaption>Histogram of every sample, with p50, p95 and p99 marked.</figcaption></figure>
</section>
{% endif %}

{% if percentiles %}
<section aria-labelledby="percentiles-heading">
<h2 id="percentiles-heading">Statistics</h2>
<table class="percentiles">
<caption>Percentiles (linear interpolation between closest ranks) and moments</caption>
<thead><tr>{% for p in percentiles %}<th scope="col">{{ p.name }}</th>{% endfor %}<th scope="col">Mean</th><th scope="col">Std dev</th></tr></thead>
<tbody><tr>{% for p in percentiles %}<td>{{ p.text }}</td>{% endfor %}<td>{{ operation.mean_text }}</td><td>{{ operation.stddev_text }}</td></tr></tbody>
</table>{% if operation.other_measure_text %}
<p>Measured by {{ operation.measure_text }}: the statistics, the noise and the comparison use it (<code>--measure</code>, <code>benchmark_measure</code>). Beside it, {{ operation.other_measure_text }} of the same repetitions: mean {{ operation.other_mean_text }}, std dev {{ operation.other_stddev_text }}, p50 {{ operation.other_p50_text }}, p95 {{ operation.other_p95_text }}, p99 {{ operation.other_p99_text }}.</p>{% endif %}
{% if operation.noise_cv_text %}<p>Noise: coefficient of variation {{ operation.noise_cv_text }} within the run.{% if operation.noise_detectable_text %} Against a baseline of as many samples and as noisy, a comparison sees a change of {{ operation.noise_detectable_text }} or more 4 times in 5{% if operation.noise_samples_needed_text %}; seeing {{ operation.noise_threshold_text }} takes {{ operation.noise_samples_needed_text }} samples a side{% endif %}.{% endif %}{% if operation.bimodal %} <strong>The samples look bimodal</strong> (two modes: Sarle's coefficient above 5/9): a mean or a shift describes neither mode; look at the histogram.{% endif %}</p>{% endif %}
</section>
{% endif %}

{% if comparison %}
<section aria-labelledby="baseline-heading">
<h2 id="baseline-heading">Against {{ comparison.baseline_label }}</h2>
<p>{% if comparison.measure_text %}By {{ comparison.measure_text }}: {% endif %}<span class="verdict {{ comparison.verdict }}">{{ comparison.verdict_text }}</span>{% if comparison.interval_text %}: {{ comparison.interval_text }} ({{ comparison.interval_method }}, {{ comparison.confidence | percent(0) }} interval){% endif %}{% if comparison.change != null %}; mean {{ comparison.change | change }} ({{ comparison.before_text }} → {{ comparison.after_text }}){% endif %}{% if comparison.p50_change != null %}, p50 {{ comparison.p50_change | change }}{% endif %}{% if comparison.p95_change != null %}, p95 {{ comparison.p95_change | change }}{% endif %}{% if comparison.p99_change != null %}, p99 {{ comparison.p99_change | change }}{% endif %}{% if comparison.p_text %}, {{ comparison.test_name }} {{ comparison.p_text }} ({{ comparison.method }}){% if comparison.adjusted_p_text %}, adjusted for the run's operations {{ comparison.adjusted_p_text }}{% endif %}, effect size {{ comparison.effect_text }}{% endif %}.</p>
</section>
{% endif %}

{% if comparison %}{% if comparison.attribution %}
<section aria-labelledby="attribution-heading">
<h2 id="attribution-heading">Where the change came from</h2>
{% include "partials/attribution.html" with attribution=comparison.attribution %}
{% if attribution_flame %}<figure>{{ attribution_flame }}<figcaption>Differential flame graph of the tree below {{ operation.name }}, all its outermost calls merged: widths are this run's time, colours each path's change against the baseline (red slower, blue faster), hatched frames are new.</figcaption></figure>{% endif %}
</section>
{% endif %}{% endif %}
<section aria-labelledby="calls-heading">
<h2 id="calls-heading">Callers and callees</h2>
<div class="columns">
<div>
<h3>Called by</h3>
{% if callers %}
<ul>{% for edge in callers %}<li>{% if edge.href %}<a href="{{ edge.href }}">{{ edge.name }}</a>{% else %}{{ edge.name }}{% endif %}: {{ edge.total_text }} over {{ edge.count | number }} {% if run.sampled %}stack{% else %}call{% endif %}{% if edge.count != 1 %}s{% endif %}</li>{% endfor %}</ul>{% if more_callers %}
<p>… and {{ more_callers.count | number }} more caller{% if more_callers.count != 1 %}s{% endif %}, each {{ more_callers.largest_text }} or less (every caller: <code>hotpath analyze</code>).</p>{% endif %}
{% else %}<p>No callers: a root of the call tree.</p>{% endif %}
</div>
<div>
<h3>Calls</h3>
{% if callees %}
<ul>{% for edge in callees %}<li>{% if edge.href %}<a href="{{ edge.href }}">{{ edge.name }}</a>{% else %}{{ edge.name }}{% endif %}: {{ edge.total_text }} over {{ edge.count | number }} {% if run.sampled %}stack{% else %}call{% endif %}{% if edge.count != 1 %}s{% endif %}</li>{% endfor %}</ul>{% if more_callees %}
<p>… and {{ more_callees.count | number }} more callee{% if more_callees.count != 1 %}s{% endif %}, each {{ more_callees.largest_text }} or less (every callee: <code>hotpath analyze</code>).</p>{% endif %}
{% else %}<p>No callees recorded.</p>{% endif %}
</div>
</div>
</section>
{% endblock %}

"""#,
        #"pages/operations.html"#: #"""
{% extends "layout.html" %}
{% block nav %}<a href="{{ run.href }}">Run {{ run.id }}</a>{% endblock %}
{% block content %}
{# Rows without their optional end tags (HTML5 §13.1.2.4), no scope (a row header by position) and
   no data-name (the filter reads the first cell): 10,000 rows stay well under 2 MB. #}
<h1>Every {% if run.suite %}benchmark{% else %}operation{% endif %} of {{ run.id }}</h1>
<p>{{ run.operation_count | number }} {% if run.suite %}benchmarks{% else %}operations{% endif %}, largest first. <label for="operation-filter">Filter:</label> <input id="operation-filter" type="search" placeholder="name" data-filter="every-operation"> <span class="muted">(the largest have pages of their own)</span></p>
<table class="sortable operations every-operation">
<caption>Per-{% if run.suite %}benchmark{% else %}operation{% endif %} statistics{% if not run.suite %}; share is of the run's total{% endif %}</caption>
<thead><tr><th scope="col">{% if run.suite %}Benchmark{% else %}Operation{% endif %}</th><th scope="col">{% if run.sampled %}Stacks{% elif run.suite %}Samples{% else %}Calls{% endif %}</th><th scope="col">Mean</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th>{% if not run.suite %}<th scope="col">Share</th>{% endif %}</tr></thead>
<tbody>
{% for op in operations %}
<tr><th>{% if op.href %}<a href="{{ op.href }}">{{ op.name }}</a>{% else %}{{ op.name }}{% endif %}<td>{{ op.count_text }}{% if op.has_summary %}<td{% if op.other_mean_text %} data-sort="{{ op.values.mean | default("") }}"{% endif %}>{{ op.mean_text }}{% if op.other_mean_text %} <span class="muted">({{ op.other_measure_text }} {{ op.other_mean_text }})</span>{% endif %}<td>{{ op.p50_text }}<td>{{ op.p95_text }}<td>{{ op.p99_text }}{% else %}<td>—<td>—<td>—<td>—{% endif %}{% if not run.suite %}<td data-sort="{{ op.values.share | default("") }}">{{ op.share | percent }}{% endif %}
{% endfor %}
</tbody>
</table>
{% endblock %}

"""#,
        #"pages/regressions.html"#: #"""
{% extends "layout.html" %}
{% block content %}
<h1>Regressions</h1>
<p>Change points found across {{ run_count }} runs: lasting steps in an operation's p50, confirmed by a windowed Mann-Whitney test on the runs before and after them, with false discoveries controlled at {{ false_discovery_rate | percent(0) }} across every operation of the history (Benjamini–Hochberg over each operation's best split, corrected for the splits tried). The p-values show the split's own value and the adjusted one. Open regressions are those no later improvement undid; a fixed one names the run that undid it and when; improvements are lasting steps down. Each operation links to its trend, each run to its page. {% if feed_href %}Subscribe with the <a href="{{ feed_href }}">Atom feed</a>.{% endif %}</p>

<section aria-labelledby="open-heading">
<h2 id="open-heading">Open regressions</h2>
{% if open %}
{% include "partials/change-points.html" with points=open, caption="Regressions not undone by a later improvement, newest first" %}
{% elif latest %}
<p>No confirmed change points are open; the newest run's unconfirmed regressions follow.</p>
{% else %}
<p>None: every regression found in the history was later fixed, or there were none.</p>
{% endif %}
</section>

{% if latest %}
<section aria-labelledby="latest-heading">
<h2 id="latest-heading">Newest run {{ latest_run }} against {{ latest_baseline }}</h2>
<p>Too recent to be confirmed by later runs: significant on raw samples against its baseline and, where at least five earlier runs tell the usual night-to-night variation, beyond it.</p>
{% include "partials/comparison-table.html" with rows=latest, caption="Significant regressions of the newest run" %}
</section>
{% endif %}

<section aria-labelledby="fixed-heading">
<h2 id="fixed-heading">Fixed regressions</h2>
{% if fixed %}
{% include "partials/change-points.html" with points=fixed, caption="Regressions a later improvement brought back within the threshold, with the run that fixed each and when" %}
{% else %}
<p>None in these {{ run_count }} runs: no regression was later undone by an improvement.</p>
{% endif %}
</section>

<section aria-labelledby="improvements-heading">
<h2 id="improvements-heading">Improvements</h2>
{% if improvements %}
{% include "partials/change-points.html" with points=improvements, caption="Lasting improvements, newest first" %}
{% else %}
<p>None in these {{ run_count }} runs: no lasting improvement was found.</p>
{% endif %}
</section>
{% endblock %}

"""#,
        ##"pages/run.html"##: ##"""
{% extends "layout.html" %}
{% block nav %}{% if run.flame_href and not run.suite %}<a href="{{ run.flame_href }}">Flame graph</a>{% endif %}{% endblock %}
{% block content %}
<h1>Run {{ run.id }}</h1>
{% include "partials/run-pager.html" %}
<p class="verdict tone-{{ tone }}">{{ headline }}</p>
{% include "partials/run-facts.html" %}

<nav class="toc" aria-label="On this page">
{% if suite %}<a href="#suite">Benchmarks</a>{% endif %}
<a href="#operations">{% if suite %}Statistics{% else %}Operations{% endif %}</a>
{% if not suite %}<a href="#bottlenecks">Bottlenecks</a>{% endif %}
<a href="#recommendations">Recommendations</a>
{% if comparison and not suite %}<a href="#comparison">Comparison</a>{% endif %}
{% if memory %}<a href="#memory">Memory</a>{% endif %}
{% if io %}<a href="#io">I/O</a>{% endif %}
{% if caches %}<a href="#caches">Caches</a>{% endif %}
{% if parallel %}<a href="#parallel">Parallel</a>{% endif %}
</nav>

{% if suite %}
{% include "partials/suite.html" %}{% if comparison %}{% if comparison.attributed %}
<section id="attribution" aria-labelledby="attribution-heading">
<h2 id="attribution-heading">Where the changes came from</h2>
<p>Each changed benchmark below was attributed with the profiles of its run and of the baseline's run (the profile beside it in its run folder, or the one with its commit): the benchmark measured the change, the profiles say where its time went.</p>
{% include "partials/attribution-list.html" %}
</section>{% endif %}{% endif %}
{% else %}
<section id="bottlenecks" aria-labelledby="bottlenecks-heading">
<h2 id="bottlenecks-heading">Bottlenecks</h2>
<p>Hot paths are operations taking at least {{ hot_path_threshold | percent(0) }} of the run, ranked by bottleneck score (own time plus a quarter of the time in callees).</p>
{% if share_chart %}<figure>{{ share_chart }}<figcaption>Share of the run per operation; the line marks the hot-path threshold.</figcaption></figure>{% endif %}
{% if bottlenecks %}
{% include "partials/bottlenecks.html" %}
{% else %}
<p>No operation reaches the hot-path threshold.</p>
{% endif %}
{% if critical_path %}
<p>Critical path: {% for step in critical_path %}{{ step.name }} ({{ step.duration_text }}){% if not loop.last %} → {% endif %}{% endfor %}</p>
{% endif %}
</section>
{% endif %}

<section id="recommendations" aria-labelledby="recommendations-heading">
<h2 id="recommendations-heading">Recommendations</h2>
{% if speedup.estimated_text %}
<p class="speedups">Estimated speedup if all are applied: <strong>{{ speedup.estimated_text }}</strong> <span class="muted">(an estimate from Amdahl's law; shared time counted once)</span>{% if speedup.measured_text %} · Measured speedup against the baseline: <strong>{{ speedup.measured_text }}</strong>{% endif %}</p>
{% endif %}
{% for group in recommendation_groups %}
<h3 class="priority-{{ group.priority }}">{{ group.priority | upper }}</h3>
{% for item in group.items %}
{% include "partials/recommendation.html" %}
{% endfor %}
{% else %}
<p>{% if suite %}Nothing to advise: the measurements look sound.{% else %}Nothing to recommend: every measured target is met.{% endif %}</p>
{% endfor %}
</section>

<section id="operations" aria-labelledby="operations-heading">
<h2 id="operations-heading">{% if run.suite %}Statistics of every benchmark{% else %}Operations{% endif %}</h2>
{% if run.sampled %}
{% include "partials/operations-table.html" with caption="Per-operation weights: total counts the samples of every stack containing the operation, self those where it is the innermost frame", sampled=true, suite=false %}
{% elif run.suite %}
{% include "partials/operations-table.html" with caption="Per-benchmark statistics of the samples each benchmark reported (percentiles interpolate linearly between closest ranks, as numpy does); a suite's benchmarks are not parts of one run, so there is no total or share", sampled=false, suite=true %}
{% else %}
{% include "partials/operations-table.html" with caption="Per-operation statistics (percentiles interpolate linearly between closest ranks, as numpy does)", sampled=false, suite=false %}
{% endif %}
{% if all_operations_href %}
<p>The {{ operations | length }} largest of {{ operation_total | number }} operations. <a href="{{ all_operations_href }}">All {{ operation_total | number }} operations, searchable</a>.</p>
{% endif %}
</section>

{% if comparison and not suite %}
<section id="comparison" aria-labelledby="comparison-heading">
<h2 id="comparison-heading">Comparison with {{ comparison.baseline_label }}</h2>
{% if not comparison.comparable %}
<p class="warning">The baseline ran in a different environment, so no change is judged.</p>
{% endif %}
<p><strong>{{ comparison.counts_text }}.</strong> A change is a regression or an improvement when its estimate is at least {{ comparison.threshold | percent(0) }} and it is significant after controlling the false discovery rate at {{ comparison.false_discovery_rate | percent(0) }} across the {{ comparison.tested | number }} operations tested (Benjamini–Hochberg adjusted p-values; two-sided Mann-Whitney, or Welch's t-test for benchmarks known only by their reported statistics). "Unchanged" means the whole 95% interval of the change lies within ±{{ comparison.threshold | percent(0) }}; otherwise the comparison is inconclusive and says how many samples would settle it. {% if comparison.total_speedup_text %}Run total: {{ comparison.total_speedup_text }} of the baseline's speed{% endif %}{% if comparison.geometric_mean_text %}, geometric mean over operations {{ comparison.geometric_mean_text }}{% endif %}.</p>
{% include "partials/comparison-table.html" with rows=comparison.operations, caption="Every operation against the baseline" %}{% if comparison.attributed %}
<h3>Where the changes came from</h3>
{% include "partials/attribution-list.html" %}
{% endif %}</section>
{% endif %}

{% if memory %}
<section id="memory" aria-labelledby="memory-heading">
<h2 id="memory-heading">Memory</h2>
<dl class="key-numbers">
<div><dt>Start</dt><dd>{{ memory.start_text }}</dd></div>
<div><dt>Peak</dt><dd>{{ memory.peak_text }}</dd></div>
<div><dt>Average</dt><dd>{{ memory.average_text }}</dd></div>
<div><dt>Overhead</dt><dd>{{ memory.overhead_text }}{% if memory.over_budget %} <span class="badge high">over the {{ memory.budget_text }} budget</span>{% endif %}</dd></div>
<div><dt>Growth</dt><dd>{{ memory.growth_text }}{% if memory.leak_suspect %} <span class="badge high">keeps growing</span>{% endif %}</dd></div>
<div><dt>GC</dt><dd>{{ memory.gc_events }} collections, {{ memory.gc_pause_text }} paused; {{ memory.pressure_events }} pressure events</dd></div>
</dl>
{% if memory.chart %}<figure>{{ memory.chart }}<figcaption>Resident memory over the run ({{ memory.samples }} samples); the line marks start plus budget.</figcaption></figure>{% endif %}
</section>
{% endif %}

{% if io %}
<section id="io" aria-labelledby="io-heading">
<h2 id="io-heading">I/O</h2>
<dl class="key-numbers">
<div><dt>Operations</dt><dd>{{ io.operations_text }}</dd></div>
<div><dt>Bytes</dt><dd>{{ io.bytes_text }}</dd></div>
<div><dt>Time</dt><dd>{{ io.time_text }}</dd></div>
<div><dt>Throughput</dt><dd>{{ io.throughput_text }}</dd></div>
<div><dt>Asynchronous</dt><dd>{{ io.async_ratio | percent }}{% if io.below_target %} <span class="badge medium">target {{ io.async_target | percent(0) }}</span>{% endif %}</dd></div>
</dl>
{% if io.chart %}<figure>{{ io.chart }}<figcaption>I/O time per issuing operation (or kind, when the operation is unknown) and kind, with the bytes moved{% if io.group_count > io.charted %}; the largest {{ io.charted }} of {{ io.group_count | number }} groups{% endif %}.</figcaption></figure>{% endif %}
{% if io.batch_candidates %}
<table class="batch">
<caption>Many small operations that could be batched</caption>
<thead><tr><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Operations</th><th scope="col">Mean size</th><th scope="col">Time</th></tr></thead>
<tbody>
{% for item in io.batch_candidates %}<tr><th scope="row">{{ item.source }}</th><td>{{ item.kind }}</td><td>{{ item.count | number }}</td><td>{{ item.mean_bytes_text }}</td><td>{{ item.time_text }}</td></tr>{% endfor %}
</tbody>
</table>
{% endif %}
</section>
{% endif %}

{% if caches %}
<section id="caches" aria-labelledby="caches-heading">
<h2 id="caches-heading">Caches</h2>
{% for cache in caches %}
<h3>{{ cache.name }}</h3>
<dl class="key-numbers">
<div><dt>Hit rate</dt><dd>{{ cache.hit_rate | percent }}{% if cache.below_target %} <span class="badge medium">target {{ cache.target | percent(0) }}</span>{% endif %}</dd></div>
<div><dt>Lookups</dt><dd>{{ cache.lookups_text }} ({{ cache.hits_text }} hits, {{ cache.misses_text }} misses)</dd></div>
<div><dt>Evictions</dt><dd>{{ cache.evictions_text }}</dd></div>
{% if cache.fill != null %}<div><dt>Fill</dt><dd>{{ cache.fill | percent(0) }} ({{ cache.size }} of {{ cache.capacity }})</dd></div>{% endif %}
<div><dt>Trend</dt><dd>{{ cache.trend }}{% if cache.warm_hit_rate != null %} (warm hit rate {{ cache.warm_hit_rate | percent }}){% endif %}</dd></div>
{% if cache.miss_cost_text %}<div><dt>Miss cost</dt><dd>{{ cache.miss_cost_text }}</dd></div>{% endif %}
</dl>
{% if cache.hot_misses %}<p>Most missed: {{ cache.hot_misses | join(", ") }}</p>{% endif %}
{% if cache.chart %}<figure>{{ cache.chart }}<figcaption>Hit rate per window of the run; the line marks the target.</figcaption></figure>{% endif %}
{% endfor %}
</section>
{% endif %}

{% if parallel %}
<section id="parallel" aria-labelledby="parallel-heading">
<h2 id="parallel-heading">Parallel execution</h2>
{% for executor in parallel %}
<h3>{{ executor.name }}</h3>
<dl class="key-numbers">
<div><dt>Speedup over serial</dt><dd>{{ executor.speedup_text }}{% if executor.below_target %} <span class="badge medium">target {{ executor.target_text }}</span>{% endif %}</dd></div>
<div><dt>Efficiency</dt><dd>{{ executor.efficiency | percent }}</dd></div>
<div><dt>Concurrency limit</dt><dd>{{ executor.concurrency_limit }} on {{ executor.cores }} cores</dd></div>
<div><dt>Tasks</dt><dd>{{ executor.tasks | number }}</dd></div>
<div><dt>Wall / busy</dt><dd>{{ executor.wall_text }} / {{ executor.busy_text }}</dd></div>
{% if executor.imbalance_text %}<div><dt>Stage imbalance</dt><dd>{{ executor.imbalance_text }} (slowest: {{ executor.slowest_stage }})</dd></div>{% endif %}
</dl>
{% if executor.chart %}<figure>{{ executor.chart }}<figcaption>Busy share of each worker.</figcaption></figure>{% endif %}
{% endfor %}
</section>
{% endif %}

{% if budgets %}
<section id="budgets" aria-labelledby="budgets-heading">
<h2 id="budgets-heading">Budgets</h2>
<table class="budgets">
<caption>Budgets from the project's configuration</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">Measure</th><th scope="col">Budget</th><th scope="col">Actual</th><th scope="col">Status</th></tr></thead>
<tbody>
{% for check in budgets %}
<tr><th scope="row">{{ check.subject }}</th><td>{{ check.measure }}</td><td>{{ check.limit_text }}</td><td>{{ check.actual_text | default("—") }}</td><td>{% if check.exceeded %}<span class="badge critical">exceeded</span>{% elif check.actual_text %}within{% else %}not measured in this run{% endif %}</td></tr>
{% endfor %}
</tbody>
</table>
</section>
{% endif %}

{% if sampled %}
<section id="sampled" aria-labelledby="sampled-heading">
<h2 id="sampled-heading">Sampled view: {{ sampled.total_text }}</h2>
<p>The trace also holds sampled stacks ({{ sampled.stacks | number }} distinct, {{ sampled.frame_count | number }} frames). The operations above come from its spans; these weights ({{ sampled.unit }}) are not durations per call and are kept apart.</p>
<table>
<caption>Frames with the most samples ({{ sampled.frames | length }} of {{ sampled.frame_count | number }}): total counts every stack containing the frame, self those where it is the innermost</caption>
<thead><tr><th scope="col">Frame</th><th scope="col">Total</th><th scope="col">Share</th><th scope="col">Self</th><th scope="col">Self share</th></tr></thead>
<tbody>
{% for frame in sampled.frames %}<tr><th scope="row">{{ frame.name }}</th><td>{{ frame.total_text }}</td><td>{{ frame.share | percent }}</td><td>{{ frame.self_text }}</td><td>{{ frame.self_share | percent }}</td></tr>
{% endfor %}
</tbody>
</table>
</section>

{% endif %}{% if warnings %}
<section id="warnings" aria-labelledby="warnings-heading">
<h2 id="warnings-heading">Warnings about the input</h2>
<ul>{% for warning in warnings %}<li>{{ warning }}</li>{% endfor %}</ul>
</section>
{% endif %}
{% endblock %}

"""##,
        #"pages/trend.html"#: #"""
{% extends "layout.html" %}
{% block content %}
<h1>{{ trend.name }} across runs</h1>
{% if trend.group %}<p class="muted">Group: {{ trend.group }}</p>{% endif %}
{% if trend.run_to_run_text %}<p>Night-to-night variation of the p50: {{ trend.run_to_run_text }} (the typical change from one run to the next in the newest environment, robust to steps). {{ trend.newest_check_text | default("") }}</p>{% endif %}
<div class="scroll"><figure>{{ trend.chart }}<figcaption>p50 and p95 of every run, the y axis from zero; hover a point for its run, its p50 and p95 and their change from the run before, click it to open the run; the band is the newest run's baseline (its p50 to p95); dashed lines mark change points.{% if trend.other_environment_runs > 0 %} Hollow squares mark the {{ trend.other_environment_runs | number }} run{% if trend.other_environment_runs > 1 %}s{% endif %} from another environment than the newest run's ({{ trend.newest_environment | default("not recorded") }}): not comparable with it; change points are only looked for within one environment.{% endif %}</figcaption></figure></div>

{% if trend.change_points %}
<section aria-labelledby="changes-heading">
<h2 id="changes-heading">Change points</h2>
{% include "partials/change-points.html" with points=trend.change_points, caption="Lasting steps in p50" %}
</section>
{% endif %}

<section aria-labelledby="runs-heading">
<h2 id="runs-heading">{% if trend.total_runs > trend.points | length %}The newest {{ trend.points | length | number }} of {{ trend.total_runs | number }} runs{% else %}Every run{% endif %}</h2>
{% if trend.csv_href %}<p>Every run's figures: <a href="{{ trend.csv_href }}">{{ trend.total_runs | number }} runs as CSV</a> (in {{ trend.unit }}, unformatted).</p>{% endif %}
<table class="sortable trend-points">
<caption>Newest first; a mark flags the run a change point starts at{% if trend.other_environment_runs > 0 %}, and runs from another environment than the newest run's{% endif %}</caption>
<thead><tr><th scope="col">Run</th><th scope="col">Time (UTC)</th><th scope="col">Commit</th><th scope="col">Count</th><th scope="col">Mean</th><th scope="col">p50</th><th scope="col">p95</th></tr></thead>
<tbody>
{% for point in trend.points %}
<tr{% if point.change %} class="change-start"{% endif %}>
<th scope="row">{% if point.href %}<a href="{{ point.href }}">{{ point.id }}</a>{% else %}{{ point.id }}{% endif %}{% if point.change %} <span class="badge high">change</span>{% endif %}{% if point.other_environment %} <span class="badge low" title="{{ point.environment | default("environment not recorded") }}">other environment</span>{% endif %}</th>
<td><span class="nowrap">{{ point.time | default("—") }}</span>{% if point.ordered_by == "file_time" %} <span class="muted" title="no start time in the dump; ordered by file time">(file time)</span>{% endif %}</td>
<td>{% if point.commit_short %}<code>{{ point.commit_short }}</code>{% else %}—{% endif %}</td>
<td data-sort="{{ point.count }}">{{ point.count | number }}</td>
<td data-sort="{{ point.mean }}">{{ point.mean_text }}</td>
<td data-sort="{{ point.p50 }}">{{ point.p50_text }}</td>
<td data-sort="{{ point.p95 | default("") }}">{{ point.p95_text }}</td>
</tr>
{% endfor %}
</tbody>
</table>
</section>
{% endblock %}

"""#,
        #"partials/attribution-list.html"#: #"""
<ul class="attributions">{% for row in comparison.significant %}{% if row.attribution %}<li>{% if row.href %}<a href="{{ row.href }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %} {% if row.interval_estimate != null %}{{ row.interval_estimate | change }}{% else %}{{ row.change | change }}{% endif %}: {{ row.attribution.summary }}</li>{% endif %}{% endfor %}</ul>
"""#,
        #"partials/attribution.html"#: #"""
{% if attribution.profile_text %}<p>{% if attribution.profile_href %}<a href="{{ attribution.profile_href }}">{{ attribution.profile_text }}</a>{% else %}{{ attribution.profile_text }}{% endif %}: the benchmark measured the change, the profiles say where its time went.</p>
{% endif %}<p>{{ attribution.change_text }}. The frames below explain {{ attribution.explained | percent(0) }} of it, largest share first: a frame's own time per call, a callee called more or less often per call of its caller (the whole subtree's change), or a subtree new in this run or gone since the baseline. Shares can pass 100% when other frames pulled the other way.</p>
<table class="attribution">
<caption>Where the change came from, frame by frame</caption>
<thead><tr><th scope="col">Frame</th><th scope="col">What changed</th><th scope="col">Contribution</th><th scope="col">Share of the change</th><th scope="col">Evidence</th></tr></thead>
<tbody>{% for frame in attribution.frames %}
<tr><td>{% if frame.href %}<a href="{{ frame.href }}">{{ frame.name }}</a>{% else %}{{ frame.name }}{% endif %}<br><small>{{ frame.path_text }}</small></td><td>{{ frame.change_text }}</td><td>{{ frame.contribution_text }}</td><td>{{ frame.share | percent(0) }}</td><td>{% if frame.test_text %}{{ frame.test_text }}{% if not frame.significant %} (not significant){% endif %}{% else %}—{% endif %}</td></tr>{% endfor %}
</tbody>
</table>

"""#,
        #"partials/bottlenecks.html"#: #"""
<ol class="bottlenecks">
{% for item in bottlenecks %}
<li>{% if item.href %}<a href="{{ item.href }}">{{ item.name }}</a>{% else %}{{ item.name }}{% endif %}: {{ item.share | percent }} of the run{% if item.self_share != null %}, {% if item.self_text %}{{ item.self_text }} ({{ item.self_share | percent }}){% else %}{{ item.self_share | percent }}{% endif %} in its own code{% endif %} <span class="muted">(score {{ item.score | fixed(3) }})</span></li>
{% endfor %}
</ol>

"""#,
        #"partials/build.html"#: #"""
<section id="build" aria-labelledby="build-heading">
<h2 id="build-heading">Build: {{ build.unit_count | number }} compile{% if build.unit_count != 1 %}s{% endif %}, {{ build.total_text }}</h2>
<p>From the compiler's time traces (clang <code>-ftime-trace</code>, one per translation unit) among the inputs. Shares are of the units' compile times summed; a header's time includes the headers it includes.</p>
{% for item in build.recommendations %}
{% include "partials/recommendation.html" %}
{% endfor %}
{% if build.headers %}
<table>
<caption>Most expensive headers ({{ build.headers | length }} of {{ build.header_count | number }})</caption>
<thead><tr><th scope="col">Header</th><th scope="col">Parse time</th><th scope="col">Share</th><th scope="col">Includes</th><th scope="col">Units</th></tr></thead>
<tbody>
{% for row in build.headers %}<tr><th scope="row"><code>{{ row.name }}</code></th><td>{{ row.total_text }}</td><td>{{ row.share | percent }}</td><td>{{ row.count | number }}</td><td>{{ row.units | number }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
{% if build.templates %}
<table>
<caption>Most expensive template instantiations ({{ build.templates | length }} of {{ build.template_count | number }})</caption>
<thead><tr><th scope="col">Template</th><th scope="col">Events</th><th scope="col">Time</th><th scope="col">Share</th><th scope="col">Instantiations</th><th scope="col">Units</th></tr></thead>
<tbody>
{% for row in build.templates %}<tr><th scope="row"><code>{{ row.name }}</code></th><td>{{ row.kinds }}</td><td>{{ row.total_text }}</td><td>{{ row.share | percent }}</td><td>{{ row.count | number }}</td><td>{{ row.units | number }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
{% if build.functions %}
<table>
<caption>Most expensive functions to compile ({{ build.functions | length }} of {{ build.function_count | number }})</caption>
<thead><tr><th scope="col">Function</th><th scope="col">Events</th><th scope="col">Time</th><th scope="col">Share</th><th scope="col">Events counted</th><th scope="col">Units</th></tr></thead>
<tbody>
{% for row in build.functions %}<tr><th scope="row"><code>{{ row.name }}</code></th><td>{{ row.kinds }}</td><td>{{ row.total_text }}</td><td>{{ row.share | percent }}</td><td>{{ row.count | number }}</td><td>{{ row.units | number }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
{% if build.phases %}
<table>
<caption>Phases (the traces' <code>Total …</code> summaries, added up over the units)</caption>
<thead><tr><th scope="col">Phase</th><th scope="col">Total</th><th scope="col">Share</th><th scope="col">Events</th><th scope="col">Average</th></tr></thead>
<tbody>
{% for row in build.phases %}<tr><th scope="row">{{ row.name }}</th><td>{{ row.total_text }}</td><td>{{ row.share | percent }}</td><td>{{ row.count | number }}</td><td>{{ row.average_text | default("—") }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
<table>
<caption>Units, longest compile first{% if build.units_cut > 0 %} ({{ build.units_cut | number }} more not shown){% endif %}</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Compile</th><th scope="col">Frontend</th><th scope="col">Backend</th></tr></thead>
<tbody>
{% for row in build.units %}<tr><th scope="row">{{ row.name }}</th><td>{{ row.total_text }}</td><td>{{ row.frontend_text }}</td><td>{{ row.backend_text }}</td></tr>
{% endfor %}
</tbody>
</table>
</section>

"""#,
        #"partials/change-points.html"#: #"""
<table class="sortable change-points">
<caption>{{ caption }}</caption>
<thead><tr><th scope="col">Operation</th><th scope="col">Since run</th><th scope="col">Started (UTC)</th><th scope="col">p50 before</th><th scope="col">p50 after</th><th scope="col">Change</th><th scope="col">p-value</th><th scope="col">Status</th></tr></thead>
<tbody>
{% for point in points %}
<tr class="verdict-{{ point.verdict }}">
<th scope="row" class="name" title="{{ point.operation }}">{% if point.trend_href %}<a href="{{ point.trend_href }}">{{ point.operation }}</a>{% else %}{{ point.operation }}{% endif %}</th>
<td>{% if point.href %}<a href="{{ point.href }}">{{ point.id }}</a>{% else %}{{ point.id }}{% endif %}</td>
<td><span class="nowrap">{{ point.time | default("—") }}</span>{% if point.ordered_by == "file_time" %} <span class="muted" title="no start time in the dump; ordered by file time">(file time)</span>{% endif %}</td>
<td data-sort="{{ point.before }}">{{ point.before_text }}</td>
<td data-sort="{{ point.after }}">{{ point.after_text }}</td>
<td data-sort="{{ point.change }}">{{ point.change | change }}</td>
<td class="number" data-sort="{{ point.p_value }}">{{ point.p_text }}</td>
<td>{% if point.fixed_by %}fixed by {% if point.fixed_href %}<a href="{{ point.fixed_href }}">{{ point.fixed_by }}</a>{% else %}{{ point.fixed_by }}{% endif %}{% if point.fixed_time %} <span class="nowrap">({{ point.fixed_time }})</span>{% endif %}{% elif point.verdict == "regression" %}<span class="verdict regression">open</span>{% else %}{{ point.verdict }}{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>

"""#,
        #"partials/comparison-table.html"#: #"""
<table class="sortable comparison">
<caption>{{ caption }}</caption>
<thead><tr><th scope="col">Operation</th><th scope="col">Verdict</th><th scope="col">Before (mean)</th><th scope="col">After (mean)</th><th scope="col">Change [95% interval]</th><th scope="col">p50 change</th><th scope="col">p95 change</th><th scope="col">p99 change</th><th scope="col">p-value</th><th scope="col">Adjusted p</th></tr></thead>
<tbody>
{% for row in rows %}
<tr class="verdict-{{ row.verdict }}">
<th scope="row" class="name" title="{{ row.name }}">{% if row.href %}<a href="{{ row.href }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %}</th>
<td><span class="verdict {{ row.verdict }}">{{ row.verdict }}</span>{% if row.verdict_note %}<br><small class="muted">{{ row.verdict_note }}</small>{% endif %}</td>
<td class="nowrap" data-sort="{{ row.before | default("") }}">{{ row.before_text | default("—") }}</td>
<td class="nowrap" data-sort="{{ row.after | default("") }}">{{ row.after_text | default("—") }}</td>
<td class="nowrap" data-sort="{{ row.interval_estimate | default(0) }}">{% if row.interval_text %}{{ row.interval_text }}{% elif row.change != null %}mean {{ row.change | change }}{% else %}—{% endif %}</td>
{% for change in [row.p50_change, row.p95_change, row.p99_change] %}<td data-sort="{{ change | default(0) }}">{% if change != null %}{{ change | change }}{% else %}—{% endif %}</td>{% endfor %}
<td class="nowrap" data-sort="{{ row.p_value | default(1) }}">{{ row.p_text | default("—") }}</td>
<td data-sort="{{ row.adjusted_p_value | default(1) }}">{{ row.adjusted_p_text | default("—") }}</td>
</tr>
{% endfor %}
</tbody>
</table>

"""#,
        #"partials/flame-hidden.html"#: #"""
{% if graph.hidden > 0 %} {{ graph.hidden | number }} frame{% if graph.hidden > 1 %}s are{% else %} is{% endif %} too thin to see at this width (frames below a thin frame counted) and not drawn on their own{% if graph.merged > 0 %}: {{ graph.merged | number }} thin sibling{% if graph.merged > 1 %}s are{% else %} is{% endif %} drawn together as grey frames named "N frames merged", their callees not shown{% endif %}; zooming does not bring them back.{% if graph.limited %} To keep the page light the graph draws about 5,000 frames: past that, the narrowest frames are left out too, even where wide enough to see.{% endif %}{% endif %}
"""#,
        #"partials/flame-scaled.html"#: #"""
{% if graph.scaled > 0 %} Under {{ graph.scaled | number }} frame{% if graph.scaled > 1 %}s{% endif %} the children ran concurrently (their totals add up to more than their caller's), so their widths are scaled to fit inside it; the tooltips keep the measured totals.{% endif %}
"""#,
        #"partials/operations-table.html"#: #"""
<table class="sortable operations">
<caption>{{ caption }}</caption>
<thead>
<tr><th scope="col">{% if suite %}Benchmark{% else %}Operation{% endif %}</th>
{% if sampled %}
<th scope="col" title="distinct stacks containing the operation; the weight columns count the samples">Stacks</th><th scope="col">Total weight</th><th scope="col">Share</th><th scope="col">Self weight</th><th scope="col">Self share</th>
{% else %}
{% if suite %}<th scope="col" title="the samples (repetitions or iterations) the benchmark reported">Samples</th>{% else %}<th scope="col" title="calls: spans of the operation">Calls</th><th scope="col" class="secondary">Total</th>{% endif %}<th scope="col">Mean</th><th scope="col" class="secondary">Min</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col" class="secondary">p99</th><th scope="col">Max</th>{% if not suite %}<th scope="col">Share</th><th scope="col" class="secondary">Self share</th>{% endif %}
{% endif %}
</tr>
</thead>
<tbody>
{% for op in operations %}
<tr{% if op.hot and not suite %} class="hot"{% endif %}>
<th scope="row" class="name" title="{{ op.name }}">{% if op.href %}<a href="{{ op.href }}">{{ op.name }}</a>{% else %}{{ op.name }}{% endif %}{% if op.summary_only %} <span class="muted" title="summary statistics only, not raw samples">(summary)</span>{% endif %}</th>
{% if sampled %}
<td data-sort="{{ op.count }}">{{ op.count_text }}</td>
<td data-sort="{{ op.values.total | default("") }}">{{ op.total_text }}</td>
<td data-sort="{{ op.values.share | default("") }}">{{ op.share | percent }}</td>
<td data-sort="{{ op.values.self_total | default("") }}">{{ op.self_text | default("—") }}</td>
<td data-sort="{{ op.values.self_share | default("") }}">{% if op.self_share != null %}{{ op.self_share | percent }}{% else %}—{% endif %}</td>
{% else %}
<td data-sort="{{ op.count }}">{{ op.count_text }}</td>
{% if not suite %}<td class="secondary" data-sort="{{ op.values.total | default("") }}">{{ op.total_text }}</td>{% endif %}
{% if op.has_summary %}
<td data-sort="{{ op.values.mean | default("") }}">{{ op.mean_text }}{% if op.other_mean_text %} <span class="muted" title="{{ op.measure_text }}; {{ op.other_measure_text }} beside it">({{ op.other_measure_text }} {{ op.other_mean_text }})</span>{% endif %}</td><td class="secondary" data-sort="{{ op.values.min | default("") }}">{{ op.min_text }}</td><td data-sort="{{ op.values.p50 | default("") }}">{{ op.p50_text }}</td><td data-sort="{{ op.values.p95 | default("") }}">{{ op.p95_text }}</td><td class="secondary" data-sort="{{ op.values.p99 | default("") }}">{{ op.p99_text }}</td><td data-sort="{{ op.values.max | default("") }}">{{ op.max_text }}</td>
{% else %}
<td class="number">—</td><td class="secondary number">—</td><td class="number">—</td><td class="number">—</td><td class="secondary number">—</td><td class="number">—</td>
{% endif %}
{% if not suite %}<td data-sort="{{ op.values.share | default("") }}">{% if op.metric == "timing" %}{{ op.share | percent }}{% else %}<span class="muted">{{ op.metric }}</span>{% endif %}</td>
<td class="secondary" data-sort="{{ op.values.self_share | default("") }}">{% if op.self_share != null %}{{ op.self_share | percent }}{% else %}—{% endif %}</td>{% endif %}
{% endif %}
</tr>
{% endfor %}
</tbody>
</table>

"""#,
        #"partials/recommendation.html"#: #"""
<article class="recommendation priority-{{ item.priority }}">
<h4><span class="badge {{ item.priority }}">{{ item.priority }}</span> {{ item.title }}</h4>
<p class="observation">{{ item.observation }}</p>
<p><strong>Do:</strong> {{ item.recommendation }}</p>
{% if item.amdahl %}<p class="estimate">{{ item.expected }} <span class="muted">Estimate: {{ item.estimated_speedup_text }} overall, from Amdahl's law with p = {{ item.affected_share | percent }} of the run and s = {{ item.local_speedup_text }}.</span></p>{% else %}<p class="estimate">{{ item.expected }}</p>{% endif %}
</article>

"""#,
        #"partials/run-facts.html"#: #"""
<dl class="facts">
<div><dt>Workflow</dt><dd>{{ run.workflow }}</dd></div>
<div><dt>Run</dt><dd>{{ run.id }}</dd></div>
{% if run.start_time %}<div><dt>Started</dt><dd><time datetime="{{ run.start_time }}">{{ run.start_time | date }}</time></dd></div>{% endif %}
{% if run.commit_short %}<div><dt>Commit</dt><dd><code>{{ run.commit_short }}</code>{% if run.branch %} on {{ run.branch }}{% endif %}</dd></div>{% endif %}
{% if run.host %}<div><dt>Host</dt><dd>{{ run.host }}</dd></div>{% endif %}
{% if run.environment %}<div><dt>Environment</dt><dd>{{ run.environment }}</dd></div>{% endif %}
{% if run.suite %}<div><dt>Benchmarks</dt><dd>{{ run.operation_count | number }}</dd></div>{% else %}<div><dt>Total</dt><dd>{{ run.total_text }} <span class="muted">({{ run.total_basis_text }})</span></dd></div>
<div><dt>Operations</dt><dd>{{ run.operation_count | number }}</dd></div>{% endif %}
</dl>

"""#,
        #"partials/run-pager.html"#: #"""
{% if previous_run or next_run %}<nav class="run-pager" aria-label="Runs">{% if previous_run %}<a rel="prev" href="{{ previous_run.href }}" title="{{ previous_run.id }}">← Previous run: {{ previous_run.id }}</a>{% endif %}{% if next_run %}<a rel="next" href="{{ next_run.href }}" title="{{ next_run.id }}">Next run: {{ next_run.id }} →</a>{% endif %}</nav>{% endif %}

"""#,
        #"partials/suite.html"#: #"""
<section id="suite" aria-labelledby="suite-heading">
<h2 id="suite-heading">Benchmarks</h2>
<p class="suite-status"><strong>{{ suite.status }}</strong></p>
<p>A {{ suite.kind_text }} of {{ suite.benchmark_count | number }} independent benchmark{% if suite.benchmark_count != 1 %}s{% endif %}: each is judged on its own, and their times are not added up into a run, so there are no hot paths, call tree or Amdahl estimates here.{% if suite.counts_text %} Against {{ suite.baseline_label }}: <strong>{{ suite.counts_text }}</strong>. A change is a regression or an improvement when it is at least {{ suite.threshold | percent(0) }} and significant at a {{ suite.false_discovery_rate | percent(0) }} false discovery rate across the benchmarks compared; "unchanged" means the whole 95% interval lies within ±{{ suite.threshold | percent(0) }}.{% endif %}</p>
{% if suite.family_changes %}
<p class="warning">Complexity changed since {{ suite.baseline_label }}: {{ suite.family_changes | join("; ") }}.</p>
{% endif %}
{% if suite.ranking %}
<div class="ranking">
<p><strong>{{ suite.fastest }}</strong></p>
<ul>
{% for command in suite.ranking %}{% if not command.fastest %}<li>{{ command.sentence }}</li>{% endif %}{% endfor %}
</ul>
</div>
<table class="ranking">
<caption>Commands ranked by mean time; the ratio's error propagates both commands' standard deviations, as hyperfine does</caption>
<thead><tr><th scope="col">Command</th><th scope="col">Mean ± σ</th><th scope="col">Relative to the fastest</th></tr></thead>
<tbody>
{% for command in suite.ranking %}<tr><th scope="row">{% if command.href %}<a href="{{ command.href }}">{{ command.name }}</a>{% else %}{{ command.name }}{% endif %}</th><td class="nowrap">{{ command.mean_text }}</td><td class="nowrap">{{ command.ratio_text }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
<table class="sortable suite">
<caption>{% if suite.rows_cut > 0 %}The first {{ suite.rows | length }} of {{ suite.rows | length + suite.rows_cut }} benchmarks, changes first{% else %}Every benchmark, changes first{% endif %}</caption>
<thead><tr><th scope="col">Benchmark</th><th scope="col">Base (mean)</th><th scope="col">Head (mean)</th><th scope="col">Change [95% interval]</th><th scope="col">Speed</th><th scope="col">Verdict</th><th scope="col">Noise (CV)</th></tr></thead>
<tbody>
{% for row in suite.rows %}
<tr{% if row.verdict %} class="verdict-{{ row.verdict }}"{% endif %}>
<th scope="row">{% if row.href %}<a href="{{ row.href }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %}</th>
<td class="nowrap">{{ row.base_text }}</td>
<td class="nowrap">{{ row.head_text }}</td>
<td class="nowrap">{{ row.change_text | default("—") }}</td>
<td class="nowrap">{{ row.speed_text | default("—") }}</td>
<td>{% if row.verdict %}<span class="verdict {{ row.verdict }}">{{ row.verdict }}</span>{% if row.verdict_text != row.verdict %}<br><small class="muted">{{ row.verdict_text }}</small>{% endif %}{% else %}—{% endif %}</td>
<td class="nowrap">{{ row.noise_text | default("—") }}{% if row.detectable_text %} <small class="muted">(sees {{ row.detectable_text }})</small>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% if suite.families %}
<h3 id="families">Families</h3>
<p>Benchmarks that differ only in one parameter, with the complexity their mean times fit best: time = c × g(n) by least squares for O(1), O(log n), O(n), O(n log n), O(n²) and O(n³), the smallest root-mean-square error (over the mean time) winning, as Google Benchmark's BigO does.</p>
<table class="families">
<caption>Families of parameterised benchmarks</caption>
<thead><tr><th scope="col">Family</th><th scope="col">Sizes</th><th scope="col">Complexity</th><th scope="col">RMS</th><th scope="col">Since the baseline</th></tr></thead>
<tbody>
{% for family in suite.families %}<tr><th scope="row">{{ family.name }}</th><td>{{ family.sizes_text }}</td><td>{{ family.complexity | default("—") }}</td><td>{{ family.rms_text | default("—") }}</td><td>{{ family.change_text | default("—") }}</td></tr>
{% endfor %}
</tbody>
</table>
{% for family in suite.families %}{% if family.chart %}<figure>{{ family.chart }}<figcaption>{{ family.name }}: mean time against n on log–log axes, with the fitted {{ family.complexity | default("curve") }}.</figcaption></figure>
{% endif %}{% endfor %}
{% endif %}
</section>

"""#,
        #"partials/suite.md"#: #"""
{% if suite.family_changes %}
**Complexity changed:** {{ suite.family_changes | join("; ") }}.

{% endif %}
{% if suite.ranking %}
**{{ suite.fastest }}**
{% for command in suite.ranking %}{% if not command.fastest %}
- {{ command.sentence }}
{% endif %}{% endfor %}

{% endif %}
{% if suite.counts_text %}
**{{ suite.counts_text }}** vs {{ suite.baseline_label }}. A change counts when it is at least {{ suite.threshold | percent(0) }} and significant at a {{ suite.false_discovery_rate | percent(0) }} false discovery rate across the benchmarks compared; "unchanged" means the whole 95% interval lies within ±{{ suite.threshold | percent(0) }}.

{% endif %}
{% if suite.rows %}
| Benchmark | Base | Head | Change [95% interval] | Speed | Verdict | Noise |
|---|---:|---:|---:|---|---|---:|
{% for row in suite.rows %}
| {% if row.url %}[{{ row.name }}]({{ row.url | raw }}){% else %}{{ row.name }}{% endif %} | {{ row.base_text }} | {{ row.head_text }} | {{ row.change_text | default("—") }} | {{ row.speed_text | default("—") }} | {{ row.verdict_text | default("—") }} | {{ row.noise_text | default("—") }} |
{% endfor %}
{% if suite.rows_cut > 0 %}

… and {{ suite.rows_cut | number }} more on the site{% if run_url %} ([full report]({{ run_url | raw }})){% endif %}.
{% endif %}

{% endif %}
{% if suite.families %}
<details><summary>Families ({{ suite.families | length }})</summary>

| Family | Sizes | Complexity | RMS |
|---|---|---|---:|
{% for family in suite.families %}
| {{ family.name }} | {{ family.sizes_text }} | {% if family.change_text %}{{ family.change_text }}{% else %}{{ family.complexity | default("—") }}{% endif %} | {{ family.rms_text | default("—") }} |
{% endfor %}

</details>

{% endif %}

"""#,
        #"report.md"#: #"""
## {{ status }}

**{{ title }}**: {{ headline }}{% if run.suite %} ({{ run.run_kind_text }}){% endif %}

Run **{{ run.id }}**{% if run.commit_short %} at `{{ run.commit_short }}`{% endif %}{% if run.branch %} on {{ run.branch }}{% endif %}{% if not run.suite %} · total {{ run.total_text }}{% endif %}{% if speedup.measured_text %} · measured speedup vs baseline **{{ speedup.measured_text }}**{% endif %}{% if speedup.estimated_text %} · estimated speedup if all recommendations are applied {{ speedup.estimated_text }} (estimate){% endif %}{% if run_url %} · [full report]({{ run_url | raw }}){% endif %}
{% if skipped_runs %}

_Not the newest dump: {{ skipped_runs | join(", ") }} came after it but {% if skipped_runs | length == 1 %}has{% else %}have{% endif %} no operations, so this summary is of the newest run that has some._
{% endif %}

{% if suite %}
{% include "partials/suite.md" %}
{% if attributed %}
Where the changes came from, in the profiles of the same runs:

{% for row in changes %}
{% if row.attribution %}
- **{{ row.name }}** {% if row.interval_estimate != null %}{{ row.interval_estimate | change }}{% else %}{{ row.change | change }}{% endif %}: {{ row.attribution.summary }}
{% endif %}
{% endfor %}

{% endif %}
{% elif changes %}
### Significant changes vs {{ baseline_label }}

{{ counts_text }}. Regressions and improvements are significant at a {{ false_discovery_rate | percent(0) }} false discovery rate across the operations compared and at least {{ threshold | percent(0) }}.

| Operation | Verdict | Before | After | Change [95% interval] | Speed | p-value (adjusted) |
|---|---|---:|---:|---:|---|---:|
{% for row in changes %}
| {% if row.url %}[{{ row.name }}]({{ row.url | raw }}){% else %}{{ row.name }}{% endif %}{% if row.measure_text %} ({{ row.measure_text }}){% endif %} | {{ row.verdict }} | {{ row.before_text }} | {{ row.after_text }} | {% if row.interval_text %}{{ row.interval_text }}{% else %}{{ row.change | change }}{% endif %} | {{ row.speed_text | default("—") }} | {{ row.p_text }}{% if row.adjusted_p_text %} ({{ row.adjusted_p_text }}){% endif %} |
{% endfor %}
{% if attributed %}

{% endif %}
{% for row in changes %}
{% if row.attribution %}
- **{{ row.name }}** {% if row.interval_estimate != null %}{{ row.interval_estimate | change }}{% else %}{{ row.change | change }}{% endif %}: {{ row.attribution.summary }}
{% endif %}
{% endfor %}
{% if changes_cut > 0 %}

… and {{ changes_cut | number }} more on the site{% if run_url %} ([full report]({{ run_url | raw }})){% endif %}.
{% endif %}

{% elif baseline_label %}
No significant change vs {{ baseline_label }}: {{ counts_text }}.

{% endif %}
{% if exceeded_budgets %}
### Budgets exceeded

| Subject | Measure | Actual | Budget |
|---|---|---:|---:|
{% for check in exceeded_budgets %}
| {{ check.subject }} | {{ check.measure }} | {{ check.actual_text }} | {{ check.limit_text }} |
{% endfor %}

{% endif %}
{% if bottlenecks %}
### Top bottlenecks

| Operation | Share of run | Self share |
|---|---:|---:|
{% for row in bottlenecks %}
| {% if row.url %}[{{ row.name }}]({{ row.url | raw }}){% else %}{{ row.name }}{% endif %} | {{ row.share | percent }} | {% if row.self_share != null %}{{ row.self_share | percent }}{% else %}—{% endif %} |
{% endfor %}

{% endif %}
{% if critical %}
### Critical recommendations

{% for item in critical %}
- **{{ item.title }}**: {{ item.observation }} {{ item.recommendation }}{% if item.amdahl %} _Estimated {{ item.estimated_speedup_text }} overall (Amdahl's law with p = {{ item.affected_share | percent }} of the run, s = {{ item.local_speedup_text }})._{% endif %}
{% endfor %}

{% endif %}
{% if show_details %}
{% if other_recommendations %}
<details><summary>{% if run.suite %}Advice on the measurements{% else %}Other recommendations{% endif %} ({{ other_recommendations | length }})</summary>

{% for item in other_recommendations %}
- **{{ item.priority }}: {{ item.title }}**: {{ item.observation }} {{ item.recommendation }}{% if item.amdahl %} _Estimated {{ item.estimated_speedup_text }} overall (Amdahl's law with p = {{ item.affected_share | percent }} of the run, s = {{ item.local_speedup_text }})._{% endif %}
{% endfor %}

</details>

{% endif %}
{% if operations %}
<details><summary>All operations ({{ operations | length }}{% if operations_cut > 0 %} of {{ run.operation_count }}{% endif %})</summary>

{% if run.sampled %}
| Operation | Stacks | Total | Share | Self share |
|---|---:|---:|---:|---:|
{% for op in operations %}
| {{ op.name }}{% if op.location %} ({{ op.location }}){% endif %} | {{ op.count_text }} | {{ op.total_text }} | {{ op.share | percent }} | {% if op.self_share != null %}{{ op.self_share | percent }}{% else %}—{% endif %} |
{% endfor %}
{% else %}
| Operation | Count | Mean | p50 | p95 | p99 | Max | Share |
|---|---:|---:|---:|---:|---:|---:|---:|
{% for op in operations %}
| {{ op.name }} | {{ op.count_text }} | {{ op.mean_text | default("—") }}{% if op.other_mean_text %} ({{ op.other_measure_text }} {{ op.other_mean_text }}){% endif %} | {{ op.p50_text | default("—") }} | {{ op.p95_text | default("—") }} | {{ op.p99_text | default("—") }} | {{ op.max_text | default("—") }} | {{ op.share | percent }} |
{% endfor %}
{% endif %}
{% if operations_cut > 0 %}

… and {{ operations_cut | number }} more on the site.
{% endif %}

</details>

{% endif %}
{% endif %}
{% if build %}
### Build: {{ build.unit_count }} compile{% if build.unit_count != 1 %}s{% endif %}, {{ build.total_text }}

{% for item in build.recommendations %}
- **{{ item.priority }}: {{ item.title }}**: {{ item.observation }} {{ item.recommendation }} _Estimated {{ item.estimated_speedup_text }} for the build (Amdahl's law with p = {{ item.affected_share | percent }} of the build, s = {{ item.local_speedup_text }})._
{% endfor %}
{% if show_details %}
<details><summary>Most expensive headers, templates and functions</summary>

| Header | Parse time | Share | Includes | Units |
|---|---:|---:|---:|---:|
{% for row in build.headers %}
| {{ row.name }} | {{ row.total_text }} | {{ row.share | percent }} | {{ row.count }} | {{ row.units }} |
{% endfor %}

| Template | Time | Share | Instantiations | Units |
|---|---:|---:|---:|---:|
{% for row in build.templates %}
| {{ row.name }} | {{ row.total_text }} | {{ row.share | percent }} | {{ row.count }} | {{ row.units }} |
{% endfor %}

| Function | Time | Share | Events | Units |
|---|---:|---:|---:|---:|
{% for row in build.functions %}
| {{ row.name }} | {{ row.total_text }} | {{ row.share | percent }} | {{ row.count }} | {{ row.units }} |
{% endfor %}

</details>

{% endif %}
{% endif %}{% if recommendations_cut > 0 %}
_{{ recommendations_cut }} more recommendations are on the site._

{% endif %}
<sub>Made by Hotpath. {% if run.suite %}Every number is measured; verdicts control the false discovery rate across the benchmarks.{% else %}Estimates come from Amdahl's law and are labelled as such; every other number is measured.{% endif %}</sub>

"""#,
        #"style.css"#: #"""
/* Hotpath's default stylesheet. Restyle the site by copying Templates/ and passing --templates. */
:root {
  --bg: #ffffff; --fg: #1d2330; --muted: #5f6b7a; --line: #d9dee5; --panel: #f5f7fa;
  --accent: #2f6fdf; --hot: #d9480f; --bad: #c92a2a; --good: #2b8a3e; --warn: #e67700;
  --bar: #4c7bd9; --band: rgba(76, 123, 217, 0.15);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --fg: #e3e7ee; --muted: #9aa5b4; --line: #2e3440; --panel: #1c2028;
    --accent: #7aa7ff; --hot: #ff8a4c; --bad: #ff6b6b; --good: #69db7c; --warn: #ffa94d;
    --bar: #6d96ea; --band: rgba(109, 150, 234, 0.2);
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
.site-header { border-bottom: 1px solid var(--line); background: var(--panel); }
.site-header nav { max-width: 1100px; margin: 0 auto; padding: 0.6rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); }
.site-footer { max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: 0.85em; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
.verdict { padding: 0.8rem 1rem; border-left: 5px solid var(--muted); background: var(--panel); border-radius: 4px; }
.tone-bad { border-left-color: var(--bad); }
.tone-good { border-left-color: var(--good); }
.tone-warn { border-left-color: var(--warn); }
.key-numbers, .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 0.5rem 1rem; }
.key-numbers dt, .facts dt { color: var(--muted); font-size: 0.85em; }
.key-numbers dd, .facts dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding: 0.3rem 0; }
th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th[scope="row"], thead th:first-child { text-align: left; }
thead th { border-bottom: 2px solid var(--line); cursor: default; }
table.sortable thead th { cursor: pointer; }
tr.hot th[scope="row"]::before { content: "● "; color: var(--hot); }
.verdict.regression, .badge.critical { color: #fff; background: var(--bad); }
.verdict.improvement { color: #fff; background: var(--good); }
.verdict, .badge { padding: 0 0.35rem; border-radius: 3px; font-size: 0.85em; }
span.verdict { border: 0; }
.badge.high { background: var(--hot); color: #fff; }
.badge.medium { background: var(--warn); color: #fff; }
.badge.low { background: var(--muted); color: #fff; }
.recommendation { border: 1px solid var(--line); border-radius: 6px; padding: 0.2rem 1rem; margin: 0.6rem 0; }
.recommendation.priority-critical { border-color: var(--bad); }
.recommendation h4 { margin: 0.6rem 0 0.2rem; }
.estimate { font-size: 0.92em; }
.toc { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 1rem 0; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
.scroll { overflow-x: auto; }
figure { margin: 0.5rem 0 1rem; }
figcaption { color: var(--muted); font-size: 0.85em; }
svg.chart { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.chart text { fill: var(--fg); }
svg.chart .tick, svg.chart .value { fill: var(--muted); }
svg.chart .bar rect, svg.chart .bin { fill: var(--bar); }
svg.chart .bar.hot rect, svg.chart .bar.below rect { fill: var(--hot); }
svg.chart .axis { stroke: var(--line); }
svg.chart .grid { stroke: var(--line); stroke-opacity: 0.5; }
svg.chart .axis-title { fill: var(--muted); font-size: 11px; }
svg.chart .marker line, svg.chart .reference line { stroke: var(--warn); stroke-dasharray: 4 3; }
svg.chart .marker text, svg.chart .reference text { fill: var(--warn); }
svg.chart .percentile line { stroke: var(--fg); stroke-dasharray: 3 2; }
svg.chart .percentile.p99 line { stroke: var(--bad); }
svg.chart .series path { fill: none; stroke: var(--accent); stroke-width: 2; }
svg.chart .series circle, svg.chart .points circle { fill: var(--accent); }
svg.chart .series.p95 path { stroke: var(--hot); }
svg.chart .series.p95 circle, svg.chart .points circle.p95 { fill: var(--hot); }
svg.chart .band { fill: var(--band); }
svg.chart .change-point line { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 5 3; }
svg.flamegraph text { fill: #1d2330; font-size: 11px; pointer-events: none; }
svg.flamegraph rect { stroke: var(--bg); stroke-width: 0.5; }
svg.flamegraph .new-fill { fill: #e9d5ff; }
svg.flamegraph .new-stripe { stroke: #9c36b5; stroke-width: 2; }
.swatch.slower { background: hsl(0, 80%, 70%); color: #000; padding: 0 0.3rem; }
.swatch.faster { background: hsl(215, 80%, 70%); color: #000; padding: 0 0.3rem; }
.warning { color: var(--warn); }
@media (max-width: 640px) {
  body { font-size: 14px; }
  main { padding: 0.5rem; }
  table { display: block; overflow-x: auto; }
  /* The table scrolls sideways in its box: cells keep one line rather than wrap letter by letter. */
  th, td { white-space: nowrap; }
  /* Columns a phone can do without; the operation pages have every number. */
  table.operations .secondary { display: none; }
}
ul.trends { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 0.6rem 1rem; }
ul.trends li { border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.6rem; }
ul.trends li.regressed { border-color: var(--bad); }
ul.trends .muted { display: block; font-size: 0.8em; }
svg.sparkline { display: block; width: 100%; height: auto; }
svg.sparkline .series path { stroke-width: 1.5; }
svg.sparkline .change-point { stroke: var(--bad); stroke-dasharray: 3 2; }
.trend-group summary { cursor: pointer; font-weight: 600; margin: 0.5rem 0; }
tr.change-start th { border-left: 3px solid var(--bad); }
svg.chart .flagged, svg.sparkline .other-environment { fill: var(--bg); stroke: var(--warn); stroke-width: 1.5; }
/* Tables: numbers never wrap; long names are cut with an ellipsis, the full name on hover. */
td[data-sort], td.number, table.every-operation td { white-space: nowrap; }
/* The list of every operation has no title per name (10,000 rows): long names wrap anywhere. */
table.every-operation tbody th { overflow-wrap: anywhere; min-width: 12rem; }
th.name, td.name { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
th button.sort { font: inherit; font-weight: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button.sort::after { content: " ↕"; color: var(--muted); opacity: 0.6; }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; color: var(--accent); opacity: 1; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; color: var(--accent); opacity: 1; }
th button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
/* Wide figures keep their size (readable text) and scroll sideways inside their box. */
.scroll svg.chart { max-width: none; }
.scroll { max-width: 100%; }
/* Long names without spaces (io/netty/channel/…) break rather than widen the page. */
main p, main li, main dd, main h1, main h2, main h3, figcaption, caption { overflow-wrap: anywhere; }
/* Flame graphs with the script: zoom, search, flip. */
.flame-controls { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; margin: 0.4rem 0; }
.flame-controls input { font: inherit; width: 14rem; max-width: 60vw; }
.flame-info { min-height: 1.5em; margin: 0.2rem 0; overflow-wrap: anywhere; }
.flame-info button, .flame-controls button, .flame-sandwich button { font: inherit; }
svg.flamegraph.interactive .frame { cursor: pointer; }
svg.flamegraph .frame:hover rect { stroke: var(--fg); stroke-width: 1; }
svg.flamegraph .ancestor rect { opacity: 0.55; }
svg.flamegraph.searching .frame rect { opacity: 0.3; }
svg.flamegraph.searching .frame.match rect { opacity: 1; stroke: #c2255c; stroke-width: 1.5; }
svg.flamegraph .frame.match rect { fill: #e64980; }
.flame-sandwich { border: 1px solid var(--line); border-radius: 6px; padding: 0.2rem 0.8rem 0.8rem; margin: 0.6rem 0; overflow-x: auto; }
.flame-sandwich svg { display: block; }
/* Trend charts: points open their run. */
svg.chart a.point circle { r: 4; }
svg.chart a.point:hover circle, svg.chart a.point:focus circle { r: 6; }
.run-pager { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.4rem 1rem; margin: -0.4rem 0 0.8rem; }
.run-pager a { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

"""#,
    ]
}
