"""Decisions: the validated case, HER2 status per edition, eligibility, the heart rules and the
dose, and ``evaluate`` that puts them together."""
