"""Unsourced claims, user trial 11 (F14): "There is a large body of research showing that …"
appeals to research as surely as "Research shows …", and was not reported."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes


def _claims(sentence: str) -> list[tuple[str, bool]]:
    text = f"Blood pressure at the clinic.\n\n{sentence}\n"
    return [(c.text, c.specific) for c in extract_bytes(text.encode(), "a.txt").claims]


@pytest.mark.parametrize("sentence", [
    "There is a large body of research showing that white-coat effects fade with repeated visits.",
    "A growing body of evidence suggesting that fasting lowers blood pressure has emerged.",
    "There are studies showing that home readings predict strokes better.",
])
def test_a_body_of_research_showing_something_is_a_vague_claim(sentence):
    assert _claims(sentence) == [(sentence, False)]


@pytest.mark.parametrize("sentence", [
    "We need trials demonstrating that it works in children, too.",
    "More studies showing long-term safety are needed.",
])
def test_research_still_to_be_done_is_no_claim(sentence):
    assert _claims(sentence) == []
