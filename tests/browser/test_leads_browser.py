"""Badge scans into leads in a real Chromium: a code typed at the booth, a badge read by the
camera (Chromium's fake camera playing a video of the badge's QR code, decoded by the vendored
jsQR since headless Chromium on Linux has no BarcodeDetector), and the candidate leaving a
company's leads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, log_in, screenshot

pytestmark = pytest.mark.browser


@contextmanager
def fair_today(fair: dict[str, Any]) -> Iterator[None]:
    """The server runs on the real clock: move the fair to today while the booth works."""
    from talentfoundry.domain.timeutil import utcnow
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import Event

    def move(to: tuple[Any, Any]) -> tuple[Any, Any]:
        with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
            event = db.get(Event, fair["world"]["event"])
            old = (event.starts_at, event.ends_at)
            event.starts_at, event.ends_at = to
            return old

    now = utcnow()
    old = move((now - timedelta(hours=1), now + timedelta(hours=8)))
    try:
        yield
    finally:
        move(old)


def badge_code(fair: dict[str, Any], who: str) -> str:
    from talentfoundry.services import candidates
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import User

    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        person = db.get(User, fair["world"][who].id)
        return candidates.my_attendance(db, person, fair["world"]["event"]).badge_code


def qr_video(text: str, path: Path, frames: int = 10) -> Path:
    """A Y4M video (what Chromium's fake camera plays) of a QR code holding ``text``, black on a
    white 640x480 frame, as a phone held over a badge would see it."""
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(box_size=8, border=4)
    code.add_data(text)
    code.make(fit=True)
    qr = code.make_image().get_image().convert("L")
    width, height = 640, 480
    frame = Image.new("L", (width, height), 255)
    frame.paste(qr, ((width - qr.width) // 2, (height - qr.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * (width // 2 * height // 2)  # no colour
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + luma + chroma + chroma)
    return path


def test_a_recruiter_types_a_badge_code_and_reads_the_lead(page: Any, fair: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    code = badge_code(fair, "cand1")
    log_in(page, "recruiter.a@example.org")
    with fair_today(fair):
        page.get_by_role("link", name="Leads").first.click()
        expect(page.get_by_role("heading", name="Scan a badge")).to_be_visible()
        page.get_by_label("Badge code").fill(code)
        page.get_by_role("button", name="Add to leads").click()
        expect(page.locator(".result")).to_contain_text("Added to your leads.")
        expect(page.get_by_role("heading", name="Cand1")).to_be_visible()
        expect(page.locator("#list-title")).to_have_text("1 lead at AI in Action")
        page.get_by_text("Rating and note").click()
        page.get_by_label("Rating").select_option("4")
        page.get_by_label("Note").fill("Strong on PyTorch; invite to the ML interview.")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#list-title")).to_be_visible()
        expect(page.get_by_text("rated 4 of 5")).to_be_visible()
        page.evaluate("window.scrollTo(0, 0)")  # the booth screen as the recruiter meets it
        screenshot(page, "leads")


def test_the_camera_reads_a_badge_into_the_leads(
    browser: Any, fair: dict[str, Any], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    code = badge_code(fair, "cand2")
    video = qr_video(code, tmp_path / "badge.y4m")
    camera = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(
            base_url=fair["base"], viewport={"width": 375, "height": 812}, permissions=["camera"]
        )
        phone = context.new_page()
        phone.set_default_timeout(20_000)
        log_in(phone, "recruiter.a@example.org")
        with fair_today(fair):
            phone.goto("/recruiter/leads")
            phone.get_by_role("button", name="Scan with camera").click()
            # Read from the camera, then sent by itself: the page comes back with the result.
            expect(phone.locator(".result")).to_contain_text("Cand2", timeout=30_000)
            expect(phone.locator(".result")).to_contain_text(
                "Does not share their CV: you keep their name and the visit."
            )
        context.close()
    finally:
        camera.close()


def test_the_candidate_sees_who_scanned_them_and_leaves(page: Any, fair: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    log_in(page, "recruiter.b@example.org")
    with fair_today(fair):
        page.goto("/recruiter/leads")
        page.get_by_label("Badge code").fill(badge_code(fair, "cand1"))
        page.get_by_role("button", name="Add to leads").click()
        expect(page.locator(".result")).to_contain_text("Added to your leads.")
    page.context.clear_cookies()
    log_in(page, "cand1@example.org")
    page.goto(f"/events/{_slug(fair)}/badge")
    page.get_by_role("link", name="Companies that scanned your badge").click()
    expect(page.get_by_role("heading", name="Beta Chips")).to_be_visible()
    screenshot(page, "my-scans")
    page.get_by_text("Leave Beta Chips's leads").click()
    page.get_by_role("button", name="Yes, leave its leads").click()
    expect(page.locator(".notice")).to_have_text(
        "You are no longer in Beta Chips's leads; its note about you is erased."
    )


def _slug(fair: dict[str, Any]) -> str:
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import Event

    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        return db.get(Event, fair["world"]["event"]).slug
