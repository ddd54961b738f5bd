"""UI messages: key → {es, en, de}. Error keys live in portal/i18n/errors.py."""

MESSAGES: dict[str, dict[str, str]] = {
    # Navigation
    "nav.home": {"es": "Inicio", "en": "Home", "de": "Startseite"},
    "nav.main": {"es": "Navegación principal", "en": "Main navigation", "de": "Hauptnavigation"},
    "nav.language": {"es": "Idioma", "en": "Language", "de": "Sprache"},
    "nav.logout": {"es": "Cerrar sesión", "en": "Log out", "de": "Abmelden"},
    "nav.help": {"es": "Ayuda y contacto", "en": "Help and contact", "de": "Hilfe und Kontakt"},
    "tab.service": {"es": "Servicio", "en": "Service", "de": "Service"},
    "tab.products": {
        "es": "Conocimiento y productos",
        "en": "Knowledge and products",
        "de": "Wissen und Produkte",
    },
    "tab.dashboards": {"es": "Cuadros de mando", "en": "Dashboards", "de": "Dashboards"},
    "tab.stock": {"es": "Gestión de stock", "en": "Stock management", "de": "Lagerverwaltung"},
    "tab.admin": {"es": "Administración", "en": "Administration", "de": "Verwaltung"},
    # Fields
    "field.email": {"es": "Correo electrónico", "en": "E-mail", "de": "E-Mail"},
    "field.password": {"es": "Contraseña", "en": "Password", "de": "Passwort"},
    "field.new_password": {"es": "Nueva contraseña", "en": "New password", "de": "Neues Passwort"},
    "field.confirm_password": {
        "es": "Repita la contraseña",
        "en": "Repeat the password",
        "de": "Passwort wiederholen",
    },
    "field.company_name": {"es": "Empresa", "en": "Company", "de": "Firma"},
    "field.full_name": {"es": "Nombre y apellidos", "en": "Full name", "de": "Vor- und Nachname"},
    "field.phone": {"es": "Teléfono", "en": "Phone", "de": "Telefon"},
    "field.serial": {
        "es": "Número de serie de un equipo",
        "en": "Serial number of one machine",
        "de": "Seriennummer eines Geräts",
    },
    "field.postal_code": {
        "es": "Código postal de su ubicación",
        "en": "Postal code of its location",
        "de": "Postleitzahl des Standorts",
    },
    "field.language": {
        "es": "Idioma preferido",
        "en": "Preferred language",
        "de": "Bevorzugte Sprache",
    },
    # Log in
    "login.title": {"es": "Iniciar sesión", "en": "Log in", "de": "Anmelden"},
    "login.intro": {
        "es": "Acceda a sus cuentas, contratos, equipos y solicitudes de servicio.",
        "en": "Access your accounts, contracts, machines and service requests.",
        "de": "Greifen Sie auf Ihre Konten, Verträge, Geräte und Serviceanfragen zu.",
    },
    "login.submit": {"es": "Iniciar sesión", "en": "Log in", "de": "Anmelden"},
    "login.failed": {
        "es": "El correo electrónico o la contraseña no son correctos, o la cuenta no está "
        "disponible en este momento.",
        "en": "The e-mail or password is not correct, or the account is not available "
        "at the moment.",
        "de": "E-Mail oder Passwort sind nicht korrekt, oder das Konto ist derzeit "
        "nicht verfügbar.",
    },
    "login.forgot": {
        "es": "¿Ha olvidado su contraseña?",
        "en": "Forgot your password?",
        "de": "Passwort vergessen?",
    },
    "login.register": {"es": "Registrarse", "en": "Register", "de": "Registrieren"},
    "notice.activated": {
        "es": "Su contraseña está guardada. Ya puede iniciar sesión (si su empresa ya tiene "
        "administrador, este debe aprobar su acceso antes).",
        "en": "Your password is saved. You can log in now (if your company already has an "
        "administrator, they must approve your access first).",
        "de": "Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden (hat Ihre Firma "
        "bereits einen Administrator, muss dieser Ihren Zugang zuerst freigeben).",
    },
    "notice.reset": {
        "es": "Su contraseña ha cambiado. Inicie sesión con la nueva contraseña.",
        "en": "Your password has been changed. Log in with the new password.",
        "de": "Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen Passwort an.",
    },
    # Registration
    "register.title": {"es": "Registro", "en": "Registration", "de": "Registrierung"},
    "register.intro": {
        "es": "Regístrese con los datos de uno de los equipos de su empresa. Le enviaremos "
        "un enlace para activar su acceso.",
        "en": "Register with the details of one of your company's machines. We will send "
        "you a link to activate your access.",
        "de": "Registrieren Sie sich mit den Daten eines Geräts Ihrer Firma. Wir senden "
        "Ihnen einen Link zur Aktivierung Ihres Zugangs.",
    },
    "register.device_hint": {
        "es": "El número de serie figura en la etiqueta del equipo y en su contrato.",
        "en": "The serial number is on the machine's label and in your contract.",
        "de": "Die Seriennummer steht auf dem Typenschild des Geräts und in Ihrem Vertrag.",
    },
    "register.submit": {"es": "Registrarse", "en": "Register", "de": "Registrieren"},
    "register.done": {
        "es": "Gracias. Si los datos son correctos, recibirá en breve un correo con un "
        "enlace para activar su acceso. El enlace es válido 48 horas.",
        "en": "Thank you. If the details are correct, you will shortly receive an e-mail "
        "with a link to activate your access. The link is valid for 48 hours.",
        "de": "Vielen Dank. Wenn die Angaben stimmen, erhalten Sie in Kürze eine E-Mail mit "
        "einem Link zur Aktivierung Ihres Zugangs. Der Link ist 48 Stunden gültig.",
    },
    "register.back_to_login": {
        "es": "Volver a iniciar sesión",
        "en": "Back to log in",
        "de": "Zurück zur Anmeldung",
    },
    "register.have_account": {
        "es": "¿Ya tiene acceso?",
        "en": "Already have access?",
        "de": "Sie haben bereits Zugang?",
    },
    # Passwords
    "password.title": {
        "es": "Establecer contraseña",
        "en": "Set your password",
        "de": "Passwort festlegen",
    },
    "password.rules": {
        "es": "Al menos 10 caracteres; mejor una frase fácil de recordar.",
        "en": "At least 10 characters; a phrase you can remember works best.",
        "de": "Mindestens 10 Zeichen; am besten ein Satz, den Sie sich merken können.",
    },
    "password.submit": {
        "es": "Guardar contraseña",
        "en": "Save password",
        "de": "Passwort speichern",
    },
    "forgot.title": {
        "es": "Restablecer contraseña",
        "en": "Reset your password",
        "de": "Passwort zurücksetzen",
    },
    "forgot.intro": {
        "es": "Indique su correo electrónico y le enviaremos un enlace para elegir una "
        "contraseña nueva.",
        "en": "Enter your e-mail and we will send you a link to choose a new password.",
        "de": "Geben Sie Ihre E-Mail-Adresse ein; wir senden Ihnen einen Link, um ein neues "
        "Passwort zu wählen.",
    },
    "forgot.submit": {"es": "Enviar enlace", "en": "Send link", "de": "Link senden"},
    "forgot.sent": {
        "es": "Si la dirección pertenece a un usuario del portal, recibirá un correo con un "
        "enlace válido durante una hora.",
        "en": "If the address belongs to a portal user, you will receive an e-mail with a "
        "link valid for one hour.",
        "de": "Wenn die Adresse zu einem Portalbenutzer gehört, erhalten Sie eine E-Mail mit "
        "einem Link, der eine Stunde gültig ist.",
    },
    # Home
    "home.welcome": {"es": "Bienvenido/a,", "en": "Welcome,", "de": "Willkommen,"},
    "home.intro": {
        "es": "Resumen de los equipos y las solicitudes de servicio a su cargo.",
        "en": "An overview of the machines and service requests in your care.",
        "de": "Überblick über die Geräte und Serviceanfragen in Ihrer Verantwortung.",
    },
    "home.products": {"es": "Equipos", "en": "Machines", "de": "Geräte"},
    "home.open_tickets": {
        "es": "Incidencias abiertas",
        "en": "Open tickets",
        "de": "Offene Tickets",
    },
    "home.accounts": {"es": "Cuentas", "en": "Accounts", "de": "Konten"},
    "home.help_title": {"es": "¿Necesita ayuda?", "en": "Need help?", "de": "Brauchen Sie Hilfe?"},
    "home.help_text": {
        "es": "Nuestro servicio de atención le ayuda en el",
        "en": "Our service desk is there for you on",
        "de": "Unser Service-Desk ist für Sie da unter",
    },
    # Help
    "help.title": {"es": "Ayuda y contacto", "en": "Help and contact", "de": "Hilfe und Kontakt"},
    "help.intro": {
        "es": "Así puede ponerse en contacto con su proveedor de servicio.",
        "en": "This is how to reach your service provider.",
        "de": "So erreichen Sie Ihren Servicepartner.",
    },
    "help.provider": {"es": "Proveedor", "en": "Provider", "de": "Anbieter"},
    "help.phone": {"es": "Teléfono de soporte", "en": "Support phone", "de": "Support-Telefon"},
    "help.email": {"es": "Correo de soporte", "en": "Support e-mail", "de": "Support-E-Mail"},
    "help.downloads": {
        "es": "Centro de descargas (controladores, manuales, firmware)",
        "en": "Download centre (drivers, manuals, firmware)",
        "de": "Download-Center (Treiber, Handbücher, Firmware)",
    },
    "help.faq_title": {
        "es": "Preguntas frecuentes",
        "en": "Frequently asked",
        "de": "Häufige Fragen",
    },
    "help.faq_login": {
        "es": "¿No puede iniciar sesión? Tras varios intentos fallidos la cuenta se bloquea "
        "unos minutos; use «¿Ha olvidado su contraseña?» para elegir una nueva.",
        "en": "Can't log in? After several failed attempts the account locks for a few "
        "minutes; use “Forgot your password?” to choose a new one.",
        "de": "Anmeldung klappt nicht? Nach mehreren Fehlversuchen wird das Konto einige "
        "Minuten gesperrt; wählen Sie über „Passwort vergessen?“ ein neues.",
    },
    "help.faq_register": {
        "es": "Para registrarse necesita el número de serie de un equipo de su empresa y el "
        "código postal de su ubicación.",
        "en": "To register you need the serial number of one of your company's machines and "
        "the postal code of its location.",
        "de": "Für die Registrierung benötigen Sie die Seriennummer eines Geräts Ihrer Firma "
        "und die Postleitzahl seines Standorts.",
    },
    "help.faq_pending": {
        "es": "Si su empresa ya tiene administrador, este aprobará su acceso.",
        "en": "If your company already has an administrator, they will approve your access.",
        "de": "Hat Ihre Firma bereits einen Administrator, gibt dieser Ihren Zugang frei.",
    },
    # Not found
    "notfound.title": {
        "es": "Página no encontrada",
        "en": "Page not found",
        "de": "Seite nicht gefunden",
    },
    "notfound.text": {
        "es": "La dirección no existe o ya no está disponible.",
        "en": "This address does not exist or is no longer available.",
        "de": "Diese Adresse existiert nicht oder ist nicht mehr verfügbar.",
    },
    "notfound.home": {"es": "Ir al inicio", "en": "Go to the home page", "de": "Zur Startseite"},
    "error.password_mismatch": {
        "es": "Las dos contraseñas no coinciden.",
        "en": "The two passwords do not match.",
        "de": "Die beiden Passwörter stimmen nicht überein.",
    },
    "error.not_found": {
        "es": "No se ha encontrado el elemento o no tiene acceso a él.",
        "en": "The item was not found or you do not have access to it.",
        "de": "Das Element wurde nicht gefunden oder Sie haben keinen Zugriff darauf.",
    },
    "error.permission_denied": {
        "es": "No tiene permiso para realizar esta acción.",
        "en": "You are not allowed to do this.",
        "de": "Sie sind dazu nicht berechtigt.",
    },
    "error.account_not_active": {
        "es": "Su cuenta no está activa.",
        "en": "Your account is not active.",
        "de": "Ihr Konto ist nicht aktiv.",
    },
    "section.products": {"es": "Equipos", "en": "Machines", "de": "Geräte"},
    "section.accounts": {"es": "Cuentas", "en": "Accounts", "de": "Konten"},
    "section.users": {"es": "Usuarios", "en": "Users", "de": "Benutzer"},
    "section.groups": {"es": "Grupos", "en": "Groups", "de": "Gruppen"},
    "section.audit": {"es": "Registro de auditoría", "en": "Audit log", "de": "Änderungsprotokoll"},
}
