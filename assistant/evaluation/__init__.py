"""Evaluation and benchmarking: scoring the assistant on labelled sets (not imported by the service)."""
