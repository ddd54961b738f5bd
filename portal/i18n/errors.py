"""Error messages of identity and security (SPEC A1–A5), in Spanish, English and German.

Services raise the keys; the UI shows the text in the user's language. The
log-in page shows ``error.login_failed`` whenever ``identity.login`` returns
None, whatever the reason.
"""

from __future__ import annotations

ERRORS: dict[str, dict[str, str]] = {
    "error.required": {
        "es": "Este campo es obligatorio.",
        "en": "This field is required.",
        "de": "Dieses Feld ist erforderlich.",
    },
    "error.too_long": {
        "es": "El texto es demasiado largo.",
        "en": "This text is too long.",
        "de": "Der Text ist zu lang.",
    },
    "error.email_invalid": {
        "es": "Introduzca una dirección de correo electrónico válida.",
        "en": "Enter a valid e-mail address.",
        "de": "Geben Sie eine gültige E-Mail-Adresse ein.",
    },
    "error.phone_invalid": {
        "es": "Introduzca un número de teléfono válido (solo cifras, espacios y + - ( ) / .).",
        "en": "Enter a valid phone number (digits, spaces and + - ( ) / . only).",
        "de": (
            "Geben Sie eine gültige Telefonnummer ein (nur Ziffern, Leerzeichen und + - ( ) / .)."
        ),
    },
    "error.language_invalid": {
        "es": "Elija español, inglés o alemán.",
        "en": "Choose Spanish, English or German.",
        "de": "Wählen Sie Spanisch, Englisch oder Deutsch.",
    },
    "error.registration_no_match": {
        "es": (
            "El número de serie y el código postal no corresponden a ningún equipo "
            "con contrato. Compruebe ambos datos e inténtelo de nuevo."
        ),
        "en": (
            "The serial number and postal code do not match any device under contract. "
            "Please check both and try again."
        ),
        "de": (
            "Seriennummer und Postleitzahl passen zu keinem Gerät unter Vertrag. "
            "Bitte prüfen Sie beide Angaben und versuchen Sie es erneut."
        ),
    },
    "error.token_invalid": {
        "es": "Este enlace no es válido, ya se ha utilizado o ha caducado. Solicite uno nuevo.",
        "en": (
            "This link is invalid, has already been used or has expired. Please request a new one."
        ),
        "de": (
            "Dieser Link ist ungültig, wurde bereits verwendet oder ist abgelaufen. "
            "Bitte fordern Sie einen neuen an."
        ),
    },
    "error.password_too_short": {
        "es": "La contraseña debe tener al menos 10 caracteres.",
        "en": "The password must be at least 10 characters long.",
        "de": "Das Passwort muss mindestens 10 Zeichen lang sein.",
    },
    "error.password_too_long": {
        "es": "La contraseña no puede tener más de 128 caracteres.",
        "en": "The password cannot be longer than 128 characters.",
        "de": "Das Passwort darf höchstens 128 Zeichen lang sein.",
    },
    "error.password_too_simple": {
        "es": (
            "Esta contraseña es demasiado fácil de adivinar. Evite contraseñas habituales, "
            "solo cifras, secuencias del teclado o caracteres repetidos."
        ),
        "en": (
            "This password is too easy to guess. Avoid common passwords, digits only, "
            "keyboard sequences and repeated characters."
        ),
        "de": (
            "Dieses Passwort ist zu leicht zu erraten. Vermeiden Sie gängige Passwörter, "
            "reine Ziffernfolgen, Tastaturfolgen und wiederholte Zeichen."
        ),
    },
    "error.password_too_similar": {
        "es": "La contraseña se parece demasiado a su nombre o a su dirección de correo.",
        "en": "The password is too similar to your name or e-mail address.",
        "de": "Das Passwort ähnelt zu sehr Ihrem Namen oder Ihrer E-Mail-Adresse.",
    },
    "error.too_many_attempts": {
        "es": "Demasiados intentos con una contraseña incorrecta. Vuelva a intentarlo más tarde.",
        "en": "Too many attempts with a wrong password. Please try again later.",
        "de": "Zu viele Versuche mit falschem Passwort. Bitte versuchen Sie es später erneut.",
    },
    "error.password_wrong": {
        "es": "La contraseña actual no es correcta.",
        "en": "The current password is not correct.",
        "de": "Das aktuelle Passwort ist nicht korrekt.",
    },
    "error.login_failed": {
        "es": (
            "No se ha podido iniciar sesión con estos datos. Compruebe el correo y la "
            "contraseña; si su cuenta está pendiente de aprobación o bloqueada temporalmente, "
            "inténtelo más tarde."
        ),
        "en": (
            "We could not log you in with these details. Check your e-mail and password; "
            "if your account is awaiting approval or temporarily locked, try again later."
        ),
        "de": (
            "Die Anmeldung mit diesen Daten ist fehlgeschlagen. Prüfen Sie E-Mail-Adresse "
            "und Passwort; falls Ihr Konto noch auf Freigabe wartet oder vorübergehend "
            "gesperrt ist, versuchen Sie es später erneut."
        ),
    },
}
