"""What the app needs from a package: its resources, their columns and the limits it reads within."""

from __future__ import annotations

from dataclasses import dataclass

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 200

DIMENSIONS = ("segments", "populations", "rounds", "responses")
REQUIRED_RESOURCES = ("chapters", "exhibits", "items", "values", *DIMENSIONS)

CODE = r"[a-z0-9_-]+"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"  # string, integer, number, boolean
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None

    @property
    def dtype(self) -> str:
        return {"integer": "Int64", "number": "float64", "boolean": "bool"}.get(self.type, "object")


def _dimension() -> tuple[Column, ...]:
    return (
        Column("code", required=True, pattern=CODE),
        Column("label_nb", required=True),
        Column("label_en", required=True),
        Column("order", "integer", required=True, minimum=0),
    )


TABLES: dict[str, tuple[Column, ...]] = {
    "chapters": (
        Column("number", "integer", required=True, minimum=1),
        Column("title_nb", required=True),
        Column("title_en", required=True),
        Column("summary_nb", required=True),
        Column("summary_en", required=True),
    ),
    "exhibits": (
        Column("id", required=True, pattern=CODE),
        Column("chapter", "integer", required=True),
        Column("order", "integer", required=True, minimum=0),
        Column("kind", required=True, enum=("figure", "table", "key_figures")),
        Column("number", "integer", minimum=1),
        Column("title_nb", required=True),
        Column("title_en", required=True),
        Column("n", "integer", minimum=0),
        Column("round"),
        Column("population", required=True),
        Column("scale", required=True),
        Column("headline", required=True),
        Column("chart", required=True, enum=("bars", "stacked", "ranking", "facts")),
        Column("coverage", required=True, enum=("all", "some", "none")),
        Column("ranking"),
        Column("pair"),
        Column("compiled", "boolean", required=True),
        Column("note_nb"),
        Column("note_en"),
    ),
    "items": (
        Column("exhibit", required=True),
        Column("code", required=True, pattern=CODE),
        Column("label_nb", required=True),
        Column("label_en", required=True),
        Column("order", "integer", required=True, minimum=0),
    ),
    "values": (
        Column("id", required=True, pattern=CODE),
        Column("chapter", "integer", required=True),
        Column("exhibit", required=True),
        Column("round"),
        Column("population", required=True),
        Column("segment", required=True),
        Column("item", required=True),
        Column("response", required=True),
        Column("value", "number", required=True),
        Column("unit", required=True, enum=("percent", "count")),
        Column("approx", "boolean", required=True),
        Column("n", "integer", minimum=0),
        Column("status", required=True, enum=("stated", "derived")),
        Column("formula"),
        Column("locator", required=True),
        Column("note"),
        Column("note_en"),
    ),
    **{name: _dimension() for name in DIMENSIONS},
}
