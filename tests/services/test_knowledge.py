"""The knowledge centre's services on a real Whoosh index (SPEC D1, D2, D3, X1)."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from portal import __main__ as cli
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import ArticleTranslation, AuditLog, KnowledgeArticle, Role, UserStatus
from portal.services import index_writer, knowledge, tickets
from portal.services.jobs import acquire_lease, release_lease
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)


@pytest.fixture
def index_path(tmp_path, monkeypatch):
    """The portal's index in a directory of this test's own."""
    path = tmp_path / "knowledge_index"
    monkeypatch.setattr(index_writer, "index_dir", lambda: path)
    yield path
    index_writer.close_indexes()


def _article(session, *, codes, models, texts, published=True):
    """An article written straight into the database: texts = {language: (title, body)}."""
    article = KnowledgeArticle(error_codes=codes, model_names=models)
    session.add(article)
    session.flush()
    for language, (title, body) in texts.items():
        session.add(
            ArticleTranslation(
                article_id=article.id,
                language=language,
                title=title,
                body=body,
                published=published,
            )
        )
    session.flush()
    return article


@pytest.fixture
def kb(session, engine, index_path):
    """Two models, a fleet, users of every kind and three articles, indexed."""
    org = make_org(session)
    account = make_account(session, org)
    colour = make_model(session, "Acme C300")
    mono = make_model(session, "Acme M400")
    make_model(session, "Acme X900")
    product = make_product(session, account=account, model=colour, serial="KB-1")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER, language="de")
    agent = make_user(session, role=Role.AGENT)
    provider_admin = make_user(session, role=Role.PROVIDER_ADMIN)
    pending = make_user(session, org, role=Role.ADMINISTRATOR, status=UserStatus.PENDING)
    comms = _article(
        session,
        codes=["E000007-0000"],
        models=["Acme C300"],
        texts={
            "es": ("Error de comunicación del motor", "### Pasos\n\n1. **Reinicie** el equipo."),
            "en": ("Engine communication error", "Restart the machine and wait."),
        },
    )
    fuser = _article(
        session,
        codes=["SC542"],
        models=["Acme M400"],
        texts={"de": ("Fixiertemperatur zu niedrig", "Die Fixiereinheit heizt nicht auf.")},
    )
    draft = _article(
        session,
        codes=["J-101"],
        models=[],
        texts={"es": ("Atasco de papel en la bandeja 1", "Retire el papel atascado.")},
        published=False,
    )
    session.commit()
    index_writer.rebuild(engine=engine)
    return {
        "product": product,
        "manager": manager,
        "admin": admin,
        "reader": reader,
        "agent": agent,
        "provider_admin": provider_admin,
        "pending": pending,
        "comms": comms,
        "fuser": fuser,
        "draft": draft,
        "models": (colour, mono),
    }


def _search(session, actor, query, languages=("es", "en", "de"), model=None):
    found = knowledge.search(
        session=session, actor=actor, query=query, languages=list(languages), model_name=model
    )
    return [(item["id"], item["language"]) for item in found]


def test_an_error_code_is_found_in_its_usual_spellings_in_the_chosen_languages(session, kb):
    aid = kb["comms"].id
    for spelling in ("E000007-0000", "e000007", "E000007 0000"):
        assert _search(session, kb["manager"], spelling, ["es"]) == [(aid, "es")]
    assert set(_search(session, kb["manager"], "e000007", ["es", "en"])) == {
        (aid, "es"),
        (aid, "en"),
    }
    assert _search(session, kb["manager"], "e000007", ["de"]) == []


def test_results_carry_a_link_and_a_highlighted_snippet(session, kb):
    found = knowledge.search(
        session=session, actor=kb["reader"], query="fixiereinheit", languages=["de"]
    )

    assert [item["id"] for item in found] == [kb["fuser"].id]
    assert found[0]["link"] == f"/knowledge/articles/{kb['fuser'].id}?lang=de"
    assert "<mark>" in found[0]["snippet"]
    assert found[0]["error_codes"] == ["SC542"]


def test_snippets_show_text_without_markdown_and_the_first_language_leads_a_tie(session, kb):
    found = knowledge.search(
        session=session, actor=kb["manager"], query="reinicie", languages=["es"]
    )
    assert found[0]["snippet"].startswith("Pasos")
    assert "**" not in found[0]["snippet"] and "###" not in found[0]["snippet"]

    aid = kb["comms"].id
    assert _search(session, kb["manager"], "E000007", ["en", "es"]) == [(aid, "en"), (aid, "es")]
    assert _search(session, kb["manager"], "E000007", ["es", "en"]) == [(aid, "es"), (aid, "en")]


def test_the_model_filter_keeps_other_models_articles_out(session, kb):
    assert _search(session, kb["manager"], "SC542", model="Acme C300") == []
    assert _search(session, kb["manager"], "SC542", model="Acme M400") == [(kb["fuser"].id, "de")]


def test_unknown_languages_and_empty_queries_give_no_results(session, kb):
    assert _search(session, kb["manager"], "e000007", ["xx", "<script>"]) == []
    assert _search(session, kb["manager"], "   ") == []
    assert (
        knowledge.search(session=session, actor=kb["manager"], query={"a": 1}, languages="es") == []
    )
    long_query = "e000007 " + "ä(*[" * 5000
    assert (kb["comms"].id, "es") in _search(session, kb["manager"], long_query)


def test_only_active_users_search(session, kb):
    with pytest.raises(PermissionDenied):
        _search(session, kb["pending"], "e000007")
    with pytest.raises(PermissionDenied):
        _search(session, None, "e000007")


def test_unpublished_articles_are_never_shown_to_customers(session, engine, kb):
    draft = kb["draft"]
    assert _search(session, kb["admin"], "J-101") == []
    with pytest.raises(NotFound):
        knowledge.article_view(
            session=session, actor=kb["admin"], article_id=draft.id, languages=["es"]
        )
    view = knowledge.article_view(
        session=session, actor=kb["agent"], article_id=draft.id, languages=["es"]
    )
    assert (view["title"], view["published"]) == ("Atasco de papel en la bandeja 1", False)


def test_a_stale_index_never_shows_an_unpublished_text(session, kb):
    translation = session.exec(
        select(ArticleTranslation).where(ArticleTranslation.article_id == kb["comms"].id)
    ).first()
    translation.published = False  # behind the index's back: no update reaches it
    session.add(translation)
    session.commit()

    found = _search(session, kb["manager"], "e000007")

    assert (kb["comms"].id, translation.language) not in found


def test_an_article_missing_in_the_chosen_languages_is_shown_in_another_with_a_flag(session, kb):
    view = knowledge.article_view(
        session=session, actor=kb["manager"], article_id=kb["fuser"].id, languages=["es", "en"]
    )
    assert (view["language"], view["other_language"]) == ("de", True)
    assert view["languages"] == ["de"]

    view = knowledge.article_view(
        session=session, actor=kb["manager"], article_id=kb["comms"].id, languages=["en"]
    )
    assert (view["language"], view["other_language"]) == ("en", False)
    assert view["title"] == "Engine communication error"
    assert view["languages"] == ["es", "en"]


def test_article_view_refuses_junk_ids(session, kb):
    for junk in ("abc", -1, 0, 10**12, None, True, 999):
        with pytest.raises(NotFound):
            knowledge.article_view(
                session=session, actor=kb["manager"], article_id=junk, languages=["es"]
            )


def test_markdown_bodies_lose_raw_html(session, kb):
    body = (
        "**Hola** <script>alert(1)</script> <img src=x onerror=alert(2)> "
        "[clic](javascript:alert(3)) <!-- x --> 5 < 7"
    )
    clean = knowledge.safe_markdown(body)

    assert "<script" not in clean and "alert(1)" not in clean
    assert "<img" not in clean and "onerror" not in clean
    assert "javascript:" not in clean
    assert "**Hola**" in clean and "5 < 7" in clean


def test_model_options_put_the_users_models_first(session, kb):
    options = knowledge.model_options(session=session, actor=kb["manager"])
    assert [o["name"] for o in options] == ["Acme C300", "Acme M400", "Acme X900"]
    assert [o["mine"] for o in options] == [True, False, False]

    options = knowledge.model_options(session=session, actor=kb["reader"])
    assert not any(o["mine"] for o in options)
    assert (
        knowledge.model_of_product(session=session, actor=kb["reader"], product_id=kb["product"].id)
        == ""
    )
    assert (
        knowledge.model_of_product(
            session=session, actor=kb["manager"], product_id=kb["product"].id
        )
        == "Acme C300"
    )


MANAGEMENT = (
    ("create_article", {"error_codes": "X1", "model_names": [], "language": "es",
                        "title": "t", "body": "b"}),
    ("update_translation", {"language": "es", "title": "t", "body": "b"}),
    ("set_published", {"language": "es", "published": False}),
    ("set_codes_and_models", {"error_codes": "X1", "model_names": []}),
    ("delete_article", {}),
    ("article_for_edit", {}),
    ("list_articles", {}),
)  # fmt: skip


@pytest.mark.parametrize(("name", "kwargs"), MANAGEMENT)
def test_only_agents_and_provider_admins_manage_articles(session, kb, name, kwargs):
    if name not in ("create_article", "list_articles"):
        kwargs = {**kwargs, "article_id": kb["comms"].id}
    before = session.exec(select(ArticleTranslation.title, ArticleTranslation.published)).all()
    for actor in (kb["admin"], kb["manager"], kb["reader"], kb["pending"], None):
        with pytest.raises(PermissionDenied):
            getattr(knowledge, name)(session=session, actor=actor, **kwargs)
    session.rollback()
    assert session.exec(select(ArticleTranslation.title, ArticleTranslation.published)).all() == (
        before
    )
    assert session.exec(select(KnowledgeArticle)).all().__len__() == 3


def test_article_fields_are_validated_one_by_one(session, kb):
    with pytest.raises(ValidationFailed) as caught:
        knowledge.create_article(
            session=session,
            actor=kb["agent"],
            error_codes="E1, <b>, " + "x" * 41,
            model_names=["Acme C300", "No such model"],
            language="klingon",
            title="  ",
            body="x" * 20001,
        )
    assert caught.value.errors == {
        "error_codes": "error.kb_code_invalid",
        "model_names": "error.kb_model_unknown",
        "language": "error.language_invalid",
        "title": "error.required",
        "body": "error.too_long",
    }
    with pytest.raises(ValidationFailed) as caught:
        knowledge.set_codes_and_models(
            session=session,
            actor=kb["agent"],
            article_id=kb["comms"].id,
            error_codes=",".join(f"C{n}" for n in range(21)),
            model_names=[],
        )
    assert caught.value.errors == {"error_codes": "error.kb_too_many_codes"}


def test_an_agent_publishes_an_article_and_it_is_found_at_once(session, kb):
    agent = kb["agent"]
    article = knowledge.create_article(
        session=session,
        actor=agent,
        error_codes="Q-77, q-77",
        model_names=["Acme C300"],
        language="es",
        title="Fallo del alimentador de originales",
        body="El **alimentador** no toma hojas.",
    )
    session.commit()
    assert article.error_codes == ["Q-77"]
    assert _search(session, kb["manager"], "q77") == []  # a draft is not published

    knowledge.set_published(
        session=session, actor=agent, article_id=article.id, language="es", published=True
    )
    session.commit()
    assert _search(session, kb["manager"], "q77") == [(article.id, "es")]

    knowledge.update_translation(
        session=session,
        actor=agent,
        article_id=article.id,
        language="es",
        title="Alimentador de originales bloqueado",
        body="Limpie los rodillos del alimentador.",
    )
    session.commit()
    found = knowledge.search(
        session=session, actor=kb["manager"], query="rodillos", languages=["es"]
    )
    assert [item["title"] for item in found] == ["Alimentador de originales bloqueado"]

    knowledge.set_published(
        session=session, actor=agent, article_id=article.id, language="es", published=False
    )
    session.commit()
    assert _search(session, kb["manager"], "q77") == []
    assert index_writer.open_index().doc_count() == 3
    actions = session.exec(
        select(AuditLog.action).where(AuditLog.object_type == "article").order_by(AuditLog.id)
    ).all()
    assert actions == [
        "article.created",
        "article.published",
        "article.translation_saved",
        "article.unpublished",
    ]


def test_a_translation_is_added_and_codes_changed_in_every_language(session, kb):
    agent = kb["provider_admin"]
    aid = kb["comms"].id
    knowledge.update_translation(
        session=session,
        actor=agent,
        article_id=aid,
        language="de",
        title="Kommunikationsfehler des Druckwerks",
        body="Starten Sie das Gerät neu.",
    )
    knowledge.set_published(
        session=session, actor=agent, article_id=aid, language="de", published=True
    )
    knowledge.set_codes_and_models(
        session=session, actor=agent, article_id=aid, error_codes="E000008-0000", model_names=[]
    )
    session.commit()

    assert set(_search(session, kb["manager"], "e8")) == {(aid, "es"), (aid, "en"), (aid, "de")}
    assert _search(session, kb["manager"], "e000007") == []
    edit = knowledge.article_for_edit(session=session, actor=agent, article_id=aid)
    assert edit["translations"]["de"]["published"] is True


def test_a_rolled_back_change_never_reaches_the_index(session, kb):
    knowledge.set_published(
        session=session, actor=kb["agent"], article_id=kb["draft"].id, language="es", published=True
    )
    session.rollback()
    session.commit()

    assert index_writer.open_index().doc_count() == 3
    assert _search(session, kb["manager"], "J-101") == []


def test_a_deleted_article_leaves_the_index(session, kb):
    knowledge.delete_article(session=session, actor=kb["agent"], article_id=kb["comms"].id)
    session.commit()

    assert _search(session, kb["manager"], "e000007") == []
    assert index_writer.open_index().doc_count() == 1


def test_the_management_list_filters_by_title_or_code(session, kb):
    rows = knowledge.list_articles(session=session, actor=kb["agent"], query="sc54")
    assert [row["id"] for row in rows] == [kb["fuser"].id]
    rows = knowledge.list_articles(session=session, actor=kb["agent"], query="ATASCO")
    assert [(row["id"], row["drafts"], row["published"]) for row in rows] == [
        (kb["draft"].id, ["es"], [])
    ]
    assert len(knowledge.list_articles(session=session, actor=kb["agent"])) == 3


def test_a_change_left_by_a_busy_writer_is_applied_by_reconcile(session, engine, kb, monkeypatch):
    monkeypatch.setattr(index_writer, "ATTEMPTS", 2)
    monkeypatch.setattr(index_writer, "FIRST_WAIT", 0.01)
    assert acquire_lease(
        engine=engine, name=index_writer.LEASE_NAME, holder="other-worker", seconds=60
    )
    knowledge.set_published(
        session=session, actor=kb["agent"], article_id=kb["draft"].id, language="es", published=True
    )
    session.commit()
    assert _search(session, kb["manager"], "J-101") == []  # the other worker held the writer
    assert index_writer.reconcile(engine=engine) is None

    release_lease(engine=engine, name=index_writer.LEASE_NAME, holder="other-worker")
    index_writer.reconcile(engine=engine)

    assert _search(session, kb["manager"], "J-101") == [(kb["draft"].id, "es")]


def test_reconcile_rebuilds_when_a_deleted_article_stayed_in_the_index(session, engine, kb):
    session.delete(session.get(ArticleTranslation, 3))  # the German text, behind the index's back
    session.commit()
    assert index_writer.open_index().doc_count() == 3

    index_writer.reconcile(engine=engine)

    assert index_writer.open_index().doc_count() == 2


def test_two_workers_writing_at_once_leave_a_consistent_index(session, engine, kb):
    agent = kb["agent"]
    with Session(engine) as setup:
        ids = []
        for n in range(8):
            article = knowledge.create_article(
                session=setup,
                actor=setup.get(type(agent), agent.id),
                error_codes=f"W-{n}",
                model_names=[],
                language="en",
                title=f"Worker article {n}",
                body="Text",
            )
            ids.append(article.id)
        setup.commit()
    errors = []

    def worker(mine):
        try:
            for aid in mine:
                with Session(engine) as own:
                    knowledge.set_published(
                        session=own,
                        actor=own.get(type(agent), agent.id),
                        article_id=aid,
                        language="en",
                        published=True,
                    )
                    own.commit()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(ids[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert index_writer.open_index().doc_count() == 3 + 8
    for n, aid in enumerate(ids):
        assert _search(session, kb["manager"], f"W-{n}") == [(aid, "en")]


def test_reindex_command_rebuilds_from_the_database(session, engine, kb, monkeypatch, capsys):
    monkeypatch.setattr("portal.db.get_engine", lambda: engine)
    kb["draft"].error_codes = ["J-101"]
    translation = session.exec(
        select(ArticleTranslation).where(ArticleTranslation.article_id == kb["draft"].id)
    ).one()
    translation.published = True  # published in the database only
    session.add(translation)
    session.commit()

    assert cli.main(["reindex"]) == 0

    out, err = capsys.readouterr()
    assert "4 article translations" in out
    assert "100%" in err
    assert _search(session, kb["manager"], "J-101") == [(kb["draft"].id, "es")]


def test_ensure_index_builds_a_missing_index_only(session, engine, kb, index_path):
    index_writer.close_indexes()
    other = index_path.parent / "elsewhere"
    assert index_writer.ensure_index(engine=engine, path=other) == 3
    assert index_writer.ensure_index(engine=engine, path=other) is None


def test_ticket_suggestions_come_from_the_knowledge_search(session, kb):
    found = tickets.suggest_articles(
        session=session,
        actor=kb["manager"],
        product_id=kb["product"].id,
        error_code="e000007",
        description="",
        language="en",
    )
    assert found == [
        {
            "id": kb["comms"].id,
            "title": "Engine communication error",
            "summary": found[0]["summary"],
            "link": f"/knowledge/articles/{kb['comms'].id}?lang=en",
        }
    ]
    assert "<" not in found[0]["summary"]
    # The product's model is C300: the M400 article is not suggested.
    assert (
        tickets.suggest_articles(
            session=session,
            actor=kb["manager"],
            product_id=kb["product"].id,
            error_code="SC542",
            description="",
            language="de",
        )
        == []
    )
    assert (
        tickets.suggest_articles(
            session=session,
            actor=kb["manager"],
            product_id="",
            error_code="",
            description="  ",
            language="es",
        )
        == []
    )
