/* Part 6: one assistant message. Order: headline, what was understood, the rest of the text,
 * the calculation (collapsed), sources, follow-ups, then tools (copy, hand-off, feedback). */
function figuresTable(figures, chips) {
  var body = el("tbody");
  figures.forEach(function (f) {
    var refs = el("td", { className: "refs" });
    (f.citations || []).forEach(function (n) { var c = chips.chip(n); if (c) refs.appendChild(c); });
    var what = el("td", { className: "name" }, [el("div", { text: f.name })]);
    if (f.formula && f.formula !== formatValue(f)) what.appendChild(el("div", { className: "formula", text: f.formula }));
    body.appendChild(el("tr", {}, [what, el("td", { className: "value", text: formatValue(f) }), refs]));
  });
  var head = el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Figure" }),
    el("th", { scope: "col", text: "Value" }), el("th", { scope: "col", text: "Sources" })])]);
  return el("table", { className: "figures" }, [head, body]);
}

function calculationView(a, chips) {
  var calc = el("div", { className: "calc", id: nextId("calc") }, [figuresTable(a.figures, chips)]);
  calc.hidden = true;
  var toggle = el("button", { type: "button", className: "toggle", "aria-expanded": "false",
    "aria-controls": calc.id, text: "Show calculation" });
  toggle.addEventListener("click", function () {
    calc.hidden = !calc.hidden;
    toggle.setAttribute("aria-expanded", String(!calc.hidden));
    toggle.textContent = calc.hidden ? "Show calculation" : "Hide calculation";
  });
  return [toggle, calc];
}

function quickReplies(options, label) {
  var row = el("div", { className: "quick transient", role: "group", "aria-label": label });
  options.forEach(function (opt) {
    row.appendChild(el("button", { type: "button", text: String(opt), onclick: function () { ask(String(opt)); } }));
  });
  return row;
}

function supportLink(primary) {
  return el("a", { className: "button handoff-link" + (primary ? " primary" : ""), href: cfg.support,
    target: "_blank", rel: "noopener noreferrer" }, [icon("person", 16), "Contact partner support"]);
}

function copyButton(a) {
  var status = el("span", { role: "status", className: "copy-status" });
  var b = el("button", { type: "button", className: "copy" }, [icon("copy", 16), "Copy answer"]);
  b.addEventListener("click", function () {
    var text = plainAnswer(a);
    function done(ok) { status.textContent = ok ? "Copied" : "Copy failed: select the text instead"; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else done(false);
  });
  return [b, status];
}

function feedbackView(entry) {
  var box = el("span", { className: "feedback", role: "group", "aria-label": "Was this answer helpful?" });
  function draw() {
    while (box.firstChild) box.removeChild(box.firstChild);
    var fb = entry.feedback || {};
    if (fb.sent) { box.appendChild(el("span", { role: "status", text: "Thanks for the feedback." })); return; }
    box.appendChild(el("span", { "aria-hidden": "true", text: "Helpful?" }));
    [[true, "up", "Yes"], [false, "down", "No"]].forEach(function (v) {
      box.appendChild(el("button", { type: "button", className: "vote " + v[1], "aria-pressed": String(fb.helpful === v[0]),
        onclick: function () { entry.feedback = { helpful: v[0] }; save(); draw(); box.querySelector("textarea").focus(); } },
        [icon(v[1], 14), v[2]]));
    });
    if (fb.helpful === true || fb.helpful === false) {
      var note = el("textarea", { maxlength: "2000", "aria-label": "Comment (optional)",
        placeholder: fb.helpful ? "Anything to add? (optional)" : "What was wrong or missing? (optional)" });
      var f = el("form", { className: "feedback-form" }, [note,
        el("button", { type: "submit", className: "primary send-feedback", text: "Send feedback" })]);
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

var msgCount = 0;
function renderAnswer(entry, isLast) {
  var a = entry.answer;
  msgCount += 1;
  var msg = el("div", { className: "msg assistant" + (a.abstained ? " abstained" : "") });
  var chips = chipMaker(a, "m" + msgCount);
  var parts = splitAnswer(a);
  if (a.abstained) msg.appendChild(el("span", { className: "badge", text: "Not in the sources" }));
  if (parts.headline) {
    var h = el("p", { className: "headline" });
    inlineText(h, parts.headline, chips.chip);
    msg.appendChild(h);
  }
  var understood = understoodLine(a.understood);
  if (understood) msg.appendChild(understood);
  if (parts.body.trim()) msg.appendChild(richText(parts.body, chips.chip));
  if (a.figures && a.figures.length) calculationView(a, chips).forEach(function (n) { msg.appendChild(n); });
  if (a.citations && a.citations.length) {
    var list = el("ol");
    a.citations.forEach(function (c) { list.appendChild(el("li", {}, [chips.row(c)])); });
    msg.appendChild(el("div", { className: "sources" }, [el("h3", { text: a.abstained ? "Nearest passages" : "Sources" }), list]));
  }
  if (isLast && a.clarify && a.clarify.options && a.clarify.options.length) {
    msg.appendChild(quickReplies(a.clarify.options, "Quick replies"));
  } else if (isLast && a.suggestions && a.suggestions.length) {
    msg.appendChild(quickReplies(a.suggestions.slice(0, 3), "Suggested follow-ups"));
  }
  var wantsPerson = a.abstained || HANDOFF.test(entry.question || "");
  if (cfg.support && wantsPerson) {
    msg.appendChild(el("div", { className: "handoff" }, [el("span", { text: a.abstained ?
      "The sources do not cover this. A person can help:" : "Talk to a person:" }), supportLink(true)]));
  }
  var tools = el("div", { className: "tools" });
  copyButton(a).forEach(function (n) { tools.appendChild(n); });
  if (cfg.support && !wantsPerson) tools.appendChild(supportLink(false));
  if (entry.messageId !== undefined && entry.messageId !== null) {
    tools.appendChild(el("span", { className: "spacer" }));
    tools.appendChild(feedbackView(entry));
  }
  msg.appendChild(tools);
  return msg;
}
