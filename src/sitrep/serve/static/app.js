// sitrep dashboard: plain DOM, no framework, no network beyond this server.
// Every text from articles goes in through textContent, never as markup.
"use strict";

const TYPE_COLOURS = {
  strike: "#d1495b", clash: "#edae49", territory: "#00798c", deployment: "#30638e",
  disruption: "#8d6a9f", violence: "#6a4c93", losses: "#3d3d3d",
};
const SVG = "http://www.w3.org/2000/svg";
const state = { incidents: [], zoom: 1, centre: [180, 90] };

function el(tag, attrs = {}, text) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null));
  const response = await fetch(`${path}${query.toString() ? "?" + query : ""}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function filters() {
  const form = new FormData(document.getElementById("filters"));
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).trim()]));
}

// --- map -----------------------------------------------------------------------

const project = (lon, lat) => [lon + 180, 90 - lat];

async function drawCountries() {
  const outlines = await (await fetch("/static/countries.json")).json();
  const group = document.getElementById("countries");
  for (const feature of outlines.features) {
    const d = feature.geometry.coordinates.map(polygon => polygon.map(ringPath).join("")).join("");
    const path = el("svg:path", { d });
    path.appendChild(el("svg:title", {}, feature.properties.name));
    group.appendChild(path);
  }
}

// A ring that crosses the 180th meridian (Russia, Fiji, Antarctica) would be drawn as
// a band across the whole map: where one step jumps more than half the world, the
// pen lifts, and the ring is drawn open.
function ringPath(ring) {
  let d = "", crosses = false;
  ring.forEach(([lon, lat], i) => {
    const jump = i > 0 && Math.abs(lon - ring[i - 1][0]) > 180;
    crosses = crosses || jump;
    d += (i === 0 || jump ? "M" : "L") + project(lon, lat).map(n => n.toFixed(2)).join(",");
  });
  return crosses ? d : d + "Z";
}

function setView() {
  const width = 360 / state.zoom, height = 180 / state.zoom;
  const [cx, cy] = state.centre;
  document.getElementById("map").setAttribute("viewBox", `${cx - width / 2} ${cy - height / 2} ${width} ${height}`);
  drawMarkers();
}

function zoomTo(zoom, centre) {
  state.zoom = Math.max(1, Math.min(64, zoom));
  if (centre) state.centre = centre;
  setView();
}

// Markers cluster by grid cell; cells shrink as the map zooms in.
function drawMarkers() {
  const group = document.getElementById("markers");
  group.replaceChildren();
  const cell = 6 / state.zoom;
  const clusters = new Map();
  for (const incident of state.incidents) {
    if (incident.lat == null || incident.lon == null) continue;
    const [x, y] = project(incident.lon, incident.lat);
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    if (!clusters.has(key)) clusters.set(key, { x: 0, y: 0, items: [] });
    const cluster = clusters.get(key);
    cluster.x += x; cluster.y += y; cluster.items.push(incident);
  }
  for (const cluster of clusters.values()) {
    const n = cluster.items.length;
    const x = cluster.x / n, y = cluster.y / n;
    const types = {};
    for (const item of cluster.items) types[item.type] = (types[item.type] || 0) + 1;
    const main = Object.entries(types).sort((a, b) => b[1] - a[1])[0][0];
    const radius = (1.2 + Math.sqrt(n) * 0.9) / Math.sqrt(state.zoom);
    const circle = el("svg:circle", { cx: x, cy: y, r: radius, fill: TYPE_COLOURS[main] || "#555",
                                      class: "marker", "data-count": n });
    circle.appendChild(el("svg:title", {}, cluster.items.slice(0, 5)
      .map(i => `${i.date_start || "?"} ${i.type} ${i.place_name || ""}`).join("\n") + (n > 5 ? `\n+${n - 5} more` : "")));
    circle.addEventListener("click", () => n === 1 ? (location.hash = `#/incident/${cluster.items[0].incident_id}`)
                                                  : zoomTo(state.zoom * 2, [x, y]));
    group.appendChild(circle);
    if (n > 1) {
      const label = el("svg:text", { x, y, "font-size": 2.2 / Math.sqrt(state.zoom) }, n);
      group.appendChild(label);
    }
  }
}

function fitToIncidents() {
  const points = state.incidents.filter(i => i.lat != null && i.lon != null).map(i => project(i.lon, i.lat));
  if (!points.length) { state.zoom = 1; state.centre = [180, 90]; setView(); return; }
  const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
  const width = Math.max(...xs) - Math.min(...xs) + 20, height = Math.max(...ys) - Math.min(...ys) + 10;
  state.centre = [(Math.max(...xs) + Math.min(...xs)) / 2, (Math.max(...ys) + Math.min(...ys)) / 2];
  state.zoom = Math.max(1, Math.min(16, 360 / width, 180 / height));
  setView();
}

function drawLegend() {
  const legend = document.getElementById("legend");
  legend.replaceChildren();
  const counts = {};
  for (const incident of state.incidents) counts[incident.type] = (counts[incident.type] || 0) + 1;
  for (const type of Object.keys(TYPE_COLOURS)) {
    const item = el("li");
    item.appendChild(el("span", { class: `swatch-${type}` }));
    item.appendChild(document.createTextNode(`${type} ${counts[type] || 0}`));
    legend.appendChild(item);
  }
}

// --- charts and table -------------------------------------------------------------

// Bars on a true time axis: each row at its day, so a gap of years shows as a gap;
// the first and last day and the largest value are written on the axes.
const DAY_MS = 86400000;
const PLOT = { left: 34, right: 396, top: 8, bottom: 100 };

function bars(svgId, rows, series, spanDays) {
  const svg = document.getElementById(svgId);
  svg.replaceChildren();
  if (!rows.length) { svg.appendChild(el("svg:text", { x: 10, y: 60, "font-size": 10 }, "no data")); return; }
  const times = rows.map(r => Date.parse(r.label));
  const first = Math.min(...times), last = Math.max(...times) + spanDays * DAY_MS;
  const x = t => PLOT.left + (t - first) / Math.max(last - first, DAY_MS) * (PLOT.right - PLOT.left);
  const max = Math.max(1, ...rows.flatMap(r => series.map(s => r[s.key] || 0)));
  const slot = Math.max(x(first + spanDays * DAY_MS) - x(first), 1.5);
  rows.forEach((row, i) => {
    series.forEach((s, j) => {
      const h = ((row[s.key] || 0) / max) * (PLOT.bottom - PLOT.top);
      const w = slot / series.length;
      const rect = el("svg:rect", { x: x(times[i]) + j * w, y: PLOT.bottom - h, width: Math.max(w - 0.3, 0.8),
                                    height: h, class: s.key });
      rect.appendChild(el("svg:title", {}, `${row.label}: ${s.key} ${row[s.key] ?? 0}${row.who ? " (" + row.who + ")" : ""}`));
      svg.appendChild(rect);
    });
  });
  const axis = { class: "axis", "font-size": 8 };
  svg.appendChild(el("svg:line", { class: "axis", x1: PLOT.left, x2: PLOT.right, y1: PLOT.bottom, y2: PLOT.bottom }));
  svg.appendChild(el("svg:line", { class: "axis", x1: PLOT.left, x2: PLOT.left, y1: PLOT.top, y2: PLOT.bottom }));
  svg.appendChild(el("svg:text", { ...axis, x: PLOT.left - 3, y: PLOT.top + 6, "text-anchor": "end" }, max));
  svg.appendChild(el("svg:text", { ...axis, x: PLOT.left - 3, y: PLOT.bottom, "text-anchor": "end" }, 0));
  const days = [...new Set(rows.map(r => r.label))].sort();
  svg.appendChild(el("svg:text", { ...axis, x: PLOT.left, y: PLOT.bottom + 11 }, days[0]));
  if (days.length > 1) {
    svg.appendChild(el("svg:text", { ...axis, x: PLOT.right, y: PLOT.bottom + 11, "text-anchor": "end" },
                       days[days.length - 1]));
  }
}

function figuresText(figures) {
  return (figures || []).map(f => `${f.kind} ${counted(f.value, f.item)}` +
    (f.alternatives.length ? ` (also ${f.alternatives.map(a => a.value).join(", ")})` : "")).join("; ");
}

function drawTable(items) {
  const body = document.querySelector("#incidents tbody");
  body.replaceChildren();
  for (const incident of items) {
    const row = el("tr", { "data-id": incident.incident_id });
    row.appendChild(el("td", {}, incident.date_start || "?"));
    row.appendChild(el("td", {}, incident.type + (incident.subtype ? "/" + incident.subtype : "")));
    row.appendChild(el("td", {}, [incident.place_name, incident.admin1, incident.country].filter(Boolean).join(", ")));
    row.appendChild(el("td", {}, sides(incident.actor_name, incident.target_name)));
    row.appendChild(el("td", {}, figuresText(incident.figures)));
    row.appendChild(el("td", {}, incident.n_sources));
    row.addEventListener("click", () => { location.hash = `#/incident/${incident.incident_id}`; });
    body.appendChild(row);
  }
}

async function loadOverview() {
  const f = filters();
  const [incidents, stats, ledger, health] = await Promise.all([
    api("/incidents", { ...f, limit: 1000 }), api("/stats", f),
    api("/ledger", { country: f.country, since: f.since, until: f.until, limit: 1000 }), api("/health"),
  ]);
  state.incidents = incidents.items;
  fitToIncidents();
  document.getElementById("counts").textContent =
    `${health.articles} articles · ${health.events} events · ${health.incidents} incidents · showing ${incidents.total}`;
  drawTable(incidents.items);
  drawMarkers();
  drawLegend();
  const weeks = stats["per week"].filter(w => w.week).map(w => ({ label: w.week, events: w.events }));
  bars("timeline", weeks, [{ key: "events" }], 7);
  const nights = new Map();
  for (const row of ledger.items) {  // the claimant with most launched speaks for the night
    const best = nights.get(row.day);
    if (!best || (row.launched || 0) > (best.launched || 0)) nights.set(row.day, row);
  }
  const ledgerRows = [...nights.values()].sort((a, b) => (a.day < b.day ? -1 : 1))
    .map(r => ({ label: r.day, launched: r.launched, intercepted: r.intercepted, who: r.claimant }));
  bars("ledger", ledgerRows, [{ key: "launched" }, { key: "intercepted" }], 1);
}

// --- one incident ----------------------------------------------------------------------

function markedText(text, spans) {
  const container = el("div", { class: "text" });
  let at = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    container.appendChild(document.createTextNode(text.slice(at, start)));
    container.appendChild(el("mark", {}, text.slice(start, end)));
    at = end;
  }
  container.appendChild(document.createTextNode(text.slice(at)));
  return container;
}

async function loadIncident(id) {
  const detail = await api(`/incidents/${encodeURIComponent(id)}`);
  const incident = detail.incident;
  const place = incident.location ? [incident.location.name, incident.location.admin1, incident.location.country]
    .filter(Boolean).join(", ") : "place unknown";
  document.getElementById("incident-title").textContent =
    `${incident.type}${incident.subtype ? "/" + incident.subtype : ""} at ${place}`;
  document.getElementById("incident-summary").textContent =
    `${incident.date.start || "?"} – ${incident.date.end || "?"} · ${incident.actor ? incident.actor.name : "?"} → ` +
    `${incident.target ? incident.target.name : "?"} · ${incident.n_events} claims from ${incident.n_sources} ` +
    `independent sources · ${figuresText(incident.figures)}`;
  const body = document.querySelector("#claims tbody");
  body.replaceChildren();
  for (const claim of detail.claims) {
    const row = el("tr");
    row.appendChild(el("td", {}, claim.claimant_name || "(the outlet)"));
    row.appendChild(el("td", {}, claim.kind ? `${claim.kind} ${counted(claim.value, claim.item)}` : "—"));
    row.appendChild(el("td", {}, claim.status));
    row.appendChild(el("td", {}, claim.outlet || claim.article_id));
    row.appendChild(el("td", {}, claim.published || ""));
    row.appendChild(el("td", { class: "muted why" }, (claim.reasons || []).join("; ")));
    body.appendChild(row);
  }
  const sources = document.getElementById("sources");
  sources.replaceChildren();
  for (const source of detail.sources) {
    const article = await api(`/articles/${encodeURIComponent(source.article_id)}`);
    const spans = detail.claims.filter(c => c.article_id === source.article_id && c.evidence_start != null)
      .map(c => [c.evidence_start, c.evidence_end]);
    const box = el("article", { class: "source" });
    box.appendChild(el("h3", {}, article.title || article.article_id));
    box.appendChild(el("p", { class: "muted" }, [article.outlet, article.published, article.url].filter(Boolean).join(" · ")));
    box.appendChild(markedText(article.text, spans));
    sources.appendChild(box);
  }
}

// --- routing ---------------------------------------------------------------------------

async function route() {
  const match = location.hash.match(/^#\/incident\/(.+)$/);
  document.getElementById("overview").hidden = Boolean(match);
  document.getElementById("incident").hidden = !match;
  try {
    if (match) await loadIncident(decodeURIComponent(match[1]));
    else await loadOverview();
  } catch (error) {
    document.getElementById("counts").textContent = `error: ${error.message}`;
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  drawLegend();
  document.getElementById("filters").addEventListener("submit", event => { event.preventDefault(); loadOverview(); });
  document.getElementById("zoom-in").addEventListener("click", () => zoomTo(state.zoom * 2));
  document.getElementById("zoom-out").addEventListener("click", () => zoomTo(state.zoom / 2));
  document.getElementById("map").addEventListener("wheel", event => {
    event.preventDefault();
    zoomTo(state.zoom * (event.deltaY < 0 ? 1.5 : 1 / 1.5));
  }, { passive: false });
  window.addEventListener("hashchange", route);
  await drawCountries();
  await route();
});

// "12 people", "1 drone", "9 drones": the item as a reader writes it.
const PLURALS = { person: "people", civilian: "civilians", child: "children" };
function counted(value, item) {
  if (!item) return `${value}`;
  if (value === 1) return `1 ${item}`;
  return `${value} ${PLURALS[item] || (item.endsWith("s") ? item : item + "s")}`;
}

// "Russia → Ukraine"; a party named on both sides (a parse that took the actor twice) is shown once.
function sides(actor, target) {
  if (actor && target && actor === target) return actor;
  return `${actor || "?"} → ${target || "?"}`;
}
