"""Stored XSS: hostile text put in through the services is shown as text on every page and
in every e-mail; the pages load and log in under the CSP without a single violation."""

from __future__ import annotations

import html
import re

import pytest
from sqlmodel import Session, create_engine, select

from portal.models import ArticleTranslation, Location, Product, User
from portal.services import mail_templates, products, profile, tickets
from tests.e2e.conftest import (
    browser,  # noqa: F401  (the shared Chromium fixture)
    login,
)

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
HOSTILE = re.compile(r"<img src=x|<script>alert")


@pytest.fixture(scope="module")
def hostile_data(security_portal):
    """Payloads in a product alias, a location, a user's name, a ticket and an article."""
    engine = create_engine(f"sqlite:///{security_portal.db_path}")
    with Session(engine, expire_on_commit=False) as session:
        admin = session.exec(select(User).where(User.email == "admin@demo.example")).one()
        product = session.exec(
            select(Product).where(Product.id.in_(products_of(session, admin))).limit(1)
        ).one()
        location = session.get(Location, product.location_id)
        products.update_product_location(
            session=session,
            actor=admin,
            product_id=product.id,
            data=products.ProductLocationUpdate(
                alternative_name=PAYLOAD[:40],
                address=location.address,
                postal_code=location.postal_code,
                city=location.city,
                room=PAYLOAD[:30],
                contact_name=PAYLOAD[:40],
            ),
        )
        profile.update_details(
            session=session,
            actor=admin,
            data=profile.PersonalDetails(first_name="Ana<script>", last_name=PAYLOAD[:40]),
        )
        ticket = tickets.create_ticket(
            session=session,
            actor=admin,
            data=tickets.TicketCreate(
                product_id=product.id,
                ticket_type="other",
                description=PAYLOAD,
                your_reference=PAYLOAD[:30],
                contact_name="x",
                contact_phone="+34 600 000 000",
            ),
        )
        # Articles have no customer-facing write path: an agent's text, stored as written.
        article = session.exec(
            select(ArticleTranslation)
            .where(ArticleTranslation.language == "en", ArticleTranslation.published)
            .limit(1)
        ).one()
        article.title = f"Title {PAYLOAD}"
        article.body = f"Body {PAYLOAD}\n\n**bold** {PAYLOAD}"
        session.add(article)
        session.commit()
        ids = {"product": product.id, "ticket": ticket.id, "article": article.article_id}
    engine.dispose()
    return ids


def products_of(session, actor):
    from portal.services import scope

    return [p.id for p in session.exec(scope.visible_products_query(actor)).all()]


def test_hostile_text_is_rendered_as_text_on_every_page(
    security_portal,
    hostile_data,
    browser,  # noqa: F811
):
    context = browser.new_context(base_url=security_portal.url)
    page = context.new_page()
    page.set_default_timeout(20000)
    dialogs, violations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    try:
        login(page, "admin@demo.example", security_portal.password, language="en")
        pages = {
            f"/products/{hostile_data['product']}": PAYLOAD[:40],
            "/products": PAYLOAD[:40],
            f"/service/tickets/{hostile_data['ticket']}": PAYLOAD,
            "/service": PAYLOAD[:30],
            f"/knowledge/articles/{hostile_data['article']}": "Body",
            "/admin/users": PAYLOAD[:40],
            "/profile": "",
        }
        for path, shown in pages.items():
            page.goto(path)
            page.wait_for_load_state("networkidle")
            if shown:
                page.get_by_text(shown[:20], exact=False).first.wait_for()
            assert page.locator("img[src='x']").count() == 0, path
            injected = page.evaluate(
                "[...document.scripts].filter(s => s.textContent.includes('alert(')).length"
            )
            assert injected == 0, path
        assert dialogs == []
        assert violations == []
    finally:
        context.close()


def _context_for(template: str) -> dict:
    tpl = mail_templates.TEMPLATES[template]["en"]
    names = set().union(
        *(mail_templates._placeholders(p) for p in (tpl.subject, *tpl.before, *tpl.after))
    )
    context = {name: PAYLOAD for name in names}
    context.update(
        name=PAYLOAD,
        link="https://portal.example/x?a=<script>",
        items=[{"summary": PAYLOAD, "link": 'https://portal.example/?q="><script>'}],
    )
    return context


@pytest.mark.parametrize("template", sorted(mail_templates.TEMPLATES))
def test_every_mail_template_escapes_what_users_typed(template):
    for language in ("es", "en", "de"):
        _, _, body = mail_templates.render(template, language, _context_for(template))
        assert not HOSTILE.search(body), (template, language)
        assert html.escape(PAYLOAD, quote=True)[:20] in body or "&lt;img" in body


def test_knowledge_snippets_shown_as_html_are_escaped():
    # The search results page renders snippets with rx.html (for the <mark> tags).
    from knowledge_index.snippets import make_snippet

    snippet = make_snippet(f"Paper jam {PAYLOAD} img script", "en", {"img", "script"}, set())
    assert not HOSTILE.search(snippet)
    assert "&lt;" in snippet and "&gt;alert(2)" in snippet
    assert set(re.findall(r"</?(\w+)", snippet)) <= {"mark"}
