"""The benchmark report as one plain-text table, section by section."""
from __future__ import annotations


def _ms(d: dict) -> str:
    return f"{d['p50']:>8.1f} {d['p95']:>8.1f}"


def _x(value) -> str:
    return "-" if value is None else f"{value:.2f}x"


def format_table(r: dict) -> str:
    m, ratios = r["machine"], r["ratios"]
    out = [f"csp-assistant bench{' --quick' if r['quick'] else ''}: {m['cpus']} CPUs, torch threads {m['threads']}, "
           f"Python {m['python']}, {m['platform']}; {r['seconds']:.0f} s",
           "", "QUALITY (fact_questions.yaml)   R@1     R@5     MRR@10  nDCG@10"]
    for name, q in r["retrieval"].items():
        out.append(f"  {name:<28} {q['recall_at_1']:.3f}   {q['recall_at_5']:.3f}   {q['mrr_at_10']:.3f}   "
                   f"{q['ndcg_at_10']:.3f}")
    acc = r["answer_accuracy"]
    kinds = ", ".join(f"{k} {v['accuracy']:.0%}" for k, v in acc["per_kind"].items())
    out.append(f"  answer accuracy (eval): {kinds}; overall {acc['overall']['accuracy']:.1%} "
               f"of {acc['overall']['cases']}")
    out += ["", f"SPEED {'measurement':<44} {'p50 ms':>8} {'p95 ms':>8}  ratio p50 / p95"]
    fl, am = r["floor_ms"], r["answer_ms"]
    out.append(f"  {'floor: encode + faiss + BM25 (n=' + str(fl['n']) + ')':<48} {_ms(fl)}  1.00x")
    for kind in ("fact", "calculator"):
        a = am[kind]
        label = f"answer() {kind} (n={a['n']}, {a.get('embeddings_per_turn', '?')} embeddings/turn)"
        if "floor" in a:
            out.append(f"  {'  floor on the same ' + kind + ' questions':<48} {_ms(a['floor'])}  1.00x")
        pooled = ratios.get(f"answer_{kind}_p50_x_pooled_floor")
        out.append(f"  {label:<48} "
                   f"{_ms(a)}  {_x(ratios[f'answer_{kind}_p50_x_floor'])} / {_x(ratios[f'answer_{kind}_p95_x_floor'])}"
                   + (f"  ({_x(pooled)} of the floor above)" if pooled is not None else ""))
    h = r["http"]
    for kind, label in (("bare", "HTTP bare FastAPI encode+search"), ("chat", "HTTP POST /api/chat")):
        row = h[kind]
        tail = "1.00x" if kind == "bare" else f"{_x(ratios['http_p50_x_bare'])} / {_x(ratios['http_p95_x_bare'])}"
        out.append(f"  {label + ' sequential (n=' + str(row['n']) + ')':<48} {_ms(row)}  {tail}")
    for kind, label in (("bare", "bare"), ("chat", "/api/chat")):
        ld = h[kind]["load"]
        tail = "" if kind == "bare" else f"  {_x(ratios['http_rps_x_bare'])} throughput"
        label = f"{label} {ld['clients']} clients, {ld['seconds']:.0f} s"
        out.append(f"  {label:<48} "
                   f"{ld['rps']:>8.1f} req/s, {ld['errors']} errors{tail}")
    st = r["startup"]
    out.append(f"  {'start-up: import + load model + encode (bare)':<48} {st['bare']['seconds']:>7.2f}s  "
               f"peak {st['bare']['peak_mb']:.0f} MB")
    out.append(f"  {'start-up: process start to first answer':<48} {st['first-answer']['seconds']:>7.2f}s  "
               f"peak {st['first-answer']['peak_mb']:.0f} MB  {_x(ratios['startup_x_bare'])}")
    ri = r["reingest"]
    label = f"ingest bundled corpus ({ri['passages']} passages), then unchanged"
    out.append(f"  {label:<48} "
               f"{ri['first_s']:>7.2f}s {ri['again_s']:>7.3f}s  {_x(ri['ratio'])}")
    out += ["", f"INGEST {'option':<34} {'passages/s':>10} {'vs bare':>8} {'R@5 dense':>10} {'R@5 hybrid':>10}"]
    for row in r["ingest"]["rows"]:
        if "error" in row:
            out.append(f"  {row['option']:<39} unavailable: {row['error'][:60]}")
            continue
        out.append(f"  {row['option'] + ' (n=' + str(row['passages']) + ')':<39} {row['per_s']:>10.1f} "
                   f"{_x(row.get('vs_bare')):>8} {row.get('recall_at_5_dense', '-'):>10} "
                   f"{row.get('recall_at_5_hybrid', '-'):>10}")
    out += ["", f"SCALE {'passages':>9} {'build s':>8} {'disk MB':>8} {'mem MB':>7} {'BM25 p50/p95':>13} "
            f"{'dense p50/p95':>14} {'hybrid p50/p95':>15}  ANN recall@10, speed-up"]
    for s in r["scale"]:
        pair = lambda d: f"{d['p50']:.1f}/{d['p95']:.1f}"  # noqa: E731
        out.append(f"  {s['passages']:>13,} {s['bm25_build_s'] + s['dense_build_s']:>8.1f} {s['disk_mb']:>8.1f} "
                   f"{s['memory_mb']:>7.0f} {pair(s['bm25_ms']):>13} {pair(s['dense_ms']):>14} "
                   f"{pair(s['hybrid_ms']):>15}  {s['ann_recall_at_10']:.3f}, {_x(s['ann_speedup'])} "
                   f"({s['ann_kind']}; serving uses {s['dense_index']})")
    missed = [k for k, ok in r["goals_met"].items() if not ok]
    out += ["", "Goals met: " + ", ".join(k for k, ok in r["goals_met"].items() if ok)
            + ("; missed: " + ", ".join(missed) if missed else ""),
            "Ratios compare numbers measured in this same run on this machine; absolute times vary with load."]
    return "\n".join(out)
