"""Catalogue entries shared by several parts of the core: names of exhibits, missing values, units."""

MESSAGES: dict[str, dict[str, str]] = {
    "exhibit.figure": {"nb": "Figur", "en": "Figure"},
    "exhibit.table": {"nb": "Tabell", "en": "Table"},
    "exhibit.key_figures": {"nb": "Nøkkeltall", "en": "Key figures"},
}
