// The map of events, offline: Natural Earth 110m countries (world-atlas TopoJSON, shipped in
// static/vendor) drawn as SVG in an equirectangular projection, with points clustered on a
// screen grid that is recomputed at every zoom.  Place names reach the page only through
// textContent and <title> elements, never as HTML.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const WORLD = { x: 0, y: 0, w: 360, h: 150 };  // longitude -180..180, latitude 90..-60
  const CELL_PX = 44;  // points closer than this on screen are drawn as one cluster

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }
  const project = (lon, lat) => [lon + 180, 90 - lat];

  // TopoJSON -> one SVG path per country (arcs are quantised and delta-encoded).
  function countryPaths(topology) {
    const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
    const arcs = topology.arcs.map(arc => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return project(x * sx + tx, y * sy + ty); });
    });
    const ring = indexes => {
      const points = [];
      for (const i of indexes) {
        const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
        points.push(...(points.length ? arc.slice(1) : arc));
      }
      let d = "", last = null;
      for (const [x, y] of points) {  // a jump across the antimeridian starts a new subpath
        d += (last === null || Math.abs(x - last) > 180 ? "M" : "L") + x.toFixed(2) + " " + y.toFixed(2);
        last = x;
      }
      return d + "Z";
    };
    return topology.objects.countries.geometries.map(g => {
      const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      return { name: (g.properties && g.properties.name) || "", d: polygons.map(p => p.map(ring).join("")).join("") };
    });
  }

  function start(figure) {
    const svg = el("svg", { viewBox: `${WORLD.x} ${WORLD.y} ${WORLD.w} ${WORLD.h}`, role: "img" }, figure);
    el("title", {}, svg).textContent = "World map";
    const land = el("g", {}, svg), points = el("g", { class: "points" }, svg);
    const status = document.getElementById("map-status");
    const list = document.getElementById("map-list");
    let view = Object.assign({}, WORLD), data = [];

    const scale = () => view.w / (svg.clientWidth || 900);  // map units per screen pixel
    function setView(v) {
      v.w = Math.min(WORLD.w, Math.max(2, v.w));
      v.h = v.w * WORLD.h / WORLD.w;
      v.x = Math.min(WORLD.w - v.w, Math.max(WORLD.x, v.x));
      v.y = Math.min(WORLD.h - v.h, Math.max(WORLD.y, v.y));
      view = v;
      svg.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
      draw();
    }
    function zoom(factor, cx, cy) {
      const c = cx === undefined ? [view.x + view.w / 2, view.y + view.h / 2] : [cx, cy];
      setView({ x: c[0] - (c[0] - view.x) * factor, y: c[1] - (c[1] - view.y) * factor, w: view.w * factor });
    }
    function clusters() {
      const cell = CELL_PX * scale(), cells = new Map();
      for (const p of data) {
        const [x, y] = project(p.longitude, p.latitude);
        const key = Math.floor(x / cell) + ":" + Math.floor(y / cell);
        const c = cells.get(key) || { x: 0, y: 0, count: 0, members: [] };
        c.x += x * p.count; c.y += y * p.count; c.count += p.count; c.members.push(p);
        cells.set(key, c);
      }
      return [...cells.values()].map(c => Object.assign(c, { x: c.x / c.count, y: c.y / c.count }));
    }
    function draw() {
      points.replaceChildren();
      const px = scale();
      for (const c of clusters()) {
        if (c.members.length === 1) {
          const p = c.members[0];
          const link = el("a", { href: "/places/" + Number(p.id) }, points);
          el("circle", { cx: c.x, cy: c.y, r: (4 + Math.min(8, Math.sqrt(p.count) * 2)) * px, class: "marker" }, link);
          el("title", {}, link).textContent = `${p.name}${p.country ? ", " + p.country : ""}: ${p.count}`
            + (p.types && p.types.length ? " (" + p.types.join(", ") + ")" : "");
        } else {
          const group = el("g", { class: "cluster-group" }, points);
          const r = (10 + Math.min(14, Math.sqrt(c.count) * 2)) * px;
          const circle = el("circle", { cx: c.x, cy: c.y, r: r, class: "marker cluster" }, group);
          el("title", {}, circle).textContent = c.members.map(p => p.name).slice(0, 12).join(", ")
            + (c.members.length > 12 ? ", …" : "") + ` — ${c.count} in ${c.members.length} places`;
          const label = el("text", { x: c.x, y: c.y, class: "cluster-label", "font-size": 11 * px }, group);
          label.textContent = String(c.count);
          group.addEventListener("click", () => zoom(0.35, c.x, c.y));
        }
      }
    }
    function fillList(points) {
      list.replaceChildren();
      for (const p of points.slice(0, 300)) {
        const item = document.createElement("li"), link = document.createElement("a");
        link.href = "/places/" + Number(p.id);
        link.textContent = p.name;
        item.appendChild(link);
        item.appendChild(document.createTextNode(` ${p.country || ""} · ${p.count}`));
        list.appendChild(item);
      }
    }

    // Pan by dragging, zoom with the wheel or the buttons.
    let drag = null;
    svg.addEventListener("pointerdown", e => { drag = { x: e.clientX, y: e.clientY, view: Object.assign({}, view) }; });
    window.addEventListener("pointerup", () => { drag = null; });
    svg.addEventListener("pointermove", e => {
      if (!drag) return;
      const k = scale();
      setView({ x: drag.view.x - (e.clientX - drag.x) * k, y: drag.view.y - (e.clientY - drag.y) * k, w: drag.view.w });
    });
    svg.addEventListener("wheel", e => {
      e.preventDefault();
      const box = svg.getBoundingClientRect(), k = scale();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, view.x + (e.clientX - box.left) * k, view.y + (e.clientY - box.top) * k);
    }, { passive: false });
    const buttons = document.createElement("div");
    buttons.className = "map-zoom";
    for (const [label, factor] of [["+", 0.6], ["−", 1 / 0.6]]) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.setAttribute("aria-label", factor < 1 ? "zoom in" : "zoom out");
      b.addEventListener("click", () => zoom(factor));
      buttons.appendChild(b);
    }
    figure.appendChild(buttons);

    Promise.all([fetch(figure.dataset.basemap).then(r => r.json()), fetch(figure.dataset.src).then(r => r.json())])
      .then(([topology, found]) => {
        for (const c of countryPaths(topology)) {
          const path = el("path", { d: c.d, class: "land" }, land);
          el("title", {}, path).textContent = c.name;
        }
        if (found.error) { status.textContent = found.error; return; }
        data = found.points.filter(p => p.latitude !== null && p.longitude !== null);
        const total = data.reduce((s, p) => s + p.count, 0);
        status.textContent = (found.note ? found.note + ". " : "")
          + `${total} ${found.layer === "events" ? "events" : "articles"} at ${data.length} places. `
          + "Scroll or use + and − to zoom, drag to pan; click a cluster to zoom in.";
        figure.dataset.points = String(data.length);
        fillList(data);
        draw();
      })
      .catch(e => { status.textContent = "The map could not be loaded: " + e; });
  }

  function init() { document.querySelectorAll("figure.map[data-src]").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
