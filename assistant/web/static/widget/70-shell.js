/* Part 8: the shell (launcher, panel, log, source sheet, composer), sending, and the public API. */
var host = document.createElement("csp-assistant-widget");
if (cfg.inline) host.setAttribute("data-inline", "");
var shadow = host.attachShadow({ mode: "open" });
// A constructed stylesheet is CSSOM, which a host page's CSP style-src does not block; the
// <style> element is the fallback for browsers without adoptedStyleSheets.
try {
  var sheetCss = new CSSStyleSheet();
  sheetCss.replaceSync(CSS);
  shadow.adoptedStyleSheets = [sheetCss];
} catch (e) {
  var style = document.createElement("style");
  style.textContent = CSS;
  shadow.appendChild(style);
}

var palette = accentPalette(cfg.accent);
var titleId = nextId("title");
var counterId = nextId("counter");
var root = el("div", { className: "root" + (cfg.inline ? " inline" : "") + (cfg.position === "left" ? " left" : "") });
root.style.setProperty("--accent-fill", palette.fill);
root.style.setProperty("--accent-ink", palette.ink);
root.style.setProperty("--accent-ink-dark", palette.inkDark);
var launcher = el("button", { className: "launcher", type: "button", "aria-label": "Open chat: " + cfg.title,
  "aria-expanded": "false" }, [icon("chat", 26)]);
// role=log is polite by default; messages are only ever appended, so each is announced once.
var logEl = el("div", { className: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
var thread = el("div", { className: "thread" });
logEl.appendChild(thread);
var sheet = el("div", { className: "sheet", role: "dialog", "aria-modal": "false" });
sheet.hidden = true;
var input = el("textarea", { rows: "1", "aria-label": "Your question", placeholder: "Ask a question…",
  "aria-describedby": counterId });
var sendBtn = el("button", { type: "submit", className: "send", text: "Send" });
var counter = el("div", { className: "counter", id: counterId, "aria-live": "polite" });
counter.hidden = true;
var form = el("form", { className: "composer" }, [el("div", { className: "row" }, [input, sendBtn]), counter]);
var newBtn = el("button", { type: "button", className: "new", text: "New conversation" });
var closeBtn = el("button", { type: "button", className: "close", "aria-label": "Close chat" }, [icon("close", 18)]);
var header = el("header", {}, [el(cfg.inline ? "h1" : "h2", { className: "title", id: titleId, text: cfg.title }),
  newBtn, cfg.inline ? null : closeBtn]);
var panel = el("div", { className: "panel", role: cfg.inline ? "region" : "dialog", "aria-labelledby": titleId },
  [header, el("div", { className: "body" }, [logEl, sheet]), form]);
if (!cfg.inline) panel.setAttribute("aria-modal", "false");
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
  if (open) { fitWidth(); scrollDown(); }
}

// The side sheet needs room beside the conversation; narrower panels get the bottom sheet.
function fitWidth() { root.classList.toggle("wide", panel.clientWidth >= 760); }
function scrollDown() { logEl.scrollTop = logEl.scrollHeight; }

// ---- the composer: grows to a few lines, counts near the limit, never cuts a paste ----
function updateComposer() {
  input.style.height = "auto";
  // An empty box keeps one line: a wrapped placeholder would otherwise count as content.
  input.style.height = input.value ? Math.min(input.scrollHeight + 2, 150) + "px" : "";
  var n = input.value.length, max = cfg.maxChars, over = n - max;
  counter.hidden = n < max * 0.8;
  counter.classList.toggle("over", over > 0);
  counter.textContent = over > 0
    ? n.toLocaleString("en-US") + " of " + max.toLocaleString("en-US") + " characters: " + over.toLocaleString("en-US") +
      " too many. Messages over the limit are not sent; shorten it to the part with your question."
    : n.toLocaleString("en-US") + " of " + max.toLocaleString("en-US") + " characters";
  sendBtn.disabled = busy || over > 0;
}

// ---- the log: built once, then only appended to ----
function userNode(text) {
  var node = el("div", { className: "msg user", text: text });
  // A long paste scrolls inside its bubble; focusable so the keyboard can scroll it too.
  if (text.length > 600) node.setAttribute("tabindex", "0");
  return node;
}

function errorNode(entry) {
  var box = el("div", { className: "msg error", role: "alert" }, [el("div", { text: entry.text })]);
  if (entry.question) {
    var retry = el("button", { type: "button", className: "primary retry", text: "Retry" });
    retry.addEventListener("click", function () { retryFailed(entry, box); });
    box.appendChild(el("div", { className: "actions" }, [retry]));
  }
  return box;
}

function entryNode(entry, isLast) {
  if (entry.role === "user") return userNode(entry.text);
  if (entry.role === "error") return errorNode(entry);
  return renderAnswer(entry, isLast);
}

function renderAll() {
  while (thread.firstChild) thread.removeChild(thread.firstChild);
  closeSource(false);
  if (!state.transcript.length) {
    var hello = el("div", { className: "msg assistant welcome" }, [el("div", { text: cfg.greeting })]);
    if (cfg.examples.length) hello.appendChild(quickReplies(cfg.examples, "Example questions"));
    thread.appendChild(hello);
  }
  state.transcript.forEach(function (entry, i) { thread.appendChild(entryNode(entry, i === state.transcript.length - 1)); });
  scrollDown();
}

function append(node) {
  thread.appendChild(node);
  // A long answer is read from its start: scroll to its top, not to the bottom of the log.
  if (node.offsetHeight > logEl.clientHeight - 24) logEl.scrollTop = node.offsetTop - 8;
  else scrollDown();
}

function retryFailed(entry, box) {
  var i = state.transcript.indexOf(entry);
  if (i > 0 && state.transcript[i - 1].role === "user") {
    state.transcript.splice(i - 1, 2);
    var prev = box.previousElementSibling;
    if (prev && prev.classList.contains("user")) thread.removeChild(prev);
  } else if (i >= 0) state.transcript.splice(i, 1);
  thread.removeChild(box);
  save();
  input.value = "";
  ask(entry.question);
}

function ask(text) {
  text = String(text || "").trim();
  if (!text || busy) return;
  // Over the limit: nothing is sent and nothing is cut; the counter says what to do.
  if (text.length > cfg.maxChars) { if (!input.value.trim()) input.value = text; updateComposer(); input.focus(); return; }
  busy = true;
  input.value = "";
  updateComposer();
  // Quick replies belong to the previous turn: they go once a new question is asked.
  thread.querySelectorAll(".quick.transient").forEach(function (q) { q.parentNode.removeChild(q); });
  state.transcript.push({ role: "user", text: text });
  save();
  append(userNode(text));
  var pending = el("div", { className: "msg assistant pending", "aria-busy": "true" });
  var live = el("div", { className: "typing", text: "Looking it up…" });
  pending.appendChild(live);
  append(pending);
  var streamed = "", final = null, meta = {}, failure = null;
  post("/api/chat/stream", { message: text, session_id: state.sessionId }).then(function (res) {
    if (!res.ok) return httpFailure(res).then(function (f) { failure = f; });
    return readEvents(res, function (name, payload) {
      if (name === "token") {
        streamed += payload.text;
        // Shown as formatted text while it arrives; the full answer replaces it when done.
        var draft = richText(streamed, function () { return null; });
        pending.replaceChild(draft, live);
        live = draft;
        scrollDown();
      } else if (name === "meta") meta = payload;
      else if (name === "final") final = payload;
      else if (name === "error") failure = { kind: "server", text: payload.error };
    });
  }).catch(function () {
    return networkFailure().then(function (f) { failure = f; });
  }).then(function () {
    busy = false;
    var entry;
    if (final) {
      state.sessionId = final.session_id || meta.session_id || state.sessionId;
      entry = { role: "assistant", answer: final, question: text,
        messageId: meta.message_id === undefined ? final.message_id : meta.message_id };
    } else {
      failure = failure || { kind: "server", text: FAILURES.server };
      entry = { role: "error", kind: failure.kind, text: failure.text, question: text };
      if (!input.value) input.value = text;  // the failed question goes back in the box
    }
    state.transcript.push(entry);
    save();
    thread.removeChild(pending);
    append(entryNode(entry, true));
    updateComposer();
    input.focus();
  });
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
input.addEventListener("input", updateComposer);
input.addEventListener("keydown", function (ev) {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); ask(input.value); }
});
panel.addEventListener("keydown", function (ev) {
  if (ev.key !== "Escape") return;
  if (!sheet.hidden) { ev.stopPropagation(); closeSource(true); return; }
  if (!cfg.inline) { ev.stopPropagation(); setOpen(false, true); }
});
if (window.ResizeObserver) new ResizeObserver(fitWidth).observe(panel);

// ---- the page's API: CspAssistant.open(), .close(), .ask("question") ----
window.CspAssistant = {
  open: function () { setOpen(true, true); },
  close: function () { setOpen(false, false); },
  ask: function (question) { setOpen(true, false); ask(question); }
};

function mount() {
  var target = cfg.inline ? document.querySelector(cfg.inline) : null;
  (target || document.body).appendChild(host);
  renderAll();
  setOpen(cfg.inline ? true : !!state.open, false);
  if (cfg.inline) input.focus();
  updateComposer();
  loadConfig().then(updateComposer);
}
if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
