/* Partner Incentive Assistant chat widget.
 *
 * Embed with one tag:
 *   <script src="https://HOST/widget.js" data-title="Incentive help" data-accent="#0f6cbd" async></script>
 * Optional: data-api (API base; default the script's own origin), data-inline (CSS selector
 * of an element to fill with an always-open chat), data-open="true" (start open).
 *
 * Everything renders inside a Shadow DOM. Text from documents and users is only ever set
 * with textContent / text nodes: nothing they contain is parsed as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript ||
    Array.prototype.slice.call(document.querySelectorAll("script[src*='widget.js']")).pop();
  if (!script || window.__cspAssistantWidget) return;
  window.__cspAssistantWidget = true;

  function safeColor(value) {
    var v = (value || "").trim();
    return /^#[0-9a-f]{3,8}$/i.test(v) || /^rgba?\([\d\s.,%]+\)$/i.test(v) ? v : null;
  }

  var data = script.dataset || {};
  var cfg = {
    title: (data.title || "Partner Incentive Assistant").slice(0, 80),
    accent: safeColor(data.accent) || "#0f6cbd",
    api: (data.api || new URL(script.src, location.href).origin).replace(/\/+$/, ""),
    inline: data.inline || null,
    open: data.open === "true"
  };
  var STORE_KEY = "csp-assistant:" + cfg.api;
  var MAX_TRANSCRIPT = 60;
  var EXAMPLES = [
    "How much incentive on $50,000 of Office 365?",
    "What does DPOR stand for?",
    "What is the co-op usage threshold?"
  ];

  // ---- state (kept in sessionStorage so a reload restores the conversation) ----
  var state = { sessionId: null, transcript: [], open: cfg.open };
  try {
    var saved = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
    if (saved && Array.isArray(saved.transcript)) state = saved;
  } catch (e) { /* storage blocked or corrupt: start fresh */ }

  function save() {
    state.transcript = state.transcript.slice(-MAX_TRANSCRIPT);
    try { window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* full or blocked */ }
  }

  // ---- DOM helpers: text only, never HTML ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // Icons are fixed path data built with the DOM, so they render without an emoji font.
  var ICONS = {
    chat: "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
    up: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    down: "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z"
  };
  function icon(name, size) {
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  var uid = 0;
  function nextId(prefix) { uid += 1; return "csp-" + prefix + "-" + uid; }

  var CSS = [
    ":host { all: initial !important; display: block !important; position: static !important; }",
    ":host([data-inline]) { width: 100% !important; height: 100% !important; flex: 1 1 auto !important; }",
    ".root { --accent: #0f6cbd; color: #1b1b1b; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; text-align: left; }",
    ".root *, .root *::before, .root *::after { box-sizing: border-box; }",
    "button { font: inherit; cursor: pointer; display: inline-block; visibility: visible; }",
    ".launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483646; width: 56px; height: 56px; border-radius: 50%; border: 0; background: var(--accent); color: #fff; display: flex; align-items: center; justify-content: center; box-shadow: 0 4px 14px rgba(0,0,0,.25); }",
    ".launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #ffb900; outline-offset: 2px; }",
    ".panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483647; width: 380px; max-width: calc(100vw - 40px); height: 600px; max-height: calc(100vh - 110px); display: flex; flex-direction: column; background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0,0,0,.28); overflow: hidden; }",
    ".panel[hidden] { display: none; }",
    ".inline .panel { position: relative; right: auto; bottom: auto; width: 100%; max-width: none; height: 100%; max-height: none; border-radius: 0; box-shadow: none; }",
    ".inline { height: 100%; display: flex; }",
    "header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--accent); color: #fff; }",
    "header h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 600; color: #fff; }",
    "header button { background: rgba(255,255,255,.16); color: #fff; border: 0; border-radius: 6px; padding: 4px 10px; font-size: 13px; }",
    ".log { position: relative; flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; background: #f7f8fa; }",
    ".msg { max-width: 92%; padding: 9px 12px; border-radius: 12px; white-space: normal; word-wrap: break-word; overflow-wrap: anywhere; }",
    ".msg.user { align-self: flex-end; background: var(--accent); color: #fff; white-space: pre-wrap; }",
    ".msg.assistant { align-self: flex-start; background: #fff; border: 1px solid #e3e3e3; }",
    ".msg.abstained { background: #fff8e6; border-color: #f2c14e; }",
    ".msg.error { background: #fdecec; border-color: #e8a0a0; color: #8a1c1c; }",
    ".badge { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; padding: 1px 7px; border-radius: 8px; margin-bottom: 4px; }",
    ".badge.amber { background: #f2c14e; color: #4a3500; }",
    ".text p { margin: 0 0 6px; } .text p:last-child { margin-bottom: 0; } .text ul { margin: 0 0 6px; padding-left: 18px; } .text em { color: #555; }",
    ".chip { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 9px; padding: 0 6px; margin: 0 1px; font-size: 11px; line-height: 16px; vertical-align: 1px; }",
    ".chip[aria-expanded='true'] { background: var(--accent); color: #fff; }",
    ".sources { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; font-size: 12px; color: #555; }",
    ".cite-detail { margin-top: 6px; padding: 8px; border-left: 3px solid var(--accent); background: #f3f6fb; font-size: 12.5px; }",
    ".cite-detail[hidden] { display: none; }",
    ".cite-detail .where { font-weight: 600; } .cite-detail .body { white-space: pre-wrap; margin: 4px 0; } .cite-detail .src { color: #666; font-size: 11.5px; }",
    "table.figures { border-collapse: collapse; width: 100%; margin: 0 0 8px; font-size: 12.5px; }",
    "table.figures caption { text-align: left; font-weight: 600; margin-bottom: 2px; }",
    "table.figures th, table.figures td { text-align: left; border-bottom: 1px solid #e5e5e5; padding: 3px 4px; vertical-align: top; }",
    "table.figures td.value { font-weight: 600; white-space: nowrap; }",
    "table.figures .formula { color: #555; font-size: 11.5px; }",
    ".quick { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }",
    ".quick button { border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 14px; padding: 3px 10px; font-size: 12.5px; }",
    ".feedback { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 12px; color: #555; }",
    ".feedback button.vote { border: 1px solid #ccc; background: #fff; color: #444; border-radius: 12px; padding: 1px 8px; display: inline-flex; align-items: center; gap: 2px; font-size: 12px; }",
    ".feedback button.vote[aria-pressed='true'] { border-color: var(--accent); background: #eaf1fb; }",
    ".feedback form { display: flex; flex-direction: column; gap: 4px; width: 100%; }",
    ".feedback textarea { width: 100%; min-height: 48px; font: inherit; padding: 4px 6px; border: 1px solid #bbb; border-radius: 6px; resize: vertical; }",
    ".feedback form button { align-self: flex-start; border: 0; background: var(--accent); color: #fff; border-radius: 6px; padding: 3px 10px; }",
    ".composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e3e3; background: #fff; }",
    ".composer textarea { flex: 1; resize: none; height: 42px; max-height: 120px; font: inherit; padding: 10px; border: 1px solid #bbb; border-radius: 10px; color: #1b1b1b; background: #fff; }",
    ".composer button { border: 0; border-radius: 10px; background: var(--accent); color: #fff; padding: 0 16px; font-weight: 600; }",
    ".composer button:disabled { opacity: .55; cursor: default; }",
    ".typing { color: #666; font-style: italic; }",
    ".sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }",
    "@media (max-width: 520px) { .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100%; max-height: 100%; border-radius: 0; } .launcher { right: 14px; bottom: 14px; } .msg { max-width: 100%; } }"
  ].join("\n");

  // ---- build the shell ----
  var host = document.createElement("csp-assistant-widget");
  if (cfg.inline) host.setAttribute("data-inline", "");
  var shadow = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = CSS;
  shadow.appendChild(style);

  var titleId = nextId("title");
  var root = el("div", { className: "root" + (cfg.inline ? " inline" : "") });
  root.style.setProperty("--accent", cfg.accent);
  var launcher = el("button", { className: "launcher", type: "button", "aria-label": "Open chat: " + cfg.title,
    "aria-expanded": "false", "aria-haspopup": "dialog" }, [icon("chat", 26)]);
  var logEl = el("div", { className: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  var input = el("textarea", { rows: "1", "aria-label": "Your question", placeholder: "Ask about rates, eligibility, co-op…",
    maxlength: "2000" });
  var sendBtn = el("button", { type: "submit", className: "send", text: "Send" });
  var form = el("form", { className: "composer" }, [input, sendBtn]);
  var newBtn = el("button", { type: "button", className: "new", text: "New conversation" });
  var closeBtn = el("button", { type: "button", className: "close", "aria-label": "Close chat", text: "✕" });
  var header = el("header", {}, [el("h2", { id: titleId, text: cfg.title }), newBtn, cfg.inline ? null : closeBtn]);
  var panel = el("div", { className: "panel", role: "dialog", "aria-labelledby": titleId, "aria-modal": "false" },
    [header, logEl, form]);
  panel.id = nextId("panel");
  launcher.setAttribute("aria-controls", panel.id);
  if (!cfg.inline) root.appendChild(launcher);
  root.appendChild(panel);
  shadow.appendChild(root);

  var busy = false;

  function setOpen(open, focus) {
    if (cfg.inline) open = true;
    state.open = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", (open ? "Close chat: " : "Open chat: ") + cfg.title);
    save();
    if (focus) (open ? input : launcher).focus();
    if (open) scrollDown();
  }

  function scrollDown() { logEl.scrollTop = logEl.scrollHeight; }

  // ---- rendering an answer ----
  var INLINE = /(\*\*[^*]+\*\*|\[\d+\])/g;

  function formatValue(fig) {
    var v = Number(fig.value);
    if (!isFinite(v)) return String(fig.value);
    try {
      if (fig.unit === "USD") return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(v);
      if (fig.unit === "fraction") return new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2 }).format(v);
    } catch (e) { /* old browsers: fall through */ }
    return v.toLocaleString("en-US") + (fig.unit && fig.unit !== "count" ? " " + fig.unit : "");
  }

  function citationView(msgEl, answer) {
    var byN = {};
    (answer.citations || []).forEach(function (c) { byN[c.n] = c; });
    var details = {};
    var detailBox = el("div", { className: "cite-details" });

    function detailFor(n) {
      if (details[n]) return details[n];
      var c = byN[n];
      var where = c.title + (c.section ? " › " + c.section : "");
      var src = "Source: " + c.source + (c.page ? ", page " + c.page : "");
      var d = el("div", { className: "cite-detail", id: nextId("cite"), role: "region", "aria-label": "Source " + n },
        [el("div", { className: "where", text: "[" + n + "] " + where }), el("div", { className: "body", text: c.text }),
          el("div", { className: "src", text: src })]);
      d.hidden = true;
      detailBox.appendChild(d);
      details[n] = d;
      return d;
    }

    function chip(n) {
      if (!byN[n]) return document.createTextNode("[" + n + "]");
      var d = detailFor(n);
      var b = el("button", { type: "button", className: "chip", "data-n": String(n), "aria-expanded": "false",
        "aria-controls": d.id, "aria-label": "Source " + n + ": " + byN[n].title, text: String(n) });
      b.addEventListener("click", function () {
        var show = d.hidden;
        d.hidden = !show;
        msgEl.querySelectorAll(".chip[data-n='" + n + "']").forEach(function (x) {
          x.setAttribute("aria-expanded", String(show));
        });
      });
      return b;
    }
    return { chip: chip, box: detailBox, has: function (n) { return !!byN[n]; } };
  }

  function inlineText(parent, line, cites) {
    line.split(INLINE).forEach(function (part) {
      if (!part) return;
      var m = /^\[(\d+)\]$/.exec(part);
      if (m && cites.has(Number(m[1]))) parent.appendChild(cites.chip(Number(m[1])));
      else if (/^\*\*[^*]+\*\*$/.test(part)) parent.appendChild(el("strong", { text: part.slice(2, -2) }));
      else parent.appendChild(document.createTextNode(part));
    });
  }

  // Minimal Markdown, built as DOM nodes: paragraphs, line breaks, "- " lists, **bold**, _italic_ lines.
  function richText(text, cites) {
    var wrap = el("div", { className: "text" });
    String(text || "").split(/\n{2,}/).forEach(function (para) {
      var p = null, ul = null;
      para.split("\n").forEach(function (line) {
        var item = /^\s*[-*\u2022]\s+(.*)$/.exec(line);
        if (item) {
          if (!ul) { ul = el("ul"); wrap.appendChild(ul); p = null; }
          var li = el("li");
          inlineText(li, item[1], cites);
          ul.appendChild(li);
          return;
        }
        ul = null;
        if (!p) { p = el("p"); wrap.appendChild(p); } else p.appendChild(el("br"));
        var it = /^_(.+)_$/.exec(line.trim());
        if (it) { var em = el("em"); inlineText(em, it[1], cites); p.appendChild(em); } else inlineText(p, line, cites);
      });
    });
    return wrap;
  }

  function figuresTable(figures, cites) {
    var body = el("tbody");
    figures.forEach(function (f) {
      var refs = el("td");
      (f.citations || []).forEach(function (n) { if (cites.has(n)) refs.appendChild(cites.chip(n)); });
      var what = el("td", {}, [el("div", { text: f.name })]);
      if (f.formula) what.appendChild(el("div", { className: "formula", text: f.formula }));
      body.appendChild(el("tr", {}, [what, el("td", { className: "value", text: formatValue(f) }), refs]));
    });
    var head = el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Figure" }),
      el("th", { scope: "col", text: "Value" }), el("th", { scope: "col", text: "Sources" })])]);
    return el("table", { className: "figures" }, [el("caption", { text: "Figures" }), head, body]);
  }

  function feedbackView(entry) {
    var box = el("div", { className: "feedback" });
    function draw() {
      while (box.firstChild) box.removeChild(box.firstChild);
      var fb = entry.feedback || {};
      if (fb.sent) { box.appendChild(el("span", { role: "status", text: "Thanks for the feedback." })); return; }
      box.appendChild(el("span", { text: "Helpful?" }));
      [[true, "up", "Yes", "Helpful"], [false, "down", "No", "Not helpful"]].forEach(function (v) {
        box.appendChild(el("button", { type: "button", className: "vote " + v[1], title: v[3],
          "aria-label": v[3], "aria-pressed": String(fb.helpful === v[0]),
          onclick: function () { entry.feedback = { helpful: v[0] }; save(); draw(); box.querySelector("textarea").focus(); } },
          [icon(v[1], 14), el("span", { text: " " + v[2] })]));
      });
      if (fb.helpful === true || fb.helpful === false) {
        var note = el("textarea", { maxlength: "2000", "aria-label": "Comment (optional)",
          placeholder: fb.helpful ? "Anything to add? (optional)" : "What was wrong or missing? (optional)" });
        var f = el("form", {}, [note, el("button", { type: "submit", className: "send-feedback", text: "Send feedback" })]);
        f.addEventListener("submit", function (ev) {
          ev.preventDefault();
          sendFeedback(entry, note.value, function (err) {
            if (err) { f.appendChild(el("span", { role: "alert", text: err })); return; }
            entry.feedback.sent = true; save(); draw();
          });
        });
        box.appendChild(f);
      }
    }
    draw();
    return box;
  }

  function renderAnswer(entry, isLast) {
    var a = entry.answer;
    var msg = el("div", { className: "msg assistant" + (a.abstained ? " abstained" : "") });
    var cites = citationView(msg, a);
    if (a.abstained) msg.appendChild(el("span", { className: "badge amber", text: "Not in the sources" }));
    if (a.figures && a.figures.length) msg.appendChild(figuresTable(a.figures, cites));
    msg.appendChild(richText(a.answer, cites));
    if (a.citations && a.citations.length) {
      var row = el("div", { className: "sources" }, [el("span", { text: a.abstained ? "Nearest passages:" : "Sources:" })]);
      a.citations.forEach(function (c) { row.appendChild(cites.chip(c.n)); });
      msg.appendChild(row);
    }
    msg.appendChild(cites.box);
    if (a.clarify && a.clarify.options && a.clarify.options.length && isLast) {
      msg.appendChild(quickReplies(a.clarify.options));
    }
    if (entry.messageId !== undefined) msg.appendChild(feedbackView(entry));
    return msg;
  }

  function quickReplies(options) {
    var row = el("div", { className: "quick", role: "group", "aria-label": "Suggested replies" });
    options.forEach(function (opt) {
      row.appendChild(el("button", { type: "button", text: String(opt), onclick: function () { ask(String(opt)); } }));
    });
    return row;
  }

  function renderAll(showLastAnswer) {
    while (logEl.firstChild) logEl.removeChild(logEl.firstChild);
    if (!state.transcript.length) {
      var hello = el("div", { className: "msg assistant welcome" }, [
        el("div", { text: "Ask about CSP incentive rates, eligibility, co-op funds or competencies. Every answer cites its sources." })]);
      hello.appendChild(quickReplies(EXAMPLES));
      logEl.appendChild(hello);
    }
    state.transcript.forEach(function (entry, i) {
      var last = i === state.transcript.length - 1;
      if (entry.role === "user") logEl.appendChild(el("div", { className: "msg user", text: entry.text }));
      else if (entry.role === "error") logEl.appendChild(el("div", { className: "msg error", role: "alert", text: entry.text }));
      else logEl.appendChild(renderAnswer(entry, last));
    });
    var lastMsg = logEl.lastElementChild;
    // A long answer is read from its start: scroll to its top, not to the bottom of the log.
    if (showLastAnswer && lastMsg && lastMsg.offsetHeight > logEl.clientHeight - 24) logEl.scrollTop = lastMsg.offsetTop - 8;
    else scrollDown();
  }

  // ---- network ----
  function post(path, body) {
    return fetch(cfg.api + path, { method: "POST", headers: { "Content-Type": "application/json",
      "Accept": path.indexOf("stream") >= 0 ? "text/event-stream" : "application/json" }, body: JSON.stringify(body) });
  }

  function errorText(res) {
    return res.json().then(function (j) {
      if (j && typeof j.error === "string") return j.error;
      if (j && Array.isArray(j.detail)) return j.detail.map(function (d) { return d.msg; }).join("; ");
      return (j && j.detail) || ("The server answered " + res.status + ".");
    }, function () { return "The server answered " + res.status + "."; });
  }

  function readEvents(res, onEvent) {
    var decoder = new TextDecoder();
    var buffer = "";
    function feed(text) {
      buffer += text;
      var parts = buffer.split(/\r?\n\r?\n/);
      buffer = parts.pop();
      parts.forEach(function (block) {
        var name = "message", dataLines = [];
        block.split(/\r?\n/).forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) dataLines.push(line.slice(5).replace(/^ /, ""));
        });
        if (dataLines.length) onEvent(name, JSON.parse(dataLines.join("\n")));
      });
    }
    if (!res.body || !res.body.getReader) return res.text().then(function (t) { feed(t + "\n\n"); });
    var reader = res.body.getReader();
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) { feed(decoder.decode() + "\n\n"); return; }
        feed(decoder.decode(r.value, { stream: true }));
        return pump();
      });
    }
    return pump();
  }

  function ask(text) {
    text = String(text || "").trim();
    if (!text || busy) return;
    busy = true;
    sendBtn.disabled = true;
    input.value = "";
    state.transcript.push({ role: "user", text: text });
    save();
    renderAll();
    var pending = el("div", { className: "msg assistant pending", "aria-busy": "true" });
    var live = el("div", { className: "typing", text: "Looking it up…" });
    pending.appendChild(live);
    logEl.appendChild(pending);
    scrollDown();
    var streamed = "", final = null, meta = {}, failure = null;
    post("/api/chat/stream", { message: text, session_id: state.sessionId }).then(function (res) {
      if (!res.ok) return errorText(res).then(function (msg) { failure = msg; });
      return readEvents(res, function (name, payload) {
        if (name === "token") {
          streamed += payload.text;
          live.className = "text";
          live.textContent = streamed;
          scrollDown();
        } else if (name === "meta") meta = payload;
        else if (name === "final") final = payload;
        else if (name === "error") failure = payload.error;
      });
    }).catch(function () {
      failure = "Could not reach the assistant. Check your connection and try again.";
    }).then(function () {
      busy = false;
      sendBtn.disabled = false;
      if (final) {
        state.sessionId = final.session_id || meta.session_id || state.sessionId;
        state.transcript.push({ role: "assistant", answer: final,
          messageId: meta.message_id === undefined ? null : meta.message_id, question: text });
      } else {
        state.transcript.push({ role: "error", text: failure || "No answer came back. Please try again." });
      }
      save();
      renderAll(true);
      input.focus();
    });
  }

  function sendFeedback(entry, comment, done) {
    post("/api/feedback", { session_id: state.sessionId, message_id: entry.messageId, question: entry.question || "",
      helpful: !!entry.feedback.helpful, comment: String(comment || "").trim() }).then(function (res) {
      if (res.ok) return done(null);
      return errorText(res).then(done);
    }, function () { done("Could not send feedback. Please try again."); });
  }

  // ---- events ----
  launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  closeBtn.addEventListener("click", function () { setOpen(false, true); });
  newBtn.addEventListener("click", function () {
    state.sessionId = null;
    state.transcript = [];
    save();
    renderAll();
    input.focus();
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); ask(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); ask(input.value); }
  });
  panel.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !cfg.inline) { ev.stopPropagation(); setOpen(false, true); }
  });

  function mount() {
    var target = cfg.inline ? document.querySelector(cfg.inline) : null;
    (target || document.body).appendChild(host);
    renderAll();
    setOpen(cfg.inline ? true : !!state.open, false);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
