from pathlib import Path

import pytest

import sitrep

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def extract():
    """sitrep.extract, warmed up once for the session."""
    sitrep.extract("warm up", published="2024-01-01")
    return sitrep.extract


def of_type(result, etype):
    return [e for e in result.events if e.type == etype]


def only(result, etype):
    events = of_type(result, etype)
    assert len(events) == 1, [e.to_dict() for e in result.events]
    return events[0]


def kinds(event):
    return sorted((q.kind, q.value) for q in event.quantities)
