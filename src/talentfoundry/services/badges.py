"""The QR badge: an inline SVG that prints crisply at any size and shows well on a phone screen.

The QR code holds only the badge code (no name, no e-mail), so a lost badge leaks nothing; the
check-in desk looks the code up. Error correction level M survives a scuffed print-out.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from talentfoundry.services import candidates
from talentfoundry.store.models import Attendee, User

__all__ = ["badge_for", "qr_svg"]


def qr_svg(text: str, *, label: str | None = None) -> str:
    """An ``<svg>`` element (no XML prolog, so it can be inlined in HTML) encoding ``text``.

    >>> svg = qr_svg("TF-ABCDEFGH")
    >>> svg.startswith("<svg") and "viewBox" in svg
    True
    """
    import qrcode
    import qrcode.image.svg

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(text)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    # Scale with the page (CSS sets the width), keep the modules square, and name it for readers.
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    aria = f' role="img" aria-label="{label or "QR code " + text}"'
    return svg.replace("<svg", "<svg" + aria, 1)


def badge_for(db: Session, actor: User, event_id: int) -> tuple[Attendee, str]:
    """The actor's own badge for an event and its QR code (NotFound when not registered)."""
    attendee = candidates.my_attendance(db, actor, event_id)
    return attendee, qr_svg(attendee.badge_code, label=f"QR code of badge {attendee.badge_code}")
