// The map of events, offline: Natural Earth 110m countries (world-atlas TopoJSON, shipped in
// static/vendor) drawn as SVG in an equirectangular projection, with points clustered on a
// screen grid that is recomputed at every zoom.  Each point takes the colour of its commonest
// event type (the .ev-TYPE classes of style.css, the same on every page); a dashed ring marks a
// place that stands for a whole country or region.  A point opens a popup listing its events
// (from /api/events with the page's filters), by click, tap or Enter.  The view fits the points
// of the selection.  Names reach the page only through textContent and <title>, never as HTML.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const WORLD = { x: 0, y: 0, w: 360, h: 150 };  // longitude -180..180, latitude 90..-60
  const CELL_PX = 44;  // points closer than this on screen are drawn as one cluster
  const POPUP_EVENTS = 8;

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(name, attrs, parent, text) {
    const node = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }
  const project = (lon, lat) => [lon + 180, 90 - lat];
  const TYPE = /^[A-Z_]{2,20}$/;  // a PLOVER type, safe in a class name
  const typeClass = t => (TYPE.test(t) ? "ev-" + t : "");
  function dominant(p) {
    let best = null, n = -1;
    for (const [t, c] of Object.entries(p.by_type || {})) if (c > n || (c === n && t < best)) { best = t; n = c; }
    return best || (p.types && p.types[0]) || null;
  }

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
    const svg = el("svg", { viewBox: `${WORLD.x} ${WORLD.y} ${WORLD.w} ${WORLD.h}`, role: "application",
                            tabindex: 0, "aria-label": "World map: arrow keys pan, + and − zoom, Tab reaches the points",
                            preserveAspectRatio: "xMidYMid meet" }, figure);
    el("title", {}, svg).textContent = "World map";
    const land = el("g", {}, svg), points = el("g", { class: "points" }, svg);
    const status = document.getElementById("map-status");
    const list = document.getElementById("map-list");
    const legend = document.getElementById("map-legend");
    const popup = document.getElementById("map-popup");
    let view = Object.assign({}, WORLD), data = [], layer = "events";

    const aspect = () => (svg.clientHeight || 400) / (svg.clientWidth || 900);  // screen height per width
    const scale = () => view.w / (svg.clientWidth || 900);  // map units per screen pixel
    function setView(v) {
      const a = aspect();
      v.w = Math.min(Math.max(WORLD.w, WORLD.h / a), Math.max(2, v.w));
      v.h = v.w * a;
      // keep the centre inside the world; the view may show sea beyond it when wider than the world
      v.x = v.w >= WORLD.w ? WORLD.x - (v.w - WORLD.w) / 2 : Math.min(WORLD.w - v.w, Math.max(WORLD.x, v.x));
      v.y = v.h >= WORLD.h ? WORLD.y - (v.h - WORLD.h) / 2 : Math.min(WORLD.h - v.h, Math.max(WORLD.y, v.y));
      view = v;
      svg.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
      draw();
    }
    function zoom(factor, cx, cy) {
      const c = cx === undefined ? [view.x + view.w / 2, view.y + view.h / 2] : [cx, cy];
      setView({ x: c[0] - (c[0] - view.x) * factor, y: c[1] - (c[1] - view.y) * factor, w: view.w * factor });
    }
    function pan(dx, dy) { setView({ x: view.x + dx * view.w, y: view.y + dy * view.h, w: view.w }); }
    // The smallest view around the points (with a margin), never closer than a few degrees.
    function fit() {
      if (!data.length) { setView(Object.assign({}, WORLD)); return; }
      const xy = data.map(p => project(p.longitude, p.latitude));
      let x0 = Math.min(...xy.map(p => p[0])), x1 = Math.max(...xy.map(p => p[0]));
      let y0 = Math.min(...xy.map(p => p[1])), y1 = Math.max(...xy.map(p => p[1]));
      const margin = Math.max(4, 0.15 * Math.max(x1 - x0, y1 - y0));
      x0 -= margin; x1 += margin; y0 -= margin; y1 += margin;
      const w = Math.max(x1 - x0, (y1 - y0) / aspect(), 16);
      setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w * aspect() / 2, w: w });
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
    function activate(node, action) {
      node.addEventListener("click", e => { e.preventDefault(); e.stopPropagation(); action(); });
      node.addEventListener("keydown", e => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); e.stopPropagation(); action(); }
      });
    }
    function draw() {
      points.replaceChildren();
      const px = scale();
      for (const c of clusters()) {
        if (c.members.length === 1) {
          const p = c.members[0], type = dominant(p);
          const describe = `${p.name}${p.country ? ", " + p.country : ""}: ${p.count} ${layer === "events" ? "event" : "article"}${p.count === 1 ? "" : "s"}`
            + (p.types && p.types.length ? " (" + p.types.join(", ") + ")" : "")
            + (p.area === "country" ? ", located only as the whole country" : p.area === "admin1" ? ", located only as a region" : "");
          const link = el("a", { href: "/places/" + Number(p.id), class: "marker-link " + typeClass(type),
                                 role: "button", "aria-label": describe, "data-place": Number(p.id) }, points);
          const r = (4 + Math.min(8, Math.sqrt(p.count) * 2)) * px;
          el("circle", { cx: c.x, cy: c.y, r: r, class: "marker" + (p.area && p.area !== "point" ? " area" : "") }, link);
          if (p.area && p.area !== "point") {  // a whole country or region: a dashed ring around it
            el("circle", { cx: c.x, cy: c.y, r: r + 3.5 * px, class: "area-ring", "stroke-dasharray": `${3 * px} ${2 * px}` }, link);
          }
          el("title", {}, link).textContent = describe;
          activate(link, () => openPopup(p, c.x, c.y, link));
        } else {
          const group = el("g", { class: "cluster-group", tabindex: 0, role: "button",
                                  "aria-label": `${c.count} in ${c.members.length} places: zoom in` }, points);
          const r = (10 + Math.min(14, Math.sqrt(c.count) * 2)) * px;
          const circle = el("circle", { cx: c.x, cy: c.y, r: r, class: "marker cluster" }, group);
          el("title", {}, circle).textContent = c.members.map(p => p.name).slice(0, 12).join(", ")
            + (c.members.length > 12 ? ", …" : "") + ` — ${c.count} in ${c.members.length} places`;
          const label = el("text", { x: c.x, y: c.y, class: "cluster-label", "font-size": 11 * px }, group);
          label.textContent = String(c.count);
          activate(group, () => { zoom(0.35, c.x, c.y); focusNear(c.x, c.y); });
        }
      }
    }
    function focusNear(x, y) {  // after a zoom by keyboard, the focus goes to the nearest point
      let best = null, d = Infinity;
      for (const node of points.children) {
        const circle = node.querySelector("circle");
        const dd = (circle.cx.baseVal.value - x) ** 2 + (circle.cy.baseVal.value - y) ** 2;
        if (dd < d) { d = dd; best = node; }
      }
      if (best) best.focus();
    }

    // The popup: the events at a place, with links to each and to the table of them all.
    let opener = null;
    function closePopup() {
      if (popup.hidden) return;
      popup.hidden = true;
      popup.replaceChildren();
      if (opener) opener.focus();
      opener = null;
    }
    function placePopup(x, y) {
      const box = svg.getBoundingClientRect(), k = scale();
      const left = (x - view.x) / k, top = (y - view.y) / k;
      popup.style.left = Math.max(4, Math.min(left + 12, box.width - popup.offsetWidth - 4)) + "px";
      popup.style.top = Math.max(4, Math.min(top + 12, box.height - popup.offsetHeight - 4)) + "px";
    }
    function openPopup(p, x, y, from) {
      opener = from;
      popup.replaceChildren();
      popup.hidden = false;
      const close = html("button", { type: "button", class: "close", "aria-label": "close" }, popup, "×");
      close.addEventListener("click", closePopup);
      const title = html("h2", {}, popup);
      html("a", { href: "/places/" + Number(p.id) }, title, p.name);
      if (p.country) title.appendChild(document.createTextNode(", " + p.country));
      if (p.area === "country" || p.area === "admin1") {
        html("p", { class: "meta" }, popup, `Events the text locates only as the whole ${p.area === "country" ? "country" : "region"}, drawn at its centre.`);
      }
      if (layer !== "events") {
        html("p", {}, popup, `${p.count} article${p.count === 1 ? "" : "s"} name it.`);
        html("a", { href: "/?place=" + Number(p.id) }, popup, "the articles");
        placePopup(x, y);
        close.focus();
        return;
      }
      const here = html("p", { class: "meta" }, popup, `${p.count} event${p.count === 1 ? "" : "s"} here: loading…`);
      const items = html("ul", {}, popup);
      placePopup(x, y);
      close.focus();
      const url = new URL(figure.dataset.events, location.href);
      url.searchParams.set("place", String(Number(p.id)));
      url.searchParams.set("limit", String(POPUP_EVENTS));
      fetch(url).then(r => r.json()).then(found => {
        if (popup.hidden || opener !== from) return;
        if (found.error) { here.textContent = found.error; return; }
        here.textContent = p.area === "point" || !p.area ? `${p.count} event${p.count === 1 ? "" : "s"} here`
          : `${p.count} event${p.count === 1 ? "" : "s"} located as ${p.name} itself, ${found.total} in all of it`;
        for (const e of found.items) {
          const item = html("li", {}, items);
          const link = html("a", { href: "/events/" + Number(e.id), class: typeClass(e.type) }, item);
          html("i", { class: "ev-swatch", "aria-hidden": "true" }, link);
          link.appendChild(document.createTextNode(e.type));
          const who = [e.actor1_name || e.actor1_text, e.actor2_name || e.actor2_text].filter(Boolean);
          item.appendChild(document.createTextNode(
            (who.length ? " " + who.join(" → ") : "") + (e.date ? " · " + e.date : "")));
        }
        const all = new URL(figure.dataset.list, location.href);
        all.searchParams.set("place", String(Number(p.id)));
        html("a", { href: all.pathname + all.search, class: "popup-all" }, popup,
             found.total > found.items.length ? `all ${found.total} events →` : "as a table →");
        placePopup(x, y);
      }).catch(e => { here.textContent = "The events could not be loaded: " + e; });
    }
    popup.addEventListener("keydown", e => { if (e.key === "Escape") { e.stopPropagation(); closePopup(); } });
    ["pointerdown", "wheel"].forEach(kind => popup.addEventListener(kind, e => e.stopPropagation()));

    function fillList(found) {
      list.replaceChildren();
      for (const p of found.slice(0, 300)) {
        const item = html("li", {}, list);
        let href = "/places/" + Number(p.id);
        if (layer === "events") {  // its events, with the page's filters
          const url = new URL(figure.dataset.list, location.href);
          url.searchParams.set("place", String(Number(p.id)));
          href = url.pathname + url.search;
        }
        html("a", { href: href }, item, p.name);
        item.appendChild(document.createTextNode(` ${p.country || ""} · ${p.count}`));
      }
    }
    function fillLegend(found) {
      legend.replaceChildren();
      const types = new Map();
      for (const p of found) for (const [t, n] of Object.entries(p.by_type || {})) types.set(t, (types.get(t) || 0) + n);
      if (!types.size) return;
      html("b", {}, legend, "Colour: the commonest event type at the point. ");
      for (const [t, n] of [...types.entries()].sort()) {
        const item = html("span", { class: typeClass(t) }, legend);
        html("i", { "aria-hidden": "true" }, item);
        item.appendChild(document.createTextNode(`${t.toLowerCase()} ${n}`));
      }
      const ring = html("span", {}, legend);
      html("i", { class: "ring", "aria-hidden": "true" }, ring);
      ring.appendChild(document.createTextNode("a whole country or region"));
    }

    // Pan by dragging (mouse, pen, one finger), zoom with the wheel, two fingers, the buttons or the keys.
    const touches = new Map();
    let drag = null, pinch = null;
    svg.addEventListener("pointerdown", e => {
      touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (touches.size === 1) drag = { x: e.clientX, y: e.clientY, view: Object.assign({}, view), moved: false };
      else if (touches.size === 2) {
        const [a, b] = [...touches.values()];
        pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), view: Object.assign({}, view) };
        drag = null;
      }
    });
    let suppressClick = false;  // the click that ends a drag opens nothing
    const release = e => {
      touches.delete(e.pointerId);
      if (touches.size < 2) pinch = null;
      if (!touches.size) {
        if (drag && drag.moved) { suppressClick = true; setTimeout(() => { suppressClick = false; }, 0); }
        drag = null;
      }
    };
    window.addEventListener("pointerup", release);
    window.addEventListener("pointercancel", release);
    svg.addEventListener("pointermove", e => {
      if (!touches.has(e.pointerId)) return;
      touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && touches.size === 2) {
        const [a, b] = [...touches.values()];
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d > 0) {
          const box = svg.getBoundingClientRect(), k = pinch.view.w / (svg.clientWidth || 900);
          const cx = pinch.view.x + ((a.x + b.x) / 2 - box.left) * k, cy = pinch.view.y + ((a.y + b.y) / 2 - box.top) * k;
          const f = pinch.d / d;
          setView({ x: cx - (cx - pinch.view.x) * f, y: cy - (cy - pinch.view.y) * f, w: pinch.view.w * f });
        }
        return;
      }
      if (!drag) return;
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
      if (!drag.moved) return;
      const k = scale();
      setView({ x: drag.view.x - (e.clientX - drag.x) * k, y: drag.view.y - (e.clientY - drag.y) * k, w: drag.view.w });
    });
    svg.addEventListener("click", e => { if (suppressClick) { e.preventDefault(); e.stopPropagation(); } }, true);
    svg.addEventListener("wheel", e => {
      e.preventDefault();
      const box = svg.getBoundingClientRect(), k = scale();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, view.x + (e.clientX - box.left) * k, view.y + (e.clientY - box.top) * k);
    }, { passive: false });
    svg.addEventListener("keydown", e => {
      const keys = { ArrowLeft: [-0.2, 0], ArrowRight: [0.2, 0], ArrowUp: [0, -0.2], ArrowDown: [0, 0.2] };
      if (keys[e.key]) { e.preventDefault(); pan(...keys[e.key]); }
      else if (e.key === "+" || e.key === "=") { e.preventDefault(); zoom(0.6); }
      else if (e.key === "-" || e.key === "_") { e.preventDefault(); zoom(1 / 0.6); }
      else if (e.key === "0") { e.preventDefault(); fit(); }
      else if (e.key === "Escape") closePopup();
    });
    const buttons = html("div", { class: "map-zoom" }, figure);
    for (const [label, name, action] of [["+", "zoom in", () => zoom(0.6)], ["−", "zoom out", () => zoom(1 / 0.6)],
                                         ["⤢", "fit the points", () => fit()]]) {
      const b = html("button", { type: "button", "aria-label": name, title: name }, buttons, label);
      b.addEventListener("click", action);
    }
    window.addEventListener("resize", () => setView(Object.assign({}, view)));

    Promise.all([fetch(figure.dataset.basemap).then(r => r.json()), fetch(figure.dataset.src).then(r => r.json())])
      .then(([topology, found]) => {
        for (const c of countryPaths(topology)) {
          const path = el("path", { d: c.d, class: "land" }, land);
          el("title", {}, path).textContent = c.name;
        }
        if (found.error) { status.textContent = found.error; return; }
        layer = found.layer;
        data = found.points.filter(p => p.latitude !== null && p.longitude !== null);
        const placed = data.reduce((s, p) => s + p.count, 0);
        let words = `${placed} ${layer === "events" ? "event" : "article"}${placed === 1 ? "" : "s"} at ${data.length} place${data.length === 1 ? "" : "s"}`;
        if (layer === "events" && found.unplaced) words += `; ${found.unplaced} more without a place on the map (${found.total} in all)`;
        status.textContent = (found.note ? found.note + ". " : "") + words + ".";
        figure.dataset.points = String(data.length);
        figure.dataset.total = String(found.total === undefined ? placed : found.total);
        fillList(data);
        fillLegend(data);
        fit();
        figure.dataset.ready = "1";
      })
      .catch(e => { status.textContent = "The map could not be loaded: " + e; });
  }

  function init() { document.querySelectorAll("figure.map[data-src]").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
