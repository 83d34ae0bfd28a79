"""Command groups of the `csp-assistant` CLI, one module per group."""
