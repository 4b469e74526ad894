"""Finding reference lists in article text (citecheck.extract.references)."""

from __future__ import annotations

import pytest

from citecheck.extract.references import find_entries

PROSE = [
    "Ketamine for Chronic Pain: What the Evidence Says",
    "Low-dose ketamine infusions can reduce pain in patients with complex regional pain syndrome.",
    "Our clinic offers infusions under medical supervision.",
    "",
]


def test_heading_with_colon_and_one_entry_per_line():
    lines = PROSE + [
        "References:",
        "Zheng, L., et al. (2019). Low-dose ketamine in fibromyalgia. Pain Medicine, 20(1), 161-169.",
        "Mion, G., & Villela, J. L. (2003). Ketamine pharmacology. The Lancet, 362(9392), 395-402.",
    ]
    entries = find_entries(lines)
    assert [n for n, _ in entries] == [6, 7]
    assert entries[0][1].startswith("Zheng, L.")


def test_markdown_heading_numbered_entries_wrapped_lines_rejoined():
    lines = PROSE + [
        "## Sources",
        "",
        "1. Schwartzman RJ, Alexander GM. Outpatient intravenous ketamine for complex regional",
        "   pain syndrome: a double-blind placebo controlled study. Pain. 2009;147:107-15.",
        "2. Cohen SP, Bhatia A. Consensus guidelines on the use of intravenous ketamine infu-",
        "   sions for chronic pain. Reg Anesth Pain Med. 2018;43(5):521-46.",
    ]
    entries = find_entries(lines)
    assert [n for n, _ in entries] == [7, 9]
    assert entries[0][1] == ("Schwartzman RJ, Alexander GM. Outpatient intravenous ketamine for complex "
                             "regional pain syndrome: a double-blind placebo controlled study. Pain. "
                             "2009;147:107-15.")
    assert "ketamine infusions for chronic pain" in entries[1][1]


def test_bracket_and_bullet_markers_removed():
    lines = PROSE + [
        "**Bibliography**",
        "[1] Zheng L, Patel K. Ketamine dosing. Pain. 2019;160:1-9.",
        "• Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119:813-8.",
    ]
    texts = [t for _, t in find_entries(lines)]
    assert texts == ["Zheng L, Patel K. Ketamine dosing. Pain. 2019;160:1-9.",
                     "Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119:813-8."]


def test_list_ends_at_page_furniture():
    lines = PROSE + [
        "References",
        "Zheng, L. (2019). Low-dose ketamine in fibromyalgia. Pain Medicine, 20(1), 161-169.",
        "Request an Appointment",
        "Hernandez, G. (2018). Ketamine and opioid use. Clinical Journal of Pain, 34(7), 654-660.",
        "© 2024 Sunrise Ketamine Clinic. All rights reserved.",
    ]
    assert len(find_entries(lines)) == 1


@pytest.mark.parametrize("note", ["Last reviewed by the clinic editorial team, March 2024.",
                                  "Medically reviewed by Jane Doe, MD, on 12 May 2023",
                                  "Last updated: 2 February 2024", "Page last reviewed: 14 June 2022"])
def test_a_review_or_update_note_after_the_list_is_no_entry(note):
    lines = PROSE + ["References",
                     "1. Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.", note]
    assert [t[:5] for _, t in find_entries(lines)] == ["Zheng"]
    bulleted = PROSE + ["References", "- Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20:161-9.",
                        "", note]
    assert [t[:5] for _, t in find_entries(bulleted)] == ["Zheng"]


def test_short_undated_lines_after_heading_are_not_entries():
    lines = PROSE + ["Sources", "Pain management", "Ketamine therapy", "Contact us"]
    assert find_entries(lines) == []


def test_trailing_block_without_heading():
    lines = PROSE + [
        "Duman RS, Aghajanian GK. Synaptic dysfunction in depression. Science. 2012;338:68-72.",
        "Mion G, Villela JL. Ketamine pharmacology: an update. CNS Neurosci Ther. 2013;19:370-80.",
        "",
        "Share this post",
    ]
    assert [n for n, _ in find_entries(lines)] == [5, 6]


def test_numbered_prose_list_without_heading_is_not_a_reference_list():
    lines = PROSE + [
        "  1. Rapid pain relief:",
        "    Ketamine can relieve pain within hours of an infusion in 2023 clinical practice.",
        "  2. Fewer opioids:",
        "    Patients may need fewer opioid doses.",
    ]
    assert find_entries(lines) == []


def test_numbered_list_longer_than_999_entries_is_read_whole():
    from citecheck.extract.references import find_entries

    lines = ["References"] + [f"{i}. Smith J. Study number {i} of ketamine. Pain Med. 2019;20:{i}-{i + 5}." for i in range(1, 1201)]
    entries = find_entries(lines)
    assert len(entries) == 1200
    assert entries[-1][1].startswith("Smith J. Study number 1200")


def test_numbered_list_past_1799_continues_by_sequence():
    from citecheck.extract.references import find_entries

    lines = ["References"] + [f"{i}. Smith J. Study number {i} of ketamine. Pain Med. 2019;20:{i}-{i + 5}." for i in range(1, 2201)]
    entries = find_entries(lines)
    assert len(entries) == 2200
    assert entries[1999][1].startswith("Smith J. Study number 2000 ")
    # a year opening a wrapped line is still not a number
    wrapped = ["References", "1. Smith J. A very long title that wraps onto the next line", "2019. Pain Med. 20:1-5.",
               "2. Jones K. Another study. Pain. 2018;1:2-3."]
    assert [e[1][:5] for e in find_entries(wrapped)] == ["Smith", "Jones"]


HARVARD = "Mercadante, S., Girelli, D. and Casuccio, A. (2004) 'Sleep disorders in advanced cancer', Supportive Care in Cancer, 12(5), pp. 355-359."


@pytest.mark.parametrize("group", [
    "National Sleep Foundation (2023) How much sleep do we really need? Available at: https://www.thensf.org/sleep/ "
    "(Accessed: 3 March 2024).",
    "World Health Organization (2023) Sleep and health. Geneva: WHO.",
    "World Health Organization. (2023). Sleep and health. World Health Organization.",
    "U.S. Food and Drug Administration. 2021. Ketamine: safety communication. Silver Spring: FDA.",
])
def test_an_organisation_as_author_opens_an_entry_of_a_one_per_line_list(group):
    entries = find_entries(["Sources", HARVARD, group])
    assert [t for _, t in entries] == [HARVARD, group]
    # A list without a heading that ends with one is still a list.
    assert [n for n, _ in find_entries(PROSE + [HARVARD, group])] == [5, 6]


def test_a_line_that_opens_like_an_organisation_after_an_unfinished_one_is_a_wrap():
    lines = ["References", HARVARD,
             "Smith, J., Jones, K., Brown, L., Green, P., White, Q., Black, R., Grey, S. and",
             "Casuccio A (2004) Sleep in advanced cancer. Supportive Care in Cancer, 12(5), pp. 355-359."]
    entries = find_entries(lines)
    assert [n for n, _ in entries] == [2, 3]
    assert entries[1][1].endswith("Grey, S. and Casuccio A (2004) Sleep in advanced cancer. Supportive Care in "
                                  "Cancer, 12(5), pp. 355-359.")


NUMBERED = ["References", "1. Stewart WF, Ricci JA. Lost productive time and cost due to common pain conditions. "
            "JAMA. 2003;290(18):2443-2454.", ""]


@pytest.mark.parametrize("footer", [
    "Back on Track Physiotherapy | 12 Harbour Road, Galway | Tel 091 555 0199",
    "Back on Track Physiotherapy is a family-run clinic serving Galway and the west of Ireland.",
    "Book your appointment today. Call 091 555 0199.",
])
def test_an_unnumbered_line_after_a_numbered_list_is_no_entry_unless_it_reads_as_one(footer):
    assert [t[:7] for _, t in find_entries(NUMBERED + [footer, "Copyright 2024. All rights reserved."])] == ["Stewart"]
    real = ["Green P, White Q. Unnumbered but a real entry. BMJ. 2018;360:k1.", "",
            "Mayo Clinic. Ketamine infusion therapy for depression and chronic pain. https://www.mayoclinic.org/"]
    assert [t[:7] for _, t in find_entries(NUMBERED + real + ["", footer])] == ["Stewart", "Green P", "Mayo Cl"]


@pytest.mark.parametrize("footer", [
    "Back on Track Physiotherapy | 12 Harbour Road, Galway | Tel 091 555 0199",
    "Riverside Pain Clinic, 44 Main Street, Galway, where our team sees patients six days a week",
    "This article is for information only and is not medical advice from our clinical team.",
    "The information on this page is not a substitute for professional medical advice, diagnosis or treatment.",
    "About the author: Dr Jane Smith has twenty years of experience treating chronic pain in Dublin.",
])
def test_contact_details_and_disclaimers_end_a_list(footer):
    apa = ["References", "", "Smith, J. (2019). Ketamine for pain. Pain Medicine, 20(1), 1-9.", "", footer]
    assert [t[:5] for _, t in find_entries(apa)] == ["Smith"]
    # ... and are left out after a list without a heading
    block = ["Smith, J. (2019). Ketamine for pain. Pain Medicine, 20(1), 1-9.",
             "Brown, A. (2016). Ketamine and depression. Nature Medicine, 22, 238-249.", "", footer]
    assert [t[:5] for _, t in find_entries(PROSE + block)] == ["Smith", "Brown"]


@pytest.mark.parametrize("entry", [
    "Jones K. Telehealth is not a substitute for in-person care. J Telemed. 2020;26(1):1-9.",
    "Lane J, Smith K. Drive for thirst: the road to 12 Main Street. Physiology. 2019;34:2-3.",
    "Smith J. Telephone-based CBT for insomnia: a trial | Sleep. 2019;42:1-9. doi:10.1093/sleep/zsz001",
])
def test_a_reference_that_mentions_a_phone_a_road_or_a_substitute_is_still_an_entry(entry):
    assert [t for _, t in find_entries(["References", "", entry, "", entry])] == [entry, entry]


def test_a_horizontal_rule_ends_the_list_and_an_underline_does_not():
    closing = "Riverside Clinic has cared for patients with chronic pain in Galway for over twenty years."
    for rule in ("---", "* * *", "__________", "=========="):
        lines = ["References", rule, "1. Smith J. Ketamine for pain. Pain Med. 2019;20(1):1-9.",
                 "2. Brown A. Ketamine and depression. Nat Med. 2016;22:238-49.", rule, closing]
        assert [t[:5] for _, t in find_entries(lines)] == ["Smith", "Brown"], rule


def test_a_compound_broken_at_its_hyphen_keeps_it():
    from citecheck.extract.references import _join

    # "Interferon-alpha-" + "related" lost its hyphen: "Interferon-alpharelated" (third user trial).
    assert _join(["Tomer Y. Interferon-alpha-", "related thyroiditis."]) == "Tomer Y. Interferon-alpha-related thyroiditis."
    assert _join(["Smith J. Low-dose fibro-", "myalgia care."]) == "Smith J. Low-dose fibromyalgia care."
