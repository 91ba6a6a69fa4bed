"""Catalogue entries of the chart layout and its text description."""

MESSAGES: dict[str, dict[str, str]] = {
}
