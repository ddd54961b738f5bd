"""Groups (SPEC B5): administrators only, own organisation only, and what a group grants."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import AuditLog, Group, GroupProduct, GroupUser, Product, Role, UserStatus
from portal.services import groups, scope
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)


@pytest.fixture
def world(session, clock):
    """Two organisations; the first with products, staff of every role and one group."""
    org = make_org(session, "Demo")
    account = make_account(session, org)
    model = make_model(session, "Acme C3530i")
    products = [
        make_product(session, account=account, model=model, serial=f"AB{n:04d}", city=city)
        for n, city in enumerate(["Madrid", "Madrid", "Barcelona", "Barcelona", "Sevilla"])
    ]
    products[2].alternative_name = "Recepción planta 3"
    session.add(products[2])
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, last_name="Ruiz")
    stock = make_user(session, org, role=Role.STOCK_MANAGER)
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    agent = make_user(session, role=Role.AGENT)
    pending = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.PENDING)
    inactive = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.INACTIVE)
    rejected = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.REJECTED)
    group = make_group(session, org, name="Sede Madrid", products=products[:2], users=[stock])

    other = make_org(session, "Other")
    other_product = make_product(session, other, serial="ZZ0001", city="Madrid")
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR)
    other_user = make_user(session, other, role=Role.DEVICE_MANAGER)
    other_group = make_group(session, other, name="Ajeno", products=[other_product])
    session.commit()
    return SimpleNamespace(
        org=org,
        products=products,
        admin=admin,
        manager=manager,
        stock=stock,
        reader=reader,
        agent=agent,
        pending=pending,
        inactive=inactive,
        rejected=rejected,
        group=group,
        other_product=other_product,
        other_admin=other_admin,
        other_user=other_user,
        other_group=other_group,
    )


def _visible_serials(session, user) -> list[str]:
    query = scope.visible_products_query(user).order_by(col(Product.serial))
    return [p.serial for p in session.exec(query).all()]


def _audit(session, action: str) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(col(AuditLog.action) == action)).all())


def _memberships(session, group_id: int) -> tuple[set[int], set[int]]:
    products = session.exec(
        select(GroupProduct.product_id).where(col(GroupProduct.group_id) == group_id)
    ).all()
    users = session.exec(select(GroupUser.user_id).where(col(GroupUser.group_id) == group_id)).all()
    return set(products), set(users)


# --- Who may -------------------------------------------------------------------


def _every_call(w) -> list:
    gid = w.group.id
    pid = w.products[0].id
    return [
        lambda s, a: groups.list_groups(session=s, actor=a),
        lambda s, a: groups.group_detail(session=s, actor=a, group_id=gid),
        lambda s, a: groups.create_group(session=s, actor=a, name="Nuevo"),
        lambda s, a: groups.rename_group(session=s, actor=a, group_id=gid, name="Otro"),
        lambda s, a: groups.delete_group(session=s, actor=a, group_id=gid),
        lambda s, a: groups.add_products(
            session=s, actor=a, group_id=gid, product_ids=[w.products[4].id]
        ),
        lambda s, a: groups.remove_product(session=s, actor=a, group_id=gid, product_id=pid),
        lambda s, a: groups.assign_users(session=s, actor=a, group_id=gid, user_ids=[w.manager.id]),
        lambda s, a: groups.remove_user(session=s, actor=a, group_id=gid, user_id=w.stock.id),
        lambda s, a: groups.candidate_products(session=s, actor=a, group_id=gid),
        lambda s, a: groups.candidate_users(session=s, actor=a, group_id=gid),
    ]


@pytest.mark.parametrize("who", ["manager", "stock", "reader", "agent", "pending", "inactive"])
def test_only_an_active_administrator_may_touch_groups(session, world, who):
    actor = getattr(world, who)
    for call in _every_call(world):
        with pytest.raises(PermissionDenied):
            call(session, actor)
    session.rollback()

    assert session.get(Group, world.group.id).name == "Sede Madrid"
    assert _memberships(session, world.group.id) == (
        {world.products[0].id, world.products[1].id},
        {world.stock.id},
    )
    assert len(session.exec(select(Group)).all()) == 2
    assert session.exec(select(AuditLog)).all() == []


def test_nobody_signed_in_may_not_touch_groups(session, world):
    for call in _every_call(world):
        with pytest.raises(PermissionDenied):
            call(session, None)


def test_a_suspended_administrator_may_not_list_groups(session, world):
    world.admin.status = UserStatus.INACTIVE.value
    with pytest.raises(PermissionDenied):
        groups.list_groups(session=session, actor=world.admin)


def test_another_organisations_group_is_not_found_for_every_function(session, world):
    foreign = world.other_group.id
    calls = [
        lambda: groups.group_detail(session=session, actor=world.admin, group_id=foreign),
        lambda: groups.rename_group(session=session, actor=world.admin, group_id=foreign, name="X"),
        lambda: groups.delete_group(session=session, actor=world.admin, group_id=foreign),
        lambda: groups.add_products(
            session=session, actor=world.admin, group_id=foreign, product_ids=[]
        ),
        lambda: groups.remove_product(
            session=session,
            actor=world.admin,
            group_id=foreign,
            product_id=world.other_product.id,
        ),
        lambda: groups.assign_users(
            session=session, actor=world.admin, group_id=foreign, user_ids=[]
        ),
        lambda: groups.remove_user(
            session=session, actor=world.admin, group_id=foreign, user_id=world.other_user.id
        ),
        lambda: groups.candidate_products(session=session, actor=world.admin, group_id=foreign),
        lambda: groups.candidate_users(session=session, actor=world.admin, group_id=foreign),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    session.rollback()
    assert session.get(Group, foreign).name == "Ajeno"
    assert _memberships(session, foreign)[0] == {world.other_product.id}


@pytest.mark.parametrize("bad_id", [999_999, "abc", None, -1, 2**40, "1; drop", True, [1]])
def test_nonsense_group_ids_are_not_found(session, world, bad_id):
    with pytest.raises(NotFound):
        groups.group_detail(session=session, actor=world.admin, group_id=bad_id)


# --- Listing -------------------------------------------------------------------


def test_list_groups_shows_own_groups_with_counts_by_name(session, world):
    make_group(session, world.org, name="almacén", products=[world.products[4]])

    rows = groups.list_groups(session=session, actor=world.admin)

    assert rows == [
        {"id": rows[0]["id"], "name": "almacén", "product_count": 1, "user_count": 0},
        {"id": world.group.id, "name": "Sede Madrid", "product_count": 2, "user_count": 1},
    ]
    other_rows = groups.list_groups(session=session, actor=world.other_admin)
    assert [r["name"] for r in other_rows] == ["Ajeno"]


def test_group_detail_lists_products_and_users(session, world):
    detail = groups.group_detail(session=session, actor=world.admin, group_id=str(world.group.id))

    assert detail["name"] == "Sede Madrid"
    assert [p["serial"] for p in detail["products"]] == ["AB0000", "AB0001"]
    assert detail["products"][0] == {
        "id": world.products[0].id,
        "serial": "AB0000",
        "model": "Acme C3530i",
        "alternative_name": "",
        "city": "Madrid",
    }
    [user] = detail["users"]
    assert user["id"] == world.stock.id
    assert user["email"] == world.stock.email
    assert user["role_keys"] == ["role.stock_manager"]
    assert user["status_key"] == "user_status.active"


# --- Creating, renaming, deleting ------------------------------------------------


def test_create_group_trims_the_name_and_audits(session, world, clock):
    group = groups.create_group(session=session, actor=world.admin, name="  Planta 3   Barcelona ")

    assert group.name == "Planta 3 Barcelona"
    assert group.organisation_id == world.org.id
    [entry] = _audit(session, "group.created")
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        world.admin.id,
        "group",
        group.id,
    )
    assert entry.organisation_id == world.org.id
    assert entry.new_values == {"name": "Planta 3 Barcelona"}
    assert entry.created_at == clock.current


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("", "error.required"),
        ("   ", "error.required"),
        (None, "error.required"),
        (["x"], "error.required"),
        ("x" * 121, "error.too_long"),
        ("Sede Madrid", "error.group_name_taken"),
        ("  sede   MADRID ", "error.group_name_taken"),
    ],
)
def test_create_group_rejects_bad_names(session, world, name, key):
    with pytest.raises(ValidationFailed) as caught:
        groups.create_group(session=session, actor=world.admin, name=name)

    assert caught.value.errors == {"name": key}
    assert len(session.exec(select(Group)).all()) == 2
    assert _audit(session, "group.created") == []


def test_names_clash_case_insensitively_also_beyond_ascii(session, world):
    groups.create_group(session=session, actor=world.admin, name="Delegación Sur")
    with pytest.raises(ValidationFailed) as caught:
        groups.create_group(session=session, actor=world.admin, name="DELEGACIÓN SUR")
    assert caught.value.errors == {"name": "error.group_name_taken"}


def test_a_name_may_repeat_in_another_organisation(session, world):
    group = groups.create_group(session=session, actor=world.other_admin, name="Sede Madrid")
    assert group.organisation_id == world.other_admin.organisation_id
    assert groups.create_group(session=session, actor=world.admin, name="x" * 120).name == "x" * 120


def test_rename_group(session, world):
    groups.rename_group(
        session=session, actor=world.admin, group_id=world.group.id, name="Sede Central"
    )

    assert session.get(Group, world.group.id).name == "Sede Central"
    [entry] = _audit(session, "group.renamed")
    assert (entry.old_values, entry.new_values) == (
        {"name": "Sede Madrid"},
        {"name": "Sede Central"},
    )


def test_rename_to_its_own_name_in_other_case_is_allowed_and_unchanged_is_not_audited(
    session, world
):
    groups.rename_group(
        session=session, actor=world.admin, group_id=world.group.id, name="SEDE madrid"
    )
    assert session.get(Group, world.group.id).name == "SEDE madrid"
    groups.rename_group(
        session=session, actor=world.admin, group_id=world.group.id, name="SEDE madrid"
    )
    assert len(_audit(session, "group.renamed")) == 1


def test_rename_to_another_groups_name_or_empty_fails(session, world):
    make_group(session, world.org, name="Almacén")
    for name, key in (("almacén", "error.group_name_taken"), (" ", "error.required")):
        with pytest.raises(ValidationFailed) as caught:
            groups.rename_group(
                session=session, actor=world.admin, group_id=world.group.id, name=name
            )
        assert caught.value.errors == {"name": key}
    assert session.get(Group, world.group.id).name == "Sede Madrid"


def test_delete_group_removes_memberships_then_the_group(session, world):
    gid = world.group.id

    groups.delete_group(session=session, actor=world.admin, group_id=gid)
    session.commit()

    assert session.get(Group, gid) is None
    assert _memberships(session, gid) == (set(), set())
    assert session.get(Product, world.products[0].id) is not None
    [entry] = _audit(session, "group.deleted")
    assert entry.object_id == gid
    assert entry.old_values == {
        "name": "Sede Madrid",
        "product_ids": sorted([world.products[0].id, world.products[1].id]),
        "user_ids": [world.stock.id],
    }
    assert _memberships(session, world.other_group.id)[0] == {world.other_product.id}


# --- Products ------------------------------------------------------------------


def test_add_products_ignores_duplicates_and_present_ones(session, world):
    p = world.products
    added = groups.add_products(
        session=session,
        actor=world.admin,
        group_id=world.group.id,
        product_ids=[p[2].id, str(p[2].id), p[0].id, p[3].id],
    )

    assert added == [p[2].id, p[3].id]
    assert _memberships(session, world.group.id)[0] == {p[0].id, p[1].id, p[2].id, p[3].id}
    [entry] = _audit(session, "group.products_added")
    assert entry.new_values == {"product_ids": [p[2].id, p[3].id]}
    again = groups.add_products(
        session=session, actor=world.admin, group_id=world.group.id, product_ids=[p[2].id]
    )
    assert again == []
    assert len(_audit(session, "group.products_added")) == 1


@pytest.mark.parametrize("foreign", ["other_product", "missing", "nonsense"])
def test_adding_a_foreign_product_adds_nothing(session, world, foreign):
    bad = {"other_product": world.other_product.id, "missing": 987_654, "nonsense": "x"}[foreign]

    with pytest.raises(NotFound):
        groups.add_products(
            session=session,
            actor=world.admin,
            group_id=world.group.id,
            product_ids=[world.products[4].id, bad],
        )

    assert _memberships(session, world.group.id)[0] == {world.products[0].id, world.products[1].id}
    assert _audit(session, "group.products_added") == []


def test_product_ids_must_be_a_list(session, world):
    with pytest.raises(NotFound):
        groups.add_products(
            session=session, actor=world.admin, group_id=world.group.id, product_ids="12"
        )


def test_remove_product(session, world):
    groups.remove_product(
        session=session, actor=world.admin, group_id=world.group.id, product_id=world.products[0].id
    )

    assert _memberships(session, world.group.id)[0] == {world.products[1].id}
    [entry] = _audit(session, "group.product_removed")
    assert entry.old_values == {"product_id": world.products[0].id}
    with pytest.raises(NotFound):
        groups.remove_product(
            session=session,
            actor=world.admin,
            group_id=world.group.id,
            product_id=world.products[0].id,
        )


def test_candidate_products_are_own_products_not_in_the_group(session, world):
    serials = lambda rows: [r["serial"] for r in rows]  # noqa: E731
    gid = world.group.id

    every = groups.candidate_products(session=session, actor=world.admin, group_id=gid)
    assert serials(every) == ["AB0002", "AB0003", "AB0004"]
    by_serial = groups.candidate_products(
        session=session, actor=world.admin, group_id=gid, query="ab 0003"
    )
    assert serials(by_serial) == ["AB0003"]
    by_city = groups.candidate_products(
        session=session, actor=world.admin, group_id=gid, query="barcel"
    )
    assert serials(by_city) == ["AB0002", "AB0003"]
    by_name = groups.candidate_products(
        session=session, actor=world.admin, group_id=gid, query="recepción"
    )
    assert by_name[0] == {
        "id": world.products[2].id,
        "serial": "AB0002",
        "model": "Acme C3530i",
        "alternative_name": "Recepción planta 3",
        "city": "Barcelona",
    }
    assert (
        serials(
            groups.candidate_products(
                session=session, actor=world.admin, group_id=gid, query="ZZ0001"
            )
        )
        == []
    )
    assert (
        serials(
            groups.candidate_products(session=session, actor=world.admin, group_id=gid, query="%")
        )
        == []
    )
    limited = groups.candidate_products(session=session, actor=world.admin, group_id=gid, limit="2")
    assert len(limited) == 2


# --- Users ---------------------------------------------------------------------


def test_assign_users_takes_active_and_pending_users_of_the_organisation(session, world):
    added = groups.assign_users(
        session=session,
        actor=world.admin,
        group_id=world.group.id,
        user_ids=[world.manager.id, world.pending.id, world.manager.id, world.stock.id],
    )

    assert added == [world.manager.id, world.pending.id]
    assert _memberships(session, world.group.id)[1] == {
        world.manager.id,
        world.pending.id,
        world.stock.id,
    }
    [entry] = _audit(session, "group.users_assigned")
    assert entry.new_values == {"user_ids": [world.manager.id, world.pending.id]}


@pytest.mark.parametrize("who", ["other_user", "other_admin", "agent", "inactive", "rejected"])
def test_assigning_an_unsuitable_user_assigns_nobody(session, world, who):
    with pytest.raises(NotFound):
        groups.assign_users(
            session=session,
            actor=world.admin,
            group_id=world.group.id,
            user_ids=[world.manager.id, getattr(world, who).id],
        )

    assert _memberships(session, world.group.id)[1] == {world.stock.id}
    assert _audit(session, "group.users_assigned") == []


def test_provider_staff_with_an_organisation_cannot_be_assigned(session, world):
    odd = make_user(session, world.org, role=Role.DEVICE_MANAGER)
    odd.roles = f"{Role.DEVICE_MANAGER.value},{Role.AGENT.value}"
    session.add(odd)
    session.flush()

    with pytest.raises(NotFound):
        groups.assign_users(
            session=session, actor=world.admin, group_id=world.group.id, user_ids=[odd.id]
        )
    candidates = groups.candidate_users(session=session, actor=world.admin, group_id=world.group.id)
    assert odd.id not in [u["id"] for u in candidates]


def test_remove_user(session, world):
    groups.remove_user(
        session=session, actor=world.admin, group_id=world.group.id, user_id=world.stock.id
    )

    assert _memberships(session, world.group.id)[1] == set()
    [entry] = _audit(session, "group.user_removed")
    assert entry.old_values == {"user_id": world.stock.id}
    with pytest.raises(NotFound):
        groups.remove_user(
            session=session, actor=world.admin, group_id=world.group.id, user_id=world.stock.id
        )


def test_candidate_users_are_assignable_users_not_yet_in_the_group(session, world):
    gid = world.group.id

    every = groups.candidate_users(session=session, actor=world.admin, group_id=gid)
    ids = {u["id"] for u in every}
    assert ids == {world.admin.id, world.manager.id, world.reader.id, world.pending.id}
    [carmen] = groups.candidate_users(
        session=session, actor=world.admin, group_id=gid, query="ruiz"
    )
    assert carmen["id"] == world.manager.id
    assert carmen["role_keys"] == ["role.device_manager"]
    by_mail = groups.candidate_users(
        session=session, actor=world.admin, group_id=gid, query=world.pending.email.upper()
    )
    assert [u["status_key"] for u in by_mail] == ["user_status.pending"]
    by_full_name = groups.candidate_users(
        session=session, actor=world.admin, group_id=gid, query="test ruiz"
    )
    assert [u["id"] for u in by_full_name] == [world.manager.id]
    assert (
        groups.candidate_users(
            session=session, actor=world.admin, group_id=gid, query=world.other_user.email
        )
        == []
    )


# --- What a group grants ---------------------------------------------------------


def test_a_device_manager_sees_the_groups_products_at_once_and_loses_them_at_once(session, world):
    manager, p = world.manager, world.products
    assign_product(session, manager, p[4])
    gid = world.group.id
    assert _visible_serials(session, manager) == ["AB0004"]

    groups.assign_users(session=session, actor=world.admin, group_id=gid, user_ids=[manager.id])
    assert _visible_serials(session, manager) == ["AB0000", "AB0001", "AB0004"]

    groups.add_products(session=session, actor=world.admin, group_id=gid, product_ids=[p[3].id])
    assert _visible_serials(session, manager) == ["AB0000", "AB0001", "AB0003", "AB0004"]

    groups.remove_product(session=session, actor=world.admin, group_id=gid, product_id=p[0].id)
    assert _visible_serials(session, manager) == ["AB0001", "AB0003", "AB0004"]

    groups.remove_user(session=session, actor=world.admin, group_id=gid, user_id=manager.id)
    assert _visible_serials(session, manager) == ["AB0004"]


def test_deleting_the_group_takes_its_products_away_from_its_users(session, world):
    stock = world.stock
    assert _visible_serials(session, stock) == ["AB0000", "AB0001"]

    groups.delete_group(session=session, actor=world.admin, group_id=world.group.id)

    assert _visible_serials(session, stock) == []


def test_a_product_in_two_groups_stays_visible_after_leaving_one(session, world):
    manager = world.manager
    second = make_group(session, world.org, name="Color", products=[world.products[0]])
    groups.assign_users(
        session=session, actor=world.admin, group_id=second.id, user_ids=[manager.id]
    )
    groups.assign_users(
        session=session, actor=world.admin, group_id=world.group.id, user_ids=[manager.id]
    )

    groups.delete_group(session=session, actor=world.admin, group_id=world.group.id)

    assert _visible_serials(session, manager) == ["AB0000"]
