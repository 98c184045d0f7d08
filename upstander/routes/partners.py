"""National partners an organisation may link to from its public page (it chooses which).

Pure data. Addresses come from the seeds (000, 002, 003) or a stored page of the partner's own
site, named in `source`; only links are shown, never their logos or other files.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PARTNERS", "Partner", "partner"]


@dataclass(frozen=True, slots=True)
class Partner:
    slug: str
    name: str
    url: str
    what: str
    source: str

    @property
    def url_display(self) -> str:
        return self.url.removeprefix("https://").removeprefix("www.").rstrip("/")


PARTNERS: tuple[Partner, ...] = (
    Partner(
        "uk-safer-internet-centre",
        "UK Safer Internet Centre",
        "https://www.saferinternet.org.uk/",
        "Online-safety advice for young people, parents, carers and professionals; it runs the Professionals "
        "Online Safety Helpline.",
        "seeds 002 and 003 (saferinternet.org.uk)",
    ),
    Partner(
        "thinkuknow",
        "Thinkuknow",
        "https://www.thinkuknow.co.uk/",
        "The National Crime Agency's (CEOP's) online-safety education for children, parents, carers and professionals.",
        "thinkuknow.co.uk (stored pages, 2026-12)",
    ),
    Partner(
        "internet-matters",
        "Internet Matters",
        "https://www.internetmatters.org/",
        "Help for parents and carers: parental controls and privacy settings on apps, games and devices.",
        "seeds 000 and 003 (internetmatters.org)",
    ),
    Partner(
        "childnet",
        "Childnet",
        "https://www.childnet.com/",
        "Advice and resources on using the internet safely, for young people, parents, carers and teachers.",
        "seed 002 (childnet.com)",
    ),
    Partner(
        "anti-bullying-alliance",
        "Anti-Bullying Alliance",
        "https://anti-bullyingalliance.org.uk/",
        "Information about bullying and how to stop it; organises Anti-Bullying Week.",
        "anti-bullyingalliance.org.uk (stored page, 2026-12)",
    ),
    Partner(
        "get-safe-online",
        "Get Safe Online",
        "https://www.getsafeonline.org/",
        "Practical advice on staying safe and secure online, for everyone.",
        "seeds 002 and 003 (getsafeonline.org)",
    ),
)
PARTNER_SLUGS: tuple[str, ...] = tuple(item.slug for item in PARTNERS)
_BY_SLUG = {item.slug: item for item in PARTNERS}


def partner(slug: str) -> Partner | None:
    return _BY_SLUG.get(slug)
