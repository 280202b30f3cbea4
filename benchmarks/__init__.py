"""Benchmarks: each stage against the best this machine can do in the same run (see docs/PERFORMANCE.md)."""
