"""The shipped taxonomy: lookup by any spelling, hierarchy, proximity, and the build script."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from talentfoundry.matching.taxonomy import (
    DEFAULT_TAXONOMY_PATH,
    ESCO_ATTRIBUTION,
    Skill,
    Taxonomy,
    load_taxonomy,
    skill_key,
)

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "build_taxonomy", ROOT / "scripts" / "build_taxonomy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_taxonomy", module)
    spec.loader.exec_module(module)
    return module


def test_shipped_file_is_small_and_carries_the_esco_attribution():
    assert DEFAULT_TAXONOMY_PATH.stat().st_size < 3 * 1024 * 1024
    with gzip.open(DEFAULT_TAXONOMY_PATH, "rt", encoding="utf-8") as fh:
        document = json.load(fh)
    assert document["attribution"] == ESCO_ATTRIBUTION
    assert "CC BY 4.0" in document["license"]


def test_both_layers_are_present(taxonomy: Taxonomy):
    sources = [s.source for s in taxonomy]
    assert sources.count("curated") >= 300
    assert sources.count("esco") >= 5000
    assert taxonomy.attribution == ESCO_ATTRIBUTION
    assert taxonomy.occupations


@pytest.mark.parametrize(
    ("spelling", "skill_id"),
    [
        ("k8s", "kubernetes"),
        ("K8S", "kubernetes"),
        ("Kubernetes", "kubernetes"),
        ("Scikit-Learn", "scikit-learn"),
        ("sklearn", "scikit-learn"),
        ("scikit learn", "scikit-learn"),
        ("PYTORCH", "pytorch"),
        ("JS", "javascript"),
        ("ML", "machine-learning"),
        ("Machine Learning", "machine-learning"),
        ("C++", "cpp"),
        ("C#", "csharp"),
        (".NET", "dotnet"),
        ("Node.js", "nodejs"),
        ("CI/CD", "ci-cd"),
        ("Verilog", "verilog"),
        ("CRISPR-Cas9", "crispr"),
        ("Solidity", "solidity"),
        ("know your customer", "kyc"),
        ("stakeholder engagement", "stakeholder-management"),
        ("organisational change", "change-management"),  # British spelling
        ("organizational change", "change-management"),  # American spelling
    ],
)
def test_resolve_ignores_case_punctuation_and_uses_aliases(taxonomy, spelling, skill_id):
    skill = taxonomy.resolve(spelling)
    assert skill is not None, spelling
    assert skill.id == skill_id


def test_resolve_unknown_is_none(taxonomy):
    assert taxonomy.resolve("underwater basket weaving for robots") is None
    assert taxonomy.resolve("") is None
    assert taxonomy.get("no-such-id") is None


def test_esco_skills_are_present_and_linked_to_curated_parents(taxonomy):
    esco = [s for s in taxonomy if s.source == "esco"]
    assert all(s.id.startswith("esco:") for s in esco)
    linked = [s for s in esco if s.broader]
    assert linked, "some ESCO skills hang under a curated skill"
    assert all(taxonomy.get(p) is not None for s in linked for p in s.broader)
    # ESCO's own entry for a language is merged into the curated one, not duplicated.
    assert taxonomy.resolve("Python").source == "curated"


def test_hierarchy_pytorch_deep_learning_machine_learning(taxonomy):
    assert "deep-learning" in [s.id for s in taxonomy.broader("pytorch")]
    assert "machine-learning" in [s.id for s in taxonomy.broader("deep-learning")]
    assert "pytorch" in [s.id for s in taxonomy.narrower("deep-learning")]
    assert taxonomy.broader("no-such-id") == ()


def test_curated_hierarchy_is_closed_and_acyclic(taxonomy):
    for skill in taxonomy:
        for parent in skill.broader:
            assert parent in taxonomy, (skill.id, parent)
        assert skill.id not in taxonomy.ancestors(skill.id, max_depth=20)


def test_proximity_follows_the_hierarchy(taxonomy):
    assert taxonomy.proximity("pytorch", "pytorch") == 1.0
    assert taxonomy.proximity("pytorch", "deep-learning") == 0.6
    assert taxonomy.proximity("deep-learning", "pytorch") == 0.6
    assert taxonomy.proximity("pytorch", "machine-learning") == 0.4
    assert taxonomy.proximity("pytorch", "criminal-law") == 0.0
    assert taxonomy.proximity("pytorch", "no-such-id") == 0.0
    assert 0.0 < taxonomy.proximity("verilog", "vhdl") < 1.0


def test_proximity_siblings_and_wide_catalogues():
    family = [Skill(id="root", name="root")]
    family += [Skill(id=f"c{i}", name=f"child {i}", broader=("root",)) for i in range(3)]
    family += [Skill(id="g", name="grandchild", broader=("c0",))]
    wide = [Skill(id="cat", name="catalogue")]
    wide += [Skill(id=f"w{i}", name=f"item {i}", broader=("cat",)) for i in range(20)]
    taxonomy = Taxonomy(family + wide)
    assert taxonomy.proximity("c0", "c1") == 0.4
    assert taxonomy.proximity("w0", "w1") == 0.25
    assert taxonomy.proximity("g", "root") == 0.4
    assert taxonomy.proximity("g", "c1") == 0.2
    assert taxonomy.proximity("c0", "w0") == 0.0
    for a in ("c0", "g", "w3"):
        for b in ("c1", "root", "w4"):
            assert taxonomy.proximity(a, b) == taxonomy.proximity(b, a)
            assert 0.0 <= taxonomy.proximity(a, b) <= 1.0


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        Taxonomy([Skill(id="a", name="A"), Skill(id="a", name="B")])


def test_skill_key_folds_plurals_accents_and_spelling():
    assert skill_key("Databases") == skill_key("database")
    assert skill_key("Naïve Bayes") == skill_key("naive bayes")
    assert skill_key("optimisation") == skill_key("optimization")
    assert skill_key("C++") != skill_key("C")


@pytest.mark.parametrize(
    ("description", "label"),
    [
        (
            "manage musical staff manage staff of music coordinate duties of musical staff "
            "direct musical staff Assign and manage staff tasks in areas such as scoring.",
            "manage musical staff",
        ),
        (
            "Agile project management Agile management software Agile project management "
            "The agile project management approach is a methodology for planning.",
            "Agile project management",
        ),
        (
            "Python (computer programming) Python The techniques and principles of software "
            "development in Python.",
            "Python (computer programming)",
        ),
    ],
)
def test_build_splits_esco_descriptions(description, label):
    build = _build_module()
    found, definition = build.split_description(description)
    assert found == label
    assert definition[0].isupper()


def test_build_script_writes_a_taxonomy_from_esco_files(tmp_path):
    esco = tmp_path / "esco"
    esco.mkdir()
    rows = {
        "skills.csv": [
            (
                "http://data.europa.eu/esco/skill/aaaa",
                "forensic accounting forensic accountancy The use of accounting skills to "
                "investigate fraud.",
            ),
            (
                "http://data.europa.eu/esco/skill/bbbb",
                "Python (computer programming) Python The techniques and principles of software "
                "development in Python.",
            ),
            (
                "http://data.europa.eu/esco/skill/cccc",
                "tend spice mixing machine watch a spice mixing machine Weigh out each variety "
                "of spice.",
            ),
        ],
        "occupations.csv": [
            (
                "http://data.europa.eu/esco/occupation/dddd",
                "data scientist data science specialist Data scientists find and interpret data.",
            )
        ],
    }
    for name, content in rows.items():
        with (esco / name).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "description"])
            writer.writerows(content)
    out = tmp_path / "taxonomy.json.gz"
    build = _build_module()
    assert build.main(["--esco", str(esco), "--out", str(out)]) == 0
    taxonomy = load_taxonomy(out)
    forensic = taxonomy.resolve("forensic accounting")
    assert forensic is not None and forensic.source == "esco"
    assert forensic.broader == ("accounting",)
    assert taxonomy.resolve("tend spice mixing machine") is not None
    assert taxonomy.resolve("Python (computer programming)").id == "python"
    assert taxonomy.occupations == (("esco:dddd", "data scientist"),)
    first = out.read_bytes()
    assert build.main(["--esco", str(esco), "--out", str(out)]) == 0
    assert out.read_bytes() == first, "the build is deterministic"


def test_build_script_reports_missing_input(tmp_path, capsys):
    build = _build_module()
    assert build.main(["--esco", str(tmp_path / "nowhere"), "--out", str(tmp_path / "t.gz")]) == 2
    assert "no such file" in capsys.readouterr().err
