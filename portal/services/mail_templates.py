"""E-mail templates in Spanish, English and German, rendered to text and HTML (SPEC E3).

A template is a subject, paragraphs before the call to action, an optional
button (the ``link`` context value) and paragraphs after it; the digest also
lists its items before the button. Notification templates translate the
``status`` value they are given into the recipient's language. ``render`` formats
the plain-text part with the raw context values and the HTML part with every
value passed through ``html.escape``, inside a simple inline-styled layout
carrying the provider's name, logo and support contacts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from string import Formatter
from typing import Any

from portal.settings import Settings

DEFAULT_LANGUAGE = "es"
LANGUAGES = ("es", "en", "de")


@dataclass(frozen=True)
class MailTemplate:
    """One message in one language; ``{placeholders}`` name context values."""

    subject: str
    before: tuple[str, ...]
    action: str | None = None
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """The words around every message in one language."""

    greeting: str
    greeting_anonymous: str
    link_fallback: str
    closing: str
    support: str
    automatic: str
    machine: str = " ({serial})"
    """How a message names the product, e.g. " (equipo X12)"; empty without a serial."""


FRAMES: dict[str, Frame] = {
    "es": Frame(
        greeting="Hola {name}:",
        greeting_anonymous="Hola:",
        link_fallback="Si el botón no funciona, copie este enlace en su navegador:",
        closing="Atentamente,",
        support="Asistencia: {support_phone} · {support_email}",
        automatic="Este mensaje se ha enviado automáticamente; por favor, no responda.",
        machine=" (equipo {serial})",
    ),
    "en": Frame(
        greeting="Hello {name},",
        greeting_anonymous="Hello,",
        link_fallback="If the button does not work, copy this link into your browser:",
        closing="Kind regards,",
        support="Support: {support_phone} · {support_email}",
        automatic="This message was sent automatically; please do not reply.",
        machine=" (machine {serial})",
    ),
    "de": Frame(
        greeting="Guten Tag {name},",
        greeting_anonymous="Guten Tag,",
        link_fallback=(
            "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:"
        ),
        closing="Mit freundlichen Grüßen",
        support="Support: {support_phone} · {support_email}",
        automatic="Diese Nachricht wurde automatisch versendet; bitte antworten Sie nicht darauf.",
        machine=" (Gerät {serial})",
    ),
}

TEMPLATES: dict[str, dict[str, MailTemplate]] = {
    "activation": {
        "es": MailTemplate(
            subject="Active su cuenta de {provider}",
            before=(
                "Se ha creado su cuenta en el portal de clientes de {provider}.",
                "Para establecer su contraseña y activar la cuenta, abra este enlace:",
            ),
            action="Activar cuenta",
            after=("El enlace caduca en 48 horas y solo puede usarse una vez.",),
        ),
        "en": MailTemplate(
            subject="Activate your {provider} account",
            before=(
                "An account has been created for you on the {provider} customer portal.",
                "To set your password and activate your account, open this link:",
            ),
            action="Activate account",
            after=("The link expires in 48 hours and can be used only once.",),
        ),
        "de": MailTemplate(
            subject="Aktivieren Sie Ihr Konto bei {provider}",
            before=(
                "für Sie wurde ein Konto im Kundenportal von {provider} angelegt.",
                "Um Ihr Passwort festzulegen und das Konto zu aktivieren, öffnen Sie diesen Link:",
            ),
            action="Konto aktivieren",
            after=("Der Link ist 48 Stunden gültig und kann nur einmal verwendet werden.",),
        ),
    },
    "password_reset": {
        "es": MailTemplate(
            subject="Restablezca su contraseña de {provider}",
            before=(
                "Hemos recibido una solicitud para restablecer la contraseña de su cuenta.",
                "Para elegir una nueva contraseña, abra este enlace:",
            ),
            action="Restablecer contraseña",
            after=(
                "El enlace caduca en 1 hora y solo puede usarse una vez.",
                "Si no ha solicitado este cambio, ignore este mensaje: su contraseña no cambiará.",
            ),
        ),
        "en": MailTemplate(
            subject="Reset your {provider} password",
            before=(
                "We received a request to reset the password of your account.",
                "To choose a new password, open this link:",
            ),
            action="Reset password",
            after=(
                "The link expires in 1 hour and can be used only once.",
                "If you did not ask for this, ignore this e-mail: your password will not change.",
            ),
        ),
        "de": MailTemplate(
            subject="Setzen Sie Ihr Passwort bei {provider} zurück",
            before=(
                "wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen.",
                "Um ein neues Passwort zu wählen, öffnen Sie diesen Link:",
            ),
            action="Passwort zurücksetzen",
            after=(
                "Der Link ist 1 Stunde gültig und kann nur einmal verwendet werden.",
                "Wenn Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail: "
                "Ihr Passwort bleibt unverändert.",
            ),
        ),
    },
    "account_approved": {
        "es": MailTemplate(
            subject="Su cuenta de {provider} ha sido aprobada",
            before=(
                "Un administrador de su organización ha aprobado su acceso al portal de "
                "clientes de {provider}.",
                "Ya puede iniciar sesión:",
            ),
            action="Iniciar sesión",
        ),
        "en": MailTemplate(
            subject="Your {provider} account has been approved",
            before=(
                "An administrator of your organisation has approved your access to the "
                "{provider} customer portal.",
                "You can now log in:",
            ),
            action="Log in",
        ),
        "de": MailTemplate(
            subject="Ihr Konto bei {provider} wurde freigegeben",
            before=(
                "ein Administrator Ihrer Organisation hat Ihren Zugang zum Kundenportal von "
                "{provider} freigegeben.",
                "Sie können sich jetzt anmelden:",
            ),
            action="Anmelden",
        ),
    },
    "account_rejected": {
        "es": MailTemplate(
            subject="Su solicitud de acceso a {provider}",
            before=(
                "Un administrador de su organización ha rechazado su solicitud de acceso al "
                "portal de clientes de {provider}.",
                "Si cree que se trata de un error, póngase en contacto con el administrador de "
                "su organización o con nuestro servicio de asistencia.",
            ),
        ),
        "en": MailTemplate(
            subject="Your access request for {provider}",
            before=(
                "An administrator of your organisation has declined your request for access to "
                "the {provider} customer portal.",
                "If you think this is a mistake, please contact your organisation's "
                "administrator or our support team.",
            ),
        ),
        "de": MailTemplate(
            subject="Ihre Zugangsanfrage bei {provider}",
            before=(
                "ein Administrator Ihrer Organisation hat Ihre Anfrage auf Zugang zum "
                "Kundenportal von {provider} abgelehnt.",
                "Wenn Sie dies für einen Irrtum halten, wenden Sie sich bitte an den "
                "Administrator Ihrer Organisation oder an unseren Support.",
            ),
        ),
    },
    "ticket_opened": {
        "es": MailTemplate(
            subject="Incidencia {number} registrada{machine}",
            before=(
                "Hemos registrado la incidencia {number}{machine}.",
                "Estado: {status}.",
                "Descripción: {summary}",
                "Puede seguir su evolución en el portal:",
            ),
            action="Ver la incidencia",
            after=(
                "Le informaremos de cada novedad según sus preferencias de avisos por e-mail, "
                "que puede cambiar en su perfil.",
            ),
        ),
        "en": MailTemplate(
            subject="Ticket {number} opened{machine}",
            before=(
                "We have registered ticket {number}{machine}.",
                "Status: {status}.",
                "Description: {summary}",
                "You can follow its progress in the portal:",
            ),
            action="View ticket",
            after=(
                "We will keep you informed according to your e-mail alert preferences, "
                "which you can change in your profile.",
            ),
        ),
        "de": MailTemplate(
            subject="Ticket {number} eröffnet{machine}",
            before=(
                "wir haben das Ticket {number}{machine} aufgenommen.",
                "Status: {status}.",
                "Beschreibung: {summary}",
                "Den Fortschritt können Sie im Portal verfolgen:",
            ),
            action="Ticket ansehen",
            after=(
                "Wir informieren Sie gemäß Ihren E-Mail-Benachrichtigungen, die Sie in Ihrem "
                "Profil ändern können.",
            ),
        ),
    },
    "ticket_updated": {
        "es": MailTemplate(
            subject="Novedades en la incidencia {number}{machine}: {status}",
            before=(
                "Hay novedades en la incidencia {number}{machine}.",
                "Estado actual: {status}.",
                "Última actualización: {summary}",
                "Consulte el historial completo en el portal:",
            ),
            action="Ver la incidencia",
            after=(
                "Puede elegir qué avisos recibe, y si los recibe al momento o en un resumen "
                "diario, en su perfil.",
            ),
        ),
        "en": MailTemplate(
            subject="Update on ticket {number}{machine}: {status}",
            before=(
                "There is news on ticket {number}{machine}.",
                "Current status: {status}.",
                "Latest update: {summary}",
                "See the full history in the portal:",
            ),
            action="View ticket",
            after=(
                "You can choose which alerts you receive, and whether immediately or in a daily "
                "summary, in your profile.",
            ),
        ),
        "de": MailTemplate(
            subject="Neuigkeiten zu Ticket {number}{machine}: {status}",
            before=(
                "es gibt Neuigkeiten zum Ticket {number}{machine}.",
                "Aktueller Status: {status}.",
                "Letzte Aktualisierung: {summary}",
                "Den vollständigen Verlauf finden Sie im Portal:",
            ),
            action="Ticket ansehen",
            after=(
                "Welche Benachrichtigungen Sie erhalten, und ob sofort oder in einer täglichen "
                "Zusammenfassung, legen Sie in Ihrem Profil fest.",
            ),
        ),
    },
    "ticket_closed": {
        "es": MailTemplate(
            subject="Incidencia {number} cerrada{machine}",
            before=(
                "La incidencia {number}{machine} se ha cerrado.",
                "Resolución: {summary}",
                "En el portal puede leer el informe del técnico y valorar el servicio:",
            ),
            action="Ver la incidencia",
            after=(
                "Si el problema persiste, abra una nueva incidencia desde el portal o llame "
                "a nuestro servicio de asistencia.",
            ),
        ),
        "en": MailTemplate(
            subject="Ticket {number} closed{machine}",
            before=(
                "Ticket {number}{machine} has been closed.",
                "Resolution: {summary}",
                "In the portal you can read the engineer's report and rate the service:",
            ),
            action="View ticket",
            after=(
                "If the problem persists, open a new ticket in the portal or call our "
                "support team.",
            ),
        ),
        "de": MailTemplate(
            subject="Ticket {number} geschlossen{machine}",
            before=(
                "das Ticket {number}{machine} wurde geschlossen.",
                "Lösung: {summary}",
                "Im Portal können Sie den Bericht des Technikers lesen und den Service bewerten:",
            ),
            action="Ticket ansehen",
            after=(
                "Falls das Problem weiterhin besteht, eröffnen Sie im Portal ein neues Ticket "
                "oder rufen Sie unseren Support an.",
            ),
        ),
    },
    "move_status": {
        "es": MailTemplate(
            subject="Solicitud de traslado {number}{machine}: {status}",
            before=(
                "El estado de su solicitud de traslado {number}{machine} ha cambiado.",
                "Estado actual: {status}.",
                "Detalles: {summary}",
                "Consulte la solicitud en el portal:",
            ),
            action="Ver la solicitud",
        ),
        "en": MailTemplate(
            subject="Move request {number}{machine}: {status}",
            before=(
                "The status of your move request {number}{machine} has changed.",
                "Current status: {status}.",
                "Details: {summary}",
                "See the request in the portal:",
            ),
            action="View request",
        ),
        "de": MailTemplate(
            subject="Umzugsauftrag {number}{machine}: {status}",
            before=(
                "der Status Ihres Umzugsauftrags {number}{machine} hat sich geändert.",
                "Aktueller Status: {status}.",
                "Details: {summary}",
                "Den Auftrag finden Sie im Portal:",
            ),
            action="Auftrag ansehen",
        ),
    },
    "request_status": {
        "es": MailTemplate(
            subject="Su solicitud {number}{machine}: {status}",
            before=(
                "El estado de su solicitud {number}{machine} ha cambiado.",
                "Estado actual: {status}.",
                "Asunto: {summary}",
                "Consulte la solicitud y la respuesta en el portal:",
            ),
            action="Ver la solicitud",
        ),
        "en": MailTemplate(
            subject="Your request {number}{machine}: {status}",
            before=(
                "The status of your request {number}{machine} has changed.",
                "Current status: {status}.",
                "Subject: {summary}",
                "See the request and the reply in the portal:",
            ),
            action="View request",
        ),
        "de": MailTemplate(
            subject="Ihre Anfrage {number}{machine}: {status}",
            before=(
                "der Status Ihrer Anfrage {number}{machine} hat sich geändert.",
                "Aktueller Status: {status}.",
                "Betreff: {summary}",
                "Die Anfrage und die Antwort finden Sie im Portal:",
            ),
            action="Anfrage ansehen",
        ),
    },
    "digest": {
        "es": MailTemplate(
            subject="Su resumen diario de {provider}",
            before=("Estas son sus novedades desde el último resumen:",),
            action="Abrir el portal",
            after=(
                "Recibe este resumen porque así lo ha elegido en sus preferencias de avisos por "
                "e-mail; puede cambiarlas en su perfil.",
            ),
        ),
        "en": MailTemplate(
            subject="Your daily summary from {provider}",
            before=("Here is what happened since your last summary:",),
            action="Open the portal",
            after=(
                "You receive this summary because you chose it in your e-mail alert "
                "preferences; you can change them in your profile.",
            ),
        ),
        "de": MailTemplate(
            subject="Ihre tägliche Zusammenfassung von {provider}",
            before=("hier sind Ihre Neuigkeiten seit der letzten Zusammenfassung:",),
            action="Portal öffnen",
            after=(
                "Sie erhalten diese Zusammenfassung, weil Sie sie in Ihren "
                "E-Mail-Benachrichtigungen gewählt haben; Sie können dies in Ihrem Profil ändern.",
            ),
        ),
    },
}


def normalise_language(language: str | None) -> str:
    """Map ``"EN"``, ``"de-AT"`` … to a supported language; anything else is Spanish."""
    code = (language or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


STATUS_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "ticket": {
        "new": {"es": "Nueva", "en": "New", "de": "Neu"},
        "assigned": {"es": "Asignada", "en": "Assigned", "de": "Zugewiesen"},
        "planned": {"es": "Planificada", "en": "Planned", "de": "Geplant"},
        "pending": {"es": "Pendiente", "en": "Pending", "de": "Wartend"},
        "solved": {"es": "Resuelta", "en": "Solved", "de": "Gelöst"},
        "closed": {"es": "Cerrada", "en": "Closed", "de": "Geschlossen"},
    },
    "move": {
        "requested": {"es": "Solicitada", "en": "Requested", "de": "Angefordert"},
        "scheduled": {"es": "Programada", "en": "Scheduled", "de": "Terminiert"},
        "completed": {"es": "Completada", "en": "Completed", "de": "Abgeschlossen"},
        "cancelled": {"es": "Cancelada", "en": "Cancelled", "de": "Storniert"},
    },
    "request": {
        "open": {"es": "Abierta", "en": "Open", "de": "Offen"},
        "answered": {"es": "Respondida", "en": "Answered", "de": "Beantwortet"},
        "closed": {"es": "Cerrada", "en": "Closed", "de": "Geschlossen"},
    },
}
"""Status names per vocabulary, value and language, as the recipient reads them."""

STATUS_VOCABULARY: dict[str, str] = {
    "ticket_opened": "ticket",
    "ticket_updated": "ticket",
    "ticket_closed": "ticket",
    "move_status": "move",
    "request_status": "request",
}
"""Which ``STATUS_LABELS`` vocabulary translates a template's ``status`` value."""

ITEM_TEMPLATES = frozenset({"digest"})
"""Templates that list ``context["items"]`` (dicts with ``summary`` and ``link``)."""

_OPTIONAL_VALUES = ("name", "number", "serial", "status", "summary")
"""Context values that are empty when not given (a paragraph of only empty values is left out)."""


def status_label(template: str, status: str, language: str | None) -> str:
    """The status value ``status`` in the words of ``template``'s vocabulary and ``language``.

    Unknown values are returned as they are, so a new status never breaks a message.
    """
    labels = STATUS_LABELS.get(STATUS_VOCABULARY.get(template, ""), {}).get(status)
    return labels[normalise_language(language)] if labels else status


def absolute_url(url: str, base_url: str) -> str:
    """Return ``url`` unchanged when absolute, else joined to ``base_url``."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{base_url.rstrip('/')}/{url.lstrip('/')}"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def _default_settings() -> Settings:
    from portal import settings as settings_module

    return settings_module.settings


def render(
    template: str,
    language: str | None,
    context: dict[str, Any],
    *,
    config: Settings | None = None,
) -> tuple[str, str, str]:
    """Render one e-mail.

    Args:
        template: A key of ``TEMPLATES``: ``activation``, ``password_reset``,
            ``account_approved``, ``account_rejected``; the notifications
            ``ticket_opened``, ``ticket_updated``, ``ticket_closed``,
            ``move_status``, ``request_status``; and ``digest``.
        language: The recipient's language; unknown languages fall back to Spanish.
        context: Values for the placeholders: ``name`` (may be empty) and, for
            templates with a button, ``link`` (an absolute http(s) URL;
            ``account_approved`` defaults it to the portal's address). The
            notifications take ``number``, ``serial`` (may be empty), ``status``
            (a status value, translated here through ``STATUS_LABELS``) and
            ``summary``; a paragraph whose values are all empty is left out.
            ``digest`` takes ``items``, a list of ``{"summary", "link"}`` dicts.
        config: Settings for the provider's name, logo and contacts (default: the
            process settings).

    Returns:
        ``(subject, text, html)``.

    Raises:
        ValueError: Unknown template, missing context value or a non-http(s) link.
    """
    config = config or _default_settings()
    if template not in TEMPLATES:
        msg = f"unknown mail template {template!r}"
        raise ValueError(msg)
    lang = normalise_language(language)
    tpl = TEMPLATES[template][lang]
    frame = FRAMES[lang]

    values: dict[str, Any] = {
        "provider": config.provider_name,
        "support_phone": config.support_phone,
        "support_email": config.support_email,
        "base_url": config.base_url,
        **dict.fromkeys(_OPTIONAL_VALUES, ""),
    }
    if template == "account_approved":
        values["link"] = config.base_url + "/"
    items = _items(context.get("items")) if template in ITEM_TEMPLATES else []
    values.update({k: "" if v is None else v for k, v in context.items() if k != "items"})
    values = {k: str(v) for k, v in values.items()}
    values["status"] = status_label(template, values["status"], lang)
    serial = values["serial"].strip()
    values["machine"] = frame.machine.format(serial=serial) if serial else ""

    parts = (tpl.subject, *tpl.before, *tpl.after)
    needed = set().union(*(_placeholders(p) for p in parts))
    if tpl.action:
        needed.add("link")
    missing = sorted(needed - values.keys())
    if missing:
        msg = f"mail template {template!r} needs context values {missing}"
        raise ValueError(msg)
    link = values.get("link", "")
    if tpl.action and not link.startswith(("http://", "https://")):
        msg = f"mail template {template!r} needs an absolute http(s) link"
        raise ValueError(msg)

    escaped = {k: html.escape(v, quote=True) for k, v in values.items()}
    greeting = frame.greeting if values["name"].strip() else frame.greeting_anonymous

    def as_text(pattern: str) -> str:
        return pattern.format_map(values)

    def as_html(pattern: str) -> str:
        return html.escape(pattern, quote=True).format_map(escaped)

    subject = " ".join(as_text(tpl.subject).split())

    def shown(paragraphs: tuple[str, ...]) -> list[str]:
        return [p for p in paragraphs if not _blank(p, values)]

    text_lines = [as_text(greeting), ""]
    for para in shown(tpl.before):
        text_lines += [as_text(para), ""]
    for summary, item_link in items:
        text_lines += [f"- {summary}"] + ([f"  {item_link}"] if item_link else [])
    if items:
        text_lines.append("")
    if tpl.action:
        text_lines += [link, ""]
    for para in shown(tpl.after):
        text_lines += [as_text(para), ""]
    text_lines += [frame.closing, values["provider"], "", "--", as_text(frame.support)]
    text_lines += [frame.automatic]
    text = "\n".join(text_lines) + "\n"

    body = [_P.format(as_html(greeting))]
    body += [_P.format(as_html(p)) for p in shown(tpl.before)]
    if items:
        body.append(_LIST.format("\n".join(_html_item(summary, url) for summary, url in items)))
    if tpl.action:
        body.append(_BUTTON.format(link=escaped["link"], label=html.escape(tpl.action)))
        body.append(_FALLBACK.format(text=html.escape(frame.link_fallback), link=escaped["link"]))
    body += [_P.format(as_html(p)) for p in shown(tpl.after)]
    body.append(_P.format(f"{html.escape(frame.closing)}<br>{escaped['provider']}"))

    logo = absolute_url(config.logo_url, config.base_url)
    html_body = _LAYOUT.format(
        lang=lang,
        subject=html.escape(subject),
        logo=html.escape(logo, quote=True),
        provider=escaped["provider"],
        body="\n".join(body),
        support=html.escape(frame.support).format(
            support_phone=escaped["support_phone"],
            support_email=(
                f'<a href="mailto:{escaped["support_email"]}" style="color:#52606d;">'
                f"{escaped['support_email']}</a>"
            ),
        ),
        automatic=html.escape(frame.automatic),
    )
    return subject, text, html_body


def _blank(pattern: str, values: dict[str, str]) -> bool:
    """Whether ``pattern`` has placeholders and every one of them is empty."""
    names = _placeholders(pattern)
    return bool(names) and not any(values.get(name, "").strip() for name in names)


def _items(raw: Any) -> list[tuple[str, str]]:
    """``(summary, link)`` pairs of a digest; links that are not absolute http(s) are dropped."""
    pairs = []
    for item in raw or ():
        summary = " ".join(str(item.get("summary") or "").split())
        link = str(item.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            link = ""
        if summary or link:
            pairs.append((summary or link, link))
    return pairs


def _html_item(summary: str, link: str) -> str:
    text = html.escape(summary)
    if link:
        text = f'<a href="{html.escape(link, quote=True)}" style="color:#0b5cad;">{text}</a>'
    return f'<li style="margin:0 0 8px;">{text}</li>'


_LIST = '<ul style="margin:0 0 16px;padding-left:20px;">\n{}\n</ul>'


_P = '<p style="margin:0 0 16px;">{}</p>'

_BUTTON = (
    '<p style="margin:24px 0;"><a href="{link}" style="display:inline-block;'
    "background:#0b5cad;color:#ffffff;text-decoration:none;padding:12px 20px;"
    'border-radius:4px;font-weight:bold;">{label}</a></p>'
)

_FALLBACK = (
    '<p style="margin:0 0 16px;font-size:13px;color:#52606d;word-break:break-all;">'
    '{text}<br><a href="{link}" style="color:#0b5cad;">{link}</a></p>'
)

_LAYOUT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{subject}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;\
color:#1f2933;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" \
style="background:#f4f5f7;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="600" cellspacing="0" cellpadding="0" \
style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;">
<tr><td style="padding:20px 32px;border-bottom:1px solid #e4e7eb;">
<img src="{logo}" alt="{provider}" height="40" style="height:40px;border:0;vertical-align:middle;">
<span style="font-size:18px;font-weight:bold;vertical-align:middle;margin-left:8px;">\
{provider}</span>
</td></tr>
<tr><td style="padding:24px 32px;font-size:15px;line-height:1.5;">
{body}
</td></tr>
<tr><td style="padding:16px 32px;border-top:1px solid #e4e7eb;font-size:12px;color:#7b8794;">
<p style="margin:0 0 4px;">{support}</p>
<p style="margin:0;">{automatic}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
"""


# --- Consumables (SPEC C7): order status and low toner ----------------------------------

TEMPLATES["order_status"] = {
    "es": MailTemplate(
        subject="Pedido de consumibles {number}{machine}: {status}",
        before=(
            "El estado de su pedido de consumibles {number}{machine} ha cambiado.",
            "Estado actual: {status}.",
            "Número de seguimiento: {tracking}",
            "Consulte el pedido en el portal:",
        ),
        action="Ver el pedido",
    ),
    "en": MailTemplate(
        subject="Consumables order {number}{machine}: {status}",
        before=(
            "The status of your consumables order {number}{machine} has changed.",
            "Current status: {status}.",
            "Tracking number: {tracking}",
            "See the order in the portal:",
        ),
        action="View order",
    ),
    "de": MailTemplate(
        subject="Verbrauchsmaterialbestellung {number}{machine}: {status}",
        before=(
            "der Status Ihrer Verbrauchsmaterialbestellung {number}{machine} hat sich geändert.",
            "Aktueller Status: {status}.",
            "Sendungsnummer: {tracking}",
            "Die Bestellung finden Sie im Portal:",
        ),
        action="Bestellung ansehen",
    ),
}
TEMPLATES["low_toner"] = {
    "es": MailTemplate(
        subject="Tóner bajo{machine}: {status} {level} %",
        before=(
            "El tóner {status} del equipo {serial} está al {level} %, por debajo del umbral "
            "de aviso.",
            "Si el equipo no tiene reposición automática, pida el tóner en el portal:",
        ),
        action="Ver tóner bajo",
    ),
    "en": MailTemplate(
        subject="Low toner{machine}: {status} {level} %",
        before=(
            "The {status} toner of machine {serial} is at {level} %, below the alert threshold.",
            "If the machine is not on automatic replenishment, order toner in the portal:",
        ),
        action="View low toner",
    ),
    "de": MailTemplate(
        subject="Wenig Toner{machine}: {status} {level} %",
        before=(
            "der Toner {status} von Gerät {serial} steht bei {level} %, unter der Warnschwelle.",
            "Wenn das Gerät nicht automatisch nachbeliefert wird, bestellen Sie Toner im Portal:",
        ),
        action="Wenig Toner ansehen",
    ),
}
STATUS_LABELS["order"] = {
    "submitted": {"es": "Solicitado", "en": "Submitted", "de": "Übermittelt"},
    "confirmed": {"es": "Confirmado", "en": "Confirmed", "de": "Bestätigt"},
    "dispatched": {"es": "Enviado", "en": "Dispatched", "de": "Versandt"},
    "delivered": {"es": "Entregado", "en": "Delivered", "de": "Geliefert"},
    "cancelled": {"es": "Cancelado", "en": "Cancelled", "de": "Storniert"},
}
STATUS_LABELS["toner"] = {
    "black": {"es": "negro", "en": "black", "de": "Schwarz"},
    "cyan": {"es": "cian", "en": "cyan", "de": "Cyan"},
    "magenta": {"es": "magenta", "en": "magenta", "de": "Magenta"},
    "yellow": {"es": "amarillo", "en": "yellow", "de": "Gelb"},
}
STATUS_VOCABULARY["order_status"] = "order"
STATUS_VOCABULARY["low_toner"] = "toner"
_OPTIONAL_VALUES = (*_OPTIONAL_VALUES, "tracking", "level")


# --- User administration and invitations (SPEC A7, A8) ------------------------------

TEMPLATES["invitation"] = {
    "es": MailTemplate(
        subject="{inviter} le invita al portal de clientes de {provider}",
        before=(
            "{inviter} le ha invitado al portal de clientes de {provider} como {roles}.",
            "Para elegir su contraseña y entrar en el portal, abra este enlace personal:",
        ),
        action="Aceptar la invitación",
        after=(
            "El enlace caduca en 7 días y solo puede usarse una vez.",
            "Si no esperaba esta invitación, ignore este mensaje.",
        ),
    ),
    "en": MailTemplate(
        subject="{inviter} invites you to the {provider} customer portal",
        before=(
            "{inviter} has invited you to the {provider} customer portal as {roles}.",
            "To choose your password and enter the portal, open this personal link:",
        ),
        action="Accept the invitation",
        after=(
            "The link expires in 7 days and can be used only once.",
            "If you did not expect this invitation, ignore this e-mail.",
        ),
    ),
    "de": MailTemplate(
        subject="{inviter} lädt Sie in das Kundenportal von {provider} ein",
        before=(
            "{inviter} hat Sie als {roles} in das Kundenportal von {provider} eingeladen.",
            "Um Ihr Passwort zu wählen und das Portal zu betreten, öffnen Sie diesen "
            "persönlichen Link:",
        ),
        action="Einladung annehmen",
        after=(
            "Der Link ist 7 Tage gültig und kann nur einmal verwendet werden.",
            "Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.",
        ),
    ),
}
TEMPLATES["account_suspended"] = {
    "es": MailTemplate(
        subject="Su acceso a {provider} ha sido suspendido",
        before=(
            "Un administrador de su organización ha suspendido su acceso al portal de "
            "clientes de {provider}. Sus sesiones abiertas se han cerrado.",
            "Si cree que se trata de un error, póngase en contacto con el administrador de "
            "su organización.",
        ),
    ),
    "en": MailTemplate(
        subject="Your access to {provider} has been suspended",
        before=(
            "An administrator of your organisation has suspended your access to the "
            "{provider} customer portal. Your open sessions have been ended.",
            "If you think this is a mistake, please contact your organisation's administrator.",
        ),
    ),
    "de": MailTemplate(
        subject="Ihr Zugang zu {provider} wurde gesperrt",
        before=(
            "ein Administrator Ihrer Organisation hat Ihren Zugang zum Kundenportal von "
            "{provider} gesperrt. Ihre offenen Sitzungen wurden beendet.",
            "Wenn Sie dies für einen Irrtum halten, wenden Sie sich bitte an den "
            "Administrator Ihrer Organisation.",
        ),
    ),
}
TEMPLATES["account_reactivated"] = {
    "es": MailTemplate(
        subject="Su acceso a {provider} vuelve a estar activo",
        before=(
            "Un administrador de su organización ha reactivado su acceso al portal de "
            "clientes de {provider}.",
            "Ya puede iniciar sesión:",
        ),
        action="Iniciar sesión",
    ),
    "en": MailTemplate(
        subject="Your access to {provider} is active again",
        before=(
            "An administrator of your organisation has reactivated your access to the "
            "{provider} customer portal.",
            "You can log in again:",
        ),
        action="Log in",
    ),
    "de": MailTemplate(
        subject="Ihr Zugang zu {provider} ist wieder aktiv",
        before=(
            "ein Administrator Ihrer Organisation hat Ihren Zugang zum Kundenportal von "
            "{provider} wieder freigeschaltet.",
            "Sie können sich wieder anmelden:",
        ),
        action="Anmelden",
    ),
}
TEMPLATES["account_role_changed"] = {
    "es": MailTemplate(
        subject="Sus funciones en {provider} han cambiado",
        before=(
            "Un administrador de su organización ha cambiado sus funciones en el portal de "
            "clientes de {provider}.",
            "Sus funciones ahora: {roles}.",
        ),
        action="Abrir el portal",
    ),
    "en": MailTemplate(
        subject="Your roles at {provider} have changed",
        before=(
            "An administrator of your organisation has changed your roles in the {provider} "
            "customer portal.",
            "Your roles now: {roles}.",
        ),
        action="Open the portal",
    ),
    "de": MailTemplate(
        subject="Ihre Rollen bei {provider} wurden geändert",
        before=(
            "ein Administrator Ihrer Organisation hat Ihre Rollen im Kundenportal von "
            "{provider} geändert.",
            "Ihre Rollen jetzt: {roles}.",
        ),
        action="Portal öffnen",
    ),
}
TEMPLATES["account_deleted"] = {
    "es": MailTemplate(
        subject="Su cuenta de {provider} ha sido eliminada",
        before=(
            "Un administrador de su organización ha eliminado su cuenta del portal de "
            "clientes de {provider}. Ya no podrá iniciar sesión.",
            "Si cree que se trata de un error, póngase en contacto con el administrador de "
            "su organización.",
        ),
    ),
    "en": MailTemplate(
        subject="Your {provider} account has been deleted",
        before=(
            "An administrator of your organisation has deleted your account on the "
            "{provider} customer portal. You can no longer log in.",
            "If you think this is a mistake, please contact your organisation's administrator.",
        ),
    ),
    "de": MailTemplate(
        subject="Ihr Konto bei {provider} wurde gelöscht",
        before=(
            "ein Administrator Ihrer Organisation hat Ihr Konto im Kundenportal von "
            "{provider} gelöscht. Sie können sich nicht mehr anmelden.",
            "Wenn Sie dies für einen Irrtum halten, wenden Sie sich bitte an den "
            "Administrator Ihrer Organisation.",
        ),
    ),
}


# --- Meter readings (SPEC C4): the reading reminder ------------------------------------

TEMPLATES["reading_due"] = {
    "es": MailTemplate(
        subject="Lecturas de contador pendientes: {number} equipos",
        before=(
            "La ventana de lectura de contadores se cierra pronto: {summary}.",
            "Aún faltan las lecturas de {number} equipos a su cargo. Introdúzcalas en el portal "
            "para que la factura se base en valores reales y no en una estimación:",
        ),
        action="Introducir lecturas",
    ),
    "en": MailTemplate(
        subject="Meter readings due: {number} machines",
        before=(
            "The meter reading window closes soon: {summary}.",
            "The readings of {number} machines in your care are still missing. Please enter "
            "them in the portal so that the invoice is based on real values, not an estimate:",
        ),
        action="Enter readings",
    ),
    "de": MailTemplate(
        subject="Zählerstände fällig: {number} Geräte",
        before=(
            "das Zeitfenster für die Zählerstände schließt bald: {summary}.",
            "Für {number} Geräte in Ihrer Verantwortung fehlen noch die Zählerstände. Bitte "
            "geben Sie sie im Portal ein, damit die Rechnung auf echten Werten statt auf einer "
            "Schätzung beruht:",
        ),
        action="Zählerstände eingeben",
    ),
}
TEMPLATES["not_reporting"] = {
    "es": MailTemplate(
        subject="El equipo {serial} no envía datos desde el {since}",
        before=(
            "El equipo {serial} tiene captura automática de contadores, pero no ha enviado datos "
            "desde el {since}.",
            "Compruebe que está encendido y conectado a la red; mientras tanto, sus lecturas "
            "pueden introducirse a mano. Vea el equipo en el portal:",
        ),
        action="Ver el equipo",
    ),
    "en": MailTemplate(
        subject="Machine {serial} has not reported since {since}",
        before=(
            "Machine {serial} is on automatic meter capture but has sent nothing since {since}.",
            "Please check that it is switched on and connected to the network; meanwhile its "
            "readings can be entered by hand. See the machine in the portal:",
        ),
        action="View the machine",
    ),
    "de": MailTemplate(
        subject="Gerät {serial} meldet sich seit {since} nicht",
        before=(
            "Gerät {serial} hat automatische Zählererfassung, hat aber seit {since} nichts "
            "gesendet.",
            "Bitte prüfen Sie, ob es eingeschaltet und mit dem Netz verbunden ist; bis dahin "
            "können die Zählerstände von Hand eingegeben werden. Das Gerät im Portal:",
        ),
        action="Gerät ansehen",
    ),
}
_OPTIONAL_VALUES = (*_OPTIONAL_VALUES, "inviter", "roles", "since")
