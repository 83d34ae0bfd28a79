/* Part 4: answer text. Minimal Markdown built as DOM nodes, the answer-first split, and the
 * choice of the sentence a citation points at. */
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

function inlineText(parent, line, chipFor) {
  line.split(INLINE).forEach(function (part) {
    if (!part) return;
    var m = /^\[(\d+)\]$/.exec(part);
    var chip = m ? chipFor(Number(m[1])) : null;
    if (chip) parent.appendChild(chip);
    else if (/^\*\*[^*]+\*\*$/.test(part)) parent.appendChild(el("strong", { text: part.slice(2, -2) }));
    else parent.appendChild(document.createTextNode(part));
  });
}

// Paragraphs, line breaks, "- " lists, **bold**, _italic_ lines.
function richText(text, chipFor) {
  var wrap = el("div", { className: "text" });
  String(text || "").split(/\n{2,}/).forEach(function (para) {
    var p = null, ul = null;
    para.split("\n").forEach(function (line) {
      var item = /^\s*[-*\u2022]\s+(.*)$/.exec(line);
      if (item) {
        if (!ul) { ul = el("ul"); wrap.appendChild(ul); p = null; }
        var li = el("li");
        inlineText(li, item[1], chipFor);
        ul.appendChild(li);
        return;
      }
      ul = null;
      if (!line.trim()) return;
      if (!p) { p = el("p"); wrap.appendChild(p); } else p.appendChild(el("br"));
      var it = /^_(.+)_$/.exec(line.trim());
      if (it) { var em = el("em"); inlineText(em, it[1], chipFor); p.appendChild(em); } else inlineText(p, line, chipFor);
    });
  });
  return wrap;
}

/* Answer first. A calculator answer's first line is its bold headline; the "- Name: value"
 * lines after it repeat the figures, which the calculation table shows once, with sources. */
function splitAnswer(a) {
  var text = String(a.answer || "");
  var figures = a.figures || [];
  if (!figures.length || !a.tool) return { headline: null, body: text };
  var lines = text.split("\n");
  var first = lines[0].trim();
  var headline = /^\*\*/.test(first) ? first : null;
  var rest = headline ? lines.slice(1) : lines;
  var names = figures.map(function (f) { return String(f.name).toLowerCase(); });
  var bullets = rest.filter(function (l) { return /^\s*[-*\u2022]\s+/.test(l); });
  var repeats = bullets.length && bullets.every(function (l) {
    var body = l.replace(/^\s*[-*\u2022]\s+/, "").toLowerCase();
    return names.some(function (n) { return body.indexOf(n) === 0; });
  });
  if (repeats) rest = rest.filter(function (l) { return !/^\s*[-*\u2022]\s+/.test(l); });
  return { headline: headline, body: rest.join("\n").replace(/^\n+/, "") };
}

function understoodLine(items) {
  if (!items || !items.length) return null;
  var p = el("p", { className: "understood" }, [el("strong", { text: "What I understood: " })]);
  items.forEach(function (u, i) {
    if (i) p.appendChild(document.createTextNode(" · "));
    var label = String(u.field) + " " + String(u.value);
    p.appendChild(document.createTextNode(label));
    if (u.from_text && u.from_text !== u.value) p.appendChild(document.createTextNode(" (from \u201c" + u.from_text + "\u201d)"));
  });
  return p;
}

function plainAnswer(a) {
  var out = String(a.answer || "").replace(/\*\*([^*]+)\*\*/g, "$1");
  if (a.citations && a.citations.length) {
    out += "\n\nSources:\n" + a.citations.map(function (c) {
      return "[" + c.n + "] " + c.title + (c.section ? " \u203a " + c.section : "") + (c.page ? ", page " + c.page : "");
    }).join("\n");
  }
  return out;
}

// ---- which sentence of a passage a citation supports ----
function words(s) {
  return String(s).toLowerCase().replace(/\[\d+\]/g, " ").match(/[a-z0-9$%.,]+/g) || [];
}
function splitSentences(text) {
  var out = [], re = /[^.!?\n]+(?:[.!?]+(?=\s|$)|\n|$)/g, m;
  while ((m = re.exec(text)) !== null) { if (m[0].trim()) out.push({ start: m.index, end: m.index + m[0].length }); if (!m[0]) re.lastIndex++; }
  return out;
}
// The passage sentence sharing the most words with what the answer says next to [n].
function citedSpan(citation, answer) {
  var claims = [];
  String(answer.answer || "").split(/(?<=[.!?])\s+|\n/).forEach(function (s) {
    if (s.indexOf("[" + citation.n + "]") >= 0) claims.push(s);
  });
  (answer.figures || []).forEach(function (f) {
    if ((f.citations || []).indexOf(citation.n) >= 0) claims.push(f.name + " " + f.formula);
  });
  var want = {};
  words(claims.join(" ")).forEach(function (w) { if (w.length > 2 || /\d/.test(w)) want[w] = true; });
  var best = null, bestScore = 0;
  splitSentences(citation.text || "").forEach(function (sp) {
    var score = 0;
    words(citation.text.slice(sp.start, sp.end)).forEach(function (w) { if (want[w]) score += /\d/.test(w) ? 2 : 1; });
    if (score > bestScore) { best = sp; bestScore = score; }
  });
  return best;
}
