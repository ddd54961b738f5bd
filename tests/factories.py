"""Small factories for service tests: make_org, make_product, make_user …"""

from __future__ import annotations

import itertools
from datetime import date

from sqlmodel import Session

from portal.models import (
    Account,
    BusinessCalendar,
    ContractLine,
    Group,
    GroupProduct,
    GroupUser,
    Location,
    Organisation,
    Product,
    ProductModel,
    Role,
    ServiceLevel,
    User,
    UserProduct,
    UserStatus,
    serial_key,
)

_seq = itertools.count(1)


def make_org(session: Session, name: str | None = None) -> Organisation:
    org = Organisation(name=name or f"Org {next(_seq)}")
    session.add(org)
    session.flush()
    return org


def make_account(session: Session, org: Organisation, number: str | None = None) -> Account:
    acc = Account(organisation_id=org.id, number=number or f"AC{next(_seq):06d}", name="Account")
    session.add(acc)
    session.flush()
    return acc


def make_model(session: Session, name: str | None = None) -> ProductModel:
    model = ProductModel(name=name or f"Model {next(_seq)}", manufacturer="Acme")
    session.add(model)
    session.flush()
    return model


def make_contract_line(session: Session, account: Account) -> ContractLine:
    cal = BusinessCalendar(name="Default")
    session.add(cal)
    session.flush()
    sl = ServiceLevel(name="Gold", response_hours=4, resolution_hours=8, calendar_id=cal.id)
    session.add(sl)
    session.flush()
    line = ContractLine(
        account_id=account.id,
        contract_number=f"CT{next(_seq):06d}",
        service_level_id=sl.id,
        start_date=date(2025, 1, 1),
        end_date=date(2028, 12, 31),
    )
    session.add(line)
    session.flush()
    return line


def make_product(
    session: Session,
    org: Organisation | None = None,
    *,
    account: Account | None = None,
    serial: str | None = None,
    postal_code: str = "28001",
    city: str = "Madrid",
    model: ProductModel | None = None,
) -> Product:
    if account is None:
        account = make_account(session, org or make_org(session))
    model = model or make_model(session)
    loc = Location(
        organisation_id=account.organisation_id,
        site="HQ",
        address="Calle Mayor 1",
        postal_code=postal_code,
        city=city,
    )
    session.add(loc)
    session.flush()
    serial = serial or f"SN{next(_seq):08d}"
    product = Product(
        account_id=account.id,
        model_id=model.id,
        location_id=loc.id,
        serial=serial,
        serial_key=serial_key(serial),
    )
    session.add(product)
    session.flush()
    return product


def make_user(
    session: Session,
    org: Organisation | None = None,
    *,
    role: str | Role = Role.ADMINISTRATOR,
    status: str | UserStatus = UserStatus.ACTIVE,
    email: str | None = None,
    password_hash: str | None = None,
    language: str = "es",
    last_name: str | None = None,
) -> User:
    n = next(_seq)
    provider = str(role) in {Role.AGENT, Role.PROVIDER_ADMIN}
    user = User(
        organisation_id=None if provider else (org or make_org(session)).id,
        email=email or f"user{n}@example.com",
        first_name="Test",
        last_name=last_name or f"User{n}",
        roles=str(role),
        status=str(status),
        password_hash=password_hash,
        language=language,
    )
    session.add(user)
    session.flush()
    return user


def assign_product(session: Session, user: User, product: Product) -> None:
    session.add(UserProduct(user_id=user.id, product_id=product.id))
    session.flush()


def make_group(
    session: Session,
    org: Organisation,
    *,
    products: list[Product] = (),
    users: list[User] = (),
    name: str = "Group",
) -> Group:
    group = Group(organisation_id=org.id, name=name)
    session.add(group)
    session.flush()
    for p in products:
        session.add(GroupProduct(group_id=group.id, product_id=p.id))
    for u in users:
        session.add(GroupUser(group_id=group.id, user_id=u.id))
    session.flush()
    return group
