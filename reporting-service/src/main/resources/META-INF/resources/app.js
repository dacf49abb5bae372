/*
 * The danvan web dashboard: plain JavaScript, no library, no request outside this origin and the realm's issuer.
 *
 *  - Sign-in: OpenID Connect authorization code + PKCE (S256) against Keycloak for the public client of /config.json;
 *    tokens live in sessionStorage (this tab only) and are refreshed with the refresh token before they expire.
 *  - Data: only reporting-service's public API (/api/dashboard, /api/reports, /api/stream) with the bearer token.
 *  - Live: /api/stream read with fetch() (EventSource cannot send a bearer token); a change refreshes the figures.
 */
(function () {
  "use strict";

  const STORE = "danvan.auth";
  const PKCE = "danvan.pkce";
  const MERGE_DATE = "2025-07-01";
  const ROLE_LABELS = { admin: "Quản trị", editor: "Biên tập", viewer: "Xem" };
  const FIELD_LABELS = {
    ECONOMY: "Kinh tế", CULTURE_SOCIETY: "Văn hóa – xã hội", DEFENCE_SECURITY: "Quốc phòng – an ninh",
    POLITICAL_SYSTEM: "Xây dựng hệ thống chính trị", OTHER: "Khác"
  };
  const LEVELS = ["COMMUNE", "DISTRICT", "PROVINCE", "NATIONAL"];
  const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
  const numberFormat = new Intl.NumberFormat("vi-VN");
  const timeFormat = new Intl.DateTimeFormat("vi-VN", { dateStyle: "short", timeStyle: "short" });

  const $ = (id) => document.getElementById(id);
  const state = {
    config: null,
    auth: null,            // {accessToken, refreshToken, idToken, expiresAt, refreshExpiresAt}
    claims: null,
    refreshTimer: null,
    refreshing: null,
    path: [],              // breadcrumb: [{id, name}], the first is the user's own unit
    children: [],          // rows of the current unit (groupBy=child)
    known: new Map(),      // every unit seen so far: id -> {id, name, path}
    sort: { key: "label", dir: 1 },
    loadSeq: 0,
    stream: null,
    refreshSoon: null,
    lastRows: null
  };

  // ---------------------------------------------------------------- small helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child.nodeType ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const fmt = (n) => (n === null || n === undefined ? "–" : numberFormat.format(n));
  const pad = (n) => String(n).padStart(2, "0");
  const isoDate = (d) => d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  const today = () => isoDate(new Date());

  /** Accent-insensitive folding: NFD, drop combining marks, đ → d, lower case (so "ly nhan" finds "Lý Nhân"). */
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function base64url(bytes) {
    let s = "";
    bytes.forEach((b) => { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function randomString(size) {
    return base64url(crypto.getRandomValues(new Uint8Array(size)));
  }
  async function s256(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return base64url(new Uint8Array(digest));
  }
  function decodeJwt(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const bytes = Uint8Array.from(atob(part + "===".slice((part.length + 3) % 4)), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  function show(view) {
    $("login-view").hidden = view !== "login";
    $("loading-view").hidden = view !== "loading";
    $("dashboard").hidden = view !== "dashboard";
    $("user-box").hidden = view !== "dashboard";
  }
  function setError(message) {
    $("error").hidden = !message;
    $("error").textContent = message || "";
  }
  function setStatus(message) {
    $("status").textContent = message || "";
  }

  // ---------------------------------------------------------------- sign-in (authorization code + PKCE)

  /** A sign-in failure whose message is meant for the user (in Vietnamese). */
  class LoginError extends Error {}

  const redirectUri = () => location.origin + location.pathname;
  const endpoint = (name) => state.config.issuer + "/protocol/openid-connect/" + name;

  async function login() {
    const verifier = randomString(48);
    const pkce = { verifier, state: randomString(16), nonce: randomString(16), hash: location.hash };
    sessionStorage.setItem(PKCE, JSON.stringify(pkce));
    const params = new URLSearchParams({
      client_id: state.config.clientId, redirect_uri: redirectUri(), response_type: "code", scope: "openid",
      state: pkce.state, nonce: pkce.nonce, code_challenge: await s256(verifier), code_challenge_method: "S256",
      ui_locales: "vi"
    });
    location.assign(endpoint("auth") + "?" + params);
  }

  async function tokenRequest(form) {
    const response = await fetch(endpoint("token"), {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(Object.assign({ client_id: state.config.clientId }, form))
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.error_description || body.error || ("HTTP " + response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function keep(tokens) {
    const now = Date.now();
    state.auth = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token || (state.auth && state.auth.refreshToken),
      idToken: tokens.id_token || (state.auth && state.auth.idToken),
      expiresAt: now + (tokens.expires_in || 300) * 1000,
      refreshExpiresAt: tokens.refresh_expires_in ? now + tokens.refresh_expires_in * 1000 : null
    };
    state.claims = decodeJwt(state.auth.accessToken);
    sessionStorage.setItem(STORE, JSON.stringify(state.auth));
    scheduleRefresh();
  }

  /** The code of the redirect back from Keycloak, exchanged once with the PKCE verifier. */
  async function completeLogin(params) {
    const pkce = JSON.parse(sessionStorage.getItem(PKCE) || "null");
    sessionStorage.removeItem(PKCE);
    history.replaceState(null, "", redirectUri() + ((pkce && pkce.hash) || ""));
    if (params.get("error")) {
      throw new LoginError("Đăng nhập không thành công: " + (params.get("error_description") || params.get("error")));
    }
    if (!pkce || pkce.state !== params.get("state")) {
      throw new LoginError("Phiên đăng nhập không hợp lệ (mã trạng thái không khớp). Vui lòng đăng nhập lại.");
    }
    const tokens = await tokenRequest({
      grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirectUri(),
      code_verifier: pkce.verifier
    });
    if (tokens.id_token && decodeJwt(tokens.id_token).nonce !== pkce.nonce) {
      throw new LoginError("Phiên đăng nhập không hợp lệ (nonce). Vui lòng đăng nhập lại.");
    }
    keep(tokens);
  }

  function scheduleRefresh() {
    clearTimeout(state.refreshTimer);
    if (!state.auth || !state.auth.refreshToken) return;
    // Refresh a minute before the access token ends (or at 70 % of a short life).
    const life = state.auth.expiresAt - Date.now();
    const wait = Math.max(5000, Math.min(life - 60000, life * 0.7));
    state.refreshTimer = setTimeout(() => refresh().catch(() => {}), wait);
  }

  /** One refresh at a time; a refused refresh token means the SSO session is over. */
  function refresh() {
    if (!state.refreshing) {
      state.refreshing = tokenRequest({ grant_type: "refresh_token", refresh_token: state.auth.refreshToken })
        .then(keep)
        .catch((e) => {
          if (e.status === 400 || e.status === 401) sessionEnded();
          throw e;
        })
        .finally(() => { state.refreshing = null; });
    }
    return state.refreshing;
  }

  function forget() {
    clearTimeout(state.refreshTimer);
    stopStream();
    state.auth = null;
    state.claims = null;
    sessionStorage.removeItem(STORE);
  }

  function sessionEnded() {
    if (!state.auth) return;
    forget();
    showLogin("Phiên đăng nhập đã hết hạn hoặc đã bị đăng xuất ở nơi khác. Vui lòng đăng nhập lại để tiếp tục.");
  }

  function showLogin(message) {
    $("login-message").hidden = !message;
    $("login-message").textContent = message || "";
    show("login");
    $("login").focus();
  }

  function logout() {
    const idToken = state.auth && state.auth.idToken;
    forget();
    sessionStorage.setItem("danvan.loggedOut", "1");
    const params = new URLSearchParams({ client_id: state.config.clientId, post_logout_redirect_uri: redirectUri() });
    if (idToken) params.set("id_token_hint", idToken);
    location.assign(endpoint("logout") + "?" + params);
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function authorized(url, options, retried) {
    const headers = Object.assign({}, (options && options.headers) || {});
    if (state.auth) {
      if (Date.now() > state.auth.expiresAt - 5000) await refresh();
      headers.Authorization = "Bearer " + state.auth.accessToken;
    }
    const response = await fetch(url, Object.assign({}, options, { headers }));
    if (response.status === 401 && state.auth && !retried) {
      await refresh();
      return authorized(url, options, true);
    }
    if (response.status === 401 && state.config.securityEnabled) {
      sessionEnded();
      throw new ApiError(401, "Phiên đăng nhập đã hết hạn.");
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      let message;
      if (response.status === 403) message = "Bạn không có quyền xem số liệu của đơn vị này (ngoài phạm vi đơn vị của bạn).";
      else if (response.status === 404) message = "Không tìm thấy đơn vị này.";
      else if (response.status === 422) message = "Không lập được báo cáo: " + (problem.detail || problem.title || "dữ liệu không hợp lệ") + ".";
      else if (response.status === 400) message = "Yêu cầu không hợp lệ: " + (problem.detail || problem.title || "") + ".";
      else message = "Máy chủ gặp lỗi (" + response.status + "). Vui lòng thử lại sau.";
      throw new ApiError(response.status, message);
    }
    return response;
  }
  const getJson = async (url) => (await authorized(url, { headers: { Accept: "application/json" } })).json();
  const query = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "")).toString();

  // ---------------------------------------------------------------- period and structure

  function fillPeriodPicker() {
    const year = new Date().getFullYear();
    const years = $("period-year");
    for (let y = year; y >= 2020; y--) years.append(el("option", { value: y, text: "Năm " + y }));
    const months = $("period-month");
    for (let m = 1; m <= 12; m++) months.append(el("option", { value: m, text: "Tháng " + m }));
  }

  function periodValue() {
    const kind = $("period-kind").value;
    const y = $("period-year").value;
    switch (kind) {
      case "H1": case "H2": case "9M": return y + "-" + kind;
      case "Q": return y + "-Q" + $("period-quarter").value;
      case "M": return y + "-" + pad($("period-month").value);
      case "range": {
        const from = $("period-from").value, to = $("period-to").value;
        return from && to ? from + ".." + to : null;
      }
      default: return y;
    }
  }

  function setPeriod(value) {
    let m;
    if ((m = /^(\d{4})$/.exec(value))) { $("period-kind").value = "year"; $("period-year").value = m[1]; }
    else if ((m = /^(\d{4})-(H1|H2|9M)$/.exec(value))) { $("period-kind").value = m[2]; $("period-year").value = m[1]; }
    else if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) { $("period-kind").value = "Q"; $("period-year").value = m[1]; $("period-quarter").value = m[2]; }
    else if ((m = /^(\d{4})-(\d{2})$/.exec(value))) { $("period-kind").value = "M"; $("period-year").value = m[1]; $("period-month").value = String(+m[2]); }
    else if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value))) {
      $("period-kind").value = "range"; $("period-from").value = m[1]; $("period-to").value = m[2];
      $("period-year").value = m[2].slice(0, 4);
    }
    syncPeriodFields();
  }

  /** The last day of the chosen period (for the restate switch). */
  function periodEnd() {
    const kind = $("period-kind").value, y = +$("period-year").value;
    const last = (month) => isoDate(new Date(y, month, 0));
    switch (kind) {
      case "H1": return last(6);
      case "9M": return last(9);
      case "Q": return last(3 * +$("period-quarter").value);
      case "M": return last(+$("period-month").value);
      case "range": return $("period-to").value || null;
      default: return last(12);
    }
  }

  function syncPeriodFields() {
    const kind = $("period-kind").value;
    $("year-field").hidden = kind === "range";
    $("quarter-field").hidden = kind !== "Q";
    $("month-field").hidden = kind !== "M";
    $("from-field").hidden = kind !== "range";
    $("to-field").hidden = kind !== "range";
    const end = periodEnd();
    const restatable = !!end && end < MERGE_DATE;
    $("structure-today").disabled = !restatable;
    if (!restatable) $("structure-then").checked = true;
    $("structure-hint").textContent = restatable
      ? "Kỳ trước ngày sắp xếp đơn vị 01/07/2025: có thể quy đổi số liệu cũ về các đơn vị hiện nay."
      : "Kỳ này đã theo cơ cấu đơn vị hiện nay.";
  }

  function structureAsOf() {
    return $("structure-today").checked && !$("structure-today").disabled ? today() : null;
  }

  // ---------------------------------------------------------------- location hash: #unit=…&period=…&asOf=today

  function readHash() {
    const h = new URLSearchParams(location.hash.replace(/^#/, ""));
    return { unit: h.get("unit"), period: h.get("period"), asOf: h.get("asOf") };
  }
  function writeHash() {
    const unit = currentUnit();
    const h = query({ unit: unit && unit.id, period: periodValue(), asOf: structureAsOf() ? "today" : null });
    history.replaceState(null, "", "#" + h);
  }
  const currentUnit = () => state.path[state.path.length - 1];

  // ---------------------------------------------------------------- loading the figures

  async function load(options) {
    const quiet = options && options.quiet;
    const unit = currentUnit();
    const period = periodValue();
    if (!unit || !period) return;
    writeHash();
    const seq = ++state.loadSeq;
    const asOf = structureAsOf();
    if (!quiet) {
      setError("");
      setStatus("Đang tải số liệu…");
      $("dashboard").setAttribute("aria-busy", "true");
    }
    const started = performance.now();
    try {
      const [summary, byChild, byField, plans] = await Promise.all([
        getJson("api/dashboard/summary?" + query({ unitId: unit.id, period })),
        getJson("api/reports/models?" + query({ unitId: unit.id, period, groupBy: "child", structureAsOf: asOf })),
        getJson("api/reports/models?" + query({ unitId: unit.id, period, groupBy: "field", structureAsOf: asOf })),
        // The plans of the period's year, among the units as they stood at the end of the period (like the summary).
        getJson("api/reports/plans?" + query({ unitId: unit.id, year: periodEnd().slice(0, 4), structureAsOf: asOf || periodEnd() }))
      ]);
      if (seq !== state.loadSeq) return;
      unit.name = byChild.unitName || summary.unitName || unit.name;
      renderSummary(summary, byChild, quiet);
      document.querySelectorAll("[data-export]").forEach((b) => { b.disabled = false; });
      renderChildren(byChild);
      renderFieldChart(byField);
      renderPlans(plans);
      renderBreadcrumb();
      $("dashboard").dataset.loaded = seq;
      $("dashboard").dataset.unitId = unit.id;
      $("dashboard").dataset.period = period;
      setStatus((quiet ? "Đã cập nhật số liệu lúc " + new Date().toLocaleTimeString("vi-VN") : "Đã tải số liệu")
        + " (" + Math.round(performance.now() - started) + " ms).");
      // A refresh after a live change keeps the timeline: the change is already on top of it.
      if (!quiet) loadActivity(unit, seq);
      loadMonths(unit, seq, asOf);
    } catch (e) {
      if (seq !== state.loadSeq) return;
      clearFigures();
      setStatus("");
      setError(e.message);
      renderBreadcrumb();
    } finally {
      if (seq === state.loadSeq) $("dashboard").removeAttribute("aria-busy");
    }
  }

  function clearFigures() {
    document.querySelectorAll(".card [id^=kpi-]").forEach((n) => { n.textContent = n.id === "kpi-plan-year" ? "" : "–"; });
    $("unit-title").textContent = (currentUnit() && currentUnit().name) || "Không xem được số liệu";
    document.querySelectorAll("[data-export]").forEach((b) => { b.disabled = true; });
    $("period-title").textContent = "";
    $("child-table").tBodies[0].replaceChildren();
    $("child-table").tFoot.replaceChildren();
    ["chart-field", "chart-child", "chart-month", "unsigned", "plans", "timeline", "unit-list"].forEach((id) => $(id).replaceChildren());
    delete $("dashboard").dataset.loaded;
  }

  function renderSummary(summary, byChild, quiet) {
    const m = byChild.totals || summary.models, p = summary.plans;
    const recognized = LEVELS.reduce((sum, l) => sum + (m.recognized[l] || 0), 0);
    const previous = $("kpi-registered").textContent;
    $("unit-title").textContent = summary.unitName;
    $("period-title").textContent = (summary.periodLabel || "") + (byChild.structureAsOf && structureAsOf()
      ? " · quy đổi theo đơn vị ngày " + byChild.structureAsOf.split("-").reverse().join("/") : "");
    $("kpi-registered").textContent = fmt(m.registered);
    $("kpi-new").textContent = fmt(m.new);
    $("kpi-replicated").textContent = fmt(m.replicated);
    $("kpi-recognized").textContent = fmt(recognized);
    LEVELS.forEach((l) => { $("kpi-rec-" + l).textContent = fmt(m.recognized[l] || 0); });
    $("kpi-plan-year").textContent = summary.planYear;
    $("kpi-signed").textContent = fmt(p.signed);
    $("kpi-signed-2").textContent = fmt(p.signed);
    $("kpi-expected").textContent = fmt(p.expected);
    $("kpi-not-signed").textContent = fmt(p.notSigned);
    $("kpi-tasks").textContent = fmt(p.tasks.total);
    $("kpi-tasks-done").textContent = fmt(p.tasks.done);
    $("kpi-tasks-progress").textContent = fmt(p.tasks.inProgress);
    $("kpi-tasks-not").textContent = fmt(p.tasks.notStarted);
    if (quiet && previous !== $("kpi-registered").textContent) {
      const card = $("kpi-registered").closest(".card");
      card.classList.remove("flash");
      void card.offsetWidth;
      card.classList.add("flash");
    }
  }

  const recognizedOf = (row) => LEVELS.reduce((s, l) => s + ((row.recognized && row.recognized[l]) || 0), 0);

  function renderChildren(report) {
    const unit = currentUnit();
    state.lastRows = report;
    const direct = (row) => row.key === unit.id || / \(trực tiếp\)$/.test(row.label || "");
    state.children = report.rows.filter((r) => !direct(r)).map((r) => ({ id: r.key, name: r.label, registered: r.registered }));
    for (const child of state.children) {
      state.known.set(child.id, { id: child.id, name: child.name, path: state.path.map((p) => ({ id: p.id, name: p.name })) });
    }
    renderUnitList();
    renderTable(report, direct);
    // Units with models only (a district has dozens of communes; the table lists them all).
    renderBars($("chart-child"), report.rows.filter((r) => r.registered > 0).map((r) => ({ label: r.label, value: r.registered, second: r.replicated })),
      "Số mô hình đăng ký theo đơn vị trực thuộc", true);
  }

  function renderTable(report, direct) {
    const table = $("child-table");
    const { key, dir } = state.sort;
    const value = (row) => (key === "label" ? row.label : key === "recognized" ? recognizedOf(row) : row[key]);
    const rows = report.rows.filter((r) => !direct(r)).sort((a, b) => {
      const c = key === "label" ? collator.compare(a.label, b.label) : (value(a) - value(b)) || collator.compare(a.label, b.label);
      return c * dir;
    });
    // What the unit registered itself stays last, so the rows still add up to the total below.
    rows.push(...report.rows.filter(direct));
    const body = rows.map((r) => el("tr", { class: direct(r) ? "direct" : null, "data-key": r.key },
      el("th", { scope: "row" }, direct(r) ? r.label : el("button", { type: "button", class: "linkish", onclick: () => drill({ id: r.key, name: r.label }),
        "aria-label": "Xem chi tiết " + r.label }, r.label)),
      el("td", { class: "num" }, fmt(r.registered)), el("td", { class: "num" }, fmt(r.new)),
      el("td", { class: "num" }, fmt(r.replicated)), el("td", { class: "num" }, fmt(recognizedOf(r)))));
    table.tBodies[0].replaceChildren(...(body.length ? body : [el("tr", {}, el("td", { colspan: 5, class: "empty" }, "Không có đơn vị trực thuộc."))]));
    const t = report.totals;
    table.tFoot.replaceChildren(el("tr", {}, el("td", {}, "Tổng cộng"), el("td", { class: "num", id: "table-total" }, fmt(t.registered)),
      el("td", { class: "num" }, fmt(t.new)), el("td", { class: "num" }, fmt(t.replicated)), el("td", { class: "num" }, fmt(recognizedOf(t)))));
    table.querySelectorAll("th[scope=col]").forEach((th) => {
      const k = th.querySelector("button").dataset.sort;
      if (k === key) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  function sortBy(key) {
    state.sort = state.sort.key === key ? { key, dir: -state.sort.dir } : { key, dir: key === "label" ? 1 : -1 };
    if (state.lastRows) {
      const unit = currentUnit();
      renderTable(state.lastRows, (row) => row.key === unit.id || / \(trực tiếp\)$/.test(row.label || ""));
    }
  }

  function renderFieldChart(report) {
    renderBars($("chart-field"), report.rows.map((r) => ({ label: r.label || FIELD_LABELS[r.key], value: r.registered, second: r.replicated })),
      "Số mô hình đăng ký theo lĩnh vực", true);
  }

  const charts = new Map();   // container id -> redraw at the current width
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => charts.forEach((draw) => draw()), 150);
  });

  /** Horizontal bars in inline SVG: label, bar, number; the replicated part drawn inside in a second colour. */
  function renderBars(container, items, title, withSecond) {
    if (!items.length || items.every((i) => !i.value)) {
      charts.delete(container.id);
      container.replaceChildren(el("p", { class: "empty" }, "Chưa có mô hình trong kỳ này."));
      return;
    }
    charts.set(container.id, () => renderBars(container, items, title, withSecond));
    const max = Math.max(...items.map((i) => i.value), 1);
    // Drawn at the container's own pixel size (re-drawn on resize), so text stays 12 px on a phone and a laptop.
    const width = Math.max(280, container.clientWidth || 480);
    const rowH = 26, labelW = Math.min(260, Math.round(width * 0.48)), barW = width - labelW - 40;
    const maxChars = Math.floor(labelW / 7.4);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", width);
    svg.setAttribute("height", items.length * rowH + 4);
    svg.setAttribute("viewBox", "0 0 " + width + " " + (items.length * rowH + 4));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + ": " + items.map((i) => i.label + " " + i.value).join("; "));
    const add = (parent, tag, attrs, text) => {
      const n = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
      if (text !== undefined) n.textContent = text;
      parent.append(n);
      return n;
    };
    items.forEach((item, i) => {
      const y = i * rowH + 2;
      const label = item.label.length > maxChars ? item.label.slice(0, maxChars - 1) + "…" : item.label;
      add(svg, "text", { x: labelW - 6, y: y + 16, "text-anchor": "end" }, label);
      const w = Math.max(item.value ? 2 : 0, (item.value / max) * barW);
      add(add(svg, "rect", { x: labelW, y: y + 4, width: w, height: rowH - 10, fill: "var(--bar)", rx: 2 }), "title", {}, item.label + ": " + item.value);
      if (withSecond && item.second) {
        add(svg, "rect", { x: labelW, y: y + 4, width: (item.second / max) * barW, height: rowH - 10, fill: "var(--bar2)", rx: 2 });
      }
      add(svg, "text", { x: labelW + w + 6, y: y + 16 }, String(item.value));
    });
    const legend = el("p", { class: "legend", "aria-hidden": "true" },
      el("span", {}, el("i", { style: "background:var(--bar)" }), "Xây dựng mới"),
      el("span", {}, el("i", { style: "background:var(--bar2)" }), "Nhân rộng"));
    container.replaceChildren(svg, legend);
  }

  /** Twelve monthly figures of the period's year (periods YYYY-MM), fetched after the headline figures. */
  async function loadMonths(unit, seq, asOf) {
    const year = periodEnd().slice(0, 4);
    $("chart-month-year").textContent = year;
    try {
      const months = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        getJson("api/reports/models?" + query({ unitId: unit.id, period: year + "-" + pad(i + 1), structureAsOf: asOf }))
          .then((r) => r.totals).catch(() => null)));
      if (seq !== state.loadSeq) return;
      renderColumns($("chart-month"), months.map((t, i) => ({ label: "T" + (i + 1), value: t ? t.registered : 0, second: t ? t.replicated : 0 })),
        "Số mô hình đăng ký theo tháng năm " + year);
    } catch (e) {
      $("chart-month").replaceChildren(el("p", { class: "empty" }, "Không tải được số liệu theo tháng."));
    }
  }

  function renderColumns(container, items, title) {
    charts.set(container.id, () => renderColumns(container, items, title));
    const ns = "http://www.w3.org/2000/svg";
    const max = Math.max(...items.map((i) => i.value), 1);
    const width = Math.max(280, container.clientWidth || 480);
    const colW = (width - 20) / items.length, h = 150;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", width);
    svg.setAttribute("height", h + 40);
    svg.setAttribute("viewBox", "0 0 " + width + " " + (h + 40));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + ": " + items.map((i) => i.label + " " + i.value).join("; "));
    const add = (tag, attrs, text) => {
      const n = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
      if (text !== undefined) n.textContent = text;
      svg.append(n);
      return n;
    };
    add("line", { x1: 10, y1: h + 10, x2: width - 10, y2: h + 10, stroke: "#8a8f98" });
    items.forEach((item, i) => {
      const gap = Math.min(16, colW * 0.3), bw = colW - gap, x = 10 + i * colW + gap / 2, bh = (item.value / max) * (h - 20);
      add("rect", { x, y: h + 10 - bh, width: bw, height: bh, fill: "var(--bar)", rx: 2 });
      if (item.second) add("rect", { x, y: h + 10 - (item.second / max) * (h - 20), width: bw, height: (item.second / max) * (h - 20), fill: "var(--bar2)", rx: 2 });
      if (item.value) add("text", { x: x + bw / 2, y: h + 4 - bh, "text-anchor": "middle" }, String(item.value));
      add("text", { x: x + bw / 2, y: h + 28, "text-anchor": "middle" }, item.label);
    });
    const legend = el("p", { class: "legend", "aria-hidden": "true" },
      el("span", {}, el("i", { style: "background:var(--bar)" }), "Xây dựng mới"),
      el("span", {}, el("i", { style: "background:var(--bar2)" }), "Nhân rộng"));
    container.replaceChildren(svg, legend);
  }

  function renderPlans(report) {
    const year = periodEnd().slice(0, 4);
    $("unsigned-year").textContent = year;
    // Units expected to sign (by default the mass-mobilization boards of the subtree) that have not signed yet.
    const expected = (report.units || []).filter((u) => u.expected !== false);
    const unsigned = expected.filter((u) => !u.signed);
    $("unsigned").replaceChildren(...(unsigned.length
      ? unsigned.sort((a, b) => collator.compare(a.name, b.name)).map((u) => el("li", {}, u.name))
      : [el("li", { class: "empty" }, expected.length ? "Tất cả đơn vị đã ký kế hoạch năm " + year + "." : "Không có đơn vị nào phải ký kế hoạch.")]));
    const plans = report.plans || [];
    $("plans").replaceChildren(...(plans.length ? plans.map((p) => {
      const t = p.tasks || { total: 0, done: 0, inProgress: 0 };
      const pct = (n) => (t.total ? (100 * n) / t.total : 0);
      return el("li", {},
        el("div", { class: "title" }, p.title, el("span", { class: "badge" + (p.status === "SIGNED" || p.status === "CLOSED" ? "" : " draft") }, p.statusLabel || p.status)),
        el("div", { class: "meta" }, [p.documentNumber, p.owner && p.owner.name,
          p.lastReview ? (p.lastReview.kindLabel || p.lastReview.kind) + " " + (p.lastReview.heldOn || "").split("-").reverse().join("/") : "chưa có kỳ sơ kết"]
          .filter(Boolean).join(" · ")),
        el("div", { class: "progress", role: "img", "aria-label": "Hoàn thành " + t.done + "/" + t.total + " nhiệm vụ, đang làm " + t.inProgress },
          el("span", { class: "done", style: "width:" + pct(t.done) + "%" }), el("span", { class: "doing", style: "width:" + pct(t.inProgress) + "%" })),
        el("div", { class: "meta" }, "Hoàn thành " + t.done + "/" + t.total + " nhiệm vụ · đang làm " + t.inProgress + " · chưa làm " + (t.notStarted || 0)),
        (p.partners || []).length ? el("div", { class: "meta" }, "Phối hợp: " + p.partners.map((x) => x.name).join(", ")) : null,
        (p.taskList || []).length ? el("details", {}, el("summary", {}, "Các nhiệm vụ"),
          el("ul", { class: "tasks" }, p.taskList.map((task) => el("li", {},
            el("span", { class: "task-status " + (task.status || "").toLowerCase() }, task.statusLabel || task.status || "Chưa đánh giá"), " ",
            task.title, task.responsibleUnitName ? " — " + task.responsibleUnitName : "", task.note ? " (" + task.note + ")" : "")))) : null);
    }) : [el("li", { class: "empty" }, "Chưa có kế hoạch phối hợp năm " + year + ".")]));
  }

  async function loadActivity(unit, seq) {
    try {
      const lines = await getJson("api/dashboard/activity?" + query({ unitId: unit.id, limit: 15 }));
      if (seq !== state.loadSeq) return;
      $("timeline").replaceChildren(...(lines.length ? lines.map((a) => activityItem(a, false)) : [el("li", { class: "empty" }, "Chưa có hoạt động.")]));
    } catch (e) {
      $("timeline").replaceChildren(el("li", { class: "empty" }, "Không tải được hoạt động."));
    }
  }

  function activityItem(a, fresh) {
    const when = a.occurredAt ? new Date(a.occurredAt) : new Date();
    return el("li", { class: fresh ? "new" : null, "data-event": a.eventId },
      el("time", { datetime: when.toISOString() }, timeFormat.format(when)), el("span", {}, a.summary || a.type));
  }

  // ---------------------------------------------------------------- unit picker

  function renderBreadcrumb() {
    const items = state.path.map((u, i) => {
      const last = i === state.path.length - 1;
      return el("li", {}, last ? el("span", { "aria-current": "page" }, u.name || "…")
        : el("button", { type: "button", onclick: () => { state.path = state.path.slice(0, i + 1); $("unit-search").value = ""; load(); } }, u.name || "…"));
    });
    $("breadcrumb").replaceChildren(...items);
  }

  function renderUnitList() {
    const q = fold($("unit-search").value);
    let items;
    if (q) {
      // Searching: every unit seen so far under the user's unit, accent-insensitive.
      items = [...state.known.values()].filter((u) => fold(u.name).includes(q))
        .sort((a, b) => collator.compare(a.name, b.name));
    } else {
      items = state.children.slice().sort((a, b) => collator.compare(a.name, b.name));
    }
    const list = $("unit-list");
    list.replaceChildren(...(items.length ? items.map((u) => el("li", {},
      el("button", { type: "button", onclick: () => pick(u) }, u.name),
      u.registered !== undefined && !q ? el("span", { class: "count" }, fmt(u.registered) + " mô hình") : null))
      : [el("li", { class: "empty" }, q ? "Không tìm thấy đơn vị phù hợp." : "Không có đơn vị trực thuộc.")]));
  }

  function drill(unit) {
    state.path.push({ id: unit.id, name: unit.name });
    $("unit-search").value = "";
    load();
  }

  function pick(unit) {
    const known = state.known.get(unit.id);
    if (known && known.path && known.path.length) state.path = known.path.map((p) => ({ id: p.id, name: p.name }));
    drill(unit);
  }

  // ---------------------------------------------------------------- exports

  async function download(kind, button) {
    const unit = currentUnit();
    const period = periodValue();
    const asOf = structureAsOf();
    const url = kind === "docx"
      ? "api/reports/models/narrative?" + query({ unitId: unit.id, period, structureAsOf: asOf, format: "docx" })
      : "api/reports/models?" + query({ unitId: unit.id, period, groupBy: "child", structureAsOf: asOf, format: kind });
    button.disabled = true;
    setStatus("Đang chuẩn bị tệp…");
    try {
      const response = await authorized(url, {});
      const blob = await response.blob();
      const disposition = response.headers.get("Content-Disposition") || "";
      const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      const name = match ? decodeURIComponent(match[1]) : "bao-cao." + kind;
      const link = el("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
      document.body.append(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 30000);
      setStatus("Đã tải xuống " + name + " (" + fmt(Math.max(1, Math.round(blob.size / 1024))) + " KB).");
      $("status").dataset.download = name;
    } catch (e) {
      setStatus("");
      setError("Không tải được tệp: " + e.message);
    } finally {
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- live updates (SSE over fetch)

  function setLive(on) {
    $("live").dataset.state = on ? "on" : "off";
    $("live").textContent = on ? "Trực tiếp" : "Ngoại tuyến";
  }

  function stopStream() {
    if (state.stream) state.stream.abort();
    state.stream = null;
    setLive(false);
  }

  async function startStream(attempt) {
    stopStream();
    const controller = new AbortController();
    state.stream = controller;
    try {
      const response = await authorized("api/stream", { headers: { Accept: "text/event-stream" }, signal: controller.signal, cache: "no-store" });
      setLive(true);
      attempt = 0;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = "message";
          const data = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const val = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "event") event = val;
            else if (field === "data") data.push(val);
          }
          if (data.length) onEvent(event, data.join("\n"));
        }
      }
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    if (state.stream !== controller || !state.auth && state.config.securityEnabled) return;
    setLive(false);
    // Reconnect with a growing pause (1 s, 2 s, 4 s … at most 30 s).
    const wait = Math.min(30000, 1000 * Math.pow(2, attempt || 0));
    setTimeout(() => { if (state.stream === controller) startStream((attempt || 0) + 1); }, wait);
  }

  function onEvent(event, data) {
    if (event !== "change") return;
    let change;
    try { change = JSON.parse(data); } catch (e) { return; }
    const timeline = $("timeline");
    timeline.querySelectorAll(".empty").forEach((n) => n.remove());
    if (change.eventId && timeline.querySelector('[data-event="' + CSS.escape(change.eventId) + '"]')) return;
    timeline.prepend(activityItem(change, true));
    while (timeline.children.length > 30) timeline.lastElementChild.remove();
    // Several changes in a burst: one refresh.
    clearTimeout(state.refreshSoon);
    state.refreshSoon = setTimeout(() => load({ quiet: true }), 250);
  }

  // ---------------------------------------------------------------- start

  function showUser() {
    const c = state.claims || {};
    const name = c.family_name && c.given_name ? c.family_name + " " + c.given_name : c.name || c.preferred_username || "";
    const roles = (c.groups || []).filter((r) => ROLE_LABELS[r]);
    if (!state.config.securityEnabled) {
      $("user-name").textContent = "Không đăng nhập (chế độ phát triển)";
      $("user-role").textContent = "Quản trị";
      $("user-unit").textContent = (state.path[0] && state.path[0].name) || "";
      $("logout").hidden = true;
      return;
    }
    $("user-name").textContent = name;
    $("user-role").textContent = roles.map((r) => ROLE_LABELS[r]).join(", ") || "Chưa được phân quyền";
    $("user-unit").textContent = (state.path[0] && state.path[0].name) || "";
  }

  async function startDashboard() {
    show("loading");
    const c = state.claims || {};
    const hash = readHash();
    const own = c.unit_id || hash.unit;
    if (!own && !state.config.securityEnabled) {
      showLogin("Máy chủ đang chạy không có Keycloak (./danvan up --no-keycloak): mở bảng điều hành với địa chỉ /#unit=<mã đơn vị>.");
      $("login").hidden = true;
      return;
    }
    if (!own) {
      forget();
      showLogin("Tài khoản của bạn chưa được gắn với đơn vị nào (thuộc tính unit_id). Vui lòng liên hệ quản trị hệ thống.");
      return;
    }
    state.path = [{ id: own, name: "" }];
    show("dashboard");
    showUser();
    // The user's own unit name comes with the first report; without a period in the address, the latest period in
    // which the unit existed (a unit dissolved or merged in the 2025 reorganisation has no figures this year: 422).
    const year = new Date().getFullYear();
    const candidates = hash.period ? [hash.period]
      : [String(year), year + "-H1", String(year - 1), (year - 1) + "-H1", String(year - 2), String(year - 3)];
    let chosen = candidates[0];
    state.path[0].name = "Đơn vị của bạn";
    for (const candidate of candidates) {
      try {
        const mine = await getJson("api/dashboard/summary?" + query({ unitId: own, period: candidate }));
        state.path[0].name = mine.unitName;
        chosen = candidate;
        break;
      } catch (e) {
        if (e.status !== 422) break;
      }
    }
    setPeriod(chosen);
    if (hash.asOf === "today" && !$("structure-today").disabled) $("structure-today").checked = true;
    showUser();
    if (hash.unit && hash.unit !== own) state.path.push({ id: hash.unit, name: "" });
    await load();
    startStream(0);
  }

  function wire() {
    fillPeriodPicker();
    $("login").addEventListener("click", () => login());
    $("logout").addEventListener("click", () => logout());
    ["period-kind", "period-year", "period-quarter", "period-month", "period-from", "period-to"].forEach((id) =>
      $(id).addEventListener("change", () => { syncPeriodFields(); if (periodValue()) load(); }));
    document.querySelectorAll("input[name=structure]").forEach((r) => r.addEventListener("change", () => load()));
    $("unit-search").addEventListener("input", renderUnitList);
    document.querySelectorAll("th button[data-sort]").forEach((b) => b.addEventListener("click", () => sortBy(b.dataset.sort)));
    document.querySelectorAll("[data-export]").forEach((b) => b.addEventListener("click", () => download(b.dataset.export, b)));
    window.addEventListener("hashchange", () => {
      const h = readHash();
      const unit = currentUnit();
      if (h.unit && unit && h.unit !== unit.id) {
        const idx = state.path.findIndex((p) => p.id === h.unit);
        if (idx >= 0) state.path = state.path.slice(0, idx + 1);
        else state.path.push({ id: h.unit, name: "" });
        if (h.period) setPeriod(h.period);
        load();
      }
    });
  }

  async function main() {
    wire();
    show("loading");
    try {
      const response = await fetch("config.json", { headers: { Accept: "application/json" } });
      state.config = await response.json();
    } catch (e) {
      showLogin("Không kết nối được máy chủ báo cáo. Vui lòng thử lại sau.");
      return;
    }
    if (!state.config.securityEnabled) {
      // ./danvan up --no-keycloak: the API is open; the unit comes from the address (#unit=…).
      await startDashboard();
      return;
    }
    const params = new URLSearchParams(location.search);
    try {
      if (params.has("code") || params.has("error")) {
        await completeLogin(params);
      } else {
        const saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
        if (saved) {
          state.auth = saved;
          state.claims = decodeJwt(saved.accessToken);
          if (Date.now() > saved.expiresAt - 5000) await refresh();
          else scheduleRefresh();
        }
      }
    } catch (e) {
      forget();
      showLogin(e instanceof LoginError ? e.message : "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
      return;
    }
    if (!state.auth) {
      const loggedOut = sessionStorage.getItem("danvan.loggedOut");
      sessionStorage.removeItem("danvan.loggedOut");
      showLogin(loggedOut ? "Bạn đã đăng xuất." : "");
      return;
    }
    await startDashboard();
  }

  // Tokens refreshed in another tab are not shared (sessionStorage); a sign-out elsewhere shows on the next refresh.
  document.addEventListener("DOMContentLoaded", main);
})();
