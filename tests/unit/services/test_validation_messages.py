"""Each kind of validation error, on each schema that people fill in, reads as a sentence in the
field's own words (services/messages.py), and the rules about several fields land on the field a
person would fix."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from talentfoundry.services.messages import field_messages, message_for, summary
from talentfoundry.services.schemas import (
    BookingIn,
    BoothIn,
    EventIn,
    OrganisationIn,
    ProfileIn,
    RatingIn,
    RegisterIn,
    RoleIn,
    SessionIn,
    UserIn,
)

pytestmark = pytest.mark.unit

EVENT = {
    "slug": "ai-day",
    "kind": "career_day",
    "name": "AI in Action",
    "timezone": "Asia/Taipei",
    "starts_at": "2027-03-18T01:00:00Z",
    "ends_at": "2027-03-18T10:00:00Z",
}
SESSION = {
    "kind": "workshop",
    "title": "Personal branding",
    "mode": "onsite",
    "starts_at": "2027-03-18T02:00:00Z",
    "ends_at": "2027-03-18T03:00:00Z",
}
SIGN_UP = {"email": "ana@example.org", "password": "Correct-horse-9", "full_name": "Ana Wu"}
ROLE = {"organisation_id": 1, "title": "ML Engineer", "seniority": "junior", "work_mode": "hybrid"}

CASES: list[tuple[type[BaseModel], dict[str, Any], str, str, str]] = [
    # schema, input, field, what the person reads, kind
    (RegisterIn, SIGN_UP | {"full_name": ""}, "full_name", "Please enter your full name.",
     "string_too_short"),
    (RegisterIn, {"email": "ana@example.org", "password": "x"}, "full_name",
     "Please enter your full name.", "missing"),
    (RegisterIn, SIGN_UP | {"email": "ana.example.org"}, "email",
     "Your e-mail address should look like name@example.org.", "value_error"),
    (RegisterIn, SIGN_UP | {"password": ""}, "password", "Please enter a password.",
     "string_too_short"),
    (RegisterIn, SIGN_UP | {"full_name": "A" * 201}, "full_name",
     "Your full name may be at most 200 characters long.", "string_too_long"),
    (RegisterIn, SIGN_UP | {"timezone": "Mars/Base"}, "timezone",
     "'Mars/Base' is not a time zone we know: choose your time zone by its name, "
     "e.g. Europe/London or Asia/Taipei.", "time_zone"),
    (UserIn, SIGN_UP | {"full_name": "", "role": "recruiter"}, "full_name",
     "Please enter the person's full name.", "string_too_short"),
    (UserIn, SIGN_UP | {"role": "boss"}, "role",
     "Please choose the role from 'candidate', 'recruiter', 'university_staff', 'organiser' "
     "or 'admin'.", "enum"),
    (EventIn, EVENT | {"slug": "AI Day"}, "slug",
     "The web address may use up to 80 lowercase letters, digits and dashes, starting with a "
     "letter or digit (e.g. ai-in-action-2027).", "string_pattern_mismatch"),
    (EventIn, EVENT | {"ends_at": "2027-03-18T01:00:00Z"}, "ends_at",
     "The end must be after the start.", "end_before_start"),
    (EventIn, EVENT | {"starts_at": "2027-03-18T09:00"}, "starts_at",
     "The start needs its UTC offset, e.g. 2027-03-18T09:00:00+08:00 or 2027-03-18T01:00:00Z.",
     "timezone_aware"),
    (EventIn, EVENT | {"ends_at": "tomorrow"}, "ends_at",
     "The end must be a date and time with its UTC offset, e.g. 2027-03-18T09:00:00+08:00.",
     "datetime_from_date_parsing"),
    (EventIn, EVENT | {"starts_at": "1850-01-01T00:00:00Z"}, "starts_at",
     "The start must lie between the years 1900 and 2999.", "date_range"),
    (EventIn, EVENT | {"onsite": False, "online": False}, "onsite",
     "Choose on site, online or both (hybrid).", "no_mode"),
    (EventIn, {k: v for k, v in EVENT.items() if k != "kind"}, "kind",
     "Please choose the kind of event.", "missing"),
    (EventIn, EVENT | {"name": "AI\x00Day"}, "name",
     "The event's name holds a NUL character (an invisible control code): please remove it.",
     "nul_character"),
    (EventIn, EVENT | {"colour": "red"}, "colour", "There is no field 'colour' here: remove it.",
     "extra_forbidden"),
    (ProfileIn, {"graduation_year": 1900}, "graduation_year",
     "Graduation year must be 1950 or later.", "greater_than_equal"),
    (ProfileIn, {"graduation_year": 2200}, "graduation_year",
     "Graduation year must be 2100 or earlier.", "less_than_equal"),
    (ProfileIn, {"graduation_year": "soon"}, "graduation_year",
     "Graduation year must be a whole number.", "int_parsing"),
    (ProfileIn, {"experience_years": "lots"}, "experience_years",
     "Years of experience must be a number.", "float_parsing"),
    (ProfileIn, {"experience_years": 71}, "experience_years",
     "Years of experience must be at most 70.", "less_than_equal"),
    (ProfileIn, {"headline": None}, "headline",
     "Your headline may not be null: leave it out to keep its current value.", "not_clearable"),
    (ProfileIn, {"skills": ["Python", "P" * 101]}, "skills.1",
     "Item 2 of your skills may be at most 100 characters long.", "string_too_long"),
    (ProfileIn, {"overseas": "perhaps"}, "overseas",
     "Please say whether you would work overseas: yes or no (true or false).", "bool_parsing"),
    (ProfileIn, {"work_authorisation": "any"}, "work_authorisation",
     "Please choose the right to work from 'citizen', 'settled', 'student_visa', 'work_visa' "
     "or 'needs_sponsorship'.", "enum"),
    (OrganisationIn, {"slug": "acme", "kind": "company", "name": "Acme", "size": "huge"}, "size",
     "The company size must be one of 1-10, 11-50, 51-250, 251-1000 or 1000+ (people).",
     "string_pattern_mismatch"),
    (OrganisationIn, {"slug": "acme", "kind": "company", "name": "Acme", "website": "ftp://x"},
     "website", "The website must be a web address starting with https:// or http://.",
     "url_scheme"),
    (BoothIn, {"organisation_id": 1}, "location_code",
     "Give the booth an on-site location code, an online room address, or both.", "no_place"),
    (SessionIn, SESSION | {"title": ""}, "title", "Please enter the session's title.",
     "string_too_short"),
    (SessionIn, SESSION | {"capacity": 0}, "capacity", "The number of seats must be at least 1.",
     "greater_than_equal"),
    (SessionIn, SESSION | {"capacity": 2.5}, "capacity", "The number of seats must be a whole "
     "number.", "int_from_float"),
    (RoleIn, ROLE | {"openings": 10_001}, "openings",
     "The number of openings must be at most 10,000.", "less_than_equal"),
    (RoleIn, ROLE | {"required_skills": "Python"}, "required_skills",
     "The required skills must be a list.", "list_type"),
    (BookingIn, {"slot_id": 2**31}, "slot_id",
     "The interview slot must be given by a number from 1 to 2,147,483,647.", "less_than_equal"),
    (BookingIn, {}, "slot_id", "Please choose the interview slot.", "missing"),
    (RatingIn, {"rating": 6}, "rating", "The rating must be at most 5.", "less_than_equal"),
]  # fmt: skip


@pytest.mark.parametrize(("schema", "data", "field", "said", "code"), CASES)
def test_each_error_kind_reads_as_a_sentence_at_its_field(
    schema: type[BaseModel], data: dict[str, Any], field: str, said: str, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        schema.model_validate(data)
    found = {m.field: (m.message, m.code) for m in field_messages(caught.value)}
    assert found[field] == (said, code)


def test_errors_outside_the_schemas_still_get_a_label_and_a_sentence() -> None:
    """FastAPI's own errors (path, query, body) carry no schema: default labels and field names
    in words; an unknown kind keeps pydantic's words behind the label rather than failing."""
    query = {"type": "less_than_equal", "loc": ("query", "offset"), "ctx": {"le": 2**31 - 1}}
    path = {"type": "int_parsing", "loc": ("path", "event_id")}
    body = {"type": "json_invalid", "loc": ("body", 17), "ctx": {"error": "Expecting value"}}
    odd = {"type": "uuid_parsing", "loc": ("body", "token"), "msg": "Input should be a UUID"}
    assert message_for(query).message == "The offset must be at most 2,147,483,647."
    assert message_for(path).message == "The event must be a whole number."
    assert (message_for(body).field, message_for(body).message) == (
        "",
        "The request body is not valid JSON.",
    )
    assert message_for(odd).message == "The token is not valid: input should be a UUID."


def test_a_problem_detail_names_the_first_few_and_counts_the_rest() -> None:
    with pytest.raises(ValidationError) as caught:
        RegisterIn.model_validate({"timezone": 5})
    messages = field_messages(caught.value)
    assert [m.field for m in messages] == ["email", "password", "full_name", "timezone"]
    assert summary(messages) == (
        "Please enter your e-mail address. Please enter a password. Please enter your full name."
        " (1 more problem.)"
    )
