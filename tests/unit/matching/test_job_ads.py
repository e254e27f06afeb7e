"""Job ads: which side of a run they are, and the parts of them that ask for nothing."""

from __future__ import annotations

import pytest

from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchDocument
from talentfoundry.matching.job_ads import ad_boilerplate, looks_like_job_ad
from talentfoundry.matching.rank import rank
from talentfoundry.matching.skills import read_skills

pytestmark = pytest.mark.unit

AD = """Machine Learning Engineer
About Calderin Bank
Calderin is a leading investment bank with a wealth management arm.
About the role
You will build fraud models in PyTorch and deploy them with Docker. We offer a gym membership.
Requirements:
- Python, SQL
Benefits: private healthcare, cycle-to-work
Our recruitment team will be in touch within a week."""


def test_the_company_blurb_benefits_and_closing_are_boilerplate() -> None:
    parts = [AD[start:end] for start, end in ad_boilerplate(AD)]
    assert parts == [
        "About Calderin Bank\nCalderin is a leading investment bank with a wealth management arm.",
        "We offer a gym membership.",
        "Benefits: private healthcare, cycle-to-work",
        "Our recruitment team will be in touch within a week.",
    ]


def test_skills_named_only_in_boilerplate_are_not_asked_for() -> None:
    reading = read_skills(AD)
    held = {m.name for m in reading.held}
    assert {"PyTorch", "Docker", "Python", "SQL"} <= held
    assert not held & {"wealth management", "fitness training", "healthcare", "recruitment"}
    assert {m.stance for m in reading.not_held} == {"employer"}


def test_a_skill_also_asked_for_stays_a_requirement() -> None:
    ad = AD.replace("- Python, SQL", "- Python, SQL, recruitment of data scientists")
    assert "recruitment" in {m.name for m in read_skills(ad).held}


def test_a_cv_is_not_read_as_an_ad() -> None:
    cv = (
        "Jane Doe\nObjective: a data role.\nEducation: BSc Statistics\n"
        "I built fraud models in PyTorch. We offer nothing here: this is my CV.\n"
        "About Acme: I worked there as an analyst (SQL, Python)."
    )
    assert not looks_like_job_ad(cv)
    assert {"PyTorch", "SQL", "Python"} <= {m.name for m in read_skills(cv).held}


def test_boilerplate_skills_are_not_missing_for_a_candidate() -> None:
    cv = MatchDocument("c", "Data scientist. Skills: Python, SQL, PyTorch, Docker.")
    role = MatchDocument("r", AD, "Machine Learning Engineer")
    [result] = rank([cv], [role], top_k=1, encoder=NullEncoder(), requirements="docs")
    assert result.results[0].missing_skills == ()


def test_an_ad_on_one_line_keeps_what_it_asks_for() -> None:
    """Ads often arrive flattened to one line: the blurb's heading must not swallow the job."""
    ad = (
        "About us: Calderin Bank is a leading bank with a wealth management arm. You will build"
        " ML models. Requirements: Python, PyTorch. Docker is a plus. We offer a gym membership."
    )
    parts = [ad[start:end] for start, end in ad_boilerplate(ad)]
    assert parts == [
        "About us: Calderin Bank is a leading bank with a wealth management arm.",
        "We offer a gym membership.",
    ]
    reading = read_skills(ad)
    assert {"python", "pytorch", "docker"} <= {m.skill_id for m in reading.held}
    assert "wealth-management" not in {m.skill_id for m in reading.held}


def test_a_blurb_without_a_closing_heading_ends_where_the_job_begins() -> None:
    ad = (
        "Quant Developer\nAbout Calderin\nCalderin is a leading investment bank.\n"
        "You will price derivatives in C++ and Python.\nNice to have: Kafka"
    )
    parts = [ad[start:end] for start, end in ad_boilerplate(ad)]
    assert parts == ["About Calderin\nCalderin is a leading investment bank."]
    assert {"cpp", "python", "kafka"} <= {m.skill_id for m in read_skills(ad).held}


def test_person_specifications_and_hiring_sentences_read_as_ads() -> None:
    nurse = (
        "St Mary's Hospital is recruiting a Band 5 Staff Nurse.\nEssential:\n"
        "- Registered Nurse (NMC registration)\n- Wound care\nBenefits: NHS pension"
    )
    assert looks_like_job_ad(nurse)
    reading = read_skills(nurse)
    assert "recruitment" not in {m.skill_id for m in reading.held}  # the employer hiring


def test_a_role_known_as_such_has_its_benefits_read_as_benefits() -> None:
    """Too few cues to tell from its words; the caller says it is a role."""
    ad = (
        "Python Developer\n- Python\n- Django\n\nBenefits\n- Salary: 70,000\n"
        "- private health insurance\n- Free Udemy courses in Java, Rust and Go"
    )
    assert not looks_like_job_ad(ad)
    held = {m.skill_id for m in read_skills(ad, job_ad=True).held}
    assert held == {"python", "django"}  # the items after "Salary:" are benefits too
    out = rank(
        [MatchDocument("r", ad)],
        [MatchDocument("c", "Care assistant: patient care, manual handling.")],
        top_k=1,
        encoder=NullEncoder(),
        requirements="queries",
    )
    assert out[0].results[0].missing_skills == ("Python", "Django")


def test_what_the_employers_business_does_is_not_asked_for() -> None:
    ad = (
        "HR Business Partner. You will partner with leaders on employee relations. "
        "You will have CIPD Level 7. Our company builds software in Java and C++."
    )
    held = {m.skill_id for m in read_skills(ad).held}
    assert not {"java", "cpp"} & held


def test_skills_under_a_nice_to_have_heading_are_not_required() -> None:
    from talentfoundry.matching.index import default_taxonomy, skill_entries

    ad = "Backend Developer\nMust have:\n- Python\n- Django\nNice to have:\n- AWS\n- Docker"
    entries, _ = skill_entries(MatchDocument("r", ad, role=True), default_taxonomy())
    required = {e.skill_id: e.required for e in entries}
    assert required["python"] and required["django"]
    assert not required["aws"] and not required["docker"]
    out = rank(
        [MatchDocument("r", ad)],
        [MatchDocument("c", "Backend developer: Python, Django, PostgreSQL.")],
        top_k=1,
        encoder=NullEncoder(),
        requirements="queries",
    )
    assert out[0].results[0].missing_skills == ()  # AWS and Docker were only nice to have


@pytest.mark.parametrize(
    "heading",
    ["Desired Skills and Experience:", "Preferred location:", "Salary plus bonus"],
)
def test_a_heading_that_only_mentions_a_nice_word_does_not_make_its_list_optional(
    heading: str,
) -> None:
    from talentfoundry.matching.index import default_taxonomy, skill_entries

    ad = f"Data Engineer. You will build pipelines.\n{heading}\n- Python\n- Spark"
    entries, _ = skill_entries(MatchDocument("r", ad, role=True), default_taxonomy())
    required = {e.skill_id: e.required for e in entries}
    assert required["python"] and required["spark"]
