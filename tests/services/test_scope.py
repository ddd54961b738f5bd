"""Visibility rules of SPEC A6: who sees which products, accounts and tickets."""

from __future__ import annotations

import itertools

import pytest
from sqlmodel import delete, select

from portal.errors import NotFound, PermissionDenied
from portal.models import GroupUser, Product, Role, Ticket, TicketStatus, UserStatus
from portal.services import scope
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_org,
    make_product,
    make_user,
)

_numbers = itertools.count(1)


def _ticket(session, product, status=TicketStatus.NEW) -> Ticket:
    ticket = Ticket(number=f"T{next(_numbers):07d}", product_id=product.id, status=str(status))
    session.add(ticket)
    session.flush()
    return ticket


def _ids(session, actor) -> set[int]:
    return {p.id for p in session.exec(scope.visible_products_query(actor)).all()}


@pytest.fixture
def fleet(session):
    """Two organisations: org A with two accounts and four products, org B with one."""
    org_a = make_org(session, "Org A")
    acc_a1 = make_account(session, org_a)
    acc_a2 = make_account(session, org_a)
    products = [
        make_product(session, account=acc_a1),
        make_product(session, account=acc_a1),
        make_product(session, account=acc_a2),
        make_product(session, account=acc_a2),
    ]
    org_b = make_org(session, "Org B")
    acc_b = make_account(session, org_b)
    other = make_product(session, account=acc_b)
    session.commit()
    return {
        "org_a": org_a,
        "org_b": org_b,
        "accounts_a": [acc_a1, acc_a2],
        "account_b": acc_b,
        "products_a": products,
        "product_b": other,
    }


def test_device_manager_sees_direct_and_group_products_only(session, fleet):
    p = fleet["products_a"]
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    assign_product(session, manager, p[0])
    group = make_group(session, fleet["org_a"], products=[p[2]], users=[manager])
    session.commit()

    assert _ids(session, manager) == {p[0].id, p[2].id}
    assert scope.count_visible_products(session=session, actor=manager) == 2

    session.exec(delete(GroupUser).where(GroupUser.group_id == group.id))
    session.commit()
    assert _ids(session, manager) == {p[0].id}
    with pytest.raises(NotFound):
        scope.get_visible_product(session=session, actor=manager, product_id=p[2].id)


def test_manager_scope_stays_within_own_organisation(session, fleet):
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    # A stray assignment across organisations must not widen the scope.
    assign_product(session, manager, fleet["product_b"])
    assign_product(session, manager, fleet["products_a"][1])
    session.commit()
    assert _ids(session, manager) == {fleet["products_a"][1].id}


def test_stock_manager_sees_assigned_products(session, fleet):
    p = fleet["products_a"]
    stock = make_user(session, fleet["org_a"], role=Role.STOCK_MANAGER)
    make_group(session, fleet["org_a"], products=[p[1], p[3]], users=[stock])
    session.commit()
    assert _ids(session, stock) == {p[1].id, p[3].id}
    accounts = session.exec(scope.visible_accounts_query(stock)).all()
    assert {a.id for a in accounts} == {a.id for a in fleet["accounts_a"]}


def test_administrator_sees_whole_organisation_and_nothing_else(session, fleet):
    admin = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR)
    session.commit()
    assert _ids(session, admin) == {p.id for p in fleet["products_a"]}
    with pytest.raises(NotFound):
        scope.get_visible_product(session=session, actor=admin, product_id=fleet["product_b"].id)
    accounts = session.exec(scope.visible_accounts_query(admin)).all()
    assert {a.id for a in accounts} == {a.id for a in fleet["accounts_a"]}


def test_other_organisation_gets_not_found_like_a_missing_id(session, fleet):
    stranger = make_user(session, fleet["org_b"], role=Role.ADMINISTRATOR)
    session.commit()
    target = fleet["products_a"][0].id
    with pytest.raises(NotFound) as out_of_scope:
        scope.get_visible_product(session=session, actor=stranger, product_id=target)
    with pytest.raises(NotFound) as missing:
        scope.get_visible_product(session=session, actor=stranger, product_id=999_999)
    with pytest.raises(NotFound):
        scope.get_visible_product(session=session, actor=stranger, product_id="1 OR 1=1")
    assert str(out_of_scope.value) == str(missing.value) == "error.not_found"
    own = scope.get_visible_product(
        session=session, actor=stranger, product_id=str(fleet["product_b"].id)
    )
    assert own.id == fleet["product_b"].id


def test_knowledge_user_sees_no_products(session, fleet):
    reader = make_user(session, fleet["org_a"], role=Role.KNOWLEDGE_USER)
    assign_product(session, reader, fleet["products_a"][0])
    session.commit()
    assert _ids(session, reader) == set()
    assert scope.home_summary(session=session, actor=reader) == {
        "product_count": 0,
        "open_ticket_count": 0,
        "account_count": 0,
    }


@pytest.mark.parametrize("status", [UserStatus.PENDING, UserStatus.INACTIVE, UserStatus.REJECTED])
def test_users_who_are_not_active_see_nothing(session, fleet, status):
    admin = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR, status=status)
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER, status=status)
    assign_product(session, manager, fleet["products_a"][0])
    agent = make_user(session, role=Role.AGENT, status=status)
    session.commit()
    for actor in (admin, manager, agent):
        assert _ids(session, actor) == set()
        assert session.exec(scope.visible_accounts_query(actor)).all() == []
        with pytest.raises(PermissionDenied):
            scope.require_active(actor)


def test_provider_users_see_everything(session, fleet):
    agent = make_user(session, role=Role.AGENT)
    provider_admin = make_user(session, role=Role.PROVIDER_ADMIN)
    session.commit()
    everything = {p.id for p in session.exec(select(Product)).all()}
    assert len(everything) == 5
    assert _ids(session, agent) == everything
    assert _ids(session, provider_admin) == everything
    assert scope.home_summary(session=session, actor=agent)["account_count"] == 3


def test_open_ticket_counts_respect_scope(session, fleet):
    p = fleet["products_a"]
    _ticket(session, p[0])
    _ticket(session, p[0], TicketStatus.PENDING)
    _ticket(session, p[0], TicketStatus.CLOSED)
    _ticket(session, p[1], TicketStatus.ASSIGNED)
    _ticket(session, p[2], TicketStatus.SOLVED)
    foreign = _ticket(session, fleet["product_b"], TicketStatus.PLANNED)
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    assign_product(session, manager, p[0])
    admin = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR)
    agent = make_user(session, role=Role.AGENT)
    session.commit()

    assert scope.count_open_tickets(session=session, actor=manager) == 2
    assert scope.count_open_tickets(session=session, actor=admin) == 3
    assert scope.count_open_tickets(session=session, actor=agent) == 4
    assert len(session.exec(scope.visible_tickets_query(manager)).all()) == 3
    assert scope.home_summary(session=session, actor=manager) == {
        "product_count": 1,
        "open_ticket_count": 2,
        "account_count": 1,
    }
    with pytest.raises(NotFound):
        scope.get_visible_ticket(session=session, actor=admin, ticket_id=foreign.id)
    assert scope.get_visible_ticket(session=session, actor=agent, ticket_id=foreign.id) == foreign


def test_visible_products_query_pages_in_the_database(session, fleet):
    admin = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR)
    session.commit()
    query = scope.visible_products_query(admin).order_by(Product.id).offset(1).limit(2)
    page = session.exec(query).all()
    assert [p.id for p in page] == [p.id for p in fleet["products_a"][1:3]]
    assert "LIMIT" in str(query.compile()).upper()


def test_role_guards(session, fleet):
    admin = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR)
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    stock = make_user(session, fleet["org_a"], role=Role.STOCK_MANAGER)
    both = make_user(session, fleet["org_a"], role="device_manager,stock_manager")
    agent = make_user(session, role=Role.AGENT)
    pending_admin = make_user(
        session, fleet["org_a"], role=Role.ADMINISTRATOR, status=UserStatus.PENDING
    )
    other_admin = make_user(session, fleet["org_b"], role=Role.ADMINISTRATOR)
    product = fleet["products_a"][0]
    assign_product(session, manager, product)
    assign_product(session, stock, product)
    assign_product(session, both, product)
    session.commit()

    assert scope.require_role(admin, Role.ADMINISTRATOR) is admin
    with pytest.raises(PermissionDenied):
        scope.require_role(manager, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        scope.require_role(pending_admin, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        scope.require_role(None, Role.ADMINISTRATOR)

    assert scope.can_edit_product(admin, product)
    assert scope.can_edit_product(manager, product)
    assert scope.can_edit_product(both, product)
    assert scope.can_edit_product(agent, product)
    assert not scope.can_edit_product(stock, product)
    assert not scope.can_edit_product(pending_admin, product)
    # A product from outside the actor's scope does not slip through.
    assert not scope.can_edit_product(other_admin, product)
    assert not scope.can_edit_product(manager, fleet["products_a"][1])


def test_ids_beyond_the_database_range_are_not_found(session):
    import pytest

    from portal.errors import NotFound
    from portal.services import scope
    from tests import factories

    admin = factories.make_user(session)
    for bad in (2**31, -1, 0, "1e9", True, None, "12abc"):
        with pytest.raises(NotFound):
            scope.get_visible_product(session=session, actor=admin, product_id=bad)
