"""Offline evaluation: case files, the simulated employee, checks and reports."""
