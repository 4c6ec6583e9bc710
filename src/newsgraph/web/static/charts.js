// Charts drawn from the JSON API: stacked bars over time, an actor's tone over time, and its co-occurrence network.
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

  const DAY = 86400000;
  const TYPE = /^[A-Z_]{2,20}$/;  // a PLOVER type, safe in a class name
  // A period's first day as a UTC time: "2026-03-09" (a day, or the Monday of a week) or "2026-03" (a month).
  const periodStart = p => Date.UTC(+p.slice(0, 4), +(p.slice(5, 7) || 1) - 1, +(p.slice(8, 10) || 1));
  function periodEnd(t, interval) {  // the first instant after the period
    if (interval === "month") { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }
    return t + (interval === "week" ? 7 : 1) * DAY;
  }
  const iso = t => new Date(t).toISOString().slice(0, 10);
  // Ticks on a real time axis: the finest calendar step that gives at most `most` of them.
  function ticks(t0, t1, most) {
    const steps = [["day", 1], ["day", 7], ["month", 1], ["month", 3], ["month", 6], ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 25]];
    for (const [unit, n] of steps) {
      const out = [];
      const d0 = new Date(t0);
      let t = unit === "day" ? Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), d0.getUTCDate())
        : unit === "month" ? Date.UTC(d0.getUTCFullYear(), Math.floor(d0.getUTCMonth() / n) * n, 1)
        : Date.UTC(Math.floor(d0.getUTCFullYear() / n) * n, 0, 1);
      while (t <= t1 && out.length <= most) {
        if (t >= t0) out.push(t);
        const d = new Date(t);
        t = unit === "day" ? t + n * DAY : unit === "month" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)
          : Date.UTC(d.getUTCFullYear() + n, 0, 1);
      }
      if (out.length <= most) {
        const label = unit === "year" ? (x => iso(x).slice(0, 4)) : unit === "month" ? (x => iso(x).slice(0, 7)) : iso;
        return out.map(x => [x, label(x)]);
      }
    }
    return [];
  }

  // Stacked bars on a real time axis: a bar's x is its period's date, so empty periods stay empty.
  // rows: [{period, counts: {series: n}}]; series: names in stacking order; opts: interval, colour
  // (series, index) -> {fill} or {cls}, href (row, series) -> a link for the bar, or none.
  // The frame both charts draw on: an svg in the figure, a real time axis over the rows' periods
  // (widened around a few of them) with its date ticks, and each row's bar slot on it.
  function timeFrame(figure, rows, interval, H, title) {
    const W = 900, left = 36, right = 12, bottom = 40, top = 10;
    const starts = rows.map(r => periodStart(r.period));
    let t0 = Math.min(...starts), t1 = periodEnd(Math.max(...starts), interval);
    if (t1 - t0 < 8 * (periodEnd(t0, interval) - t0)) {  // a few periods: widen the axis around them
      const pad = 4 * (periodEnd(t0, interval) - t0);
      t0 -= pad; t1 += pad;
    }
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" }, figure);
    el("title", {}, svg).textContent = figure.getAttribute("aria-label") || title;
    const plotW = W - left - right, plotH = H - top - bottom;
    const x = t => left + plotW * (t - t0) / (t1 - t0);
    for (const [t, label] of ticks(t0, t1, 10)) {
      el("line", { x1: x(t), x2: x(t), y1: top + plotH, y2: top + plotH + 4, stroke: "#999" }, svg);
      text(svg, x(t), H - bottom + 16, label, { class: "axis", "text-anchor": "middle" });
    }
    const slot = i => {  // [x, width] of row i's bar: its period's span, a little narrower
      const a = x(starts[i]), b = x(periodEnd(starts[i], interval));
      const width = Math.max(1, (b - a) * 0.85);
      return [a + (b - a - width) / 2, width];
    };
    return { svg, slot, left, right, top, plotH, W };
  }

  function timeBars(figure, rows, series, opts) {
    if (!rows.length) { message(figure, "Nothing to show for these filters."); return; }
    const totals = rows.map(r => series.reduce((s, k) => s + (r.counts[k] || 0), 0));
    const max = Math.max(1, ...totals);
    const { svg, slot, left, right, top, plotH, W } = timeFrame(figure, rows, opts.interval || "week", 260, "chart");
    for (let t = 0; t <= 4; t++) {
      const v = Math.round(max * t / 4), y = top + plotH - plotH * v / max;
      el("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: "#eee" }, svg);
      text(svg, left - 4, y + 3, v, { class: "axis", "text-anchor": "end" });
    }
    el("line", { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, stroke: "#999" }, svg);
    rows.forEach((r, i) => {
      const [barX, width] = slot(i);
      let y = top + plotH;
      series.forEach((k, j) => {
        const n = r.counts[k] || 0;
        if (!n) return;
        const h = plotH * n / max;
        y -= h;
        const href = opts.href ? opts.href(r, k) : null;
        const parent = href ? el("a", { href: href, "aria-label": `${r.period} · ${k}: ${n}` }, svg) : svg;
        const look = opts.colour(k, j);
        const rect = el("rect", { x: barX, y: y, width: width, height: h, class: "bar" + (look.cls ? " " + look.cls : "") }, parent);
        if (look.fill) rect.style.fill = look.fill;
        el("title", {}, href ? parent : rect).textContent = `${r.period} · ${k}: ${n}`;
      });
    });
    const legend = document.createElement("p");
    legend.className = "chart-legend";
    series.forEach((k, j) => {
      const item = document.createElement("span");
      const look = opts.colour(k, j);
      if (look.cls) item.className = look.cls;
      const swatch = document.createElement("i");
      if (look.fill) swatch.style.background = look.fill;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(k));
      legend.appendChild(item);
    });
    figure.appendChild(legend);
    figure.dataset.bars = String(svg.querySelectorAll("rect.bar").length);
  }
  const palette = (k, j) => ({ fill: PALETTE[j % PALETTE.length] });
  const byType = k => ({ cls: TYPE.test(k) ? "ev-" + k : "" });

  // Signed bars on a real time axis around a zero line: an actor's tone per period (negative red, below
  // zero; positive green, above). rows: [{period, tone, sentences}].
  function toneBars(figure, rows, interval) {
    if (!rows.length) { message(figure, "No tone measured in its articles."); return; }
    const most = Math.max(1, ...rows.map(r => Math.abs(r.tone)));
    const { svg, slot, left, right, top, plotH, W } = timeFrame(figure, rows, interval, 220, "tone");
    const zero = top + plotH / 2;
    const y = v => zero - (plotH / 2) * v / most;
    for (const v of [-most, -most / 2, 0, most / 2, most]) {
      el("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: v === 0 ? "#999" : "#eee" }, svg);
      text(svg, left - 4, y(v) + 3, Math.round(v * 10) / 10, { class: "axis", "text-anchor": "end" });
    }
    rows.forEach((r, i) => {
      const [barX, width] = slot(i);
      const rect = el("rect", { x: barX, y: Math.min(zero, y(r.tone)), width: width,
                                height: Math.max(1, Math.abs(y(r.tone) - zero)), class: "bar " + (r.tone < 0 ? "tone-neg" : "tone-pos") }, svg);
      el("title", {}, rect).textContent = `${r.period} · tone ${r.tone} (${r.sentences} sentences, ${r.articles} articles)`;
    });
    figure.dataset.bars = String(svg.querySelectorAll("rect.bar").length);
  }

  async function timeline(figure) {
    const response = await fetch(figure.dataset.src);
    const data = await response.json();
    if (!response.ok) { message(figure, data.error || "The chart could not be loaded."); return; }
    const interval = figure.dataset.interval || data.interval || "week";
    if (figure.dataset.kind === "tone") {  // an actor's tone per period
      toneBars(figure, data.series, interval);
    } else if (figure.dataset.series) {  // an actor: articles, quotes, events per period
      const series = figure.dataset.series.split(",");
      timeBars(figure, data.series.map(r => ({ period: r.period, counts: r })), series, { interval: interval, colour: palette });
    } else if (figure.dataset.kind === "articles") {
      timeBars(figure, data.counts.map(r => ({ period: r.period, counts: { articles: r.count } })), ["articles"],
               { interval: interval, colour: palette });
    } else {
      if (data.note) message(figure, data.note);
      const list = figure.dataset.list || "/events";
      const href = (r, k) => {
        const url = new URL(list, location.href), t = periodStart(r.period);
        url.searchParams.set("date_from", iso(t));
        url.searchParams.set("date_to", iso(periodEnd(t, interval) - DAY));
        url.searchParams.set("event_type", k);
        return url.pathname + url.search;
      };
      timeBars(figure, data.series, data.types, { interval: interval, colour: byType, href: href });
      const status = document.getElementById("timeline-status");
      const drawn = data.total - data.undated - data.coarse;
      if (status) {
        let words = `${drawn} event${drawn === 1 ? "" : "s"} on the time axis`;
        const left = [];
        if (data.undated) left.push(`${data.undated} with no date (neither in the text nor of an article reporting it)`);
        if (data.coarse) left.push(`${data.coarse} dated only to a month or a year`);
        if (left.length) words += `; left out: ${left.join(" and ")}`;
        status.textContent = words + ` (${data.total} in all).`;
      }
      figure.dataset.total = String(data.total);
      figure.dataset.drawn = String(drawn);
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
