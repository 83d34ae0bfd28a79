/* Part 7: talking to the API. Every failure gets its own message, so a user knows whether to
 * wait, retry, or tell the site's operator. */
function post(path, body) {
  return fetch(cfg.api + path, { method: "POST", headers: { "Content-Type": "application/json",
    "Accept": path.indexOf("stream") >= 0 ? "text/event-stream" : "application/json" }, body: JSON.stringify(body) });
}

function errorText(res) {
  return res.json().then(function (j) {
    if (j && typeof j.error === "string") return j.error;
    if (j && Array.isArray(j.detail)) return j.detail.map(function (d) { return d.msg; }).join("; ");
    return (j && typeof j.detail === "string" && j.detail) || "";
  }, function () { return ""; });
}

var FAILURES = {
  offline: "You are offline. Your question is back in the box: send it again once you are connected.",
  unreachable: "The assistant's server is not responding. Your question is back in the box: retry in a minute.",
  origin: "This website is not allowed to use the assistant yet (its address is not on the server's list of " +
    "allowed sites). Please let the site's operator know.",
  rate: "Too many questions in a short time. Wait a few seconds, then retry.",
  server: "The assistant hit a problem on its side and could not answer. Retry, or ask again in a minute."
};

// A response that is not 2xx: {kind, text}.
function httpFailure(res) {
  if (res.status === 429) {
    var wait = Number(res.headers.get("Retry-After"));
    return Promise.resolve({ kind: "rate", text: wait > 0 ?
      "Too many questions in a short time. Wait " + wait + " seconds, then retry." : FAILURES.rate });
  }
  if (res.status >= 500) return Promise.resolve({ kind: "server", text: FAILURES.server });
  return errorText(res).then(function (msg) {
    return { kind: "input", text: msg || "The assistant could not take that message (error " + res.status + ")." };
  });
}

// fetch() rejected: offline, server down, or the browser blocked the call (CORS). A no-cors probe
// tells the last two apart: it succeeds whenever the server is up, whatever its CORS settings.
function networkFailure() {
  if (navigator.onLine === false) return Promise.resolve({ kind: "offline", text: FAILURES.offline });
  return fetch(cfg.api + "/healthz", { mode: "no-cors", cache: "no-store" }).then(function () {
    if (window.console && console.warn) {
      console.warn("Partner Incentive Assistant: " + cfg.api + " refused calls from " + location.origin +
        ". Add " + location.origin + " to CSP_ALLOWED_ORIGINS on the assistant's server.");
    }
    return { kind: "origin", text: FAILURES.origin };
  }, function () {
    return { kind: navigator.onLine === false ? "offline" : "unreachable",
      text: navigator.onLine === false ? FAILURES.offline : FAILURES.unreachable };
  });
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

function sendFeedback(entry, comment, done) {
  post("/api/feedback", { session_id: state.sessionId, message_id: entry.messageId, question: entry.question || "",
    helpful: !!entry.feedback.helpful, comment: String(comment || "").trim() }).then(function (res) {
    if (res.ok) return done(null);
    return errorText(res).then(function (msg) { done(msg || "Could not send feedback (error " + res.status + ")."); });
  }, function () { done("Could not send feedback. Please try again."); });
}

// Server-side options the page cannot know: the message limit and the support link.
function loadConfig() {
  return fetch(cfg.api + "/api/widget/config", { cache: "no-store" }).then(function (res) {
    return res.ok ? res.json() : null;
  }).then(function (c) {
    if (!c) return;
    if (c.max_message_chars > 0) cfg.maxChars = c.max_message_chars;
    if (!cfg.support && c.support_url) cfg.support = safeLink(c.support_url);
  }, function () { /* the chat itself reports connection problems */ });
}
