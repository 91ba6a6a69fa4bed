"""What the app needs from a package: its resources, their columns and the limits it reads within."""

from __future__ import annotations

from dataclasses import dataclass

from hjk_desktop.core.codes import LANGUAGES, Chart, Coverage, ExhibitKind, Status, Unit

# Every limit below is listed with its rule name in data/README.md ("Limits"); keep the two in step.
MAX_FILE_BYTES = 50 * 1024 * 1024  # file-too-large (a CSV file)
MAX_DESCRIPTOR_BYTES = 1024 * 1024  # file-too-large (datapackage.json), checked before parsing
MAX_JSON_DEPTH = 64  # json-depth: nesting of arrays and objects, checked before parsing
MAX_COLUMNS = 200  # too-many-columns
MAX_CELL_CHARS = 131_072  # cell-too-large: the csv module's field limit
MAX_DIGITS = 30  # number-digits: digits in one number, in a CSV cell or in the descriptor
INTEGER_RANGE = (0, 10**9)  # integer-range: every integer column
NUMBER_RANGE = (-1e12, 1e12)  # number-range: every number column
MAX_PATH_CHARS = 255  # path-too-long: a resource path in the descriptor
LINK_SCHEMES = ("http", "https")  # url-scheme: the only links a package may carry

DIMENSIONS = ("segments", "populations", "rounds", "responses")
REQUIRED_RESOURCES = ("chapters", "exhibits", "items", "values", *DIMENSIONS)
# resources the app knows but does not need; any other well-formed extra resource is tolerated too,
# but every declared path must still be safe (inside the folder)
OPTIONAL_RESOURCES = ("findings",)

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


def _in_languages(name: str, required: bool = False) -> tuple[Column, ...]:
    """One text column per language the app speaks: label_nb, label_en, … (a new language adds its columns)."""
    return tuple(Column(f"{name}_{lang}", required=required) for lang in LANGUAGES)


def _dimension() -> tuple[Column, ...]:
    return (
        Column("code", required=True, pattern=CODE),
        *_in_languages("label", required=True),
        Column("order", "integer", required=True, minimum=0),
    )


TABLES: dict[str, tuple[Column, ...]] = {
    "chapters": (
        Column("number", "integer", required=True, minimum=1),
        *_in_languages("title", required=True),
        *_in_languages("summary", required=True),
    ),
    "exhibits": (
        Column("id", required=True, pattern=CODE),
        Column("chapter", "integer", required=True),
        Column("order", "integer", required=True, minimum=0),
        Column("kind", required=True, enum=ExhibitKind.ALL),
        Column("number", "integer", minimum=1),
        *_in_languages("title", required=True),
        *_in_languages("short"),  # for lists such as the contents tree; blank falls back to the title
        Column("n", "integer", minimum=0),
        Column("round"),
        Column("population", required=True),
        Column("scale", required=True),
        Column("headline", required=True),
        Column("chart", required=True, enum=Chart.ALL),
        Column("coverage", required=True, enum=Coverage.ALL),
        Column("ranking"),
        Column("pair"),
        Column("compiled", "boolean", required=True),
        *_in_languages("note"),
    ),
    "items": (
        Column("exhibit", required=True),
        Column("code", required=True, pattern=CODE),
        *_in_languages("label", required=True),
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
        Column("unit", required=True, enum=Unit.ALL),
        Column("approx", "boolean", required=True),
        Column("n", "integer", minimum=0),
        Column("status", required=True, enum=Status.IN_DATA),
        Column("formula"),
        Column("locator", required=True),
        Column("note"),
        Column("note_en"),
    ),
    **{name: _dimension() for name in DIMENSIONS},
    # a long segment name gets a short one for column headers and controls; blank falls back to the label
    "segments": (*_dimension(), *_in_languages("short")),
    # the population a figure rests on may need explaining (who was asked the follow-up questions)
    "populations": (*_dimension(), *_in_languages("short"), *_in_languages("note")),
}
