"""Note numbers pasted onto the word before a stop, as journals set superscripts and pypdf reads
them ("primary care1.", "months5–7."), were never read (user trial 10): four entries were
"never cited", and the sentence carrying notes 5–7 a "research claim with no source"."""

from __future__ import annotations

from citecheck.extract import extract_bytes

LIST = """
References
1. Smith J, Lee K. Exercise counselling in primary care. BMJ. 2019;364:l1.
2. Jones B, Barnes J. Walking and mood. Lancet. 2018;391:1-9.
3. Park JH. Written exercise prescriptions. JAMA. 2017;318:2-8.
4. Patel R. Activity at six months. Ann Fam Med. 2016;14:3-9.
"""


def _cited(text: str) -> list[tuple[str, int | None]]:
    return [(i.text, i.reference) for i in extract_bytes((text + LIST).encode(), "a.txt").in_text]


def test_notes_pasted_onto_the_word_before_its_stop_are_read():
    text = ("Exercise advice is common in adults attending primary care1. Several trials suggest that "
            "prescriptions increase activity at six months2–4.\n")
    assert _cited(text) == [("[1]", 0), ("[2–4]", 1), ("[2–4]", 2), ("[2–4]", 3)]
    assert extract_bytes((text + LIST).encode(), "a.txt").claims == ()  # the trials' sentence cites 2–4


def test_numbers_in_names_of_things_are_no_notes():
    # Fewer than three lower-case letters before the digits: a virus, an interleukin, a vitamin.
    text = "Flu strains such as H1N1. Levels of IL-6, and of vitamin B12. Also done in care1. And in walks2.\n"
    assert _cited(text) == [("[1]", 0), ("[2]", 1)]
    # One group alone is no notes, even when its number is an entry's.
    assert _cited("Take omega3. Nothing else cites.\n") == []
    assert _cited("Adults in primary care1. Nothing else.\n") == []
