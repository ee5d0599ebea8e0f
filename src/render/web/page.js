"use strict";
// The page's script: pan and zoom (wheel, drag, pinch, buttons), select a statement (click,
// keys, links, search) and show it in the panel, fold branches, and keep the selection in the
// browser's history (#id), so Back and Forward walk it. Everything it shows comes from the JSON
// the file carries; nothing is fetched.
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const nodes = data.nodes;
  const rels = data.relations;
  const view = document.getElementById("view");
  const stage = document.getElementById("stage");
  const svg = stage.querySelector("svg");
  const far = document.getElementById("far");
  const panel = document.getElementById("panel");
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  const svgns = "http://www.w3.org/2000/svg";
  const arrowLayer = svg.querySelector("#arrow-layer");
  const boxLayer = svg.querySelector("#box-layer");
  const pillLayer = document.createElementNS(svgns, "g");
  svg.append(pillLayer);
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const collapsed = new Set();
  let hidden = new Set();
  let cam = { x: 0, y: 0, k: 1 };
  let selected = null;
  let matches = [];
  let matchSet = new Set();
  let at = -1;
  const MIN = 0.002;
  const MAX = 4;
  // Below this zoom the text cannot be read: the boxes are drawn as plain shapes on a canvas.
  const FAR = 0.25;

  // Where each box and arrow is: a grid of cells, so that the pieces in view are found at once.
  const CELL = 600;
  const grid = new Map();
  const cellsOf = ([x, y, w, h], each) => {
    for (let cx = Math.floor(x / CELL); cx <= Math.floor((x + w) / CELL); cx++) {
      for (let cy = Math.floor(y / CELL); cy <= Math.floor((y + h) / CELL); cy++) each(cx + "," + cy);
    }
  };
  const cell = (key) => {
    let c = grid.get(key);
    if (!c) grid.set(key, (c = { boxes: [], arrows: [] }));
    return c;
  };
  nodes.forEach((n, i) => { if (n.svg) cellsOf(n.rect, (key) => cell(key).boxes.push(i)); });
  rels.forEach((r, k) => { if (r.svg) cellsOf(r.rect, (key) => cell(key).arrows.push(k)); });
  const mountedBoxes = new Map();
  const mountedArrows = new Map();

  const short = (text) => {
    const words = text.split(/\s+/);
    return words.length > 12 ? words.slice(0, 12).join(" ") + "…" : text;
  };
  // What a screen reader says of a box: its role, what it argues about, its text, its label.
  const said = (i) => {
    const n = nodes[i];
    const out = n.links.find((l) => l.how === "Supports" || l.how === "Objects to" || l.how.startsWith("Undercuts"));
    const how = out ? `, ${out.how.toLowerCase()}: ${short(nodes[out.to].text)}` : "";
    return `${n.role}${how}. ${n.text} (${n.label})`;
  };

  function mountBox(i) {
    const g = document.createElementNS(svgns, "g");
    g.innerHTML = nodes[i].svg;
    g.setAttribute("class", "box" + (i === selected ? " sel" : "") + (matchSet.has(i) ? " match" : ""));
    g.setAttribute("id", "s" + i);
    g.dataset.i = i;
    g.setAttribute("tabindex", i === selected ? "0" : "-1");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", said(i));
    if (i === selected) g.setAttribute("aria-current", "true");
    boxLayer.append(g);
    mountedBoxes.set(i, g);
  }
  function mountArrow(k) {
    const g = document.createElementNS(svgns, "g");
    g.innerHTML = rels[k].svg;
    g.setAttribute("class", "arrow");
    g.dataset.r = k;
    arrowLayer.append(g);
    mountedArrows.set(k, g);
    const [, , w, h] = rels[k].rect;
    if (w > LONG || h > LONG) {
      for (const line of g.querySelectorAll("polyline")) line.dataset.full = line.getAttribute("points");
      longArrows.add(k);
    }
  }

  // An arrow longer than the view is cut to the part near it (a long dashed line costs the
  // browser every dash, in view or not); the dashes keep their place along the whole line.
  const LONG = 3000;
  const longArrows = new Set();
  function clip(g, [bx, by, bw, bh]) {
    const [x0, y0, x1, y1] = [bx + origin[0], by + origin[1], bx + bw + origin[0], by + bh + origin[1]];
    for (const extra of g.querySelectorAll(".cut")) extra.remove();
    for (const line of g.querySelectorAll("polyline[data-full]")) {
      const p = line.dataset.full.trim().split(/[\s,]+/).map(Number);
      const runs = [];
      let run = null;
      let along = 0;
      for (let j = 0; j + 3 < p.length; j += 2) {
        const [ax, ay, dx, dy] = [p[j], p[j + 1], p[j + 2] - p[j], p[j + 3] - p[j + 1]];
        const length = Math.hypot(dx, dy);
        let t0 = 0;
        let t1 = 1;
        // Liang-Barsky: the part of the segment inside the rectangle.
        for (const [q, r] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]]) {
          if (q === 0) { if (r < 0) { t0 = 1; t1 = 0; } continue; }
          const t = r / q;
          if (q < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
        }
        if (t0 <= t1) {
          const a = [ax + t0 * dx, ay + t0 * dy];
          const b = [ax + t1 * dx, ay + t1 * dy];
          if (run && t0 === 0) run.points.push(b);
          else runs.push((run = { start: along + t0 * length, points: [a, b] }));
          if (t1 < 1) run = null;
        } else run = null;
        along += length;
      }
      const set = (el, r) => {
        el.setAttribute("points", r.points.map((q) => q[0].toFixed(1) + "," + q[1].toFixed(1)).join(" "));
        el.setAttribute("stroke-dashoffset", r.start.toFixed(1));
      };
      if (!runs.length) { line.setAttribute("points", ""); continue; }
      set(line, runs[0]);
      for (const r of runs.slice(1)) {
        const extra = line.cloneNode();
        extra.removeAttribute("data-full");
        extra.classList.add("cut");
        set(extra, r);
        line.after(extra);
      }
    }
  }
  const arrowHidden = (k) => hidden.has(rels[k].c) || rels[k].p.every((p) => hidden.has(p));

  // Places what is in view (and a margin around it) and takes away what is not; far out, draws
  // the boxes on the canvas instead.
  function update() {
    const r = area();
    const k = cam.k;
    const vw = r.width / k;
    const vh = r.height / k;
    const box = [-cam.x / k - vw / 4, -cam.y / k - vh / 4, vw * 1.5, vh * 1.5];
    const isFar = k < FAR;
    arrowLayer.style.display = boxLayer.style.display = pillLayer.style.display = isFar ? "none" : "";
    far.hidden = !isFar;
    if (isFar) return drawFar(r);
    const wantBoxes = new Set();
    const wantArrows = new Set();
    cellsOf(box, (key) => {
      const c = grid.get(key);
      if (!c) return;
      for (const i of c.boxes) if (!hidden.has(i)) wantBoxes.add(i);
      for (const a of c.arrows) if (!arrowHidden(a)) wantArrows.add(a);
    });
    if (selected !== null && !hidden.has(selected)) wantBoxes.add(selected);
    for (const [i, g] of mountedBoxes) if (!wantBoxes.has(i)) { g.remove(); mountedBoxes.delete(i); }
    for (const [a, g] of mountedArrows) if (!wantArrows.has(a)) { g.remove(); mountedArrows.delete(a); longArrows.delete(a); }
    for (const a of wantArrows) if (!mountedArrows.has(a)) mountArrow(a);
    for (const a of longArrows) clip(mountedArrows.get(a), box);
    for (const i of wantBoxes) if (!mountedBoxes.has(i)) mountBox(i);
    pills();
  }
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; update(); });
  };

  const ROLE = { claim: ["#dce8f7", "#1565c0"], reason: ["#dff0d8", "#2e7d32"], objection: ["#f9dede", "#c62828"], rebuttal: ["#fde9cc", "#c77700"] };
  // The far view: every box in view as a rectangle in its role's colours, each joined to the
  // statement it hangs under by a thin line; the selected one outlined.
  function drawFar(r) {
    const dpr = window.devicePixelRatio || 1;
    if (far.width !== Math.round(r.width * dpr) || far.height !== Math.round(r.height * dpr)) {
      far.width = Math.round(r.width * dpr);
      far.height = Math.round(r.height * dpr);
    }
    const g = far.getContext("2d");
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, far.width, far.height);
    g.setTransform(dpr * cam.k, 0, 0, dpr * cam.k, dpr * cam.x, dpr * cam.y);
    const x0 = -cam.x / cam.k;
    const y0 = -cam.y / cam.k;
    const x1 = x0 + r.width / cam.k;
    const y1 = y0 + r.height / cam.k;
    const inView = (n) => n.rect[0] < x1 && n.rect[0] + n.rect[2] > x0 && n.rect[1] < y1 && n.rect[1] + n.rect[3] > y0;
    g.strokeStyle = "#9aa1ab";
    g.lineWidth = 1 / cam.k;
    g.beginPath();
    nodes.forEach((n, i) => {
      if (hidden.has(i) || n.parent === null || n.parent === undefined) return;
      const p = nodes[n.parent];
      if (!inView(n) && !inView(p)) return;
      g.moveTo(n.rect[0] + n.rect[2] / 2, n.rect[1] + n.rect[3] / 2);
      g.lineTo(p.rect[0] + p.rect[2] / 2, p.rect[1] + p.rect[3] / 2);
    });
    g.stroke();
    nodes.forEach((n, i) => {
      if (hidden.has(i) || !inView(n)) return;
      const [fill, stroke] = ROLE[n.role] || ROLE.claim;
      g.fillStyle = matchSet.has(i) ? "#f9a825" : fill;
      g.fillRect(n.rect[0], n.rect[1], n.rect[2], n.rect[3]);
      g.strokeStyle = i === selected ? "#1565c0" : stroke;
      g.lineWidth = (i === selected ? 4 : 1) / cam.k;
      g.strokeRect(n.rect[0], n.rect[1], n.rect[2], n.rect[3]);
    });
  }

  // The camera is the SVG's viewBox: the SVG is the size of the view, so the browser paints
  // only what is in view, however large the map.
  const origin = (svg.getAttribute("viewBox") || "0 0 0 0").split(/\s+/).map(Number);
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", "100%");
  svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
  const apply = () => {
    const r = area();
    const w = Math.max(1, r.width) / cam.k;
    const h = Math.max(1, r.height) / cam.k;
    svg.setAttribute("viewBox", `${origin[0] - cam.x / cam.k} ${origin[1] - cam.y / cam.k} ${w} ${h}`);
    schedule();
  };
  const area = () => view.getBoundingClientRect();

  function fit() {
    const r = area();
    const [w, h] = data.size;
    const k = Math.max(MIN, Math.min(r.width / w, r.height / h, 1.5));
    cam = { k, x: (r.width - w * k) / 2, y: Math.max(0, (r.height - h * k) / 2) };
    apply();
  }

  function zoomAt(factor, px, py) {
    const k = Math.min(MAX, Math.max(MIN, cam.k * factor));
    const f = k / cam.k;
    cam = { k, x: px - (px - cam.x) * f, y: py - (py - cam.y) * f };
    apply();
  }

  // Brings statement i to the middle of the view, at a zoom where it can be read.
  function centre(i) {
    const r = area();
    const [x, y, w, h] = nodes[i].rect;
    const k = Math.min(MAX, Math.max(cam.k, 0.6));
    cam = { k, x: r.width / 2 - (x + w / 2) * k, y: r.height / 2 - (y + h / 2) * k };
    apply();
  }

  // Centres statement i only if it is not wholly in view.
  function reveal(i) {
    const r = area();
    const [x, y, w, h] = nodes[i].rect;
    const left = cam.x + x * cam.k;
    const top = cam.y + y * cam.k;
    if (left < 0 || top < 0 || left + w * cam.k > r.width || top + h * cam.k > r.height) centre(i);
  }

  // Unfolds every folded branch that hides statement i (a walk up its parents, cycle-safe).
  function unfoldTo(i) {
    const seen = new Set();
    for (let p = nodes[i].parent; p !== null && p !== undefined && !seen.has(p); p = nodes[p].parent) {
      seen.add(p);
      collapsed.delete(p);
    }
    refold();
  }

  function select(i, how) {
    if (i === null || i === undefined || !nodes[i]) return;
    if (hidden.has(i)) unfoldTo(i);
    const before = mountedBoxes.get(selected);
    if (before) {
      before.classList.remove("sel");
      before.removeAttribute("aria-current");
      before.setAttribute("tabindex", "-1");
    }
    selected = i;
    show(i);
    if (how.push && location.hash !== "#" + encodeURIComponent(nodes[i].id)) {
      history.pushState(null, "", "#" + encodeURIComponent(nodes[i].id));
    }
    if (how.centre === "always") centre(i);
    else if (how.centre === "reveal") reveal(i);
    update();
    const g = mountedBoxes.get(i);
    if (g) {
      g.classList.add("sel");
      g.setAttribute("aria-current", "true");
      g.setAttribute("tabindex", "0");
      if (how.focus) g.focus({ preventScroll: true });
    }
  }

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // The panel: the statement's role, text, evaluation and why, source, note, group and links.
  function show(i) {
    const n = nodes[i];
    panel.hidden = false;
    panel.replaceChildren();
    const h = el("h2", "role-" + n.role, n.role.toUpperCase());
    h.append(el("span", "id", n.id));
    const close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close the panel");
    close.addEventListener("click", () => { panel.hidden = true; view.focus(); });
    h.append(close);
    panel.append(h, el("p", "text", n.text));
    const evaluation = el("p", "why");
    evaluation.append(el("span", "label label-" + n.label, n.label.toUpperCase()), n.why);
    panel.append(el("h3", "", "Evaluation"), evaluation);
    if (n.argument) {
      // The argument it starts: its scheme and the critical questions still open.
      panel.append(el("h3", "", "Its argument"), el("p", "", n.argument.scheme + ": " + n.argument.said));
      if (n.argument.open.length) {
        const open = el("ul", "questions");
        for (const q of n.argument.open) open.append(el("li", "", q));
        panel.append(el("p", "how", "Open questions:"), open);
      }
    }
    if (n.quote) {
      panel.append(el("h3", "", "Source"), el("blockquote", "", "“" + n.quote + "”"));
      if (n.reference) panel.append(el("p", "reference", "— " + n.reference));
    }
    if (n.note) panel.append(el("h3", "", "Note"), el("p", "", n.note));
    if (n.group) panel.append(el("h3", "", "Group"), el("p", "", n.group));
    if (n.links.length) {
      const list = el("ul", "links");
      for (const link of n.links) {
        const item = el("li");
        const a = el("a", "", short(nodes[link.to].text));
        a.href = "#" + encodeURIComponent(nodes[link.to].id);
        a.addEventListener("click", (e) => {
          e.preventDefault();
          select(link.to, { push: true, centre: "always", focus: true });
        });
        item.append(el("span", "how", link.how), a);
        list.append(item);
      }
      panel.append(el("h3", "", "Links"), list);
    }
    if (n.kids.length) {
      const fold = el("button", "fold", collapsed.has(i) ? `Expand branch (${count(i)})` : "Collapse branch");
      fold.type = "button";
      fold.addEventListener("click", () => toggle(i));
      panel.append(el("h3", "", "Branch"), fold);
    }
    if (data.source) panel.append(el("p", "hint", "Map source: " + data.source));
  }

  // The statements under i (a walk down, cycle-safe).
  function below(i) {
    const out = new Set();
    const stack = [...nodes[i].kids];
    while (stack.length) {
      const k = stack.pop();
      if (out.has(k) || k === i) continue;
      out.add(k);
      stack.push(...nodes[k].kids);
    }
    return out;
  }
  const count = (i) => below(i).size;

  function toggle(i) {
    if (!nodes[i].kids.length) return;
    if (collapsed.has(i)) collapsed.delete(i);
    else collapsed.add(i);
    refold();
    if (selected === i) show(i);
  }

  // Hides what folded branches hold (their boxes and arrows are no longer placed), and puts a
  // "+N" pill on each folded box.
  function refold() {
    hidden = new Set();
    for (const c of collapsed) for (const k of below(c)) hidden.add(k);
    update();
  }
  function pills() {
    pillLayer.replaceChildren();
    for (const c of collapsed) {
      if (hidden.has(c) || !mountedBoxes.has(c)) continue;
      const [x, y, w, h] = nodes[c].rect;
      const g = document.createElementNS(svgns, "g");
      g.setAttribute("class", "pill");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", `Expand the branch of ${count(c)} statements`);
      const rect = document.createElementNS(svgns, "rect");
      const text = document.createElementNS(svgns, "text");
      const label = "+" + count(c);
      const width = 14 + label.length * 7;
      rect.setAttribute("x", x + w - width - 6);
      rect.setAttribute("y", y + h - 9);
      rect.setAttribute("width", width);
      rect.setAttribute("height", 18);
      rect.setAttribute("rx", 9);
      text.setAttribute("x", x + w - width - 6 + 7);
      text.setAttribute("y", y + h + 4);
      text.textContent = label;
      g.append(rect, text);
      g.addEventListener("click", (e) => { e.stopPropagation(); toggle(c); });
      pillLayer.append(g);
    }
  }

  // Arrow keys: Up to what the statement argues about, Down to the first that argues about it,
  // Left and Right to its neighbours; Enter or Space folds; F fits; + and - zoom; / searches.
  function key(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const visible = (list) => list.filter((k) => !hidden.has(k));
    const roots = () => nodes.map((n, i) => i).filter((i) => nodes[i].parent === null);
    const siblings = (i) => visible(nodes[i].parent === null ? roots() : nodes[nodes[i].parent].kids);
    let next = null;
    const i = selected;
    switch (e.key) {
      case "ArrowUp": next = i === null ? roots()[0] : nodes[i].parent; break;
      case "ArrowDown": next = i === null ? roots()[0] : visible(nodes[i].kids)[0]; break;
      case "ArrowLeft":
      case "ArrowRight": {
        if (i === null) { next = roots()[0]; break; }
        const s = siblings(i);
        const k = s.indexOf(i) + (e.key === "ArrowLeft" ? -1 : 1);
        next = s[k];
        break;
      }
      case "Enter":
      case " ": if (i !== null) toggle(i); e.preventDefault(); return;
      case "f": case "F": fit(); return;
      case "+": case "=": zoomAt(1.25, area().width / 2, area().height / 2); return;
      case "-": zoomAt(0.8, area().width / 2, area().height / 2); return;
      case "/": search.focus(); e.preventDefault(); return;
      default: return;
    }
    e.preventDefault();
    if (next !== null && next !== undefined) select(next, { push: true, centre: "reveal", focus: true });
  }
  view.addEventListener("keydown", key);
  view.addEventListener("focus", () => {
    if (selected === null && nodes.length) select(nodes.findIndex((n) => n.parent === null), { push: false, centre: "reveal", focus: true });
  });

  // Pointer: drag pans, two fingers pinch, a click on a box selects it.
  const pointers = new Map();
  let moved = 0;
  let pinch = null;
  view.addEventListener("pointerdown", (e) => {
    if (e.target.closest && e.target.closest(".pill")) return;
    view.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    moved = 0;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), k: cam.k };
    }
    view.classList.add("dragging");
  });
  view.addEventListener("pointermove", (e) => {
    const p = pointers.get(e.pointerId);
    if (!p) return;
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    p.x = e.clientX;
    p.y = e.clientY;
    moved += Math.abs(dx) + Math.abs(dy);
    if (pointers.size === 1) {
      cam.x += dx;
      cam.y += dy;
      apply();
    } else if (pointers.size === 2 && pinch) {
      const [a, b] = [...pointers.values()];
      const r = area();
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      zoomAt((pinch.k * d) / pinch.d / cam.k, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top);
    }
  });
  const up = (e) => {
    if (!pointers.delete(e.pointerId)) return;
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) view.classList.remove("dragging");
    if (moved < 5 && e.type === "pointerup") {
      if (cam.k < FAR) {
        // Far out: the box under the pointer, found in the grid, brought near.
        const r = area();
        const x = (e.clientX - r.left - cam.x) / cam.k;
        const y = (e.clientY - r.top - cam.y) / cam.k;
        const c = grid.get(Math.floor(x / CELL) + "," + Math.floor(y / CELL));
        const i = c && c.boxes.find((b) => { const q = nodes[b].rect; return !hidden.has(b) && x >= q[0] && x <= q[0] + q[2] && y >= q[1] && y <= q[1] + q[3]; });
        if (i !== undefined) select(i, { push: true, centre: "always", focus: true });
        return;
      }
      const hit = document.elementFromPoint(e.clientX, e.clientY);
      const box = hit && hit.closest ? hit.closest(".box") : null;
      if (box) select(Number(box.dataset.i), { push: true, centre: "none", focus: true });
    }
  };
  view.addEventListener("pointerup", up);
  view.addEventListener("pointercancel", up);
  view.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = area();
    zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  // Search: the statements whose text holds the words; Enter goes to the next, Shift+Enter back.
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    for (const i of matches) mountedBoxes.get(i)?.classList.remove("match");
    matches = q ? nodes.map((n, i) => i).filter((i) => nodes[i].text.toLowerCase().includes(q) || nodes[i].id.includes(q)) : [];
    matchSet = new Set(matches);
    for (const i of matches) mountedBoxes.get(i)?.classList.add("match");
    if (cam.k < FAR) update();
    at = -1;
    found.textContent = q ? `${matches.length} found` : "";
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { search.value = ""; search.dispatchEvent(new Event("input")); view.focus(); return; }
    if (e.key !== "Enter" || !matches.length) return;
    e.preventDefault();
    at = (at + (e.shiftKey ? -1 : 1) + matches.length) % matches.length;
    found.textContent = `${at + 1} of ${matches.length}`;
    select(matches[at], { push: true, centre: "always", focus: false });
  });

  document.getElementById("fit").addEventListener("click", fit);
  document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.25, area().width / 2, area().height / 2));
  document.getElementById("zoom-out").addEventListener("click", () => zoomAt(0.8, area().width / 2, area().height / 2));
  document.getElementById("back").addEventListener("click", () => history.back());
  document.getElementById("forward").addEventListener("click", () => history.forward());

  // The selection is the page's #fragment: Back and Forward walk it.
  function fromHash(centreIt) {
    const id = decodeURIComponent(location.hash.slice(1));
    const i = byId.get(id);
    if (i !== undefined) select(i, { push: false, centre: centreIt ? "always" : "reveal", focus: false });
  }
  window.addEventListener("popstate", () => fromHash(true));
  window.addEventListener("resize", () => { if (selected === null) fit(); else schedule(); });

  fit();
  if (location.hash) fromHash(true);
  // For tests and the curious: what the page shows.
  window.argmap = { select: (id) => select(byId.get(id), { push: true, centre: "always", focus: true }), state: () => ({ selected: selected === null ? null : nodes[selected].id, collapsed: [...collapsed].map((i) => nodes[i].id), hidden: hidden.size, camera: { ...cam } }) };
})();
