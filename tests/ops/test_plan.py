"""Operations on the clinical evaluation plan: codes, adding, moving, deleting, refusing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cerdesk.core.entities import SINGLETON_ID, entity
from cerdesk.core.errors import InvalidValueError, NotFoundError
from cerdesk.core.reference import MDCG_2020_5_CHARACTERISTICS
from cerdesk.ops import plan
from cerdesk.storage.project import Project


def _codes(project: Project, table: str, parent_id: str | None = None) -> list[str]:
    return [i["code"] for i in project.items(table, parent_id)]


def _add(project: Project, table: str, parent_id: str | None = None, **values: object) -> str:
    new_id = plan.add_item(project, table, values, parent_id=parent_id).created_id
    assert new_id is not None
    return new_id


def _state(project: Project) -> tuple[str, int, int, int]:
    """Fingerprint of everything stored: file bytes, log length, undo steps, rows."""
    undo_steps = project._conn.execute("SELECT COUNT(*) FROM undo_step").fetchone()[0]
    rows = sum(project.count(t) for t in project.snapshot())
    return (
        hashlib.sha256(Path(project.path).read_bytes()).hexdigest(),
        len(project.change_log()),
        undo_steps,
        rows,
    )


# ----------------------------------------------------------------------------- codes


def test_objective_codes_by_category(project: Project) -> None:
    _add(project, "objective", category="SAFETY")
    _add(project, "objective", category="SAFETY")
    _add(project, "objective", category="PERFORMANCE")
    _add(project, "objective", category="CLINICAL_BENEFIT")
    _add(project, "objective")
    _add(project, "objective", category="SAFETY")
    assert _codes(project, "objective") == [
        "OBJ-S-01",
        "OBJ-S-02",
        "OBJ-P-01",
        "OBJ-B-01",
        "OBJ-X-01",
        "OBJ-S-03",
    ]


def test_codes_follow_the_highest_number(project: Project) -> None:
    first = _add(project, "device_variant", model="A")
    last = _add(project, "device_variant", model="B")
    assert _codes(project, "device_variant") == ["VAR-01", "VAR-02"]
    plan.delete_item(project, "device_variant", first)
    _add(project, "device_variant", model="C")
    assert _codes(project, "device_variant") == ["VAR-02", "VAR-03"]
    # A code typed by the user counts if it follows the scheme.
    _add(project, "device_variant", model="D", code="VAR-09")
    _add(project, "device_variant", model="E", code="Special")
    _add(project, "device_variant", model="F")
    assert _codes(project, "device_variant") == ["VAR-02", "VAR-03", "VAR-09", "Special", "VAR-10"]
    plan.delete_item(project, "device_variant", last)
    spec = entity("device_variant")
    assert plan.next_code(project, spec, {}) == "VAR-11"


def test_codes_of_other_lists(project: Project) -> None:
    for table, code in [
        ("indication", "IND-01"),
        ("contraindication", "CI-01"),
        ("clinical_benefit", "BEN-01"),
        ("equivalent_device", "EQ-01"),
        ("search_database", "DB-01"),
        ("exclusion_reason", "X-01"),
    ]:
        _add(project, table)
        assert _codes(project, table) == [code], table
    # No numbering scheme: the code stays empty.
    assert plan.next_code(project, entity("evaluator"), {}) is None
    assert "code" not in entity("evaluator").field_names


def test_child_codes_are_numbered_per_parent(project: Project) -> None:
    first = _add(project, "objective", category="SAFETY")
    second = _add(project, "objective", category="SAFETY")
    _add(project, "acceptance_criterion", first)
    _add(project, "acceptance_criterion", first)
    _add(project, "acceptance_criterion", second)
    assert _codes(project, "acceptance_criterion", first) == ["AC-01", "AC-02"]
    assert _codes(project, "acceptance_criterion", second) == ["AC-01"]
    db = _add(project, "search_database", name="PubMed")
    _add(project, "search_string", db)
    assert _codes(project, "search_string", db) == ["SS-01"]


def test_eligibility_codes(project: Project) -> None:
    _add(project, "eligibility_criterion", criterion_type="INCLUSION")
    _add(project, "eligibility_criterion", criterion_type="EXCLUSION")
    _add(project, "eligibility_criterion", criterion_type="INCLUSION")
    _add(project, "eligibility_criterion", criterion_type="EXCLUSION")
    _add(project, "eligibility_criterion")  # no type yet: numbered as inclusion
    assert _codes(project, "eligibility_criterion") == ["IC1", "EC1", "IC2", "EC2", "IC3"]


def test_objective_recoded_when_category_changes(project: Project) -> None:
    _add(project, "objective", category="PERFORMANCE")
    obj = _add(project, "objective", category="SAFETY")
    assert project.item("objective", obj)["code"] == "OBJ-S-01"
    changes = plan.set_field(project, "objective", obj, "category", "PERFORMANCE")
    assert changes.ids == {obj}
    item = project.item("objective", obj)
    assert (item["category"], item["code"]) == ("PERFORMANCE", "OBJ-P-02")
    # One undo step puts both back.
    plan.undo(project)
    item = project.item("objective", obj)
    assert (item["category"], item["code"]) == ("SAFETY", "OBJ-S-01")
    # An objective without category (OBJ-X-01) gets its letter when one is chosen.
    unknown = _add(project, "objective")
    plan.set_field(project, "objective", unknown, "category", "CLINICAL_BENEFIT")
    assert project.item("objective", unknown)["code"] == "OBJ-B-01"


def test_custom_code_is_kept_when_category_changes(project: Project) -> None:
    obj = _add(project, "objective", category="SAFETY", code="Primary safety")
    plan.set_field(project, "objective", obj, "category", "PERFORMANCE")
    assert project.item("objective", obj)["code"] == "Primary safety"
    plan.set_field(project, "objective", obj, "code", "OBJ-P-07")
    plan.set_field(project, "objective", obj, "category", "SAFETY")
    assert project.item("objective", obj)["code"] == "OBJ-S-01"


def test_setting_the_same_category_keeps_the_code(project: Project) -> None:
    _add(project, "objective", category="SAFETY")
    obj = _add(project, "objective", category="SAFETY")
    changes = plan.set_field(project, "objective", obj, "category", "SAFETY")
    assert changes.empty
    assert project.item("objective", obj)["code"] == "OBJ-S-02"


def test_eligibility_recoded_when_type_changes(project: Project) -> None:
    _add(project, "eligibility_criterion", criterion_type="EXCLUSION")
    crit = _add(project, "eligibility_criterion", criterion_type="INCLUSION")
    plan.set_field(project, "eligibility_criterion", crit, "criterion_type", "EXCLUSION")
    assert project.item("eligibility_criterion", crit)["code"] == "EC2"
    plan.set_field(project, "eligibility_criterion", crit, "criterion_type", "INCLUSION")
    assert project.item("eligibility_criterion", crit)["code"] == "IC1"
    custom = _add(project, "eligibility_criterion", criterion_type="INCLUSION", code="Adults")
    plan.set_field(project, "eligibility_criterion", custom, "criterion_type", "EXCLUSION")
    assert project.item("eligibility_criterion", custom)["code"] == "Adults"


def test_invalid_category_keeps_code_and_category(project: Project) -> None:
    obj = _add(project, "objective", category="SAFETY")
    before = _state(project)
    with pytest.raises(InvalidValueError, match="Category"):
        plan.set_field(project, "objective", obj, "category", "EFFICACY")
    item = project.item("objective", obj)
    assert (item["category"], item["code"]) == ("SAFETY", "OBJ-S-01")
    assert _state(project) == before


# --------------------------------------------------------------------- add and seed


def test_equivalent_device_seeds_13_characteristics(project: Project) -> None:
    changes = plan.add_item(project, "equivalent_device", {"name": "Predicate"})
    eq = changes.created_id
    assert eq is not None
    assert project.item("equivalent_device", eq)["name"] == "Predicate"
    assert changes.tables == {"equivalent_device", "equivalence_characteristic"}
    assert changes.label == "Add equivalent device"
    chars = project.items("equivalence_characteristic", eq)
    assert len(chars) == 13
    assert [
        (c["code"], c["char_group"], c["characteristic"], c["must_be_same"]) for c in chars
    ] == [(c.code, c.group, c.text, c.must_be_same) for c in MDCG_2020_5_CHARACTERISTICS]
    assert [c.position for c in chars] == list(range(13))
    assert {c.parent_id for c in chars} == {eq}
    assert sum(c["must_be_same"] for c in chars) == 4
    assert all(c["difference"] is None for c in chars)
    # A second device gets its own thirteen.
    other = plan.add_item(project, "equivalent_device", {"name": "Other"}).created_id
    assert len(project.items("equivalence_characteristic", other)) == 13
    assert project.count("equivalence_characteristic") == 26
    # Adding is one undo step: device and characteristics go together.
    plan.undo(project)
    assert project.count("equivalence_characteristic") == 13
    assert project.count("equivalent_device") == 1


def test_add_at_a_position(project: Project) -> None:
    for text in ("a", "b", "c"):
        _add(project, "indication", text=text)
    plan.add_item(project, "indication", {"text": "first"}, position=0)
    plan.add_item(project, "indication", {"text": "middle"}, position=2)
    plan.add_item(project, "indication", {"text": "last"}, position=99)
    items = project.items("indication")
    assert [i["text"] for i in items] == ["first", "a", "middle", "b", "c", "last"]
    assert [i.position for i in items] == list(range(6))


def test_add_item_records_who_and_when(project: Project) -> None:
    row = project.item("indication", _add(project, "indication", text="Pain"))
    assert row.created_by == "tester"
    assert row.created_at == row.updated_at
    assert row.created_at.endswith("Z")


# ----------------------------------------------------------------------------- move


def test_move_item(project: Project) -> None:
    ids = [_add(project, "device_variant", model=m) for m in "ABCD"]

    def models() -> str:
        return "".join(v["model"] for v in project.items("device_variant"))

    changes = plan.move_item(project, "device_variant", ids[3], 0)
    assert changes.label == "Reorder models and variants"
    assert models() == "DABC"
    plan.move_item(project, "device_variant", ids[3], 99)
    assert models() == "ABCD"
    plan.move_item(project, "device_variant", ids[0], 2)
    assert models() == "BCAD"
    plan.move_item(project, "device_variant", ids[3], -5)
    assert models() == "DBCA"
    assert [v.position for v in project.items("device_variant")] == [0, 1, 2, 3]
    # Codes stay with their rows.
    assert [v["code"] for v in project.items("device_variant")] == [
        "VAR-04",
        "VAR-02",
        "VAR-03",
        "VAR-01",
    ]


def test_move_to_the_same_place_changes_nothing(project: Project) -> None:
    ids = [_add(project, "indication", text=t) for t in "ab"]
    before = _state(project)
    assert plan.move_item(project, "indication", ids[1], 1).empty
    assert _state(project) == before


def test_move_child_stays_among_its_siblings(project: Project) -> None:
    first = _add(project, "objective", category="SAFETY")
    second = _add(project, "objective", category="SAFETY")
    a = [_add(project, "acceptance_criterion", first, unit=u) for u in ("a1", "a2", "a3")]
    b = [_add(project, "acceptance_criterion", second, unit=u) for u in ("b1", "b2")]
    plan.move_item(project, "acceptance_criterion", a[2], 0)
    assert [c["unit"] for c in project.items("acceptance_criterion", first)] == ["a3", "a1", "a2"]
    assert [c.id for c in project.items("acceptance_criterion", second)] == b
    assert [c.position for c in project.items("acceptance_criterion", second)] == [0, 1]


# --------------------------------------------------------------------------- delete


def test_delete_item(project: Project) -> None:
    ids = [_add(project, "indication", text=t) for t in ("a", "b", "c")]
    changes = plan.delete_item(project, "indication", ids[1])
    assert changes.label == "Delete indication IND-02"
    assert ids[1] in changes.ids
    items = project.items("indication")
    assert [i["text"] for i in items] == ["a", "c"]
    assert [i.position for i in items] == [0, 1]
    with pytest.raises(NotFoundError):
        project.item("indication", ids[1])


def test_delete_removes_children(project: Project) -> None:
    db = _add(project, "search_database", name="PubMed")
    kept = _add(project, "search_database", name="Embase")
    for _ in range(3):
        _add(project, "search_string", db, query="stent AND thrombosis")
    _add(project, "search_string", kept, query="x")
    plan.delete_item(project, "search_database", db)
    assert project.count("search_string") == 1
    assert project.items("search_string")[0].parent_id == kept
    fk = project._conn.execute("PRAGMA foreign_key_check").fetchall()
    assert fk == []


def test_delete_label_uses_name_without_code(project: Project) -> None:
    ev = _add(project, "evaluator", name="Dr Smith")
    assert plan.delete_item(project, "evaluator", ev).label == "Delete evaluator Dr Smith"
    anonymous = _add(project, "evaluator")
    assert plan.delete_item(project, "evaluator", anonymous).label == "Delete evaluator"


# -------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("table", "name", "value", "message"),
    [
        ("project", "update_frequency_months", 0, "must be at least 1"),
        ("project", "update_frequency_months", "monthly", "expected a whole number"),
        ("project", "data_cutoff_date", "31.12.2025", "expected a date as YYYY-MM-DD"),
        ("project", "title", "two\nlines", "must be a single line"),
        ("device", "risk_class", "IV", "is not one of"),
        ("device", "implantable", "perhaps", "expected yes or no"),
        ("device", "emdn_codes", 42, "expected a list of text"),
    ],
)
def test_invalid_value_writes_nothing(
    project: Project, table: str, name: str, value: object, message: str
) -> None:
    plan.set_field(project, "project", SINGLETON_ID, "title", "Before")
    before = _state(project)
    stored = project.get(table)[name]
    with pytest.raises(InvalidValueError, match=message):
        plan.set_field(project, table, SINGLETON_ID, name, value)
    assert project.get(table)[name] == stored
    assert _state(project) == before
    assert project.undo_status().undo_label == "Edit project: Project title"


def test_set_fields_is_all_or_nothing(project: Project) -> None:
    before = _state(project)
    with pytest.raises(InvalidValueError, match="Risk class"):
        plan.set_fields(
            project, "device", SINGLETON_ID, {"trade_name": "Stent", "risk_class": "IV"}
        )
    assert project.get("device")["trade_name"] is None
    assert _state(project) == before


def test_invalid_add_writes_nothing(project: Project) -> None:
    _add(project, "objective", category="SAFETY")
    before = _state(project)
    with pytest.raises(InvalidValueError, match="Category"):
        plan.add_item(project, "objective", {"category": "EFFICACY"})
    with pytest.raises(InvalidValueError):
        plan.add_item(project, "equivalent_device", {"same_manufacturer": "maybe"})
    assert _state(project) == before
    # No number was used up.
    _add(project, "objective", category="SAFETY")
    assert _codes(project, "objective") == ["OBJ-S-01", "OBJ-S-02"]


def test_child_needs_an_existing_parent(project: Project) -> None:
    before = _state(project)
    with pytest.raises(NotFoundError):
        plan.add_item(project, "acceptance_criterion", {}, parent_id="no-such-objective")
    with pytest.raises(ValueError, match="parent"):
        plan.add_item(project, "acceptance_criterion", {})
    assert _state(project) == before


def test_missing_rows_and_names(project: Project) -> None:
    before = _state(project)
    with pytest.raises(NotFoundError, match="does not exist"):
        plan.set_field(project, "indication", "nope", "text", "x")
    with pytest.raises(NotFoundError):
        plan.delete_item(project, "indication", "nope")
    with pytest.raises(NotFoundError):
        plan.move_item(project, "indication", "nope", 0)
    with pytest.raises(KeyError, match="no field"):
        plan.set_field(project, "device", SINGLETON_ID, "colour", "blue")
    with pytest.raises(KeyError, match="unknown entity"):
        plan.add_item(project, "gadget", {})
    assert _state(project) == before
