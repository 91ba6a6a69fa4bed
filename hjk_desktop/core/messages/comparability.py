"""Catalogue entries of the comparability warnings shown above a chart or table."""

MESSAGES: dict[str, dict[str, str]] = {
    "warning.wording_changed": {
        "nb": ("Spørsmålet hadde ulik ordlyd i {first} og {second}, og svaralternativene var ikke de samme. "
               "Tallene fra de to rundene er derfor ikke direkte sammenlignbare."),
        "en": ("The question was worded differently in {first} and {second}, with different answer options. "
               "The numbers from the two rounds are therefore not directly comparable."),
    },
    "warning.populations_differ": {
        "nb": ("Tallene gjelder ulike grupper: {groups}. Gruppene er spurt hver for seg og er satt sammen "
               "på ulik måte, så forskjeller mellom dem må leses med varsomhet."),
        "en": ("The numbers describe different groups: {groups}. Each group was asked separately and is made "
               "up differently, so read differences between them with care."),
    },
    "warning.approximate_one": {
        "nb": "Ett av de viste tallene er omtrentlig (≈): rapporten gir det i ord eller avrundet, ikke som et eksakt prosenttall.",
        "en": "One of the numbers shown is approximate (≈): the report gives it in words or rounded, not as an exact figure.",
    },
    "warning.approximate_many": {
        "nb": "{count} av de viste tallene er omtrentlige (≈): rapporten gir dem i ord eller avrundet, ikke som eksakte prosenttall.",
        "en": "{count} of the numbers shown are approximate (≈): the report gives them in words or rounded, not as exact figures.",
    },
    "warning.dependent_samples": {
        "nb": ("Differansen har ikke noe usikkerhetsintervall: de to tallene kommer ikke fra uavhengige utvalg "
               "(en del av gruppen mot hele gruppen, eller samme panel i februar og juni), og intervallet forutsetter det. "
               "Om forskjellen er større enn tilfeldig variasjon, kan derfor ikke sies herfra."),
        "en": ("The difference has no uncertainty interval: the two numbers do not come from independent samples "
               "(part of the group against the whole group, or the same panel in February and June), which the "
               "interval assumes. Whether the difference exceeds chance variation therefore cannot be said here."),
    },
    "warning.round_inferred": {
        "nb": ("Tidspunktet er utledet: rapporten sier ikke uttrykkelig hvilken runde (eller hvilket år) tallene er fra, "
               "så det er plassert ut fra sammenhengen."),
        "en": ("The timing is inferred: the report does not say outright which round (or year) the numbers are from, "
               "so it has been placed from the context."),
    },
}
