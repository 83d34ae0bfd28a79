"""The benchmark command runs end to end and prints ratios against its own baseline."""
from assistant.bench import format_table, run_benchmark


def test_benchmark_prints_a_table_with_baseline_ratios(fake_assistant):
    rows = run_benchmark(fake_assistant, requests=8, clients=2, repeat=4)
    table = format_table(rows)
    names = [r.name for r in rows]
    assert any("baseline" in n for n in names) and any("/api/chat" in n for n in names)
    assert all(r.n > 0 and r.p50_ms >= 0 for r in rows)
    assert "p50 ratio" in table and "1.00x" in table
    assert all(r.ratio is not None for r in rows if "baseline" not in r.name)
