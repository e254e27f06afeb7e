"""Phrasing for generated CVs: summaries, bullets, project lines and layouts.

WHY many small templates: a matching demo is only convincing if CVs read like different people
wrote them. Each CV draws its summary, bullet shapes, verbs, outcome phrases and SKILLS layout
independently, so 3,000 CVs share vocabulary but not sentences. Placeholders ``{s1}``, ``{s2}``,
``{s3}`` are always filled with the candidate's own declared skills, never with anything else.
"""

from __future__ import annotations

__all__ = [
    "BULLETS",
    "BULLET_MARKS",
    "GENERIC_PROJECTS",
    "GRAD_SUMMARIES",
    "OUTCOMES",
    "PROJECT_LINES",
    "PRO_SUMMARIES",
    "RESEARCH_BULLETS",
    "STUDENT_SUMMARIES",
    "TRAITS",
    "VERBS",
]

STUDENT_SUMMARIES: tuple[str, ...] = (
    "{degree_long} student in {programme} at {institution}, graduating in {grad_year}. Most of my "
    "recent work has been in {focus}, mainly with {s1} and {s2}. Looking for {goal}.",
    "Final-year {programme} student with a practical streak: I enjoy {focus} most when it meets "
    "real data and real hardware. Comfortable with {s1}, {s2} and {s3}. Seeking {goal}.",
    "Curious, organised {programme} student ({degree}, expected {grad_year}) focusing on {focus}. "
    "I have used {s1} in coursework, a research post and side projects. Open to {goal}.",
    "I study {programme} at {institution} and spend much of my spare time on {focus}. Team "
    "projects taught me {s1} and {s2}; I would now love {goal}.",
    "{degree} candidate in {programme} interested in {focus}. Quick learner and clear writer, used "
    "to mixed teams of engineers and scientists. Tools of choice: {s1} and {s2}. Available for "
    "{goal}.",
    "Hands-on {programme} student who likes to build things that work. Coursework and lab time in "
    "{focus} gave me a solid base in {s1}, {s2} and {s3}. Keen to find {goal}.",
)

GRAD_SUMMARIES: tuple[str, ...] = (
    "Recent {programme} graduate ({degree}, {institution}, {grad_year}) now working on {focus}. "
    "Day to day I use {s1}, {s2} and {s3}. Looking for {a_title_lower} role with room to grow.",
    "Early-career {title_lower} with {exp_words} of hands-on experience in {focus}. I like "
    "careful work, good reviews and learning from senior colleagues; strongest in {s1} and {s2}.",
    "{degree} graduate in {programme} who moved straight into {focus}. Shipped work with {s1} "
    "and {s2} in my first role and want to deepen it as {a_title_lower}.",
    "Graduate engineer with a background in {programme} and a year or so of industry practice in "
    "{focus}. Reliable with {s1}; growing fast in {s2} and {s3}.",
)

PRO_SUMMARIES: tuple[str, ...] = (
    "{title} with {years} years of experience in {focus}. Hands-on with {s1}, {s2} and {s3}; "
    "{trait}.",
    "I have spent the last {years} years working on {focus}, most recently as {a_title_lower} at "
    "{employer}. Strongest in {s1} and {s2}, and {trait}.",
    "Experienced {title_lower} ({years} years) who enjoys {focus} and the people side of "
    "engineering. Core tools: {s1}, {s2}, {s3}. Colleagues describe me as {trait_adj}.",
    "{years}+ years in {focus} across {n_employers} employers. I combine depth in {s1} with "
    "working knowledge of {s2} and {s3}, and I am {trait}.",
    "Practical {title_lower} focused on {focus}. Over {years} years I have delivered work with "
    "{s1} and {s2} from first idea to production; {trait}.",
)

TRAITS: tuple[str, ...] = (
    "known for calm debugging under deadline pressure",
    "happy to mentor newer colleagues",
    "comfortable presenting results to customers",
    "a careful reviewer who writes things down",
    "used to working across time zones",
    "good at turning messy problems into simple processes",
    "keen on measurable results rather than busy work",
)

TRAIT_ADJECTIVES: tuple[str, ...] = (
    "dependable and thorough",
    "calm, curious and pragmatic",
    "a clear communicator",
    "organised and collaborative",
    "direct but kind in reviews",
)

VERBS: tuple[str, ...] = (
    "Built",
    "Developed",
    "Designed",
    "Delivered",
    "Improved",
    "Rebuilt",
    "Extended",
    "Led work on",
    "Took over",
    "Prototyped",
    "Maintained and improved",
    "Redesigned",
)

OUTCOMES: tuple[str, ...] = (
    "cutting {metric} by {pct}%",
    "reducing {metric} by about {pct}%",
    "which brought {metric} down by {pct}%",
    "lowering {metric} by {pct}% within two quarters",
    "with a {pct}% drop in {metric}",
)

BULLETS: tuple[str, ...] = (
    "{verb} {object} with {s1}, {outcome}.",
    "{verb} {object} using {s1} and {s2}.",
    "Took {object} from prototype to production, {outcome}.",
    "Worked with {partner} on {object}, {outcome}.",
    "Owned {object} end to end, including testing with {s1}.",
    "Introduced {s1} to the team while working on {object}, {outcome}.",
    "{verb} {object}; the work relied mostly on {s1}.",
    "Documented {object} so new joiners could contribute within their first week.",
)

SENIOR_BULLETS: tuple[str, ...] = (
    "Mentored {n} junior colleagues and ran weekly design reviews.",
    "Led a team of {n} on {object}, {outcome}.",
    "Set technical direction for {object} and agreed priorities with {partner}.",
    "Hired and onboarded {n} engineers as the team grew.",
)

PARTNERS: tuple[str, ...] = (
    "product managers",
    "the operations team",
    "customers",
    "the quality team",
    "a university research group",
    "colleagues in two other offices",
    "the sales engineers",
)

RESEARCH_BULLETS: tuple[str, ...] = (
    "Ran experiments on {object} and presented results at weekly group meetings.",
    "Supported research on {focus} with {s1}, including data preparation and analysis.",
    "Wrote and maintained lab code in {s1} used by {n} other students.",
    "Co-authored a workshop paper on {focus}.",
)

INTERN_BULLETS: tuple[str, ...] = (
    "Helped the team with {object}, using {s1}.",
    "Built a small internal tool with {s1} that the team kept using after my internship.",
    "Contributed to {object}; presented the results to the department at the end of the summer.",
    "Tested and documented {object} with {s1} and {s2}.",
)

TA_BULLETS: tuple[str, ...] = (
    "Led weekly lab sessions for about {n} students and graded assignments.",
    "Prepared exercises on {focus} and held office hours.",
)

PROJECT_LINES: tuple[str, ...] = (
    "{name} ({year}): {desc}, built with {s1} and {s2}.",
    "{name}. {desc_cap}, drawing on {s1}.",
    "{name} - {desc}. Tools: {s1}, {s2}.",
    "{name} ({year}). {desc_cap}, using {s1}; results shared on my portfolio page.",
)

GENERIC_PROJECTS: tuple[tuple[str, str], ...] = (
    ("Hackathon entry", "a 48-hour hackathon prototype that won a sponsor prize"),
    ("Open-source contribution", "bug fixes and documentation for a small open-source project"),
    ("Peer tutoring", "a peer-tutoring scheme for first-year students, with shared notes"),
    ("Department newsletter", "a monthly newsletter on student research, with short interviews"),
    ("Volunteer data project", "a data clean-up for a local charity's donor records"),
)
"""Projects anyone may have; used when a CV is still too thin."""

BULLET_MARKS: tuple[str, ...] = ("-", "-", "*", "•")

DEGREES: dict[str, tuple[str, str]] = {
    "bachelor": ("BSc", "Bachelor's"),
    "master": ("MSc", "Master's"),
    "phd": ("PhD", "PhD"),
}
"""Degree level -> (short form, long form used in summaries)."""

DEGREE_SHORT_VARIANTS: dict[str, tuple[str, ...]] = {
    "bachelor": ("BSc", "B.S.", "BEng"),
    "master": ("MSc", "M.S.", "MEng"),
    "phd": ("PhD", "Ph.D."),
}
