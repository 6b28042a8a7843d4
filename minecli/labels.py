"""The words people read for the store's closed sets of values, in one place.

Views, the timeline, reports and charts all name a status, a consent, a CCW instrument or a vote
the same way, so each label lives here once.
"""

from __future__ import annotations

STATUS = {
    "state_party": "State Party",
    "signatory": "Signatory (not ratified)",
    "not_party": "Not a State Party",
    "withdrawn": "Withdrawn",
}
# The same, short enough for a table's column.
STATUS_SHORT = {
    "state_party": "State Party",
    "signatory": "Signatory",
    "not_party": "Not party",
    "withdrawn": "Withdrawn",
}
# How the timeline says that a state consented, by the kind of consent.
CONSENT_VERBS = {
    "ratification": "Ratified",
    "accession": "Acceded to",
    "succession": "Succeeded to",
}
CCW = {
    "convention": "Convention on Conventional Weapons (CCW)",
    "protocol_ii": "Original Protocol II (landmines, 1980)",
    "amended_protocol_ii": "Amended Protocol II (1996)",
    "protocol_v": "Protocol V (explosive remnants of war)",
}
PRODUCTION = {
    "producer": "Producer",
    "past_producer": "Past producer",
    "not_producer": "Not a producer",
    "unknown": "Unknown",
}
TRANSFER = {
    "exporter": "Exporter",
    "past_exporter": "Past exporter",
    "not_known_to_export": "Not known to have exported",
    "unknown": "Unknown",
}
STOCKPILE = {
    "holds": "Holds a stockpile",
    "destroyed": "Stockpile destroyed",
    "none": "No stockpile",
    "unknown": "Unknown",
}
# The UN regional groups as a table names them (machine formats keep the full names).
UN_GROUP_SHORT = {
    "African Group": "African",
    "Asia-Pacific Group": "Asia-Pacific",
    "Eastern European Group": "Eastern European",
    "Latin American and Caribbean Group (GRULAC)": "GRULAC",
    "Western European and Others Group (WEOG)": "WEOG",
}
ROLE = {"state_party": "state party", "observer": "observer"}


def consent_label(kind: str | None) -> str:
    """The heading for a consent date: Ratification, Accession, Succession (else Consent)."""
    return (kind or "consent").capitalize()
