"""CV sections from general heading cues, and years of experience by the documented rule."""

from __future__ import annotations

from datetime import date

import pytest

from talentfoundry.matching.sections import find_sections, split_sections, years_of_experience

pytestmark = pytest.mark.unit

TODAY = date(2024, 6, 15)


def test_all_caps_title_case_and_colon_headings():
    text = (
        "Jane Doe\njane@example.org\n"
        "PROFESSIONAL SUMMARY\nData engineer who likes clean pipelines.\n"
        "Work Experience\nAcme Corp, 2019 - 2021\nBuilt ETL jobs.\n"
        "education:\nBSc Computer Science, 2018\n"
        "Technical Skills\nPython, SQL\n"
        "Certifications\nAWS Solutions Architect\n"
    )
    sections = split_sections(text)
    assert list(sections) == [
        "header",
        "summary",
        "experience",
        "education",
        "skills",
        "certifications",
    ]
    assert sections["header"] == "Jane Doe\njane@example.org"
    assert sections["experience"] == "Acme Corp, 2019 - 2021\nBuilt ETL jobs."
    assert sections["skills"] == "Python, SQL"


def test_inline_heading_with_colon_and_docx_table_rows():
    text = "Skills: Python, Go\nEducation | MSc Physics | 2017\nProjects - A compiler in Rust"
    sections = split_sections(text)
    assert sections == {
        "skills": "Python, Go",
        "education": "MSc Physics | 2017",
        "projects": "A compiler in Rust",
    }


def test_sentences_and_bullets_mentioning_heading_words_are_content():
    text = (
        "EXPERIENCE\n"
        "I have experience in sales and training.\n"
        "- Project management\n"
        "Managed 5 projects for key clients\n"
        "Skills in negotiation: strong, proven by 3 deals\n"
    )
    sections = split_sections(text)
    assert list(sections) == ["experience"]
    assert "- Project management" in sections["experience"]


def test_repeated_sections_are_joined_and_offsets_index_the_text():
    text = "SKILLS\nPython\nEXPERIENCE\nAcme\nSKILLS\nSQL"
    assert split_sections(text)["skills"] == "Python\nSQL"
    for section in find_sections(text):
        assert text[section.start : section.end].strip()


def test_dev_corpus_style_headings():
    text = "Education Details \nB.E. 2015\nSkill Details \nJava- Experience - 24 months"
    assert list(split_sections(text)) == ["education", "skills"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Backend developer with 5+ years of experience in Java.", 5.0),
        ("2 years of professional experience; 7 yrs experience overall", 7.0),
        ("Total experience of 3.5 years", 3.5),
        ("Java- Experience - 72 months", 6.0),
        ("A 4-year degree in physics, graduated 2020.", None),
        ("", None),
    ],
)
def test_stated_years(text, years):
    assert years_of_experience(text, today=TODAY) == years


def test_date_ranges_in_the_experience_section_are_merged_and_summed():
    text = (
        "EDUCATION\nUniversity of X, 2010 - 2014\n"
        "EXPERIENCE\n"
        "Acme: Jan 2018 - Dec 2019\n"
        "Side project: Jun 2019 - Mar 2020\n"  # overlaps the job above: counted once
        "Globex: 03/2021 – Present\n"
    )
    # 2018-01..2020-03 = 27 months; 2021-03..2024-06 = 40 months; 67 / 12 = 5.58.
    assert years_of_experience(text, today=TODAY) == 5.6


def test_bare_years_cover_whole_years_and_education_dates_do_not_count():
    assert years_of_experience("Experience\nAcme 2018 - 2021", today=TODAY) == 4.0
    assert years_of_experience("Education\nCollege 2010 - 2014", today=TODAY) is None


def test_stated_total_wins_when_larger_than_the_listed_ranges():
    text = "Summary\n10 years of experience in retail.\nExperience\nShop, 2022 - Present"
    assert years_of_experience(text, today=TODAY) == 10.0


def test_future_and_reversed_ranges_are_ignored():
    text = "Experience\nAcme 2030 - 2032\nGlobex 2020 - 2018"
    assert years_of_experience(text, today=TODAY) is None


def test_a_heading_glued_to_the_previous_line_by_a_lost_line_break_still_counts():
    text = "Skill Details\nJava- Experience - 24 monthsCompany Details\ncompany - Acme"
    assert split_sections(text) == {
        "skills": "Java- Experience - 24 months",
        "experience": "company - Acme",
    }
    # Prose that ends with a heading word after a space is not a heading.
    assert list(split_sections("SUMMARY\nI worked in Higher Education\nmore")) == ["summary"]
    assert list(
        split_sections("SUMMARY\nBuilt decks with PowerPoint Skills\nWorked on iOS Projects")
    ) == ["summary"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Analyst with 5 years' experience in finance.", 5.0),
        ("Over ten years of experience in retail sales.", 10.0),
        # ISO and year-first months, two-digit years, and "since".
        ("Experience\nAcme 2021-03 – 2024-02\nGlobex 2019-06 – 2021-02", 4.8),
        ("Experience\nAcme 2021/03 - 2024/02", 3.0),
        ("Experience\nAcme, Jan '19 – Present", 5.5),
        ("Experience\nAcme '16 - '18", 3.0),
        ("Experience\nAnalyst at Acme since 2020.", 4.5),
        # A number that only looks like a date is not one, nor the end of another number.
        ("Experience\nAcme 2015 - 2018, ticket 2019-12345", 4.0),
        ("Over twenty-five years of experience in sales.", None),
    ],
)
def test_more_ways_of_stating_experience(text, years):
    assert years_of_experience(text, today=TODAY) == years


def test_react_native_is_not_a_spoken_language():
    text = "TECHNICAL SKILLS\nLanguages: JavaScript, React Native\nFrameworks: Django"
    assert split_sections(text) == {
        "skills": "Languages: JavaScript, React Native\nFrameworks: Django"
    }


def test_a_languages_label_inside_a_skills_section_is_part_of_it():
    text = (
        "TECHNICAL SKILLS\nLanguages: Go, Java, Python\nData: PostgreSQL\n"
        "Languages: English (native), French (B2)\nEXPERIENCE\nAcme"
    )
    assert split_sections(text) == {
        "skills": "Languages: Go, Java, Python\nData: PostgreSQL",
        "languages": "English (native), French (B2)",
        "experience": "Acme",
    }


def test_a_german_cv_has_its_sections_and_years():
    text = (
        "Anna Schmidt\nBERUFSERFAHRUNG\n"
        "Softwareentwicklerin, Siemens AG, Mai 2019 – heute\n- Microservices mit Java\n"
        "Werkstudentin, BMW Group, Okt. 2017 – März 2019\n"
        "AUSBILDUNG\nM.Sc. Informatik, 10/2015 – 09/2017\n"
        "KENNTNISSE\nJava, Python, Docker\nSprachen: Deutsch (Muttersprache), Englisch (C1)"
    )
    assert list(split_sections(text)) == [
        "header",
        "experience",
        "education",
        "skills",
        "languages",
    ]
    # Oct 2017 - Mar 2019 (18 months) and May 2019 - Jun 2024 (62): 80 months.
    assert years_of_experience(text, today=TODAY) == 6.7


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Expérience professionnelle\nAcme, janvier 2020 – aujourd'hui", 4.5),
        ("Experiencia laboral\nAcme, enero 2020 - actualidad", 4.5),
    ],
)
def test_french_and_spanish_months_and_now(text, years):
    assert years_of_experience(text, today=TODAY) == years
