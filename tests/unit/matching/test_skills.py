"""Skill extraction: stated skills found with evidence, ambiguous aliases only in context."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talentfoundry.matching.normalize import normalize_text
from talentfoundry.matching.skills import extract_skills, skills_from_list
from talentfoundry.matching.taxonomy import Skill, Taxonomy

pytestmark = pytest.mark.unit


def ids(text: str) -> list[str | None]:
    return [m.skill_id for m in extract_skills(text)]


def test_a_stated_primary_skill_is_found_and_marked_primary():
    mentions = extract_skills("Skills: Python (primary), SQL, Docker")
    assert [m.skill_id for m in mentions] == ["python", "sql", "docker"]
    assert [m.primary for m in mentions] == [True, False, False]
    assert extract_skills("Expert in Kubernetes and Terraform")[0].primary


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Languages: Python, R, Go", "r-lang"),
        ("Languages: Python, R, Go", "go"),
        ("C, C++ and Java", "c-lang"),
        ("built backend services in Go on Kubernetes", "go"),
        ("trained ML models with PyTorch", "machine-learning"),
        ("Java, Spring, Hibernate", "spring"),
        # A job title settles it: the name is the field of work.
        ("ML Engineer", "machine-learning"),
        ("ML internship", "machine-learning"),
        ("Senior Go developer", "go"),
        ("R programmer", "r-lang"),
        ("Senior UX Designer", "ux-design"),
        # A capitalised name after "in", "with", "using": a tool, in a non-tech CV too.
        ("Built financial models in Excel.", "excel"),
        ("Analysed survey data in R, then wrote it up.", "r-lang"),
        ("Wrote monthly reports in Word.", "word"),
        ("Programmed PLCs in C.", "c-lang"),
    ],
)
def test_ambiguous_aliases_are_found_in_technical_context(text, skill_id):
    assert skill_id in ids(text)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("I will go to the market every day.", "go"),
        ("Let's Go team, we did it.", "go"),
        ("Graduated with grade C in maths.", "c-lang"),
        ("Led R&D for a consumer products firm.", "r-lang"),
        ("John R. Smith, account manager", "r-lang"),
        ("Checkpoint firewalls (upto R.80)", "r-lang"),
        ("Add 5 ml of buffer to the sample.", "machine-learning"),
        ("Internship, Spring 2019, Boston", "spring"),
        ("less than 1 year", "css"),
        ("We go developer-hunting at fairs", "go"),  # not the capital the name needs
        ("Graduated in Spring.", "spring"),  # a season
        ("Graduated in Spring 2019.", "spring"),
        ("Participated in PR & DR mocks for releases.", "public-relations"),  # capitals: no
        ("I excel in teamwork and meet deadlines.", "excel"),
        ("Interested in networking with alumni.", "networking"),
    ],
)
def test_ambiguous_aliases_are_not_found_in_ordinary_prose(text, skill_id):
    assert skill_id not in ids(text)


def test_one_mention_per_skill_with_count_in_order_of_first_appearance():
    text = (
        "SKILLS\nPython, Docker\n"
        "EXPERIENCE\nAcme: deployed Python services with Docker\nGlobex: Python ETL\n"
    )
    mentions = extract_skills(text)
    assert [m.skill_id for m in mentions] == ["python", "docker", "etl"]
    python = mentions[0]
    assert python.count == 3
    # The best evidence shows use (experience) rather than a bare skills list.
    assert python.section == "experience"
    assert python.evidence == "Acme: deployed Python services with Docker"


def test_offsets_index_the_normalised_text_and_evidence_is_verbatim():
    raw = "SKILLS â€¢ NaÃ¯ve Bayes â€¢ scikit-learn\nUsed Scikit-Learn daily."
    clean = normalize_text(raw)
    for mention in extract_skills(raw):
        assert clean[mention.start : mention.end] == mention.surface
        assert mention.evidence in clean
        assert mention.surface in mention.evidence
    assert {"naive-bayes", "scikit-learn"} <= set(ids(raw))


def test_long_lines_give_a_sentence_not_the_whole_paragraph():
    filler = "Worked with many teams on many things across many quarters. " * 8
    text = filler + "Introduced Terraform for all environments. " + filler
    (mention,) = [m for m in extract_skills(text) if m.skill_id == "terraform"]
    assert mention.evidence == "Introduced Terraform for all environments."


def test_non_technical_cvs_are_covered():
    text = (
        "Chartered accountant. Prepared GST returns and bank reconciliation; statutory audit "
        "of 12 clients. Drafting of pleadings, legal research; stakeholder management; "
        "lesson planning for grade 5; customer service."
    )
    found = set(ids(text))
    assert {"taxation", "accounting", "auditing", "legal-drafting", "legal-research"} <= found
    assert {"stakeholder-management", "teaching", "customer-service"} <= found


def test_hardware_life_science_and_fintech_skills():
    text = (
        "RTL design in Verilog and VHDL on Xilinx FPGAs; SPICE simulation. "
        "CRISPR-Cas9 knockouts, qPCR, GMP documentation. Solidity smart contracts, KYC and AML."
    )
    found = set(ids(text))
    assert {"verilog", "vhdl", "fpga", "spice", "crispr", "pcr", "gmp"} <= found
    assert {"solidity", "smart-contracts", "kyc", "aml"} <= found


def test_a_custom_taxonomy_can_be_passed():
    taxonomy = Taxonomy([Skill(id="x", name="Widget Fitting", aliases=("WF",), ambiguous=("WF",))])
    assert [m.skill_id for m in extract_skills("Expert in widget fitting.", taxonomy)] == ["x"]
    assert extract_skills("nothing here", taxonomy) == []


def test_empty_text():
    assert extract_skills("") == []


def test_skills_from_list_resolves_known_keeps_unknown_and_dedupes():
    mentions = skills_from_list(["k8s", "Kubernetes", "Python (primary)", "Basket weaving", " "])
    assert [(m.skill_id, m.name) for m in mentions] == [
        ("kubernetes", "Kubernetes"),
        ("python", "Python"),
        (None, "Basket weaving"),
    ]
    assert mentions[1].primary
    assert all(m.start == -1 and m.end == -1 for m in mentions)
    assert mentions[2].evidence == "Basket weaving"


@pytest.mark.parametrize(
    ("text", "skill_id", "found"),
    [
        ("Led M&A deals for mid-size firms", "mergers-acquisitions", True),
        ("M.A in English literature", "investment-banking", False),
        ("Served customers.\n- Handling cash", "customer-service", False),
        ("Customer handling and billing", "customer-service", True),
        ("Shipped Node.js services", "nodejs", True),
        ("Ran A/B testing on checkout", "hypothesis-testing", True),
    ],
)
def test_names_are_matched_as_written_and_not_across_sentences(text, skill_id, found):
    assert (skill_id in ids(text)) is found


def names(text: str) -> list[str]:
    return [m.name for m in extract_skills(text)]


@pytest.mark.parametrize(
    ("text", "reported", "not_reported"),
    [
        # A tool is reported under its own name, not under a neighbour's.
        ("Web Server: Tomcat and Glassfish", {"Apache Tomcat", "web servers"}, {"Nginx"}),
        (
            "Hive, HBase and Sqoop on Cloudera",
            {"Apache Hive", "Apache HBase", "Cloudera"},
            {"Hadoop"},
        ),
        ("Worked with Git, GitHub and Confluence", {"Git", "GitHub", "Confluence"}, {"Jira"}),
        ("Used AJAX calls from jQuery", {"AJAX", "jQuery"}, set()),
        ("Skills: Photoshop, Illustrator, Figma", {"Adobe Photoshop", "Figma"}, {"graphic design"}),
        ("Built reports in SSRS on SQL Server", {"SSRS", "Microsoft SQL Server"}, set()),
        # Ordinary words are not skills of another kind.
        ("Maintained documentation for the team", {"documentation"}, {"office administration"}),
        ("Designed the test strategy and test plan", set(), {"business strategy"}),
        (
            "Created Source to Target mapping documents",
            set(),
            {"Source (digital game creation systems)"},
        ),
        ("Built the portal from scratch in PHP", {"PHP"}, {"Scratch (computer programming)"}),
        ("Development architect for the billing system", set(), {"architectural design"}),
        ("Configured log shipping and mirroring", set(), {"logistics operations"}),
        ("Worked under the supervision of the chief engineer", set(), {"leadership"}),
        ("IELTS Listening 8, Reading 8", set(), {"communication"}),
        ("Layered design: presentation layer, business layer", set(), {"communication"}),
        ("Conducted a land survey of the site", set(), {"market research"}),
        ("Static routing, ACL, VLAN", set(), {"first aid"}),  # ACLS is life support
        ("Added items to the shopping cart", set(), {"decision trees"}),
        ("Wear protective gloves in the lab", set(), {"word embeddings"}),
        ("RAG status reports to the board", set(), {"retrieval-augmented generation"}),
        ("Built a lean team of five", set(), {"lean manufacturing"}),
        ("Performed EDA and feature engineering", {"exploratory data analysis"}, {"EDA tools"}),
        ("Skills: PLCs, SCADA, HMI", {"PLC programming", "SCADA"}, set()),
        ("BT Group plc, London", set(), {"PLC programming"}),
        # ... and a one-word tool name still counts in a list, a parenthesis after it included,
        ("IDE: Eclipse (Oxygen)", {"Eclipse (integrated development environment software)"}, set()),
        ("Languages: Go (3 years), Rust", {"Go", "Rust"}, set()),
        # but a parenthesis is no list when the name opens the line.
        ("Go (to the next step) when ready", set(), {"Go"}),
        ("Chef (part-time), Pizza Express", set(), {"Chef", "Express.js"}),
    ],
)
def test_each_skill_is_reported_under_its_own_name(text, reported, not_reported):
    found = set(names(text))
    assert reported <= found
    assert not (not_reported & found)


_WORDS = ["Python", "R", "Go", "C++", "ML", "k8s", "and", "•", ",", "\n", "NaÃ¯ve Bayes", "the"]


@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([" ", ", ", " / "]))
def test_every_mention_points_at_its_own_words_in_the_normalised_text(words, sep):
    raw = sep.join(words)
    clean = normalize_text(raw)
    mentions = extract_skills(raw)
    assert len({m.skill_id for m in mentions}) == len(mentions)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(clean)
        assert clean[mention.start : mention.end] == mention.surface
        assert mention.surface in mention.evidence


@pytest.mark.parametrize(
    ("text", "skill_id", "found"),
    [
        # "&" between words reads as "and".
        ("Risk management, health & safety", "safety", True),
        ("B.E. Electronics & Communication, 2015", "electronics", True),
        ("B.E. Electronics & Communication, 2015", "communication", False),
        # Everyday words of other trades are not tech or art skills.
        ("Medication administration and IV therapy", "counselling", False),
        ("Medication administration and IV therapy", "nursing", True),
        ("rust removal, welding and spray painting", "fine-arts", False),
        ("Hobbies: painting, reading", "fine-arts", True),
        ("Budgeting & forecasting, month-end close", "time-series", False),
        ("Budgeting & forecasting, month-end close", "financial-close", True),
        ("Accountant, ACCA qualified. Sage 200, Xero", "acca", True),
        ("Accountant, ACCA qualified. Sage 200, Xero", "sage-accounting", True),
        # A person's name after a title; everyday words that are also library names.
        ("Reference: Mr Paul Jenkins, Store Manager", "jenkins", False),
        ("Supervisor: Dr. Kafka", "kafka", False),
        ("Ms Office (Word, Excel)", "word", True),
        ("Volunteered at the zoo caring for red pandas.", "pandas", False),
        ("Data analysis with pandas and NumPy", "pandas", True),
        ("Measured soil selenium levels in the lab.", "selenium", False),
        ("Automated UI tests with Selenium.", "selenium", True),
    ],
)
def test_other_trades_are_read_in_their_own_words(text, skill_id, found):
    assert (skill_id in ids(text)) is found
