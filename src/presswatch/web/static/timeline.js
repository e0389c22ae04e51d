// A small zoomable SVG timeline (no library): wheel or buttons zoom, drag pans, click shows the event.
// Data comes from <script type="application/json" id="timeline-data"> (JSON, never executed).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function parse(value, end) {
    if (!value) return null;
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : (end ? 11 : 0);
    var d = m[3] ? +m[3] : (end ? new Date(Date.UTC(y, mo + 1, 0)).getUTCDate() : 1);
    return Date.UTC(y, mo, d);
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function ticks(t0, t1, width) {
    var span = t1 - t0, out = [];
    var steps = [[DAY, "day"], [7 * DAY, "week"], [30.4 * DAY, "month"], [91 * DAY, "quarter"], [365.25 * DAY, "year"], [5 * 365.25 * DAY, "5y"]];
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) { if (span / steps[i][0] <= width / 70) { step = steps[i]; break; } }
    var d = new Date(t0), t;
    if (step[1] === "day" || step[1] === "week") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    else if (step[1] === "month" || step[1] === "quarter") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    else t = Date.UTC(d.getUTCFullYear(), 0, 1);
    for (var n = 0; t <= t1 && n < 400; n++) {
      if (t >= t0) out.push([t, label(t, step[1])]);
      var dt = new Date(t);
      if (step[1] === "day") t += DAY;
      else if (step[1] === "week") t += 7 * DAY;
      else if (step[1] === "month") t = Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1);
      else if (step[1] === "quarter") t = Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 3, 1);
      else if (step[1] === "year") t = Date.UTC(dt.getUTCFullYear() + 1, 0, 1);
      else t = Date.UTC(dt.getUTCFullYear() + 5, 0, 1);
    }
    return out;
  }

  function label(t, kind) {
    var iso = new Date(t).toISOString();
    return kind === "day" || kind === "week" ? iso.slice(0, 10) : kind === "month" || kind === "quarter" ? iso.slice(0, 7) : iso.slice(0, 4);
  }

  function init(box) {
    var data = JSON.parse(document.getElementById(box.dataset.source).textContent);
    var svg = box.querySelector("svg"), detail = box.querySelector(".timeline-detail");
    var items = data.map(function (it) {
      var s = parse(it.start, false), e = parse(it.end || it.start, true);
      return { it: it, s: s, e: Math.max(e || s, s) };
    }).filter(function (x) { return x.s !== null; });
    if (!items.length) return;
    var min = Math.min.apply(null, items.map(function (x) { return x.s; }));
    var max = Math.max.apply(null, items.map(function (x) { return x.e; }));
    var pad = Math.max((max - min) * 0.05, 15 * DAY);
    var full = [min - pad, max + pad], view = full.slice(), selected = null;

    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      var width = svg.clientWidth || 800, height = svg.clientHeight || 260, axisY = height - 28;
      var scale = width / (view[1] - view[0]);
      var x = function (t) { return (t - view[0]) * scale; };
      var axis = el("g", { "class": "axis" }, svg);
      el("line", { x1: 0, x2: width, y1: axisY, y2: axisY }, axis);
      ticks(view[0], view[1], width).forEach(function (tk) {
        el("line", { x1: x(tk[0]), x2: x(tk[0]), y1: axisY, y2: axisY + 5 }, axis);
        el("text", { x: x(tk[0]) + 3, y: axisY + 18 }, axis).textContent = tk[1];
      });
      var laneEnd = [], lanes = Math.max(1, Math.floor((axisY - 20) / 34));
      items.forEach(function (item, i) {
        var x0 = x(item.s), x1 = x(item.e);
        if (x1 < -150 || x0 > width + 10) return;
        var lane = 0;
        while (lane < lanes - 1 && laneEnd[lane] !== undefined && laneEnd[lane] > x0) lane++;
        laneEnd[lane] = Math.max(x1, x0) + 130;
        var y = axisY - 20 - lane * 34;
        var g = el("g", { "class": "ev " + item.it.status + (selected === i ? " selected" : ""), "data-index": i, tabindex: 0 }, svg);
        if (x1 - x0 > 3) el("line", { "class": "span", x1: x0, x2: x1, y1: y, y2: y }, g);
        if (item.it.status === "planned") el("path", { d: "M" + x0 + " " + (y - 7) + " l7 7 l-7 7 l-7 -7 z" }, g);
        else if (item.it.status === "cancelled") el("path", { d: "M" + (x0 - 5) + " " + (y - 5) + " l10 10 m0 -10 l-10 10" }, g);
        else el("circle", { cx: x0, cy: y, r: 6 }, g);
        var text = el("text", { x: x0 + 10, y: y + 4 }, g);
        text.textContent = (item.it.label || item.it.type || "").slice(0, 40);
        el("title", {}, g).textContent = item.it.start + (item.it.end && item.it.end !== item.it.start ? " – " + item.it.end : "") + ": " + item.it.label + " (" + item.it.status + ")";
      });
    }

    function show(i) {
      selected = i;
      var it = items[i].it;
      detail.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = it.start + (it.end && it.end !== it.start ? " – " + it.end : "") + " · " + it.status + " " + (it.type || "");
      var a = document.createElement("a");
      a.href = "/articles/" + encodeURIComponent(it.article_id);
      a.textContent = it.title || it.article_id;
      detail.append(strong, " ", it.label || "", " — ", a, it.outlet ? " (" + it.outlet + ")" : "");
      draw();
    }

    function zoom(factor, at) {
      var span = view[1] - view[0], center = at === undefined ? view[0] + span / 2 : at;
      var next = Math.min(Math.max(span * factor, DAY * 3), (full[1] - full[0]) * 20);
      var ratio = (center - view[0]) / span;
      view = [center - ratio * next, center - ratio * next + next];
      draw();
    }

    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var rect = svg.getBoundingClientRect();
      var at = view[0] + (ev.clientX - rect.left) / rect.width * (view[1] - view[0]);
      zoom(ev.deltaY > 0 ? 1.25 : 0.8, at);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, view: view.slice(), moved: false }; svg.classList.add("dragging"); });
    window.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      var shift = dx / (svg.clientWidth || 800) * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - shift, drag.view[1] - shift];
      draw();
    });
    window.addEventListener("pointerup", function (ev) {
      if (!drag) return;
      var moved = drag.moved; drag = null; svg.classList.remove("dragging");
      if (moved) return;
      var g = ev.target.closest && ev.target.closest(".ev");
      if (g) show(+g.getAttribute("data-index"));
    });
    svg.addEventListener("keydown", function (ev) {
      var g = ev.target.closest && ev.target.closest(".ev");
      if (g && ev.key === "Enter") show(+g.getAttribute("data-index"));
    });
    box.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.dataset.zoom === "fit") { view = full.slice(); draw(); } else zoom(b.dataset.zoom === "in" ? 0.5 : 2);
      });
    });
    window.addEventListener("resize", draw);
    draw();
  }

  window.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".timeline[data-source]").forEach(init);
  });
})();
