"""The knowledge centre's states called as a browser would: customers calling the
management handlers, junk arguments, unsafe Markdown (SPEC D1, D3)."""

from __future__ import annotations

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import select

from portal.models import ArticleTranslation, AuditLog, KnowledgeArticle, Role
from portal.pages.knowledge import article_page
from portal.services import index_writer
from portal.state.articles import ArticleManageState
from portal.state.knowledge import ArticleState, KnowledgeState
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)

UNSAFE = "**Paso 1** <script>alert('x')</script><img src=x onerror=alert(1)> fin"


def _state(cls, path: str):
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def kb(session, engine, db, tmp_path, monkeypatch):
    """A manager with a C300, a knowledge user, an agent, a published and a draft article."""
    path = tmp_path / "knowledge_index"
    monkeypatch.setattr(index_writer, "index_dir", lambda: path)
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session, "Acme C300")
    make_model(session, "Acme M400")
    product = make_product(session, account=account, model=model)
    foreign = make_product(session, make_org(session), model=make_model(session, "Other Z1"))
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    agent = make_user(session, role=Role.AGENT)
    published = KnowledgeArticle(error_codes=["SC542"], model_names=["Acme C300"])
    draft = KnowledgeArticle(error_codes=["J-101"], model_names=[])
    session.add_all([published, draft])
    session.flush()
    session.add_all(
        [
            ArticleTranslation(
                article_id=published.id,
                language="es",
                title="Temperatura de fusión",
                body=UNSAFE,
                published=True,
            ),
            ArticleTranslation(
                article_id=draft.id,
                language="es",
                title="Atasco en bandeja",
                body="Borrador",
                published=False,
            ),
        ]
    )
    session.commit()
    index_writer.rebuild(engine=engine)
    yield {
        "product": product,
        "foreign": foreign,
        "manager": manager,
        "admin": admin,
        "reader": reader,
        "agent": agent,
        "published": published,
        "draft": draft,
    }
    index_writer.close_indexes()


def _snapshot(session):
    session.expire_all()
    return (
        session.exec(
            select(ArticleTranslation.article_id, ArticleTranslation.title, ArticleTranslation.body)
        ).all(),
        session.exec(select(ArticleTranslation.published)).all(),
        session.exec(select(KnowledgeArticle.error_codes)).all(),
        session.exec(select(AuditLog.id)).all(),
    )


@pytest.mark.parametrize("who", ["admin", "manager", "reader", None])
def test_customers_calling_management_handlers_change_nothing(session, kb, act_as, who):
    act_as(kb[who] if who else None)
    before = _snapshot(session)
    state = _state(ArticleManageState, "/knowledge/manage")

    state.load()
    assert (state.allowed, state.rows) == (False, [])
    state.new()
    assert state.editing is False
    state.edit(str(kb["published"].id))
    assert (state.editing, state.title, state.body) == (False, "", "")
    state.set_codes("HACK-1")
    state.set_title("Hacked")
    state.set_body("Hacked")
    state.toggle_model("Acme C300", True)
    for handler in (state.save, state.publish, state.unpublish):
        handler()
    state._article_id = kb["draft"].id  # even with an article chosen server-side
    state.language = "es"
    for handler in (state.save, state.publish, state.unpublish):
        handler()
    state.search({"query": "SC"})

    assert state.rows == []
    assert _snapshot(session) == before
    assert index_writer.open_index().doc_count() == 1


def test_an_agent_creates_and_publishes_an_article_through_the_editor(session, kb, act_as):
    act_as(kb["agent"])
    state = _state(ArticleManageState, "/knowledge/manage")
    state.load()
    assert state.allowed is True
    assert {row["codes"] for row in state.rows} == {"SC542", "J-101"}

    state.new()
    state.set_codes("Q-9, q-10")
    state.toggle_model("Acme C300", True)
    state.toggle_model("Not a model", True)
    state.set_title("Alimentador bloqueado")
    state.set_body("Limpie los **rodillos**.")
    state.publish()

    assert state.form_error == ""
    assert state.message == "kb.manage.published_now"
    assert (state.published, state.article_models) == (True, ["Acme C300"])
    session.expire_all()
    article = session.exec(select(KnowledgeArticle).order_by(KnowledgeArticle.id.desc())).first()
    assert article.error_codes == ["Q-9", "q-10"]
    hits = index_writer.open_index().search("q9", ["es"])
    assert [hit.article_id for hit in hits] == [article.id]

    state.choose_language("de")
    assert (state.title, state.published) == ("", False)
    state.set_title("")
    state.save()
    assert state.errors["title"] == "error.required"
    assert state.form_error == "kb.manage.form_invalid"


def test_the_search_page_preselects_the_model_of_a_product_in_scope(session, kb, act_as):
    act_as(kb["manager"])
    state = _state(KnowledgeState, f"/knowledge?product={kb['product'].id}&q=sc542")
    state.load()
    assert state.model == "Acme C300"
    assert state.languages == ["es"]
    assert [r["id"] for r in state.results] == [str(kb["published"].id)]

    state = _state(KnowledgeState, f"/knowledge?product={kb['foreign'].id}")
    state.load()
    assert state.model == ""
    state.set_model("<script>")
    assert state.model == ""


def test_search_ignores_junk_languages_and_never_shows_drafts(session, kb, act_as):
    act_as(kb["reader"])
    state = _state(KnowledgeState, "/knowledge")
    state.load()
    state.set_language("xx", True)
    state.set_language({"a": 1}, True)
    assert state.languages == ["es"]
    state.search({"query": "J-101"})
    assert (state.searched, state.results) == (True, [])
    state.set_language("es", False)
    state.search({"query": "sc542"})
    assert state.results == []


def test_markdown_with_script_is_not_rendered_as_html(session, kb, act_as):
    act_as(kb["manager"])
    state = _state(ArticleState, f"/knowledge/articles/{kb['published'].id}?lang=es")
    state.load()

    assert state.found is True
    assert "**Paso 1**" in state.body
    assert "<script" not in state.body and "onerror" not in state.body
    # The renderer is told not to pass raw HTML through either.
    assert "rehypeRaw" not in str(article_page())


def test_the_article_page_shows_another_language_with_a_notice_and_hides_drafts(
    session, kb, act_as
):
    act_as(kb["reader"])
    state = _state(ArticleState, f"/knowledge/articles/{kb['published'].id}?lang=de")
    state.load()
    assert (state.language, state.other_language) == ("es", True)

    state = _state(ArticleState, f"/knowledge/articles/{kb['draft'].id}")
    state.load()
    assert (state.found, state.loaded, state.title) == (False, True, "")
    state.article_id = kb["draft"].id  # a browser may send any id
    state.show_language("es")
    assert state.found is False
