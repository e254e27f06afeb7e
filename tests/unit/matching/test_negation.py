"""Negation and aspiration in skill extraction: denied or to-be-learnt skills are not held."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talentfoundry.matching.negation import stances
from talentfoundry.matching.skills import extract_skills, read_skills, skills_from_list

pytestmark = pytest.mark.unit


def held(text: str) -> set[str | None]:
    return {m.skill_id for m in extract_skills(text)}


def not_held(text: str) -> dict[str | None, str]:
    return {m.skill_id: m.stance for m in read_skills(text).not_held}


@pytest.mark.parametrize(
    ("text", "denied", "kept"),
    [
        # CV prose
        ("Backend developer (Python, Django). No experience with Java.", {"java"}, {"python"}),
        ("Comfortable with Docker; not familiar with Kubernetes yet.", {"kubernetes"}, {"docker"}),
        ("I have never used PHP, my web work is all Django.", {"php"}, {"django"}),
        ("Haven't worked with Terraform; AWS certified (SAA).", {"terraform"}, {"aws"}),
        ("I can't code in Java but I know Python well.", {"java"}, {"python"}),
        ("Lack of experience in SAP, strong in Tableau.", {"sap"}, {"tableau"}),
        ("Zero experience with Docker so far.", {"docker"}, set()),
        (
            "SQL developer. No prior hands-on experience with Java, Scala or Kotlin.",
            {"java", "scala", "kotlin"},
            {"sql"},
        ),
        # messy bullets (mojibake as pasted from a PDF) and a DOCX table row
        ("SKILLS â€¢ Python â€¢ SQL â€¢ no Hadoop exposure yet", {"hadoop"}, {"python", "sql"}),
        ("| Python | 5 years | Java | none - never used |", {"java"}, {"python"}),
        ("Java: no experience; Python: 5 years", {"java"}, {"python"}),
        # job ads
        ("We use Python and PostgreSQL. No Java needed.", {"java"}, {"python", "postgresql"}),
        ("Python required, Java not required.", {"java"}, {"python"}),
        ("Java, Scala not required; Python is a must.", {"java", "scala"}, {"python"}),
        ("Kubernetes experience is not needed for this role.", {"kubernetes"}, set()),
        ("Required: Python, SQL. Java (not required).", {"java"}, {"python", "sql"}),
    ],
)
def test_denied_skills_are_not_held(text, denied, kept):
    assert held(text) & denied == set()
    assert kept <= held(text)
    assert not_held(text) == dict.fromkeys(denied, "negated")


@pytest.mark.parametrize(
    ("text", "learning", "kept"),
    [
        ("Java developer, willing to learn Rust and Go.", {"rust", "go"}, {"java"}),
        ("I want to learn Go and Kubernetes next year.", {"go", "kubernetes"}, set()),
        ("Currently learning React and TypeScript (beginner).", {"react", "typescript"}, set()),
        (
            "Would like to learn more about cloud platforms such as AWS and Azure.",
            {"aws", "azure"},
            set(),
        ),
        ("Interested in learning Scala, Spark", {"scala", "spark"}, set()),
        (
            "Skills: Python, SQL\n- Learning Docker and Kubernetes",
            {"docker", "kubernetes"},
            {"python", "sql"},
        ),
        (
            '- Learning "Machine Learning", to be used in the fraud model',
            {"machine-learning"},
            set(),
        ),
    ],
)
def test_skills_to_be_learnt_are_not_held(text, learning, kept):
    assert held(text) == kept
    assert {k for k, v in not_held(text).items() if v == "learning"} >= learning


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Not only Python but also Go on Kubernetes", {"python", "go", "kubernetes"}),
        ("Knowledge of C++, not just C", {"cpp", "c-lang"}),
        ("Python, no-SQL databases", {"python", "nosql"}),  # "no-" is a prefix: NoSQL
        ("Tools including but not limited to Java, Python", {"java", "python"}),
        ("Delivered on time with no regressions using Jenkins and Docker", {"jenkins", "docker"}),
        ("Deployed without any downtime using Kubernetes", {"kubernetes"}),
        ("Migrated from Java without downtime to Kotlin", {"java", "kotlin"}),
        ("No. of nodes: 10, Hadoop and Kafka", {"hadoop", "kafka"}),
        (
            "Experience in Machine Learning, Deep Learning, NLP, Python, SQL",
            {"machine-learning", "deep-learning", "nlp", "python", "sql"},
        ),
        ("Built e-learning modules with Python", {"python"}),
        ("Not an expert in Kubernetes, but I run it in production daily", {"kubernetes"}),
        ("No professional experience with Kotlin, personal projects only", {"kotlin"}),
        ("Java is not required but is a plus.", {"java"}),  # a nice-to-have, not a denial
        ("Data no longer on MySQL; moved to PostgreSQL", {"mysql", "postgresql"}),
        ("Optimised SQL for data not required to move from MySQL", {"sql", "mysql"}),
    ],
)
def test_idioms_and_hedges_keep_the_skill(text, skills):
    assert skills <= held(text)
    assert not_held(text).keys() & skills == set()


def test_a_skill_stated_positively_anywhere_stays_with_that_evidence():
    text = (
        "SUMMARY\nNo experience with Java in production systems; never used Java at work.\n"
        "PROJECTS\nAndroid app in Java for a student society\n"
    )
    reading = read_skills(text)
    (java,) = [m for m in reading.held if m.skill_id == "java"]
    assert java.evidence == "Android app in Java for a student society"
    assert java.count == 1  # the held mentions only
    assert java.stance == "held"
    assert "java" not in {m.skill_id for m in reading.not_held}


def test_a_skill_stated_as_primary_is_never_dropped():
    for text in (
        "Python (primary). No experience with Java.",
        "No experience with Java or Python (primary)",
        "Never used Python 2; Python (primary) since 2016",
    ):
        mentions = {m.skill_id: m for m in extract_skills(text)}
        assert mentions["python"].primary, text
    assert "java" not in held("Python (primary). No experience with Java.")
    # The primary marker belongs to its own sentence: ")." ends the clause.
    assert [m.primary for m in extract_skills("Python (primary). Java, Docker")] == [
        True,
        False,
        False,
    ]


def test_a_negated_expert_word_does_not_make_a_skill_primary():
    (kubernetes,) = extract_skills("Not an expert in Kubernetes")
    assert kubernetes.skill_id == "kubernetes"
    assert not kubernetes.primary
    assert extract_skills("Expert in Kubernetes")[0].primary


def test_not_held_mentions_quote_the_denial():
    reading = read_skills("Python, Django.\nNo experience with Java or Kotlin.")
    assert [(m.skill_id, m.stance, m.evidence) for m in reading.not_held] == [
        ("java", "negated", "No experience with Java or Kotlin."),
        ("kotlin", "negated", "No experience with Java or Kotlin."),
    ]
    assert [m.skill_id for m in reading.held] == ["python", "django"]


def test_a_declared_entry_that_only_denies_a_skill_declares_nothing():
    mentions = skills_from_list(["Python (primary)", "Java (not required)", "Basket weaving"])
    assert [(m.skill_id, m.name) for m in mentions] == [
        ("python", "Python"),
        (None, "Basket weaving"),
    ]


def test_stances_on_raw_spans():
    text = "Go, Rust; never used PHP or Perl; want to learn Elixir"
    names = ["Go", "Rust", "PHP", "Perl", "Elixir"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    assert stances(text, spans) == ["held", "held", "negated", "negated", "learning"]
    assert stances(text, []) == []


_SKILLS = ["Python", "Java", "Docker", "Kubernetes", "SQL", "Terraform", "Kotlin", "Scala"]
_DENIALS = [
    "No experience with {}.",
    "Never used {}.",
    "Not familiar with {}.",
    "Willing to learn {}.",
    "{} not required.",
    "| {} | none |",
]


@given(
    st.lists(st.sampled_from(_SKILLS), min_size=1, max_size=4, unique=True),
    st.lists(st.tuples(st.sampled_from(_DENIALS), st.sampled_from(_SKILLS)), max_size=5),
    st.booleans(),
)
def test_denials_never_remove_a_skill_the_text_states(stated, denials, denials_first):
    claim = "Skills: " + ", ".join(stated) + "."
    lines = [form.format(skill) for form, skill in denials]
    text = "\n".join([*lines, claim] if denials_first else [claim, *lines])
    reading = read_skills(text)
    held_ids = {m.skill_id for m in reading.held}
    assert held_ids == {m.skill_id for m in extract_skills(claim)}
    assert held_ids.isdisjoint(m.skill_id for m in reading.not_held)
