// sitrep dashboard: plain DOM, no framework, no network beyond this server.
// Every text from articles goes in through textContent, never as markup.
"use strict";

const TYPE_COLOURS = {
  strike: "#d1495b", clash: "#edae49", territory: "#00798c", deployment: "#30638e",
  disruption: "#8d6a9f", violence: "#6a4c93", losses: "#3d3d3d",
};
const SVG = "http://www.w3.org/2000/svg";
const state = { incidents: [], map: null, clusters: null, charts: {} };

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

// --- map (Leaflet, marker clusters; country outlines as a layer, no tiles) ----------------

// A ring that crosses the 180th meridian (Russia, Fiji, Antarctica) would be drawn as a
// band across the whole map: past the jump, longitudes continue beyond ±180 instead.
function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const step = lon - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

async function drawCountries() {
  const outlines = await (await fetch("/static/countries.json")).json();
  for (const feature of outlines.features) {
    feature.geometry.coordinates = feature.geometry.coordinates.map(polygon => polygon.map(unwrapRing));
  }
  L.geoJSON(outlines, { interactive: false,
                        style: { color: "#b9c0c8", weight: 0.7, fillColor: "#fbfbf8", fillOpacity: 1 } })
    .addTo(state.map);
}

function initMap() {
  state.map = L.map("map", { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, attributionControl: false,
                             worldCopyJump: true }).setView([25, 20], 2);
  state.clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 36 });
  state.map.addLayer(state.clusters);
}

function drawMarkers() {
  state.clusters.clearLayers();
  const markers = [];
  for (const incident of state.incidents) {
    if (incident.lat == null || incident.lon == null) continue;
    const marker = L.marker([incident.lat, incident.lon], {
      title: `${incident.date_start || "no date"} ${incident.type} ${incident.place_name || ""}`,
      icon: L.divIcon({ className: `incident-marker swatch-${incident.type}`, iconSize: [14, 14] }),
    });
    marker.on("click", () => { location.hash = `#/incident/${incident.incident_id}`; });
    markers.push(marker);
  }
  state.clusters.addLayers(markers);
  if (markers.length) state.map.fitBounds(state.clusters.getBounds(), { padding: [20, 20], maxZoom: 7 });
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

// --- charts (uPlot: time axes, values on hover, drag to choose a range) -------------------

const SERIES_COLOURS = { events: "#5b6b7d", launched: "#a7b0ba", intercepted: "#3a7bd5" };

function chart(id, rows, series, spanDays) {
  const box = document.getElementById(id);
  box.replaceChildren();
  state.charts = state.charts || {};
  if (state.charts[id]) { state.charts[id].destroy(); delete state.charts[id]; }
  if (!rows.length) { box.appendChild(el("p", { class: "muted" }, "no data")); return; }
  const xs = rows.map(r => Date.parse(r.label) / 1000);
  const data = [xs, ...series.map(key => rows.map(r => r[key] ?? 0))];
  const bars = uPlot.paths.bars({ size: [0.8, 40], align: 1 });
  state.charts[id] = new uPlot({
    width: Math.max(box.clientWidth, 200), height: 150,
    scales: { x: { time: true, range: (u, min, max) => [min, max + spanDays * 86400] },
              y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [{ size: 30 }, { size: 40 }],
    legend: { show: true },
    cursor: { drag: { x: true, y: false, setScale: false } },
    series: [{ label: "day" }, ...series.map(key => ({ label: key, fill: SERIES_COLOURS[key],
                                                        stroke: SERIES_COLOURS[key], paths: bars, points: { show: false } }))],
    hooks: { setSelect: [u => chooseRange(u)] },
  }, data, box);
}

// A range dragged on a chart becomes the From and To filters.
function chooseRange(u) {
  if (u.select.width < 3) return;
  const day = seconds => new Date(seconds * 1000).toISOString().slice(0, 10);
  const form = document.getElementById("filters");
  form.elements.since.value = day(u.posToVal(u.select.left, "x"));
  form.elements.until.value = day(u.posToVal(u.select.left + u.select.width, "x"));
  u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
  loadOverview();
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
    api("/ledger", { country: f.country, claimant: f.claimant, since: f.since, until: f.until, limit: 1000 }), api("/health"),
  ]);
  state.incidents = incidents.items;
  document.getElementById("counts").textContent =
    `${health.articles} articles · ${health.events} events · ${health.incidents} incidents · showing ${incidents.total}`;
  drawTable(incidents.items);
  drawMarkers();
  drawLegend();
  const weeks = stats["per week"].filter(w => w.week).map(w => ({ label: w.week, events: w.events }));
  chart("timeline", weeks, ["events"], 7);
  const nights = new Map();
  for (const row of ledger.items) {  // the claimant with most launched speaks for the night
    const best = nights.get(row.day);
    if (!best || (row.launched || 0) > (best.launched || 0)) nights.set(row.day, row);
  }
  const ledgerRows = [...nights.values()].sort((a, b) => (a.day < b.day ? -1 : 1))
    .map(r => ({ label: r.day, launched: r.launched, intercepted: r.intercepted, who: r.claimant }));
  chart("ledger", ledgerRows, ["launched", "intercepted"], 1);
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
  const wave = document.getElementById("incident-wave");
  wave.replaceChildren();
  if (detail.wave.other_incidents.length) {  // the night's attack or operation it is part of
    wave.appendChild(document.createTextNode(`Part of wave ${detail.wave.wave_id} with: `));
    detail.wave.other_incidents.forEach((other, n) => {
      if (n) wave.appendChild(document.createTextNode(", "));
      wave.appendChild(el("a", { href: `#/incident/${other.incident_id}` },
        `${other.type} at ${other.place_name || "an unknown place"}`));
    });
  }
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

// --- watched sources -------------------------------------------------------------------

async function loadSources() {
  const sources = await api("/sources");
  const body = document.querySelector("#source-list tbody");
  body.replaceChildren();
  if (!sources.items.length) {
    const row = el("tr");
    row.appendChild(el("td", { colspan: 8, class: "muted" }, "No source watched yet: run sitrep watch FEED_URL."));
    body.appendChild(row);
  }
  for (const source of sources.items) {
    const row = el("tr", { class: source.last_error ? "failing" : "" });
    const when = stamp => (stamp ? String(stamp).replace("T", " ").slice(0, 19) : "never");
    for (const value of [source.source, source.title, when(source.last_poll), when(source.last_success), source.last_error || "—",
                         source.items_stored, source.items_skipped, source.items_failed]) {
      row.appendChild(el("td", {}, value == null ? "" : String(value)));
    }
    body.appendChild(row);
  }
}

// --- routing ---------------------------------------------------------------------------

async function route() {
  const match = location.hash.match(/^#\/incident\/(.+)$/);
  const onSources = location.hash === "#/sources";
  document.getElementById("overview").hidden = Boolean(match) || onSources;
  document.getElementById("incident").hidden = !match;
  document.getElementById("sources-page").hidden = !onSources;
  try {
    if (match) await loadIncident(decodeURIComponent(match[1]));
    else if (onSources) await loadSources();
    else { state.map.invalidateSize(); await loadOverview(); }
  } catch (error) {
    document.getElementById("counts").textContent = `error: ${error.message}`;
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  drawLegend();
  document.getElementById("filters").addEventListener("submit", event => { event.preventDefault(); loadOverview(); });
  initMap();
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
