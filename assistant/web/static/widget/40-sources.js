/* Part 5: the source panel. A citation opens one readable view of its passage: title,
 * section, page, the passage with the cited sentence highlighted, and the original link. */
var sheetState = { opener: null, key: null };

function markExpanded(opener, value) {
  if (!opener) return;
  var msg = opener.closest(".msg");
  var n = opener.getAttribute("data-n");
  (msg ? msg.querySelectorAll("[data-n='" + n + "']") : [opener]).forEach(function (b) {
    b.setAttribute("aria-expanded", String(value));
  });
}

function closeSource(restoreFocus) {
  if (sheet.hidden) return;
  sheet.hidden = true;
  markExpanded(sheetState.opener, false);
  if (restoreFocus && sheetState.opener && sheetState.opener.isConnected) sheetState.opener.focus();
  sheetState.opener = null;
  sheetState.key = null;
}

function openSource(citation, answer, opener, key) {
  if (!sheet.hidden && sheetState.key === key) { closeSource(true); return; }  // the same chip again: close
  markExpanded(sheetState.opener, false);
  sheetState.opener = opener;
  sheetState.key = key;
  while (sheet.firstChild) sheet.removeChild(sheet.firstChild);
  var headingId = nextId("src-title");
  var closeBtn = el("button", { type: "button", className: "close", "aria-label": "Close source",
    onclick: function () { closeSource(true); } }, [icon("close", 18)]);
  var heading = el("h3", { id: headingId, tabindex: "-1", text: citation.title });
  var where = [];
  if (citation.section) where.push(citation.section);
  if (citation.page) where.push("page " + citation.page);
  // Focusable so a keyboard user can scroll a long passage.
  var content = el("div", { className: "content", tabindex: "0", role: "region", "aria-label": "Passage" }, [
    el("p", { className: "where", text: "Source " + citation.n + (where.length ? " \u00b7 " + where.join(" \u00b7 ") : "") })]);
  var passage = el("p", { className: "passage" });
  var text = String(citation.text || "");
  var span = citedSpan(citation, answer);
  if (span) {
    passage.appendChild(document.createTextNode(text.slice(0, span.start)));
    passage.appendChild(el("mark", { text: text.slice(span.start, span.end) }));
    passage.appendChild(document.createTextNode(text.slice(span.end)));
  } else passage.textContent = text;
  content.appendChild(passage);
  var link = citation.url && /^https?:\/\//i.test(citation.url) ? citation.url : null;
  if (link) content.appendChild(el("p", {}, [el("a", { href: link, target: "_blank", rel: "noopener noreferrer",
    text: "Open the original document" })]));
  sheet.setAttribute("aria-labelledby", headingId);
  sheet.appendChild(el("div", { className: "head" }, [heading, closeBtn]));
  sheet.appendChild(content);
  sheet.hidden = false;
  markExpanded(opener, true);
  var mark = passage.querySelector("mark");
  if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: "nearest" });
  heading.focus();
}

// A chip or source row for citation n of `answer`; null when the answer has no such citation.
function chipMaker(answer, msgKey) {
  var byN = {};
  (answer.citations || []).forEach(function (c) { byN[c.n] = c; });
  function open(n, node) { openSource(byN[n], answer, node, msgKey + ":" + n); }
  return {
    chip: function (n) {
      var c = byN[n];
      if (!c) return null;
      var b = el("button", { type: "button", className: "chip", "data-n": String(n), "aria-expanded": "false",
        "aria-haspopup": "dialog", "aria-label": String(n) + ": source, " + c.title, text: String(n) });
      b.addEventListener("click", function () { open(n, b); });
      return b;
    },
    row: function (c) {
      var label = c.title + (c.section ? " \u203a " + c.section : "") + (c.page ? ", p. " + c.page : "");
      var b = el("button", { type: "button", className: "source", "data-n": String(c.n), "aria-expanded": "false",
        "aria-haspopup": "dialog", title: label }, [el("span", { className: "n", text: String(c.n) }),
        el("span", { className: "label", text: label })]);
      b.addEventListener("click", function () { open(c.n, b); });
      return b;
    }
  };
}
