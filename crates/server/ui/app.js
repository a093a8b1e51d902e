// dateline web UI: plain JS and SVG, no build step, no third-party code.
//
// Safety rule: every piece of data (article text, names, snippets) reaches the page through
// textContent or an attribute set with setAttribute; nothing is ever parsed as HTML. The
// server's Content-Security-Policy (default-src 'self') backs this up.
//
// Spans from the API are char offsets (Unicode scalar values), not UTF-16 indices: text is
// split with Array.from before slicing.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

// ---------- small helpers ----------

function $(id) {
  return document.getElementById(id);
}

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** An SVG element with attributes. */
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function showError(msg) {
  const e = $("error");
  if (!msg) {
    e.hidden = true;
    e.textContent = "";
    return;
  }
  e.textContent = msg;
  e.hidden = false;
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "" && v !== false) url.searchParams.set(k, v);
  }
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await res.json();
  } catch (_) {
    body = null;
  }
  if (!res.ok) {
    const err = new Error((body && body.error) || res.status + " " + res.statusText);
    err.status = res.status;
    throw err;
  }
  return body;
}

/** The text between char offsets a and b of a code-point array. */
function cut(cps, a, b) {
  return cps.slice(a, b).join("");
}

/** -10..10 Goldstein → a colour: red (conflict) through grey to green (cooperation). */
function toneColour(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#9aa0a6";
  const t = Math.max(-1, Math.min(1, g / 10));
  if (t < 0) return mix([154, 160, 166], [200, 40, 40], -t);
  return mix([154, 160, 166], [30, 150, 70], t);
}

function mix(a, b, t) {
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * t));
  return "rgb(" + c.join(",") + ")";
}

function fmt(g) {
  return g === null || g === undefined ? "–" : Number(g).toFixed(1);
}

// ---------- routing ----------

const views = ["search-view", "article-view", "timeline-view", "network-view"];

function show(view) {
  for (const v of views) $(v).hidden = v !== view;
  for (const [nav, v] of [
    ["nav-search", "search-view"],
    ["nav-timeline", "timeline-view"],
    ["nav-network", "network-view"],
  ]) {
    $(nav).classList.toggle("active", v === view || (view === "article-view" && v === "search-view"));
  }
}

function route() {
  showError(null);
  const hash = window.location.hash.replace(/^#/, "") || "/search";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "article" && parts[1]) {
    show("article-view");
    openArticle(parts[1], parts[2], parts[3]);
  } else if (parts[0] === "timeline") {
    show("timeline-view");
    if (params.get("actors")) {
      $("t-actors").value = params.get("actors");
      $("t-bucket").value = params.get("bucket") || "month";
      $("t-from").value = params.get("from") || "";
      $("t-to").value = params.get("to") || "";
      $("t-all").checked = params.get("all") === "true";
      drawTimeline();
    }
  } else if (parts[0] === "network") {
    show("network-view");
    if (params.get("actor")) {
      $("n-actor").value = params.get("actor");
      $("n-all").checked = params.get("all") === "true";
      drawNetwork();
    }
  } else {
    show("search-view");
    if (query) {
      fillSearchForm(params);
      runSearch(params, false);
    }
  }
}

// ---------- search ----------

const KINDS = ["article", "quote", "event"];
let lastSearch = null;
let lastOffset = 0;
let lastSearchHash = "#/search";

function searchParamsFromForm() {
  const p = new URLSearchParams();
  const q = $("q").value.trim();
  if (q) p.set("q", q);
  const kinds = KINDS.filter((k) => $("kind-" + k).checked);
  if (kinds.length && kinds.length < KINDS.length) p.set("kind", kinds.join(","));
  for (const [id, name] of [
    ["f-actor", "actor"],
    ["f-cameo", "cameo"],
    ["f-plover", "plover"],
    ["f-modality", "modality"],
    ["f-from", "from"],
    ["f-to", "to"],
  ]) {
    const v = $(id).value.trim();
    if (v) p.set(name, v);
  }
  return p;
}

function fillSearchForm(p) {
  $("q").value = p.get("q") || "";
  const kinds = (p.get("kind") || "").split(",").filter(Boolean);
  for (const k of KINDS) $("kind-" + k).checked = kinds.length === 0 || kinds.includes(k);
  $("f-actor").value = p.get("actor") || "";
  $("f-cameo").value = p.get("cameo") || "";
  $("f-plover").value = p.get("plover") || "";
  $("f-modality").value = p.get("modality") || "";
  $("f-from").value = p.get("from") || "";
  $("f-to").value = p.get("to") || "";
}

async function runSearch(params, append) {
  const list = $("results");
  if (!append) {
    clear(list);
    lastOffset = 0;
  }
  lastSearch = params;
  lastSearchHash = window.location.hash || "#/search";
  const q = Object.fromEntries(params.entries());
  q.limit = 20;
  q.offset = lastOffset;
  $("results-summary").textContent = "searching…";
  let res;
  try {
    res = await api("/api/search", q);
  } catch (e) {
    $("results-summary").textContent = "";
    showError(e.message);
    return;
  }
  for (const hit of res.hits || []) list.append(hitItem(hit));
  lastOffset += (res.hits || []).length;
  const total = res.total === undefined ? lastOffset : res.total;
  $("results-summary").textContent =
    total === 0 ? "no results" : "showing " + lastOffset + " of " + total + " results";
  $("more").hidden = !(lastOffset < total && (res.hits || []).length > 0);
}

function hitHref(hit) {
  const id = encodeURIComponent(hit.article_id);
  if (hit.kind === "event" && hit.index !== null && hit.index !== undefined) {
    return "#/article/" + id + "/event/" + hit.index;
  }
  if (hit.kind === "quote" && hit.index !== null && hit.index !== undefined) {
    return "#/article/" + id + "/quote/" + hit.index;
  }
  return "#/article/" + id;
}

/** A snippet with its highlight ranges (char offsets into the snippet) as <mark>s. */
function highlighted(text, ranges) {
  const cps = Array.from(text || "");
  const frag = document.createDocumentFragment();
  let at = 0;
  const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
  for (const [a0, b0] of sorted) {
    const a = Math.max(at, Math.min(a0, cps.length));
    const b = Math.max(a, Math.min(b0, cps.length));
    if (a > at) frag.append(cut(cps, at, a));
    if (b > a) frag.append(el("mark", {}, cut(cps, a, b)));
    at = b;
  }
  if (at < cps.length) frag.append(cut(cps, at, cps.length));
  return frag;
}

function hitItem(hit) {
  const extra = [];
  if (hit.kind === "event") {
    const code = [hit.cameo, hit.plover].filter(Boolean).join(" · ");
    if (code) extra.push(code);
    const who = [hit.source_code || hit.source, hit.target_code || hit.target].filter(Boolean);
    if (who.length) extra.push(who.join(" → "));
    if (hit.modality) extra.push(hit.modality);
  }
  if (hit.kind === "quote" && (hit.speaker || hit.speaker_name)) {
    extra.push("— " + (hit.speaker || hit.speaker_name));
  }
  return el(
    "li",
    { class: "hit hit-" + hit.kind, "data-testid": "result", "data-kind": hit.kind },
    el(
      "a",
      { href: hitHref(hit), class: "hit-link", "data-testid": "result-link" },
      el("span", { class: "badge badge-" + hit.kind, text: hit.kind }),
      " ",
      el("span", { class: "hit-headline", text: hit.headline || hit.article_id }),
    ),
    el("span", { class: "meta", text: " " + (hit.date || "") + (extra.length ? " · " + extra.join(" · ") : "") }),
    el("p", { class: "snippet" }, highlighted(hit.snippet, hit.highlights)),
  );
}

// ---------- article view ----------

let current = null; // { id, article, cps, analysis }

const PRIORITY = ["event", "timex", "entity", "quote"];

async function openArticle(id, what, index) {
  $("back").setAttribute("href", lastSearchHash);
  if (!current || current.id !== id) {
    clear($("article-text"));
    $("article-headline").textContent = "loading…";
    let a;
    try {
      a = await api("/api/articles/" + encodeURIComponent(id));
    } catch (e) {
      $("article-headline").textContent = "";
      showError(e.message);
      return;
    }
    current = { id, article: a, cps: Array.from(a.text), analysis: a.analysis || {} };
    renderArticle();
  }
  $("evidence").hidden = true;
  $("evidence").removeAttribute("data-record");
  clearSelection();
  if (what === "event" && index !== undefined) showEvent(Number(index));
  else if (what === "quote" && index !== undefined) showQuote(Number(index));
  else if (what === "entity" && index !== undefined) showEntity(index);
}

function renderArticle() {
  const { article: a, cps, analysis: an } = current;
  $("article-headline").textContent = a.headline || "(no headline)";
  $("article-meta").textContent = [a.published, a.section, a.agency, a.byline && "by " + a.byline, a.id]
    .filter(Boolean)
    .join(" · ");

  // Every annotation: [start, end, layer, key].
  const anns = [];
  (a.zones || []).forEach((z) => anns.push([z.span.start, z.span.end, "zone", z.kind]));
  (an.entities || []).forEach((e) =>
    (e.mentions || []).forEach((m) => anns.push([m.span.start, m.span.end, "entity", e.id])),
  );
  (an.quotes || []).forEach((q, i) => anns.push([q.content.start, q.content.end, "quote", i]));
  (an.timexes || []).forEach((t, i) => anns.push([t.span.start, t.span.end, "timex", i]));
  (an.events || []).forEach((ev, i) =>
    (ev.mentions || []).forEach((m) => anns.push([m.trigger.start, m.trigger.end, "event", i])),
  );

  const cuts = new Set([0, cps.length]);
  for (const [s, e] of anns) {
    cuts.add(Math.max(0, Math.min(s, cps.length)));
    cuts.add(Math.max(0, Math.min(e, cps.length)));
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  const box = clear($("article-text"));
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    if (e <= s) continue;
    // The innermost (shortest) annotation of each layer covering [s, e).
    const best = {};
    for (const [as, ae, layer, key] of anns) {
      if (as <= s && e <= ae && ae > as) {
        const len = ae - as;
        if (!best[layer] || len < best[layer].len) best[layer] = { key, len };
      }
    }
    const classes = ["seg"];
    const attrs = {};
    if (best.zone) classes.push("zone-" + best.zone.key);
    for (const layer of PRIORITY) {
      if (best[layer]) {
        classes.push("hl-" + layer);
        attrs["data-" + layer] = best[layer].key;
      }
    }
    const top = PRIORITY.find((l) => best[l]);
    if (top) {
      attrs.tabindex = 0;
      attrs.role = "button";
      attrs["data-testid"] = "hl-" + top;
    }
    attrs.class = classes.join(" ");
    box.append(el("span", attrs, cut(cps, s, e)));
  }

  renderSideLists();
}

function renderSideLists() {
  const { id, analysis: an } = current;
  const events = clear($("event-list"));
  (an.events || []).forEach((ev, i) => {
    const who = [actorLabel(ev.source), actorLabel(ev.target)].filter(Boolean).join(" → ");
    events.append(
      el(
        "li",
        { "data-testid": "event-item", "data-event": i },
        el(
          "a",
          { href: "#/article/" + encodeURIComponent(id) + "/event/" + i, class: "record-link" },
          el("span", { class: "code", text: ev.cameo }),
          " ",
          el("span", { text: ev.plover || "" }),
          " ",
          el("span", { class: "modality modality-" + ev.modality, text: ev.modality }),
        ),
        el("span", { class: "meta", text: " " + who + (ev.date ? " · " + ev.date : "") }),
      ),
    );
  });
  if (!(an.events || []).length) events.append(el("li", { class: "meta", text: "none" }));

  const quotes = clear($("quote-list"));
  (an.quotes || []).forEach((q, i) => {
    const who = q.speaker ? q.speaker.name || q.speaker.text : "unknown speaker";
    quotes.append(
      el(
        "li",
        { "data-testid": "quote-item" },
        el("a", { href: "#/article/" + encodeURIComponent(id) + "/quote/" + i, class: "record-link", text: who }),
        el("span", { class: "meta", text: " " + q.kind + ": " + truncate(q.text, 90) }),
      ),
    );
  });
  if (!(an.quotes || []).length) quotes.append(el("li", { class: "meta", text: "none" }));

  const ents = clear($("entity-list"));
  (an.entities || []).forEach((e) => {
    ents.append(
      el(
        "li",
        { "data-testid": "entity-item" },
        el("a", { href: "#/article/" + encodeURIComponent(id) + "/entity/" + encodeURIComponent(e.id), class: "record-link", text: e.name }),
        el("span", { class: "meta", text: " " + e.type + (e.actor ? " · " + e.actor : "") + " · " + (e.mentions || []).length + "×" }),
      ),
    );
  });
  if (!(an.entities || []).length) ents.append(el("li", { class: "meta", text: "none" }));

  const tx = clear($("timex-list"));
  (an.timexes || []).forEach((t) => {
    tx.append(el("li", {}, el("span", { text: t.text }), el("span", { class: "meta", text: " = " + t.value + " (" + t.type + ")" })));
  });
  if (!(an.timexes || []).length) tx.append(el("li", { class: "meta", text: "none" }));
}

function truncate(s, n) {
  const cps = Array.from(s || "");
  return cps.length > n ? cut(cps, 0, n - 1) + "…" : s;
}

function actorLabel(a) {
  if (!a) return "";
  return a.name ? a.code + " (" + a.name + ")" : a.code;
}

function clearSelection() {
  for (const s of document.querySelectorAll("#article-text .selected")) s.classList.remove("selected");
}

function select(selector) {
  clearSelection();
  const hits = document.querySelectorAll(selector);
  for (const s of hits) s.classList.add("selected");
  if (hits.length) hits[0].scrollIntoView({ block: "nearest" });
}

/** Shows the evidence panel for one record (`record`: "event:3", "quote:0", …). */
function evidencePanel(record, title, ...children) {
  const box = clear($("evidence"));
  box.setAttribute("data-record", record);
  box.append(
    el(
      "div",
      { class: "evidence-head" },
      el("strong", { "data-testid": "evidence-title", text: title }),
      el("button", { type: "button", class: "close", "aria-label": "close", onclick: () => (box.hidden = true), text: "×" }),
    ),
  );
  for (const c of children) if (c) box.append(c);
  box.hidden = false;
}

function dl(pairs) {
  const d = el("dl", { class: "facts" });
  for (const [k, v, testid] of pairs) {
    if (v === null || v === undefined || v === "") continue;
    d.append(el("dt", { text: k }), el("dd", { text: String(v), "data-testid": testid || null }));
  }
  return d;
}

/** A sentence with marked sub-spans: marks = [{start, end, cls, testid}] in article offsets. */
function markedSentence(sentence, marks) {
  const cps = Array.from(sentence.text);
  const base = sentence.start;
  const p = el("p", { class: "evidence-sentence", "data-testid": "evidence-sentence" });
  const rel = marks
    .filter((m) => m && m.end > m.start)
    .map((m) => ({ ...m, a: Math.max(0, m.start - base), b: Math.min(cps.length, m.end - base) }))
    .filter((m) => m.b > m.a)
    .sort((x, y) => x.a - y.a);
  let at = 0;
  for (const m of rel) {
    if (m.a < at) continue; // overlapping marks: keep the first
    if (m.a > at) p.append(cut(cps, at, m.a));
    p.append(el("mark", { class: m.cls, "data-testid": m.testid }, cut(cps, m.a, m.b)));
    at = m.b;
  }
  if (at < cps.length) p.append(cut(cps, at, cps.length));
  return p;
}

async function showEvent(i) {
  select('#article-text [data-event="' + i + '"]');
  markListItem("event-list", i);
  let d;
  try {
    d = await api("/api/events/" + encodeURIComponent(current.id) + "/" + i);
  } catch (e) {
    showError(e.message);
    return;
  }
  const ev = d.event;
  const tellings = (d.evidence || []).map((m) => {
    const marks = [
      { ...m.trigger, cls: "ev-trigger", testid: "evidence-trigger" },
      m.source && { ...m.source, cls: "ev-source", testid: "evidence-source" },
      m.target && { ...m.target, cls: "ev-target", testid: "evidence-target" },
    ];
    return markedSentence(m.sentence, marks);
  });
  evidencePanel(
    "event:" + i,
    "Event " + ev.cameo + (ev.plover ? " · " + ev.plover : ""),
    dl([
      ["CAMEO", ev.cameo, "evidence-cameo"],
      ["PLOVER", ev.plover, "evidence-plover"],
      ["modality", ev.modality, "evidence-modality"],
      ["date", ev.date, "evidence-date"],
      ["said on", ev.speech_date],
      ["source", actorLabel(ev.source), "evidence-source-actor"],
      ["target", actorLabel(ev.target), "evidence-target-actor"],
      ["Goldstein", ev.goldstein == null ? null : fmt(ev.goldstein)],
      ["QuadClass", ev.quad_class],
      ["tellings", (ev.mentions || []).length],
    ]),
    el("p", { class: "legend" }, el("mark", { class: "ev-source", text: "source" }), " ", el("mark", { class: "ev-trigger", text: "trigger" }), " ", el("mark", { class: "ev-target", text: "target" })),
    ...tellings,
  );
}

async function showQuote(i) {
  select('#article-text [data-quote="' + i + '"]');
  markListItem("quote-list", i);
  let d;
  try {
    d = await api("/api/quotes/" + encodeURIComponent(current.id) + "/" + i);
  } catch (e) {
    showError(e.message);
    return;
  }
  const q = d.quote;
  const marks = [{ ...q.content, cls: "ev-quote", testid: "evidence-quote" }];
  if (q.speaker && q.speaker.span) marks.push({ ...q.speaker.span, cls: "ev-source", testid: "evidence-speaker" });
  if (q.cue) marks.push({ ...q.cue.span, cls: "ev-trigger", testid: "evidence-cue" });
  evidencePanel(
    "quote:" + i,
    "Quote (" + q.kind + ")",
    dl([
      ["speaker", q.speaker ? q.speaker.name || q.speaker.text : "unknown", "evidence-speaker-name"],
      ["words", q.speaker && q.speaker.text],
      ["cue", q.cue && q.cue.text],
    ]),
    d.sentence ? markedSentence(d.sentence, marks) : el("p", { class: "evidence-sentence", text: q.text }),
  );
}

async function showEntity(eid) {
  select('#article-text [data-entity="' + CSS.escape(eid) + '"]');
  let d;
  try {
    d = await api("/api/entities/" + encodeURIComponent(current.id) + "/" + encodeURIComponent(eid));
  } catch (e) {
    showError(e.message);
    return;
  }
  const e = d.entity;
  const evs = el("ul", { class: "records" });
  for (const x of d.events) {
    evs.append(
      el("li", {}, el("a", { href: "#/article/" + encodeURIComponent(current.id) + "/event/" + x.index, text: x.cameo + " " + (x.plover || "") }), " " + x.role + " · " + x.modality),
    );
  }
  const actions = el("p", {});
  if (e.actor) {
    actions.append(
      el("a", { href: "#/timeline?actors=" + encodeURIComponent(e.actor), text: "timeline of " + e.actor }),
      " · ",
      el("a", { href: "#/network?actor=" + encodeURIComponent(e.actor), text: "network of " + e.actor }),
    );
  }
  evidencePanel(
    "entity:" + eid,
    e.name,
    dl([
      ["type", e.type],
      ["actor", e.actor, "evidence-actor"],
      ["Wikidata", e.wikidata],
      ["mentions", (e.mentions || []).map((m) => m.text).join(", ")],
      ["quotes", d.quotes.length],
    ]),
    d.events.length ? el("p", { class: "meta", text: "events:" }) : null,
    d.events.length ? evs : null,
    actions,
  );
}

function showTimex(i) {
  const t = (current.analysis.timexes || [])[i];
  if (!t) return;
  select('#article-text [data-timex="' + i + '"]');
  evidencePanel("timex:" + i, "Time expression", dl([["text", t.text], ["value", t.value, "evidence-timex-value"], ["type", t.type]]));
}

function markListItem(listId, i) {
  for (const li of $(listId).children) li.classList.toggle("current", li.getAttribute("data-event") === String(i) || li === $(listId).children[i]);
}

function onTextClick(ev) {
  const seg = ev.target.closest(".seg");
  if (!seg || !current) return;
  const base = "#/article/" + encodeURIComponent(current.id);
  if (seg.hasAttribute("data-event")) window.location.hash = base + "/event/" + seg.getAttribute("data-event");
  else if (seg.hasAttribute("data-timex")) showTimex(Number(seg.getAttribute("data-timex")));
  else if (seg.hasAttribute("data-entity")) window.location.hash = base + "/entity/" + encodeURIComponent(seg.getAttribute("data-entity"));
  else if (seg.hasAttribute("data-quote")) window.location.hash = base + "/quote/" + seg.getAttribute("data-quote");
}

// ---------- timeline chart ----------

const PALETTE = ["#3b6fb6", "#d08c2b", "#7a4fb0", "#2a9d8f", "#b5476a", "#5c7a29"];

async function drawTimeline() {
  const box = clear($("timeline-chart"));
  const actors = $("t-actors").value.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean).slice(0, PALETTE.length);
  if (!actors.length) {
    box.append(el("p", { class: "meta", text: "name one or more actors, e.g. TUR, GRC" }));
    return;
  }
  const q = { bucket: $("t-bucket").value, from: $("t-from").value, to: $("t-to").value, all: $("t-all").checked ? "true" : "" };
  let series;
  try {
    series = await Promise.all(actors.map((a) => api("/api/timeline", { ...q, actor: a })));
  } catch (e) {
    showError(e.message);
    return;
  }
  const periods = Array.from(new Set(series.flatMap((s) => s.points.map((p) => p.period)))).sort();
  if (!periods.length) {
    box.append(el("p", { class: "meta", "data-testid": "timeline-empty", text: "no events for " + actors.join(", ") }));
    return;
  }
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.events)));
  const W = Math.max(480, Math.min(1200, periods.length * (actors.length * 22 + 16) + 88));
  const H = 320;
  const left = 44, right = 44, top = 20, bottom = 70;
  const plotH = H - top - bottom;
  const groupW = (W - left - right) / periods.length;
  const barW = Math.max(4, Math.min(28, (groupW - 8) / actors.length));
  const chart = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "events per period", "data-testid": "timeline-svg" });
  // Axes: events on the left, Goldstein (-10..10) on the right.
  chart.append(svg("line", { x1: left, y1: top + plotH, x2: W - right, y2: top + plotH, class: "axis" }));
  const step = Math.max(1, Math.ceil(max / 4));
  for (let n = 0; n <= max; n += step) {
    const y = top + plotH - (n / max) * plotH;
    chart.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", class: "tick", text: String(n) }));
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    const y = top + plotH - ((g + 10) / 20) * plotH;
    chart.append(svg("text", { x: W - right + 6, y: y + 4, class: "tick", text: String(g) }));
  }
  const gy = (g) => top + plotH - ((g + 10) / 20) * plotH;
  chart.append(svg("line", { x1: left, y1: gy(0), x2: W - right, y2: gy(0), class: "zero" }));
  periods.forEach((period, pi) => {
    const gx = left + pi * groupW;
    series.forEach((s, si) => {
      const p = s.points.find((x) => x.period === period);
      if (!p) return;
      const h = (p.events / max) * plotH;
      const x = gx + (groupW - series.length * barW) / 2 + si * barW;
      const bar = svg("rect", { x, y: top + plotH - h, width: barW - 2, height: h, fill: PALETTE[si], class: "bar", "data-testid": "timeline-bar", "data-actor": s.actor, "data-period": period });
      bar.append(svg("title", { text: s.actor + " " + period + ": " + p.events + " events, Goldstein mean " + fmt(p.goldstein_mean) }));
      chart.append(bar);
      if (p.goldstein_mean !== null && p.goldstein_mean !== undefined) {
        const dot = svg("circle", { cx: x + (barW - 2) / 2, cy: gy(p.goldstein_mean), r: 4, fill: toneColour(p.goldstein_mean), stroke: PALETTE[si], class: "tone", "data-testid": "timeline-tone" });
        dot.append(svg("title", { text: s.actor + " " + period + ": Goldstein mean " + fmt(p.goldstein_mean) }));
        chart.append(dot);
      }
    });
    const lx = gx + groupW / 2;
    chart.append(svg("text", { x: lx, y: top + plotH + 14, "text-anchor": "end", transform: "rotate(-40 " + lx + " " + (top + plotH + 14) + ")", class: "tick", text: period }));
  });
  const legend = el("p", { class: "legend" });
  actors.forEach((a, i) => legend.append(el("span", { class: "swatch swatch-" + i }), " " + a + "  "));
  legend.append(" · bars: events (left axis) · dots: mean Goldstein score (right axis, −10 conflict … +10 cooperation)");
  box.append(chart, legend);
}

// ---------- network graph ----------

async function drawNetwork() {
  const box = clear($("network-graph"));
  const actor = $("n-actor").value.trim().toUpperCase();
  if (!actor) {
    box.append(el("p", { class: "meta", text: "name an actor, e.g. TUR" }));
    return;
  }
  let d;
  try {
    d = await api("/api/network", { actor, limit: $("n-limit").value || 20, all: $("n-all").checked ? "true" : "" });
  } catch (e) {
    showError(e.message);
    return;
  }
  const cps = d.counterparts || [];
  if (!cps.length) {
    box.append(el("p", { class: "meta", "data-testid": "network-empty", text: "no counterparts for " + actor }));
    return;
  }
  const W = 720, H = 560, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 80;
  const max = Math.max(1, ...cps.map((c) => c.events));
  const size = (n) => 8 + 22 * Math.sqrt(n / max);
  const g = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "counterparts of " + actor, "data-testid": "network-svg" });
  const edges = svg("g", {});
  const nodes = svg("g", {});
  cps.forEach((c, i) => {
    const a = (2 * Math.PI * i) / cps.length - Math.PI / 2;
    const x = cx + R * Math.cos(a), y = cy + R * Math.sin(a);
    edges.append(svg("line", { x1: cx, y1: cy, x2: x, y2: y, stroke: toneColour(c.goldstein_mean), "stroke-width": 1 + 5 * (c.events / max), class: "edge" }));
    const node = svg("g", { class: "node", tabindex: 0, "data-testid": "network-node", "data-code": c.code, onclick: () => recentre(c.code) });
    node.append(svg("circle", { cx: x, cy: y, r: size(c.events), fill: toneColour(c.goldstein_mean) }));
    node.append(svg("title", { text: c.code + (c.name ? " (" + c.name + ")" : "") + ": " + c.events + " events (" + c.as_source + " as source, " + c.as_target + " as target), Goldstein mean " + fmt(c.goldstein_mean) }));
    node.append(svg("text", { x, y: y + size(c.events) + 14, "text-anchor": "middle", class: "label", text: c.code + " · " + c.events }));
    nodes.append(node);
  });
  const centre = svg("g", { class: "node centre", "data-testid": "network-centre" });
  centre.append(svg("circle", { cx, cy, r: 30, fill: "#264653" }));
  centre.append(svg("text", { x: cx, y: cy + 5, "text-anchor": "middle", class: "label centre-label", text: actor }));
  g.append(edges, nodes, centre);
  box.append(g, el("p", { class: "legend", text: "size: number of events · colour: mean Goldstein score (red conflict, green cooperation) · click a node to centre it" }));
}

function recentre(code) {
  window.location.hash = "#/network?actor=" + encodeURIComponent(code) + ($("n-all").checked ? "&all=true" : "");
}

// ---------- start ----------

async function status() {
  try {
    const h = await api("/api/health");
    $("store-status").textContent = h.articles + " articles" + (h.writes ? " · writes on" : " · read-only");
  } catch (e) {
    $("store-status").textContent = "server unreachable";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = searchParamsFromForm();
    const target = "#/search?" + p.toString();
    if (window.location.hash === target) runSearch(p, false);
    else window.location.hash = target;
  });
  $("more").addEventListener("click", () => lastSearch && runSearch(lastSearch, true));
  $("timeline-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams({ actors: $("t-actors").value, bucket: $("t-bucket").value });
    if ($("t-from").value) p.set("from", $("t-from").value);
    if ($("t-to").value) p.set("to", $("t-to").value);
    if ($("t-all").checked) p.set("all", "true");
    const target = "#/timeline?" + p.toString();
    if (window.location.hash === target) drawTimeline();
    else window.location.hash = target;
  });
  $("network-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const target = "#/network?actor=" + encodeURIComponent($("n-actor").value.trim().toUpperCase()) + ($("n-all").checked ? "&all=true" : "");
    if (window.location.hash === target) drawNetwork();
    else window.location.hash = target;
  });
  $("article-text").addEventListener("click", onTextClick);
  $("article-text").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") onTextClick(ev);
  });
  window.addEventListener("hashchange", route);
  status();
  route();
});
