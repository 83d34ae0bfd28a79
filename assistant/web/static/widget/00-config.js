/* Partner Incentive Assistant chat widget, part 1: configuration and saved state.
 *
 * GET /widget.js serves the files of this folder joined in name order inside one function,
 * so they share one scope and the host page sees a single global (window.CspAssistant).
 * Embedding options are the script tag's data-* attributes; README "Embedding the widget"
 * lists them all.
 */
var script = document.currentScript ||
  Array.prototype.slice.call(document.querySelectorAll("script[src*='widget.js']")).pop();
if (!script || window.__cspAssistantWidget) return;
window.__cspAssistantWidget = true;

function safeColor(value) {
  var v = (value || "").trim();
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) ? v : null;
}

function safeLink(value) {
  var v = String(value || "").trim();
  if (/^[^@\s<>"]+@[^@\s<>"]+\.[a-z]{2,}$/i.test(v)) return "mailto:" + v;
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(v) ? v : null;
}

var data = script.dataset || {};
var DEFAULT_EXAMPLES = [
  "How much incentive on $50,000 of Office 365?",
  "What does DPOR stand for?",
  "What is the co-op usage threshold?"
];
var cfg = {
  title: (data.title || "Partner Incentive Assistant").slice(0, 80),
  accent: safeColor(data.accent) || "#0f6cbd",
  api: (data.api || new URL(script.src, location.href).origin).replace(/\/+$/, ""),
  inline: data.inline || null,
  open: data.open === "true",
  position: data.position === "left" ? "left" : "right",
  greeting: (data.greeting || "Ask about CSP incentive rates, eligibility, co-op funds or competencies. " +
    "Every answer cites its sources.").slice(0, 400),
  // data-examples: questions separated by "|"; data-examples="" shows none.
  examples: data.examples === undefined ? DEFAULT_EXAMPLES :
    data.examples.split("|").map(function (s) { return s.trim().slice(0, 160); }).filter(Boolean).slice(0, 5),
  support: safeLink(data.support),
  maxChars: 2000  // replaced by the server's CSP_MAX_MESSAGE_CHARS once /api/widget/config answers
};
var STORE_KEY = "csp-assistant:" + cfg.api;
var MAX_TRANSCRIPT = 60;
// Words that ask for a person: the answer then offers the hand-off link up front.
var HANDOFF = /\b(human|person|someone|agent|representative|contact|support team|talk to|speak to)\b/i;

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
