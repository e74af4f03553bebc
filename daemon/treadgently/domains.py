"""Which sender domains can name an employer, and which mailboxes nobody reads.

Applications are matched by the company's own domain, so free-mail providers,
applicant-tracking and scheduling services, job boards and staffing agencies must
never count as one.  The lists live in ``data/domains.toml`` so they can be
extended without touching code; they are loaded once, on first use.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

log = logging.getLogger(__name__)

_DATA_FILE = "domains.toml"
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


@dataclass(frozen=True)
class DomainLists:
    """The parsed data file: every entry lower-cased."""

    free_mail: tuple[str, ...]
    reserved: tuple[str, ...]
    ats: tuple[str, ...]
    staffing: tuple[str, ...]
    service_addresses: frozenset[str]
    no_reply_parts: frozenset[str]
    two_level_suffixes: frozenset[str]

    @property
    def excluded(self) -> tuple[str, ...]:
        return self.free_mail + self.reserved + self.ats + self.staffing


@cache
def domain_lists() -> DomainLists:
    """Load the packaged lists once; a broken data file is a packaging bug, so it raises."""
    data = resources.files("treadgently").joinpath("data").joinpath(_DATA_FILE)
    text = data.read_text(encoding="utf-8")
    raw = tomllib.loads(text)

    def entries(section: str, key: str) -> tuple[str, ...]:
        return tuple(str(item).strip().lower() for item in raw[section][key])

    return DomainLists(
        free_mail=entries("free_mail", "domains"),
        reserved=entries("reserved", "domains"),
        ats=entries("ats", "domains"),
        staffing=entries("staffing", "domains"),
        service_addresses=frozenset(entries("service_addresses", "addresses")),
        no_reply_parts=frozenset(entries("no_reply", "local_parts")),
        two_level_suffixes=frozenset(entries("public_suffixes", "two_level")),
    )


def domain_of(email: str) -> str:
    """The lower-cased host part of an address ("" when there is none)."""
    _, at, host = email.strip().rpartition("@")
    if not at:
        return ""
    return host.strip().strip(".").rstrip(">").lower()


def registrable_domain(domain: str) -> str:
    """The name a company registers: ``talent.acme.co.uk`` -> ``acme.co.uk``.

    Uses a short list of two-level public suffixes instead of the whole Public Suffix
    List, which is enough to tell companies apart.  Returns "" for anything that is not
    a plausible domain name.
    """
    labels = domain.strip().strip(".").lower().split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return ""
    keep = 3 if ".".join(labels[-2:]) in domain_lists().two_level_suffixes else 2
    if len(labels) < keep:
        return ""
    return ".".join(labels[-keep:])


def _matches(entry: str, host: str, registrable: str) -> bool:
    if entry.endswith(".*"):
        name = entry[:-2]
        return registrable == name or registrable.startswith(name + ".")
    return host == entry or host.endswith("." + entry) or registrable == entry


def is_excluded_domain(domain: str) -> bool:
    """True for domains that never identify an employer (free-mail, ATS, agencies...)."""
    host = domain.strip().strip(".").lower()
    registrable = registrable_domain(host)
    if not registrable:
        return True
    return any(_matches(entry, host, registrable) for entry in domain_lists().excluded)


def is_no_reply(email: str) -> bool:
    """True for mailboxes nobody reads: no-reply, notifications, bounces, daemons."""
    address = email.strip().lower()
    local, at, _ = address.rpartition("@")
    if not at or not local:
        return False
    lists = domain_lists()
    if address in lists.service_addresses:
        return True
    if local in lists.no_reply_parts:
        return True
    pieces = re.split(r"[.\-_+]", local)
    joined = {
        "-".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)
    }
    return any(part in lists.no_reply_parts for part in joined)


def company_domain(email: str, *, own_email: str | None = None) -> str | None:
    """The registrable domain of an employer's address, or None if it cannot be one.

    None for free-mail, applicant-tracking, scheduling, job-board, staffing and reserved
    domains, for known service addresses, and for the candidate's own domain.
    """
    address = email.strip().lower()
    if address in domain_lists().service_addresses:
        return None
    host = domain_of(address)
    registrable = registrable_domain(host)
    if not registrable or is_excluded_domain(host):
        return None
    if own_email:
        own = registrable_domain(domain_of(own_email))
        if own and own == registrable:
            return None
    return registrable


def same_company(domain_a: str, domain_b: str) -> bool:
    """True when two domains belong to one employer.

    Subdomains share their registrable domain (``careers.acme.com`` = ``acme.com``), and
    one name under two suffixes (``acme.com`` / ``acme.de``) is taken to be one company,
    since a candidate's mailbox rarely holds two unrelated employers of the same name.
    Excluded domains are never the same company as anything.
    """
    a = registrable_domain(domain_a)
    b = registrable_domain(domain_b)
    if not a or not b or is_excluded_domain(a) or is_excluded_domain(b):
        return False
    if a == b:
        return True
    return _company_label(a) == _company_label(b)


def _company_label(registrable: str) -> str:
    """The name part of a registrable domain: ``acme.co.uk`` -> ``acme``."""
    return registrable.split(".", 1)[0]


def domain_kind(domain: str) -> str | None:
    """Why a domain is excluded: "free_mail", "reserved", "ats" or "staffing"; else None."""
    host = domain.strip().strip(".").lower()
    registrable = registrable_domain(host)
    lists = domain_lists()
    for kind in ("free_mail", "reserved", "ats", "staffing"):
        if any(_matches(entry, host, registrable) for entry in getattr(lists, kind)):
            return kind
    return None
