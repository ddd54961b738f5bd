"""E-mail templates in Spanish, English and German, rendered to text and HTML (SPEC E3).

A template is a subject, paragraphs before the call to action, an optional
button (the ``link`` context value) and paragraphs after it. ``render`` formats
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


FRAMES: dict[str, Frame] = {
    "es": Frame(
        greeting="Hola {name}:",
        greeting_anonymous="Hola:",
        link_fallback="Si el botón no funciona, copie este enlace en su navegador:",
        closing="Atentamente,",
        support="Asistencia: {support_phone} · {support_email}",
        automatic="Este mensaje se ha enviado automáticamente; por favor, no responda.",
    ),
    "en": Frame(
        greeting="Hello {name},",
        greeting_anonymous="Hello,",
        link_fallback="If the button does not work, copy this link into your browser:",
        closing="Kind regards,",
        support="Support: {support_phone} · {support_email}",
        automatic="This message was sent automatically; please do not reply.",
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
}


def normalise_language(language: str | None) -> str:
    """Map ``"EN"``, ``"de-AT"`` … to a supported language; anything else is Spanish."""
    code = (language or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


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
        template: ``activation``, ``password_reset``, ``account_approved`` or
            ``account_rejected``.
        language: The recipient's language; unknown languages fall back to Spanish.
        context: Values for the placeholders: ``name`` (may be empty) and, for
            templates with a button, ``link`` (an absolute http(s) URL;
            ``account_approved`` defaults it to the portal's address).
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
        "name": "",
    }
    if template == "account_approved":
        values["link"] = config.base_url + "/"
    values.update({k: "" if v is None else v for k, v in context.items()})
    values = {k: str(v) for k, v in values.items()}

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

    text_lines = [as_text(greeting), ""]
    for para in tpl.before:
        text_lines += [as_text(para), ""]
    if tpl.action:
        text_lines += [link, ""]
    for para in tpl.after:
        text_lines += [as_text(para), ""]
    text_lines += [frame.closing, values["provider"], "", "--", as_text(frame.support)]
    text_lines += [frame.automatic]
    text = "\n".join(text_lines) + "\n"

    body = [_P.format(as_html(greeting))]
    body += [_P.format(as_html(p)) for p in tpl.before]
    if tpl.action:
        body.append(_BUTTON.format(link=escaped["link"], label=html.escape(tpl.action)))
        body.append(_FALLBACK.format(text=html.escape(frame.link_fallback), link=escaped["link"]))
    body += [_P.format(as_html(p)) for p in tpl.after]
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
