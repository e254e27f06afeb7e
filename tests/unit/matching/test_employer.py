"""Skills named only while describing an employer or client are not the candidate's."""

from __future__ import annotations

import pytest

from talentfoundry.matching.employer import EMPLOYER, employer_sentences
from talentfoundry.matching.skills import read_skills

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "sentence",
    [
        "Barclays is organised into four core businesses: Personal Banking, Investment Banking.",
        "BT Group plc (trading as BT) is a British multinational telecommunications company.",
        "description - is a private bank that provides commercial banking and wealth management.",
        "Wipro Ltd. is an Indian Information Technology services corporation;",
        "DELL Inc. is one of the world's leading computer systems company.",
        "It provides commercial lending and leasing, as well as a range of financial services.",
        "BNY Mellon provides a broad range of products and services in Investment Management.",
        "HDFC Bank is one of the largest banks in India.",
        "The Client is a leading insurer in Europe.",
        "The Company is organised into three divisions: retail, wealth and insurance.",
        # An apposition that names an organisation, or an opening clause of its history.
        "Barclays, a British universal bank, provides banking and wealth management services.",
        "Founded in 1998, Acme is a leading investment bank.",
        "Headquartered in London, Calderin Bank offers wealth management to private clients.",
    ],
)
def test_sentences_about_an_organisation_are_found(sentence: str) -> None:
    label = len("description - ") if sentence.startswith("description - ") else 0
    assert employer_sentences(sentence) == [(label, len(sentence))]


@pytest.mark.parametrize(
    "sentence",
    [
        # What the candidate built, described the same way: kept.
        "TrustBank-CBS is a core banking solution by Trust Systems.",
        "Trust Analytika is the mobile web app that shows bank assets and liabilities.",
        "The School Management System provides the facility to run the school's activities.",
        "The bank wanted to help its customers to choose products through their spending.",
        # The candidate is in the sentence, or it is about a person.
        "Acme is a bank where I built the risk models in Python.",
        "Developed a portal for Acme which is a leading bank.",
        "John is a team leader at Acme bank.",
        "Python is a programming language used by the company.",
        "He provides bookkeeping services to clients using Xero.",
        "Freelance web developer; offers WordPress, PHP and SEO services to small firms.",
        "Led the migration; operates the AWS and Kubernetes platform for internal customers.",
        # A job ad: the company hires, and the reader is in the sentence.
        "We are a fintech startup looking for a Python developer with Django.",
        "Acme is a fintech startup seeking a React Native developer.",
        "Globex is a SaaS company and you will own our Kubernetes and Terraform stack.",
        # An apposition alone says nothing about what was done there, nor an opening clause.
        "Acme, a fintech startup, uses Kafka and Spark.",
        "Python, a programming language, is used by the company.",
        "Founded in 2019, the project is a web app in React for a bank.",
        "Acme, a bank where I built risk models, provides lending services.",
    ],
)
def test_sentences_about_the_work_or_the_person_are_not(sentence: str) -> None:
    assert employer_sentences(sentence) == []


def test_a_skill_named_only_about_an_employer_is_not_held_but_quoted() -> None:
    reading = read_skills(
        "Company Details\n"
        "company - Barclays\n"
        "description - Barclays is organised into four core businesses: Personal Banking, "
        "Corporate Banking, Wealth & Investment Management. "
        "Built Kafka pipelines for the payments team in Java."
    )
    held = {m.name for m in reading.held}
    assert {"Apache Kafka", "Java"} <= held
    assert not held & {"banking", "wealth management", "asset management"}
    employer = {m.name: m for m in reading.not_held if m.stance == EMPLOYER}
    assert "banking" in employer
    assert "Barclays is organised" in employer["banking"].evidence


def test_a_skill_also_named_as_the_candidates_own_stays_held() -> None:
    reading = read_skills(
        "Acme Bank is a retail bank in Leeds offering banking services.\n"
        "Skills: banking operations, KYC, Excel"
    )
    assert "banking" in {m.name for m in reading.held}


def test_a_skill_named_about_an_employer_is_still_covered_by_a_neighbour_the_cv_holds() -> None:
    from talentfoundry.matching.dense import NullEncoder
    from talentfoundry.matching.rank import MatchDocument, rank

    cv = MatchDocument(
        "cv",
        "Northwind Data Ltd. is a Hadoop consulting company in Leeds.\n"
        "Skills: Hive, HBase, Sqoop, SQL",
    )
    role = MatchDocument("role", "Big data engineer: Hadoop, SQL")
    other = MatchDocument("other", "Pastry chef: baking, food safety")
    [result] = rank([cv], [role, other], top_k=1, encoder=NullEncoder(), requirements="docs")
    best = result.results[0]
    assert best.id == "role"
    # Not the candidate's own claim, yet not denied either: Hive covers Hadoop in part.
    hadoop = next(m for m in best.matched_skills if m.name == "Hadoop")
    assert 0 < hadoop.credit < 1


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Initech is a payments startup | Backend Engineer | Go, PostgreSQL", {"PostgreSQL"}),
        ("Acme Bank is a retail bank - Java developer: built Spring Boot services", {"Java"}),
    ],
)
def test_only_the_description_itself_is_set_aside(text: str, held: set[str]) -> None:
    assert held <= {m.name for m in read_skills(text).held}


def test_a_denial_says_more_than_an_employers_name() -> None:
    reading = read_skills(
        "Northwind Data Ltd. is a Hadoop consulting company.\nNo experience with Hadoop.\n"
        "Skills: Hive, SQL"
    )
    [hadoop] = [m for m in reading.not_held if m.name == "Hadoop"]
    assert hadoop.stance == "negated"
    assert "No experience with Hadoop" in hadoop.evidence


def test_an_employer_named_after_a_job_title_is_not_a_skill_of_the_person() -> None:
    """ "HR Coordinator at Docker": Docker is where they worked, not what they worked with."""
    reading = read_skills("HR Coordinator at Docker, 2019-2022. Onboarding and payroll.")
    assert "docker" not in {m.skill_id for m in reading.held}
    assert [(m.skill_id, m.stance) for m in reading.not_held] == [("docker", EMPLOYER)]
    # Named anywhere else too, it is held; the name stops at the sentence.
    held = {m.skill_id for m in read_skills("DevOps Engineer at Docker. Skills: Docker").held}
    assert "docker" in held
    held = {m.skill_id for m in read_skills("Systems Administrator at SAP. Linux, VMware").held}
    assert {"linux", "vmware"} <= held and "sap" not in held
    assert "docker" in {m.skill_id for m in read_skills("Expert at Docker and Kubernetes").held}
