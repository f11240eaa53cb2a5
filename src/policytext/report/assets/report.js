/* policytext report: renders the inlined results (five parts), every number a button listing its passages. */
"use strict";
(async function () {
  const I18N = JSON.parse(document.getElementById("i18n").textContent);
  const BUILD = JSON.parse(document.getElementById("build").textContent);
  let LANG = BUILD.lang || "en";
  const t = (k, vars) => {
    let s = (I18N[LANG] && I18N[LANG][k]) || I18N.en[k] || k;
    for (const [a, b] of Object.entries(vars || {})) s = s.replace("{" + a + "}", b);
    return s;
  };

  async function decode() {  // gzip + base64 keeps the page small; DecompressionStream is built into browsers
    const bin = atob(document.getElementById("payload").textContent.trim());
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of kids.flat()) if (c != null) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  const fmt = (x, d) => x == null || Number.isNaN(x) ? "–" :
    (d == null ? Number(x).toLocaleString("en") : Number(x).toFixed(d));
  const th = (k, n) => el("th", { class: n ? "n" : null }, t(k));
  function table(heads, rows) {
    return el("table", {}, el("thead", {}, el("tr", {}, heads)), el("tbody", {}, rows));
  }
  const td = (x, n) => el("td", { class: n ? "n" : null }, x);
  function select(options, value, onchange, attrs) {
    const s = el("select", Object.assign({ onchange: (ev) => onchange(ev.target.value) }, attrs || {}),
      options.map(([v, label]) => el("option", { value: String(v) }, label)));
    s.value = String(value);
    return s;
  }
  const notInRun = (table) => el("p", { class: "notice" }, t("not_in_run", { table }));

  const D = await decode();
  const docs = D.docs, texts = D.texts;
  const yearKey = (y) => (y == null ? "unknown" : String(y));
  const yearLabel = (k) => (k === "unknown" ? t("unknown") : k);
  const allYears = [...new Set(docs.map((d) => yearKey(d.year)))].sort((a, b) =>
    a === "unknown" ? 1 : b === "unknown" ? -1 : Number(a) - Number(b));
  const langs = [...new Set(docs.map((d) => d.lang || "?"))].sort();
  const docOk = (i, lang) => lang === "all" || docs[i].lang === lang;
  function yearStats(lang) {  // characters and documents per year under a language filter
    const chars = {}, n = {};
    docs.forEach((d, i) => {
      if (!docOk(i, lang)) return;
      const k = yearKey(d.year);
      chars[k] = (chars[k] || 0) + (d.chars || 0); n[k] = (n[k] || 0) + 1;
    });
    return { chars, n, years: allYears.filter((y) => n[y]) };
  }
  const label = (labels, fallback) => (labels && (labels[LANG] || labels.en || labels.zh || labels.ko)) || fallback;
  const charts = {};
  function chart(id, canvas, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options);
    charts[id] = new Chart(canvas, config);
    return charts[id];
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  /* ---------- passages panel ---------- */
  const P = { title: "", rows: [], window: 30 };
  const panel = document.getElementById("passages");
  const flat = (s) => s.replace(/\s+/g, " ");
  function showPassages(title, triples, window) {
    P.title = title; P.window = window || 30;
    P.rows = [];
    for (let i = 0; i < triples.length; i += 3) {
      const d = triples[i], s = triples[i + 1], e = triples[i + 2], text = texts[d] || "";
      P.rows.push({ d, s, e, left: flat(text.slice(Math.max(0, s - P.window), s)), hit: text.slice(s, e),
        right: flat(text.slice(e, e + P.window)) });
    }
    document.getElementById("p-search").value = "";
    panel.hidden = false;
    renderPassages();
  }
  function renderPassages() {
    const q = document.getElementById("p-search").value.trim().toLowerCase();
    const how = document.getElementById("p-sort").value;
    let rows = P.rows.filter((r) => !q || (r.left + r.hit + r.right + docs[r.d].id).toLowerCase().includes(q));
    const rev = (s) => [...s].reverse().join("");
    const cmp = {
      doc: (a, b) => a.d - b.d || a.s - b.s,
      year_desc: (a, b) => (docs[b].year || 0) - (docs[a].year || 0) || a.d - b.d || a.s - b.s,
      left: (a, b) => rev(a.left).localeCompare(rev(b.left)),
      right: (a, b) => a.right.localeCompare(b.right),
    }[how];
    rows = rows.slice().sort(cmp);
    const shown = rows.slice(0, 500);
    document.getElementById("p-title").textContent = P.title;
    document.getElementById("p-count").textContent = t("showing", { n: shown.length, m: rows.length });
    const body = document.querySelector("#p-table tbody");
    body.replaceChildren(...shown.map((r) => el("tr", {},
      el("td", { class: "mono" }, docs[r.d].id, el("br"), el("span", { class: "muted" }, `${yearLabel(yearKey(docs[r.d].year))} · ${r.s}–${r.e}`)),
      el("td", { class: "l", lang: docs[r.d].lang }, r.left),
      el("td", { lang: docs[r.d].lang, class: r.hit.length <= 16 ? "short" : null }, el("mark", {}, r.hit)),
      el("td", { class: "r", lang: docs[r.d].lang }, r.right))));
  }
  document.getElementById("p-search").addEventListener("input", renderPassages);
  document.getElementById("p-sort").addEventListener("change", renderPassages);
  document.getElementById("p-close").addEventListener("click", () => { panel.hidden = true; });
  const numBtn = (n, title, triples, window) => n ? el("button", { class: "num", title: t("click_hint"),
    onclick: () => showPassages(title, triples(), window) }, fmt(n)) : el("span", { class: "muted" }, "0");

  /* ---------- corpus ---------- */
  function renderCorpus(sec) {
    const R = D.run;
    const stats = {};
    docs.forEach((d) => { const k = yearKey(d.year); stats[k] = stats[k] || {}; stats[k][d.lang] = (stats[k][d.lang] || 0) + 1; });
    const canvas = el("canvas");
    sec.append(el("h2", {}, t("docs_per_year")), el("div", { class: "chart" }, canvas));
    chart("corpus", canvas, { type: "bar", data: { labels: allYears.map(yearLabel),
      datasets: langs.map((l) => ({ label: l, data: allYears.map((y) => (stats[y] || {})[l] || 0) })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: t("docs") } } } } });
    const kinds = {};
    docs.forEach((d) => { const k = d.kind || t("unknown"); kinds[k] = kinds[k] || {}; kinds[k][d.lang] = (kinds[k][d.lang] || 0) + 1; });
    sec.append(el("div", { class: "row" },
      el("div", {}, el("h2", {}, t("docs_by_kind")), table([th("kind"), ...langs.map((l) => el("th", { class: "n" }, l))],
        Object.entries(kinds).map(([k, v]) => el("tr", {}, td(k), langs.map((l) => td(fmt(v[l] || 0), true)))))),
      el("div", {}, el("h2", {}, t("skipped")), R.skipped.length ? table([th("file"), th("reason")],
        R.skipped.map((s) => el("tr", {}, td(el("span", { class: "mono" }, s.path)), td(s.reason)))) : el("p", { class: "muted" }, t("none")),
        el("p", {}, `${t("excluded")}: ${fmt(R.excluded.count || 0)}`))));
    const kv = (o) => table([th("settings"), el("th", {}, "")], Object.entries(o || {}).map(([k, v]) =>
      el("tr", {}, td(k), td(el("span", { class: "mono" }, typeof v === "object" ? JSON.stringify(v) : String(v))))));
    sec.append(el("h2", {}, t("provenance")), el("div", { class: "row" },
      el("div", {}, el("h3", {}, t("versions")), kv(R.versions)),
      el("div", {}, el("h3", {}, t("settings")), kv(R.settings), el("h3", {}, t("tables")),
        kv(Object.fromEntries(Object.entries(R.tables).map(([k, v]) => [k, v == null ? "–" : v]))))),
    el("details", {}, el("summary", {}, `${t("inputs")}: ${R.inputs.length}`), el("div", { class: "scroll" },
      table([th("doc"), th("file"), el("th", {}, "sha256")], R.inputs.map((i) =>
        el("tr", {}, td(i.doc_id), td(el("span", { class: "mono" }, i.source)), td(el("span", { class: "mono" }, i.sha256))))))));
  }

  /* ---------- terms and concepts ---------- */
  const TS = { term: null, lang: "all", filter: "", ref: null, target: null };
  function termData() {
    const T = D.terms, per = T.names.map(() => ({}));  // term -> year -> {count, docs}
    const totals = T.names.map(() => 0);
    for (const [ti, di, c] of T.rows) {
      if (!docOk(di, TS.lang)) continue;
      const y = yearKey(docs[di].year), cell = per[ti][y] || (per[ti][y] = { count: 0, docs: 0 });
      cell.count += c; cell.docs += 1; totals[ti] += c;
    }
    return { per, totals };
  }
  const termHits = (ti, year) => () => {
    const h = (D.terms.hits || [])[ti] || [], out = [];
    for (let i = 0; i < h.length; i += 3) {
      if (docOk(h[i], TS.lang) && (year == null || yearKey(docs[h[i]].year) === year)) out.push(h[i], h[i + 1], h[i + 2]);
    }
    return out;
  };
  function erfc(x) {  // Numerical Recipes erfcc, |error| < 1.2e-7
    const z = Math.abs(x), u = 1 / (1 + 0.5 * z);
    const r = u * Math.exp(-z * z - 1.26551223 + u * (1.00002368 + u * (0.37409196 + u * (0.09678418 + u * (-0.18628806 +
      u * (0.27886807 + u * (-1.13520398 + u * (1.48851587 + u * (-0.82215223 + u * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
  function g2(a, b, n1, n2) {  // as policytext.keywords.compare.log_likelihood
    if (n1 <= 0 || n2 <= 0) return 0;
    const e1 = n1 * (a + b) / (n1 + n2), e2 = n2 * (a + b) / (n1 + n2);
    return 2 * ((a > 0 ? a * Math.log(a / e1) : 0) + (b > 0 ? b * Math.log(b / e2) : 0));
  }
  function renderTerms(sec) {
    const T = D.terms;
    if (!T) { sec.append(notInRun("counts")); return; }
    const { per, totals } = termData();
    const ys = yearStats(TS.lang);
    const order = T.names.map((_, i) => i).sort((a, b) => totals[b] - totals[a]);
    if (TS.term == null || !totals[TS.term]) TS.term = order[0];
    const name = (i) => `${label(T.labels[i], T.names[i])}`;
    const known = ys.years.filter((y) => y !== "unknown");
    if (!TS.ref || !ys.n[TS.ref]) TS.ref = known[Math.max(0, known.length - 2)];
    if (!TS.target || !ys.n[TS.target]) TS.target = known[known.length - 1];
    const rerender = () => render("terms");
    const filtered = order.filter((i) => !TS.filter || (name(i) + " " + T.names[i]).toLowerCase().includes(TS.filter.toLowerCase()));
    const chooser = select(filtered.map((i) => [i, `${name(i)} (${fmt(totals[i])})`]), TS.term, (v) => { TS.term = Number(v); rerender(); }, { size: 8, id: "term-select" });
    const filterBox = el("input", { type: "search", placeholder: t("filter"), value: TS.filter });
    filterBox.addEventListener("change", () => { TS.filter = filterBox.value; rerender(); });
    sec.append(el("div", { class: "controls" }, el("label", {}, t("choose_term"), " ", filterBox),
      el("label", {}, t("lang"), " ", select([["all", t("all")], ...langs.map((l) => [l, l])], TS.lang, (v) => { TS.lang = v; rerender(); })),
      el("span", { class: "muted" }, `${t("rule")}: ${T.rule} · ${t("lexicon")}: ${T.lexicon}`)));
    const ti = TS.term, cells = per[ti];
    const canvas = el("canvas");
    sec.append(el("div", { class: "row" }, el("div", { style: "flex: 0 1 320px" }, chooser),
      el("div", {}, el("h2", {}, `${t("counts_rates")}: ${name(ti)}`), el("div", { class: "chart" }, canvas))));
    const rate = (y) => (cells[y] && ys.chars[y] ? 10000 * cells[y].count / ys.chars[y] : 0);
    chart("terms", canvas, { type: "line", data: { labels: ys.years.map(yearLabel), datasets: [
      { label: t("count"), data: ys.years.map((y) => (cells[y] || {}).count || 0), yAxisID: "y" },
      { label: t("rate"), data: ys.years.map(rate), yAxisID: "y1" }] },
    options: { scales: { y: { position: "left", title: { display: true, text: t("count") } },
      y1: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: t("rate") } } } } });
    sec.append(el("div", { class: "scroll", id: "term-table" }, table([th("year"), th("docs_with", 1), th("count", 1), th("rate", 1), th("chars", 1)],
      ys.years.map((y) => el("tr", {}, td(yearLabel(y)), td(fmt((cells[y] || {}).docs || 0), 1),
        td(numBtn((cells[y] || {}).count || 0, `${name(ti)} · ${yearLabel(y)}`, termHits(ti, y)), 1),
        td(fmt(rate(y), 2), 1), td(fmt(ys.chars[y]), 1))))));
    // keyness between two chosen years
    const yearOpts = known.map((y) => [y, y]);
    const n1 = ys.chars[TS.target] || 0, n2 = ys.chars[TS.ref] || 0;
    const key = T.names.map((_, i) => {
      const a = (per[i][TS.target] || {}).count || 0, b = (per[i][TS.ref] || {}).count || 0;
      const g = g2(a, b, n1, n2), lr = Math.log2(((a || 0.5) / n1) / ((b || 0.5) / n2));
      return { i, a, b, g, lr, p: erfc(Math.sqrt(Math.max(g, 0) / 2)) };
    }).filter((r) => r.a + r.b > 0).sort((x, y) => Math.sign(y.lr) * y.g - Math.sign(x.lr) * x.g);
    sec.append(el("h2", {}, t("keyness")), el("div", { class: "controls" },
      el("label", {}, t("ref_year"), " ", select(yearOpts, TS.ref, (v) => { TS.ref = v; rerender(); }, { id: "ref-year" })),
      el("label", {}, t("target_year"), " ", select(yearOpts, TS.target, (v) => { TS.target = v; rerender(); }, { id: "target-year" }))),
    el("div", { class: "scroll" }, table([th("choose_term"), el("th", { class: "n" }, `${t("count")} ${TS.ref}`),
      el("th", { class: "n" }, `${t("count")} ${TS.target}`), th("g2", 1), th("log_ratio", 1), th("p", 1)],
    key.map((r) => el("tr", {}, td(name(r.i)), td(numBtn(r.b, `${name(r.i)} · ${TS.ref}`, termHits(r.i, TS.ref)), 1),
      td(numBtn(r.a, `${name(r.i)} · ${TS.target}`, termHits(r.i, TS.target)), 1), td(fmt(r.g, 2), 1),
      td(fmt(r.lr, 2), 1), td(r.p < 0.001 ? "<0.001" : fmt(r.p, 3), 1))))));
    // first appearances
    const first = order.map((i) => {
      const y = ys.years.find((k) => k !== "unknown" && per[i][k] && per[i][k].count > 0);
      return { i, y, c: y ? per[i][y].count : 0 };
    }).filter((r) => r.y).sort((a, b) => Number(b.y) - Number(a.y));
    sec.append(el("h2", {}, t("first_appearances")), el("div", { class: "scroll" }, table([th("choose_term"), th("first_year"), th("count_then", 1), th("total", 1)],
      first.map((r) => el("tr", {}, td(name(r.i)), td(r.y), td(numBtn(r.c, `${name(r.i)} · ${r.y}`, termHits(r.i, r.y)), 1),
        td(numBtn(totals[r.i], name(r.i), termHits(r.i, null)), 1))))));
  }

  /* ---------- entities ---------- */
  const ES = { label: "PERSON", year: "all", linked: false };
  function renderEntities(sec) {
    const E = D.entities;
    if (!E) { sec.append(notInRun("entities")); return; }
    const rerender = () => render("entities");
    const li = E.labels.indexOf(ES.label);
    const counts = new Map();
    for (const [k, d] of E.rows) {
      if (E.entities[k].label !== ES.label || (ES.year !== "all" && yearKey(docs[d].year) !== ES.year)) continue;
      if (ES.linked && !E.entities[k].linked) continue;
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
    const mentions = (k) => () => {
      const out = [];
      for (const [kk, d, s, e] of E.rows) if (kk === k && (ES.year === "all" || yearKey(docs[d].year) === ES.year)) out.push(d, s, e);
      return out;
    };
    const shownLang = (en) => [LANG, "zh", "ko"].find((l) => en.names[l]) || Object.keys(en.names)[0];
    const shown = (en) => en.names[shownLang(en)] || en.id;
    sec.append(el("div", { class: "controls" },
      el("label", {}, t("label"), " ", select(E.labels.map((l) => [l, t(l)]), ES.label, (v) => { ES.label = v; rerender(); }, { id: "entity-label" })),
      el("label", {}, t("year"), " ", select([["all", t("all")], ...allYears.map((y) => [y, yearLabel(y)])], ES.year, (v) => { ES.year = v; rerender(); }, { id: "entity-year" })),
      el("label", {}, el("input", { type: "checkbox", id: "entity-linked", checked: ES.linked ? "" : null,
        onchange: (ev) => { ES.linked = ev.target.checked; rerender(); } }), " ", t("linked_only"))),
    el("h2", {}, `${t("top_entities")}: ${t(E.labels[li])} · ${ES.year === "all" ? t("all") : yearLabel(ES.year)}`),
    el("div", { class: "scroll" }, table([th("entity"), th("names"), th("linked_id"), th("mentions", 1)],
      top.map(([k, n]) => { const en = E.entities[k]; return el("tr", {}, td(shown(en)),
        td(Object.entries(en.names).filter(([l]) => l !== shownLang(en)).map(([l, s]) => `${s} (${l})`).join(" = ")),
        td(en.linked ? el("span", { class: "mono" }, en.id) : el("span", { class: "muted" }, "–")),
        td(numBtn(n, `${shown(en)} · ${t(en.label)}`, mentions(k), 40), 1)); }))));
    // per year: the top three of the label in every year
    const byYear = {};
    for (const [k, d] of E.rows) {
      if (E.entities[k].label !== ES.label || (ES.linked && !E.entities[k].linked)) continue;
      const y = yearKey(docs[d].year); (byYear[y] = byYear[y] || new Map()).set(k, (byYear[y].get(k) || 0) + 1);
    }
    sec.append(el("h2", {}, `${t(ES.label)} · ${t("year")}`), el("div", { class: "scroll" }, table([th("year"), th("top_entities")],
      allYears.filter((y) => byYear[y]).map((y) => el("tr", {}, td(yearLabel(y)), td([...byYear[y].entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)
        .map(([k, n]) => `${shown(E.entities[k])} ${n}`).join(" · ")))))));
  }

  /* ---------- topics ---------- */
  const PS = { lang: "all" };
  function renderTopics(sec) {
    const TP = D.topics;
    if (!TP) { sec.append(notInRun("topics")); return; }
    const rerender = () => render("topics");
    const cnt = {}, tot = {};
    for (const [d, , , a] of TP.rows) {
      if (!docOk(d, PS.lang)) continue;
      const y = yearKey(docs[d].year);
      (cnt[y] = cnt[y] || {})[a] = (cnt[y][a] || 0) + 1; tot[y] = (tot[y] || 0) + 1;
    }
    const ys = allYears.filter((y) => tot[y]);
    const units = (a, y) => () => {
      const out = [];
      for (const [d, s, e, aa] of TP.rows) if (aa === a && docOk(d, PS.lang) && yearKey(docs[d].year) === y) out.push(d, s, e);
      return out;
    };
    const areaName = (a) => label(TP.areas[a].names, TP.areas[a].id);
    const canvas = el("canvas");
    sec.append(el("div", { class: "controls" }, el("label", {}, t("lang"), " ", select([["all", t("all")], ...langs.map((l) => [l, l])], PS.lang, (v) => { PS.lang = v; rerender(); })),
      el("span", { class: "muted" }, `${t("unit")}: ${TP.unit}`)),
    el("h2", {}, t("topic_shares")), el("div", { class: "chart", style: "height: 420px" }, canvas));
    chart("topics", canvas, { type: "bar", data: { labels: ys.map(yearLabel), datasets: TP.areas.map((_, a) => ({
      label: areaName(a), data: ys.map((y) => 100 * ((cnt[y] || {})[a] || 0) / tot[y]) })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, max: 100, title: { display: true, text: `${t("share")} %` } } },
      plugins: { legend: { position: "right" } },
      onClick: (ev, items) => { if (items.length) { const { datasetIndex: a, index } = items[0]; const y = ys[index];
        showPassages(`${areaName(a)} · ${yearLabel(y)}`, units(a, y)(), 10); } } } });
    sec.append(el("div", { class: "scroll", id: "topic-table" }, table([th("year"), ...TP.areas.map((_, a) => el("th", { class: "n" }, areaName(a)))],
      ys.map((y) => el("tr", {}, td(yearLabel(y)), TP.areas.map((_, a) => { const n = (cnt[y] || {})[a] || 0;
        return td(n ? el("span", {}, numBtn(n, `${areaName(a)} · ${yearLabel(y)}`, units(a, y), 10), el("span", { class: "muted" }, ` ${fmt(100 * n / tot[y], 1)}%`)) : "", 1); }))))));
  }

  /* ---------- targets ---------- */
  const GS = { ind: 0 };
  function renderTargets(sec) {
    const G = D.targets;
    if (!G) { sec.append(notInRun("targets")); return; }
    if (!G.indicators.length) { sec.append(el("p", { class: "muted" }, t("none"))); return; }
    const ind = G.indicators[GS.ind] || G.indicators[0];
    const canvas = el("canvas");
    sec.append(el("div", { class: "controls" }, el("label", {}, t("indicator"), " ",
      select(G.indicators.map((g, i) => [i, `${label(g.names, g.id)} (${g.unit})${g.lang ? " · " + g.lang : ""}`]), GS.ind, (v) => { GS.ind = Number(v); render("targets"); }, { id: "indicator" }))),
    el("h2", {}, `${t("target_vs_outcome")}: ${label(ind.names, ind.id)}`), el("div", { class: "chart" }, canvas));
    chart("targets", canvas, { type: "line", data: { labels: ind.rows.map((r) => r.year), datasets: [
      { label: t("target"), data: ind.rows.map((r) => r.target), spanGaps: false, pointRadius: 4 },
      { label: t("outcome"), data: ind.rows.map((r) => r.outcome), spanGaps: false, pointRadius: 4 }] },
    options: { scales: { y: { title: { display: true, text: ind.unit } } } } });
    const src = (r, which) => { const s = r[which + "_src"]; return s && s[0] >= 0 ?
      el("button", { class: "num", onclick: () => showPassages(`${label(ind.names, ind.id)} · ${r.year} · ${t(which)}`, s, 120) }, docs[s[0]].id) : r[which + "_status"]; };
    const tv = (r) => r.target == null ? "–" : `${fmt(r.target)}${r.high != null && r.modifier === "range" ? "–" + fmt(r.high) : ""} ${r.modifier || ""}`;
    sec.append(el("div", { class: "scroll" }, table([th("year"), th("target", 1), th("outcome", 1), th("gap", 1), th("met"), el("th", {}, `${t("source")}: ${t("target")}`), el("th", {}, `${t("source")}: ${t("outcome")}`)],
      ind.rows.map((r) => el("tr", {}, td(r.year), td(tv(r), 1), td(fmt(r.outcome), 1), td(fmt(r.gap), 1),
        td(r.met == null ? "–" : t(r.met ? "yes" : "no")), td(src(r, "target")), td(src(r, "outcome")))))));
  }

  /* ---------- tabs and language ---------- */
  const renderers = { corpus: renderCorpus, terms: renderTerms, entities: renderEntities, topics: renderTopics, targets: renderTargets };
  let current = null;
  function render(part) {
    const sec = document.getElementById("part-" + part);
    sec.replaceChildren();
    renderers[part](sec);
  }
  function show(part) {
    current = part;
    document.querySelectorAll("section.part").forEach((s) => { s.hidden = s.id !== "part-" + part; });
    document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("on", b.dataset.tab === part));
    render(part);
    if (location.hash !== "#" + part) history.replaceState(null, "", "#" + part);
  }
  function applyLang() {
    document.documentElement.lang = LANG;
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll("[data-i18n-ph]").forEach((e) => { e.placeholder = t(e.dataset.i18nPh); });
    document.getElementById("meta").textContent = `${docs.length} ${t("docs")} · ` + t("size_note", { when: BUILD.when, version: BUILD.version });
    if (current) show(current);
    if (!panel.hidden) renderPassages();
  }
  document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => show(b.dataset.tab)));
  const langSel = document.getElementById("lang");
  langSel.value = LANG;
  langSel.addEventListener("change", () => { LANG = langSel.value; applyLang(); });
  const first = (location.hash || "").slice(1);
  current = renderers[first] ? first : "corpus";
  applyLang();
  document.body.dataset.ready = "1";
})().catch((e) => { document.body.dataset.ready = "error"; console.error(e); throw e; });
