"""The summary's pages: a form's answers by section, each page one phone screen.

Short sections share a page, a long one is cut in parts; the answers keep their numbers across
the whole form. The page shown is kept in the conversation (``page``), so an edit returns to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.forms.session import FormSession
from policy.forms.spec import Node
from policy.forms.walk import visible_nodes

PAGE_NODES = 10


@dataclass(frozen=True, slots=True)
class Page:
    """One screen of the summary: whole short sections or part of a long one, the answers
    numbered across the form."""

    numbered: list[tuple[int, Node]]


def pages(form: FormSession) -> list[Page]:
    """The summary by section: short sections share a page up to PAGE_NODES answers, a long
    one is cut in parts of PAGE_NODES."""
    by_section: dict[str, list[tuple[int, Node]]] = {}
    for n, node in enumerate(visible_nodes(form.spec, form.answers), 1):
        by_section.setdefault(form.spec.section_of(node.key).key, []).append((n, node))
    found: list[Page] = []
    for numbered in by_section.values():
        if found and len(found[-1].numbered) + len(numbered) <= PAGE_NODES:
            found[-1].numbered.extend(numbered)
            continue
        found += [Page(numbered[i : i + PAGE_NODES]) for i in range(0, len(numbered), PAGE_NODES)]
    return found or [Page([])]


def page_titles(form: FormSession, page: Page) -> str:
    """The titles of the sections a page shows."""
    keys = dict.fromkeys(form.spec.section_of(node.key).key for _, node in page.numbered)
    return form.ctx.t("forms.sep").join(form.section_title(k) for k in keys)


def page_of(form: FormSession, key: str) -> int:
    return next(
        (i for i, p in enumerate(pages(form)) if any(n.key == key for _, n in p.numbered)), 0
    )


def shown_page(form: FormSession, count: int) -> int:
    page = (form.conv.data or {}).get("page")
    return min(max(page, 0), count - 1) if isinstance(page, int) else 0
