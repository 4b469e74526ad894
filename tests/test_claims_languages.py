"""Research claims in other languages (user trial 10, F18): a Russian, Chinese or Japanese
clinic page's "Исследования показывают …", "研究表明…" and "Мета-анализ 2019 года … подтвердил"
went unreported. Dated studies are claims with their year; undated appeals to research
are vague claims when the sentence cites nothing."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes


def _claims(text: str, name: str = "a.txt") -> list[tuple[str, int | None, bool]]:
    return [(c.text, c.year, c.specific) for c in extract_bytes(f"Titel\n\n{text}\n".encode(), name).claims]


@pytest.mark.parametrize("sentence, year", [
    ("Мета-анализ 2019 года в журнале Lancet подтвердил пользу комбинированной терапии.", 2019),
    ("Un estudio de 2021 demostró que el ayuno reduce la presión arterial.", 2021),
    ("Um estudo de 2020 mostrou que o exercício melhora o humor.", 2020),
    ("Une étude de 2018 a montré que le yoga réduit la douleur.", 2018),
    ("Eine Studie aus dem Jahr 2019 zeigte, dass Bewegung hilft.", 2019),
    ("Uno studio del 2022 ha dimostrato che il sonno è importante.", 2022),
    ("2019年的一项研究发现，镁可以改善睡眠。", 2019),
    ("2020年の研究では、運動が気分を改善することが示された。", 2020),
])
def test_a_dated_study_in_another_language_is_a_claim_with_its_year(sentence, year):
    [(text, found_year, specific)] = _claims(sentence)
    assert (found_year, specific) == (year, True)
    assert text[:8] == sentence[:8]


@pytest.mark.parametrize("sentence", [
    "Исследования показывают, что большинству пациентов требуется более одного препарата.",
    "Studien zeigen, dass Schlaf wichtig ist.",
    "研究表明，睡眠很重要。",
    "تشير الدراسات إلى أن النوم مهم.",
])
def test_an_undated_appeal_to_research_is_a_vague_claim(sentence):
    assert [(year, specific) for _, year, specific in _claims(sentence)] == [(None, False)]


def test_headings_cited_sentences_and_plain_prose_are_no_claims():
    assert _claims("Что показывают исследования") == []  # a heading
    assert _claims("Cette étude est en cours au centre de Lyon, près de l’hôpital.") == []
    cited = "Исследования показывают, что сон важен [1].\n\nЛитература\n1. Smith J. Sleep. Lancet. 2019;1:1-2."
    assert [c for c in _claims(cited) if not c[2]] == []
    # Chinese sentences end at their own stops: the second sentence is not part of the claim.
    [(text, _, _)] = _claims("2019年的一项研究发现，镁可以改善睡眠。这是第二句话。")
    assert text.endswith("睡眠。")
