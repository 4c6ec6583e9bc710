// Charts drawn from the JSON API: stacked bars over time, and an actor's co-occurrence network.
// Every label is set with textContent: names come from scraped text and are never parsed as HTML.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f", "#bab0ac", "#1f3a5f", "#8cd17d", "#d37295", "#a0cbe8", "#ffbe7d", "#86bcb6"];
  const TYPE_COLOURS = { person: "#aa9cfc", organization: "#7aecec", country: "#feca74", armed_group: "#ff8197",
                         igo: "#bfeeb7", media: "#c887fb", group: "#dddddd" };

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, value, attrs) {
    const node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = String(value);
    return node;
  }

  function message(figure, words) {
    const p = document.createElement("p");
    p.className = "meta";
    p.textContent = words;
    figure.appendChild(p);
  }

  // rows: [{period, counts: {series: n}}]; series: names in stacking order.
  function stackedBars(figure, rows, series) {
    if (!rows.length) { message(figure, "Nothing to show for these filters."); return; }
    const W = 900, H = 260, left = 36, bottom = 40, top = 10;
    const totals = rows.map(r => series.reduce((s, k) => s + (r.counts[k] || 0), 0));
    const max = Math.max(1, ...totals);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" }, figure);
    const title = el("title", {}, svg);
    title.textContent = figure.getAttribute("aria-label") || "chart";
    const plotW = W - left - 10, plotH = H - top - bottom;
    const step = plotW / rows.length, bar = Math.max(1, step * 0.8);
    for (let t = 0; t <= 4; t++) {
      const v = Math.round(max * t / 4), y = top + plotH - plotH * v / max;
      el("line", { x1: left, x2: W - 10, y1: y, y2: y, stroke: "#eee" }, svg);
      text(svg, left - 4, y + 3, v, { class: "axis", "text-anchor": "end" });
    }
    const every = Math.ceil(rows.length / 12);
    rows.forEach((r, i) => {
      let y = top + plotH;
      const x = left + i * step + (step - bar) / 2;
      series.forEach((k, j) => {
        const n = r.counts[k] || 0;
        if (!n) return;
        const h = plotH * n / max;
        y -= h;
        const rect = el("rect", { x: x, y: y, width: bar, height: h, fill: PALETTE[j % PALETTE.length], class: "bar" }, svg);
        el("title", {}, rect).textContent = `${r.period} · ${k}: ${n}`;
      });
      if (i % every === 0) text(svg, x + bar / 2, H - bottom + 14, r.period, { class: "axis", "text-anchor": "middle" });
    });
    const legend = document.createElement("p");
    legend.className = "chart-legend";
    series.forEach((k, j) => {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = PALETTE[j % PALETTE.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(k));
      legend.appendChild(item);
    });
    figure.appendChild(legend);
  }

  async function timeline(figure) {
    const response = await fetch(figure.dataset.src);
    const data = await response.json();
    if (!response.ok) { message(figure, data.error || "The chart could not be loaded."); return; }
    if (figure.dataset.series) {  // an actor: articles, quotes, events per period
      const series = figure.dataset.series.split(",");
      stackedBars(figure, data.series.map(r => ({ period: r.period, counts: r })), series);
    } else if (figure.dataset.kind === "articles") {
      stackedBars(figure, data.counts.map(r => ({ period: r.period, counts: { articles: r.count } })), ["articles"]);
    } else {
      if (data.note) message(figure, data.note);
      stackedBars(figure, data.series, data.types);
    }
  }

  async function network(figure) {
    const response = await fetch(figure.dataset.src);
    const data = await response.json();
    if (!response.ok || !data.nodes.length) { message(figure, data.error || "No actors to show."); return; }
    const W = 320, H = 320, cx = W / 2, cy = H / 2;
    const focus = Number(figure.dataset.focus);
    const others = data.nodes.filter(n => n.id !== focus);
    const maxWeight = Math.max(1, ...others.map(n => n.weight || 1));
    const where = new Map([[focus, [cx, cy]]]);
    others.forEach((n, i) => {
      const angle = 2 * Math.PI * i / Math.max(1, others.length);
      const radius = 135 - 70 * (n.weight || 1) / maxWeight;  // the more shared articles, the closer
      where.set(n.id, [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
    });
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" }, figure);
    el("title", {}, svg).textContent = figure.getAttribute("aria-label") || "network";
    for (const link of data.links) {
      const a = where.get(link.source), b = where.get(link.target);
      if (!a || !b) continue;
      el("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "stroke-width": Math.min(4, 0.5 + link.weight / 2) }, svg);
    }
    for (const n of data.nodes) {
      const [x, y] = where.get(n.id);
      const group = el("a", { href: "/actors/" + Number(n.id), class: "node" }, svg);
      const r = n.id === focus ? 9 : 4 + 4 * (n.weight || 1) / maxWeight;
      el("circle", { cx: x, cy: y, r: r, fill: TYPE_COLOURS[n.type] || "#ccc", stroke: "#555" }, group);
      el("title", {}, group).textContent = `${n.name} (${n.type})` + (n.weight ? ` · ${n.weight} shared articles` : "");
      text(group, x + r + 2, y + 3, n.name);
    }
  }

  function start() {
    document.querySelectorAll("figure.chart[data-src]").forEach(f => timeline(f).catch(e => message(f, "Chart failed: " + e)));
    document.querySelectorAll("figure.network[data-src]").forEach(f => network(f).catch(e => message(f, "Network failed: " + e)));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
