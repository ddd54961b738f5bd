"""Knowledge articles of the demo data (SPEC G4, D1): troubleshooting texts in es, en and de.

Each article explains one error code of the fictional Acme fleet. The texts are
built from a table of codes (meaning and one code-specific tip per language)
and one template per kind of fault (jam, fusing, motor …) that gives the
causes, the steps and when to open a ticket. The bodies are Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("es", "en", "de")

COLOUR_MODELS = ("Acme C2510i", "Acme C3530i", "Acme C5560i")
MONO_MODELS = ("Acme M3020i", "Acme M4125i", "Acme M6235i")
ALL_MODELS = COLOUR_MODELS + MONO_MODELS
A3_MODELS = ("Acme C3530i", "Acme C5560i", "Acme M6235i")
"""Models with A3 paper path, optional paper feed unit, large capacity tray and finisher."""
BRIDGE_MODELS = ("Acme C5560i", "Acme M6235i")


def _t(es: str, en: str, de: str) -> dict[str, str]:
    return {"es": es, "en": en, "de": de}


_HEADINGS = {
    "es": ("Causas probables", "Pasos para resolverlo", "Cuándo abrir una incidencia"),
    "en": ("Likely causes", "Steps to resolve", "When to open a ticket"),
    "de": ("Mögliche Ursachen", "Lösungsschritte", "Wann Sie ein Ticket eröffnen sollten"),
}
_MODELS_LABEL = _t("Modelos afectados", "Affected models", "Betroffene Modelle")


@dataclass(frozen=True)
class _Template:
    """The text of one kind of fault in one language; ``{…}`` slots are filled per code."""

    intro: str
    causes: tuple[str, ...]
    steps: tuple[str, ...]
    closing: str
    meaning: str = "{meaning}"


_TEMPLATES: dict[str, dict[str, _Template]] = {
    "jam": {
        "es": _Template(
            meaning="Atasco de papel en {where}",
            intro=(
                "El equipo ha detectado una hoja detenida en {where} y ha interrumpido el "
                "trabajo para proteger el mecanismo de arrastre. En cuanto se retira el papel, "
                "el trabajo continúa desde la página en la que se detuvo."
            ),
            causes=(
                "Papel húmedo, ondulado o de un gramaje distinto del configurado para la bandeja.",
                "Guías de la bandeja demasiado holgadas o demasiado apretadas contra la pila.",
                "Restos de papel, etiquetas o clips en el recorrido del papel.",
                "Rodillos de alimentación desgastados (habitual a partir de 150.000 páginas "
                "por bandeja).",
            ),
            steps=(
                "No apague el equipo: la pantalla muestra dónde está la hoja y el aviso se "
                "borra solo al retirarla.",
                "{access}",
                "Retire la hoja despacio, con las dos manos y en el sentido de avance del "
                "papel, para que no se rompa.",
                "{hint}",
                "Compruebe que no quedan trozos de papel, cierre todas las puertas y espere a "
                "que desaparezca el aviso.",
                "Airee el papel antes de cargarlo y revise que el tamaño y el tipo "
                "configurados para la bandeja coinciden con el papel cargado.",
            ),
            closing=(
                "Si el atasco {code} se repite varias veces al día con papel en buen estado, "
                "abra una incidencia del tipo «Atasco de papel» indicando el código: "
                "probablemente haya que sustituir los rodillos de alimentación o un sensor."
            ),
        ),
        "en": _Template(
            meaning="Paper jam in {where}",
            intro=(
                "The machine has detected a sheet stopped in {where} and has interrupted the "
                "job to protect the paper transport. As soon as the paper is removed, the job "
                "resumes from the page where it stopped."
            ),
            causes=(
                "Damp or curled paper, or paper of a different weight from the one set for "
                "the tray.",
                "Tray guides too loose or pressed too tightly against the paper stack.",
                "Scraps of paper, labels or paper clips in the paper path.",
                "Worn feed rollers (common after about 150,000 pages per tray).",
            ),
            steps=(
                "Do not switch the machine off: the display shows where the sheet is and the "
                "message clears by itself once it has been removed.",
                "{access}",
                "Pull the sheet out slowly with both hands, in the direction the paper "
                "travels, so that it does not tear.",
                "{hint}",
                "Make sure no scraps are left, close all doors and wait for the message to clear.",
                "Fan the paper before loading it and check that the paper size and type set "
                "for the tray match the paper loaded.",
            ),
            closing=(
                "If jam {code} happens several times a day with paper in good condition, open "
                "a ticket of type “Paper jam” quoting the code: the feed rollers or a sensor "
                "probably need replacing."
            ),
        ),
        "de": _Template(
            meaning="Papierstau – {where}",
            intro=(
                "Das Gerät hat ein Blatt erkannt, das im Bereich {where} stehen geblieben ist, "
                "und den Auftrag unterbrochen, um den Papiertransport zu schützen. Sobald das "
                "Papier entfernt ist, wird der Auftrag ab der unterbrochenen Seite fortgesetzt."
            ),
            causes=(
                "Feuchtes oder gewelltes Papier oder ein anderes Papiergewicht als für das "
                "Fach eingestellt.",
                "Papierführungen zu locker oder zu fest am Papierstapel.",
                "Papierreste, Etiketten oder Büroklammern im Papierweg.",
                "Abgenutzte Einzugsrollen (üblich ab etwa 150.000 Seiten pro Fach).",
            ),
            steps=(
                "Schalten Sie das Gerät nicht aus: Das Display zeigt, wo sich das Blatt "
                "befindet, und die Meldung verschwindet von selbst, sobald es entfernt ist.",
                "{access}",
                "Ziehen Sie das Blatt langsam mit beiden Händen in Transportrichtung heraus, "
                "damit es nicht reißt.",
                "{hint}",
                "Vergewissern Sie sich, dass keine Papierreste zurückbleiben, schließen Sie "
                "alle Klappen und warten Sie, bis die Meldung erlischt.",
                "Fächern Sie das Papier vor dem Einlegen auf und prüfen Sie, ob das für das "
                "Fach eingestellte Format und die Papiersorte dem eingelegten Papier "
                "entsprechen.",
            ),
            closing=(
                "Tritt der Stau {code} trotz einwandfreien Papiers mehrmals täglich auf, "
                "eröffnen Sie ein Ticket vom Typ „Papierstau“ mit dem Code: Wahrscheinlich "
                "müssen die Einzugsrollen oder ein Sensor ersetzt werden."
            ),
        ),
    },
    "fuser": {
        "es": _Template(
            intro=(
                "La unidad de fusión fija el tóner al papel mediante calor y presión. El "
                "equipo vigila su temperatura continuamente y se detiene con este código para "
                "evitar daños o riesgo de incendio."
            ),
            causes=(
                "Lámpara o resistencia de fusión agotada.",
                "Termistor sucio o desplazado, por ejemplo tras un atasco en la salida de fusión.",
                "Tensión de red inestable, alargadores o regletas sobrecargadas.",
                "Unidad de fusión al final de su vida útil (consulte su contador en el "
                "informe de configuración).",
            ),
            steps=(
                "Apague el equipo con el interruptor principal y desconéctelo de la red "
                "durante 30 segundos.",
                "Compruebe que el cable de alimentación va directamente a una toma de pared, "
                "sin alargadores ni regletas.",
                "{hint}",
                "Vuelva a encender el equipo y espere a que termine el calentamiento (unos 30 "
                "segundos).",
                "No abra ni manipule la unidad de fusión: supera los 180 °C y su sustitución "
                "corresponde al servicio técnico.",
            ),
            closing=(
                "Si el código {code} reaparece tras el reinicio, el equipo necesita una visita "
                "técnica. Abra una incidencia del tipo «Avería» indicando el código y deje el "
                "equipo encendido para que el técnico pueda leer el historial de errores."
            ),
        ),
        "en": _Template(
            intro=(
                "The fusing unit bonds the toner to the paper with heat and pressure. The "
                "machine monitors its temperature continuously and stops with this code to "
                "prevent damage or a fire risk."
            ),
            causes=(
                "Fusing lamp or heater worn out.",
                "Dirty or displaced thermistor, for example after a jam at the fusing exit.",
                "Unstable mains voltage, extension leads or overloaded power strips.",
                "Fusing unit at the end of its life (see its counter in the configuration report).",
            ),
            steps=(
                "Switch the machine off at the main power switch and unplug it for 30 seconds.",
                "Make sure the power cord goes straight into a wall socket, without extension "
                "leads or power strips.",
                "{hint}",
                "Switch the machine back on and wait for warm-up to finish (about 30 seconds).",
                "Do not open or handle the fusing unit: it exceeds 180 °C and replacing it is "
                "a job for the service engineer.",
            ),
            closing=(
                "If code {code} comes back after the restart, the machine needs an engineer "
                "visit. Open a ticket of type “Hardware fault” quoting the code and leave the "
                "machine switched on so the engineer can read the error history."
            ),
        ),
        "de": _Template(
            intro=(
                "Die Fixiereinheit verbindet den Toner durch Hitze und Druck mit dem Papier. "
                "Das Gerät überwacht ihre Temperatur ständig und stoppt mit diesem Code, um "
                "Schäden oder Brandgefahr zu vermeiden."
            ),
            causes=(
                "Fixierlampe oder Heizelement verbraucht.",
                "Verschmutzter oder verschobener Thermistor, etwa nach einem Stau am "
                "Fixierausgang.",
                "Instabile Netzspannung, Verlängerungskabel oder überlastete Steckdosenleisten.",
                "Fixiereinheit am Ende ihrer Lebensdauer (siehe Zähler im Konfigurationsbericht).",
            ),
            steps=(
                "Schalten Sie das Gerät am Hauptschalter aus und trennen Sie es 30 Sekunden "
                "lang vom Netz.",
                "Stellen Sie sicher, dass das Netzkabel direkt in einer Wandsteckdose steckt, "
                "ohne Verlängerung oder Steckdosenleiste.",
                "{hint}",
                "Schalten Sie das Gerät wieder ein und warten Sie, bis die Aufwärmphase "
                "beendet ist (etwa 30 Sekunden).",
                "Öffnen oder berühren Sie die Fixiereinheit nicht: Sie wird über 180 °C heiß, "
                "und ihr Austausch ist Sache des Servicetechnikers.",
            ),
            closing=(
                "Erscheint der Code {code} nach dem Neustart erneut, ist ein Technikereinsatz "
                "nötig. Eröffnen Sie ein Ticket vom Typ „Hardwarefehler“ mit dem Code und "
                "lassen Sie das Gerät eingeschaltet, damit der Techniker den Fehlerspeicher "
                "auslesen kann."
            ),
        ),
    },
    "motor": {
        "es": _Template(
            intro=(
                "El equipo supervisa la velocidad de cada motor mediante sensores. Cuando uno "
                "no arranca, se bloquea o gira a una velocidad irregular, el equipo se detiene "
                "con este código para no dañar los engranajes."
            ),
            causes=(
                "Papel u objetos extraños bloqueando el recorrido del papel o los engranajes.",
                "Unidad de tambor, tóner o revelado mal encajada.",
                "Desgaste del motor o de su placa de control.",
                "Conector suelto tras un traslado o una intervención reciente.",
            ),
            steps=(
                "Apague el equipo, espere 10 segundos y vuelva a encenderlo.",
                "Abra las puertas frontal y derecha y compruebe que no hay papel ni objetos "
                "extraños en el interior.",
                "{hint}",
                "Cierre todas las puertas con firmeza: una puerta mal cerrada impide que "
                "arranquen los motores.",
            ),
            closing=(
                "Si el código {code} se repite, abra una incidencia del tipo «Avería» "
                "indicando el código y si el equipo se ha trasladado recientemente. No siga "
                "reiniciando el equipo: un motor bloqueado puede dañar los engranajes."
            ),
        ),
        "en": _Template(
            intro=(
                "The machine monitors the speed of every motor through sensors. When one does "
                "not start, locks or turns at an irregular speed, the machine stops with this "
                "code to avoid damaging the gears."
            ),
            causes=(
                "Paper or foreign objects blocking the paper path or the gears.",
                "Drum, toner or developer unit not seated correctly.",
                "Wear of the motor or its drive board.",
                "Loose connector after a move or a recent service visit.",
            ),
            steps=(
                "Switch the machine off, wait 10 seconds and switch it back on.",
                "Open the front and right-hand doors and check that there is no paper or "
                "foreign object inside.",
                "{hint}",
                "Close all doors firmly: a door that is not fully closed stops the motors from "
                "starting.",
            ),
            closing=(
                "If code {code} keeps coming back, open a ticket of type “Hardware fault” "
                "quoting the code and whether the machine has been moved recently. Do not keep "
                "restarting it: a locked motor can damage the gears."
            ),
        ),
        "de": _Template(
            intro=(
                "Das Gerät überwacht die Drehzahl jedes Motors über Sensoren. Läuft ein Motor "
                "nicht an, blockiert er oder dreht er unregelmäßig, stoppt das Gerät mit diesem "
                "Code, um das Getriebe nicht zu beschädigen."
            ),
            causes=(
                "Papier oder Fremdkörper blockieren den Papierweg oder das Getriebe.",
                "Trommel-, Toner- oder Entwicklereinheit nicht richtig eingesetzt.",
                "Verschleiß des Motors oder seiner Ansteuerplatine.",
                "Lockerer Steckverbinder nach einem Umzug oder einem kürzlichen Serviceeinsatz.",
            ),
            steps=(
                "Schalten Sie das Gerät aus, warten Sie 10 Sekunden und schalten Sie es wieder "
                "ein.",
                "Öffnen Sie die vordere und die rechte Klappe und prüfen Sie, ob sich Papier "
                "oder Fremdkörper im Gerät befinden.",
                "{hint}",
                "Schließen Sie alle Klappen fest: Eine nicht ganz geschlossene Klappe "
                "verhindert das Anlaufen der Motoren.",
            ),
            closing=(
                "Tritt der Code {code} wiederholt auf, eröffnen Sie ein Ticket vom Typ "
                "„Hardwarefehler“ mit dem Code und dem Hinweis, ob das Gerät kürzlich "
                "umgestellt wurde. Starten Sie das Gerät nicht immer wieder neu: Ein "
                "blockierter Motor kann das Getriebe beschädigen."
            ),
        ),
    },
    "optics": {
        "es": _Template(
            intro=(
                "Este código procede de la unidad óptica: el escáner que lee los originales o "
                "el láser que forma la imagen en el tambor. El equipo bloquea las funciones "
                "que dependen de esa unidad hasta que se resuelva la causa."
            ),
            causes=(
                "Polvo o suciedad en el cristal de exposición, en la banda de referencia "
                "blanca o en las ventanas ópticas.",
                "Bloqueo de transporte activado o unidad desplazada tras un traslado.",
                "Componente óptico (lámpara, sensor CCD o láser) al final de su vida útil.",
                "Fallo de conexión entre la unidad y la placa de control.",
            ),
            steps=(
                "Apague el equipo y vuelva a encenderlo pasados 10 segundos.",
                "{hint}",
                "Limpie el cristal de exposición y la ranura de lectura del alimentador con un "
                "paño suave que no suelte pelusa.",
                "Haga una copia de prueba y anote si el fallo afecta solo a la copia y al "
                "escaneo o también a la impresión desde el ordenador.",
            ),
            closing=(
                "Si el código {code} persiste, abra una incidencia del tipo «Avería» indicando "
                "el código y el resultado de la copia de prueba; las piezas ópticas solo las "
                "sustituye el servicio técnico."
            ),
        ),
        "en": _Template(
            intro=(
                "This code comes from the optical unit: the scanner that reads originals or "
                "the laser that writes the image on the drum. The machine blocks the functions "
                "that depend on that unit until the cause is removed."
            ),
            causes=(
                "Dust or dirt on the exposure glass, the white reference strip or the optical "
                "windows.",
                "Transport lock engaged, or unit displaced after a move.",
                "Optical part (lamp, CCD sensor or laser) at the end of its life.",
                "Bad connection between the unit and the control board.",
            ),
            steps=(
                "Switch the machine off and back on after 10 seconds.",
                "{hint}",
                "Clean the exposure glass and the document feeder's scanning slit with a soft, "
                "lint-free cloth.",
                "Make a test copy and note whether the fault affects only copying and scanning "
                "or printing from a computer too.",
            ),
            closing=(
                "If code {code} persists, open a ticket of type “Hardware fault” quoting the "
                "code and the result of the test copy; optical parts are replaced only by the "
                "service engineer."
            ),
        ),
        "de": _Template(
            intro=(
                "Dieser Code stammt von der optischen Einheit: dem Scanner, der die Vorlagen "
                "liest, oder dem Laser, der das Bild auf die Trommel schreibt. Das Gerät sperrt "
                "die davon abhängigen Funktionen, bis die Ursache behoben ist."
            ),
            causes=(
                "Staub oder Schmutz auf dem Vorlagenglas, dem weißen Referenzstreifen oder den "
                "optischen Fenstern.",
                "Transportsicherung aktiv oder Einheit nach einem Umzug verschoben.",
                "Optisches Bauteil (Lampe, CCD-Sensor oder Laser) am Ende seiner Lebensdauer.",
                "Schlechte Verbindung zwischen der Einheit und der Steuerplatine.",
            ),
            steps=(
                "Schalten Sie das Gerät aus und nach 10 Sekunden wieder ein.",
                "{hint}",
                "Reinigen Sie das Vorlagenglas und den Scanschlitz des Vorlageneinzugs mit "
                "einem weichen, fusselfreien Tuch.",
                "Erstellen Sie eine Testkopie und notieren Sie, ob nur Kopieren und Scannen "
                "oder auch das Drucken vom Computer betroffen ist.",
            ),
            closing=(
                "Bleibt der Code {code} bestehen, eröffnen Sie ein Ticket vom Typ "
                "„Hardwarefehler“ mit dem Code und dem Ergebnis der Testkopie; optische Teile "
                "tauscht nur der Servicetechniker."
            ),
        ),
    },
    "controller": {
        "es": _Template(
            intro=(
                "El controlador es el ordenador interno del equipo: gestiona los trabajos, la "
                "red, el disco y el panel. Los errores de controlador suelen desaparecer con "
                "un reinicio completo, pero si se repiten conviene que los revise el servicio "
                "técnico."
            ),
            causes=(
                "Trabajo de impresión dañado o demasiado complejo.",
                "Corte de alimentación durante una escritura en disco o una actualización.",
                "Firmware desactualizado con un error conocido.",
                "Avería de la placa del controlador, de la memoria o del disco duro.",
            ),
            steps=(
                "Apague el equipo con el botón del panel y espere a que se apague el "
                "indicador de alimentación.",
                "Desconecte el interruptor principal, espere 30 segundos y vuelva a encender.",
                "{hint}",
                "Si el equipo arranca, imprima el informe de configuración (Menú → Informes) "
                "y anote la versión de firmware.",
            ),
            closing=(
                "Si el código {code} vuelve a aparecer, abra una incidencia indicando el "
                "código, la versión de firmware y qué se estaba haciendo en ese momento. En "
                "muchos casos el técnico puede actualizar el firmware de forma remota."
            ),
        ),
        "en": _Template(
            intro=(
                "The controller is the machine's internal computer: it handles jobs, network, "
                "disk and panel. Controller errors usually clear with a full restart, but if "
                "they recur the service engineer should look at them."
            ),
            causes=(
                "Corrupt or overly complex print job.",
                "Power cut during a disk write or an update.",
                "Outdated firmware with a known bug.",
                "Failure of the controller board, memory or hard disk.",
            ),
            steps=(
                "Switch the machine off with the panel button and wait until the power "
                "indicator goes out.",
                "Turn off the main power switch, wait 30 seconds and switch on again.",
                "{hint}",
                "If the machine starts, print the configuration report (Menu → Reports) and "
                "note the firmware version.",
            ),
            closing=(
                "If code {code} comes back, open a ticket quoting the code, the firmware "
                "version and what was being done at the time. In many cases the engineer can "
                "update the firmware remotely."
            ),
        ),
        "de": _Template(
            intro=(
                "Der Controller ist der interne Computer des Geräts: Er verwaltet Aufträge, "
                "Netzwerk, Festplatte und Bedienfeld. Controllerfehler verschwinden meist mit "
                "einem vollständigen Neustart; wiederholen sie sich, sollte der Service sie "
                "prüfen."
            ),
            causes=(
                "Beschädigter oder zu komplexer Druckauftrag.",
                "Stromausfall während eines Schreibvorgangs auf die Festplatte oder eines Updates.",
                "Veraltete Firmware mit bekanntem Fehler.",
                "Defekt der Controllerplatine, des Speichers oder der Festplatte.",
            ),
            steps=(
                "Schalten Sie das Gerät mit der Taste am Bedienfeld aus und warten Sie, bis "
                "die Betriebsanzeige erlischt.",
                "Schalten Sie den Hauptschalter aus, warten Sie 30 Sekunden und schalten Sie "
                "wieder ein.",
                "{hint}",
                "Startet das Gerät, drucken Sie den Konfigurationsbericht (Menü → Berichte) "
                "und notieren Sie die Firmwareversion.",
            ),
            closing=(
                "Erscheint der Code {code} erneut, eröffnen Sie ein Ticket mit dem Code, der "
                "Firmwareversion und der Tätigkeit zum Zeitpunkt des Fehlers. In vielen Fällen "
                "kann der Techniker die Firmware aus der Ferne aktualisieren."
            ),
        ),
    },
    "network": {
        "es": _Template(
            intro=(
                "Este código aparece al enviar un escaneo o al consultar un servidor de la "
                "red. No indica una avería del equipo, sino un problema de configuración o de "
                "comunicación con el servidor de destino."
            ),
            causes=(
                "Cambios en el servidor de destino: nombre, dirección IP, contraseña o permisos.",
                "Un cortafuegos o un antivirus bloquea el puerto que utiliza el equipo.",
                "Configuración de red del equipo incorrecta: DNS, puerta de enlace o fecha y hora.",
                "Contraseña caducada de la cuenta de servicio usada para escanear.",
            ),
            steps=(
                "Imprima la página de configuración de red y compruebe la dirección IP, la "
                "máscara, la puerta de enlace y los servidores DNS.",
                "{hint}",
                "Desde un ordenador de la misma red, compruebe que puede acceder al destino "
                "con el mismo usuario y contraseña.",
                "Corrija el destino en la libreta de direcciones desde la página web del "
                "equipo (escriba su dirección IP en el navegador) y repita el envío.",
            ),
            closing=(
                "Si el destino funciona desde un ordenador pero no desde el equipo, abra una "
                "incidencia del tipo «Red / escaneo» con el código {code}: un técnico puede "
                "conectarse de forma remota para revisarlo."
            ),
        ),
        "en": _Template(
            intro=(
                "This code appears when sending a scan or querying a server on the network. "
                "It is not a machine fault but a configuration or communication problem with "
                "the destination server."
            ),
            causes=(
                "Changes on the destination server: name, IP address, password or permissions.",
                "A firewall or antivirus blocks the port the machine uses.",
                "Wrong network settings on the machine: DNS, gateway or date and time.",
                "Expired password of the service account used for scanning.",
            ),
            steps=(
                "Print the network configuration page and check the IP address, subnet mask, "
                "gateway and DNS servers.",
                "{hint}",
                "From a computer on the same network, check that you can reach the "
                "destination with the same user name and password.",
                "Correct the destination in the address book through the machine's web page "
                "(type its IP address into a browser) and send again.",
            ),
            closing=(
                "If the destination works from a computer but not from the machine, open a "
                "ticket of type “Network / scanning” quoting code {code}: an engineer can "
                "connect remotely to check it."
            ),
        ),
        "de": _Template(
            intro=(
                "Dieser Code erscheint beim Senden eines Scans oder bei der Abfrage eines "
                "Servers im Netzwerk. Er bedeutet keinen Gerätedefekt, sondern ein "
                "Konfigurations- oder Kommunikationsproblem mit dem Zielserver."
            ),
            causes=(
                "Änderungen am Zielserver: Name, IP-Adresse, Passwort oder Berechtigungen.",
                "Eine Firewall oder ein Virenscanner blockiert den vom Gerät verwendeten Port.",
                "Falsche Netzwerkeinstellungen am Gerät: DNS, Gateway oder Datum und Uhrzeit.",
                "Abgelaufenes Passwort des Dienstkontos, das zum Scannen verwendet wird.",
            ),
            steps=(
                "Drucken Sie die Netzwerkkonfigurationsseite und prüfen Sie IP-Adresse, "
                "Subnetzmaske, Gateway und DNS-Server.",
                "{hint}",
                "Prüfen Sie von einem Computer im selben Netzwerk, ob Sie das Ziel mit "
                "demselben Benutzernamen und Passwort erreichen.",
                "Korrigieren Sie das Ziel im Adressbuch über die Webseite des Geräts "
                "(IP-Adresse im Browser eingeben) und senden Sie erneut.",
            ),
            closing=(
                "Funktioniert das Ziel vom Computer aus, aber nicht vom Gerät, eröffnen Sie "
                "ein Ticket vom Typ „Netzwerk / Scannen“ mit dem Code {code}: Ein Techniker "
                "kann sich per Fernzugriff verbinden und es prüfen."
            ),
        ),
    },
    "toner": {
        "es": _Template(
            intro=(
                "El cartucho de tóner {colour} se ha agotado. El equipo deja de imprimir para "
                "proteger la unidad de revelado; no es una avería."
            ),
            causes=(
                "El cartucho ha llegado al final de su rendimiento.",
                "Tóner compactado que el sensor no detecta aunque quede polvo en el cartucho.",
                "Cartucho nuevo instalado sin retirar el precinto.",
            ),
            steps=(
                "Abra la puerta frontal del equipo.",
                "Gire la palanca del cartucho {colour} y extráigalo tirando de él en horizontal.",
                "Agite el cartucho nuevo en horizontal cinco o seis veces y retire el precinto.",
                "Introdúzcalo hasta oír un clic, gire la palanca y cierre la puerta.",
                "Si el producto tiene reposición automática, el pedido del siguiente cartucho "
                "se genera solo; si no, pídalo desde «Consumibles» en el portal.",
                "{hint}",
            ),
            closing=(
                "Si el aviso {code} continúa con un cartucho nuevo y bien colocado, abra una "
                "incidencia del tipo «Consumibles» indicando el código."
            ),
        ),
        "en": _Template(
            intro=(
                "The {colour} toner cartridge is empty. The machine stops printing to protect "
                "the developer unit; this is not a fault."
            ),
            causes=(
                "The cartridge has reached the end of its yield.",
                "Compacted toner that the sensor does not detect although powder is left in "
                "the cartridge.",
                "New cartridge installed without removing the seal.",
            ),
            steps=(
                "Open the machine's front door.",
                "Turn the lever of the {colour} cartridge and pull the cartridge out horizontally.",
                "Shake the new cartridge horizontally five or six times and remove the seal.",
                "Push it in until it clicks, turn the lever back and close the door.",
                "If the product is on automatic replenishment, the next cartridge is ordered "
                "automatically; otherwise order it under “Consumables” in the portal.",
                "{hint}",
            ),
            closing=(
                "If message {code} remains with a new, correctly fitted cartridge, open a "
                "ticket of type “Consumables” quoting the code."
            ),
        ),
        "de": _Template(
            intro=(
                "Die Tonerkartusche {colour} ist leer. Das Gerät stoppt den Druck, um die "
                "Entwicklereinheit zu schützen; es handelt sich nicht um einen Defekt."
            ),
            causes=(
                "Die Kartusche hat das Ende ihrer Reichweite erreicht.",
                "Verdichteter Toner, den der Sensor nicht erkennt, obwohl noch Pulver in der "
                "Kartusche ist.",
                "Neue Kartusche ohne Entfernen der Versiegelung eingesetzt.",
            ),
            steps=(
                "Öffnen Sie die vordere Klappe des Geräts.",
                "Drehen Sie den Hebel der Kartusche {colour} und ziehen Sie die Kartusche "
                "waagerecht heraus.",
                "Schütteln Sie die neue Kartusche fünf- bis sechsmal waagerecht und entfernen "
                "Sie die Versiegelung.",
                "Schieben Sie sie ein, bis sie einrastet, drehen Sie den Hebel zurück und "
                "schließen Sie die Klappe.",
                "Ist das Produkt für die automatische Nachlieferung eingerichtet, wird die "
                "nächste Kartusche automatisch bestellt; andernfalls bestellen Sie sie im "
                "Portal unter „Verbrauchsmaterial“.",
                "{hint}",
            ),
            closing=(
                "Bleibt die Meldung {code} trotz neuer, richtig eingesetzter Kartusche "
                "bestehen, eröffnen Sie ein Ticket vom Typ „Verbrauchsmaterial“ mit dem Code."
            ),
        ),
    },
    "supply": {
        "es": _Template(
            intro=(
                "Es un aviso de mantenimiento de consumibles, no una avería: el equipo "
                "necesita que se sustituya o se vacíe una pieza de uso normal."
            ),
            causes=(
                "El consumible ha llegado al final de su vida útil o de su capacidad.",
                "El consumible no está bien encajado o su chip no hace contacto.",
                "Se ha instalado un consumible no original o de otro modelo.",
            ),
            steps=(
                "Siga la animación del panel, que indica qué puerta abrir y qué pieza sustituir.",
                "{hint}",
                "Cierre todas las puertas y compruebe que el aviso desaparece.",
                "Si no tiene repuesto, pídalo desde «Consumibles» en el portal; los productos "
                "con reposición automática lo reciben sin necesidad de pedido.",
            ),
            closing=(
                "Si el aviso {code} no desaparece tras sustituir o vaciar la pieza, abra una "
                "incidencia del tipo «Consumibles» indicando el código."
            ),
        ),
        "en": _Template(
            intro=(
                "This is a consumables maintenance message, not a fault: the machine needs a "
                "normal wear part replaced or emptied."
            ),
            causes=(
                "The consumable has reached the end of its life or capacity.",
                "The consumable is not seated correctly or its chip has no contact.",
                "A non-genuine consumable or one for another model has been installed.",
            ),
            steps=(
                "Follow the animation on the panel, which shows which door to open and which "
                "part to replace.",
                "{hint}",
                "Close all doors and check that the message clears.",
                "If you have no spare, order it under “Consumables” in the portal; products "
                "on automatic replenishment receive it without an order.",
            ),
            closing=(
                "If message {code} does not clear after replacing or emptying the part, open "
                "a ticket of type “Consumables” quoting the code."
            ),
        ),
        "de": _Template(
            intro=(
                "Dies ist ein Wartungshinweis zum Verbrauchsmaterial, kein Defekt: Ein "
                "normales Verschleißteil muss ersetzt oder geleert werden."
            ),
            causes=(
                "Das Verbrauchsmaterial hat das Ende seiner Lebensdauer oder Kapazität erreicht.",
                "Das Verbrauchsmaterial sitzt nicht richtig oder sein Chip hat keinen Kontakt.",
                "Es wurde ein nicht originales oder für ein anderes Modell bestimmtes "
                "Verbrauchsmaterial eingesetzt.",
            ),
            steps=(
                "Folgen Sie der Animation am Bedienfeld, die zeigt, welche Klappe zu öffnen "
                "und welches Teil zu ersetzen ist.",
                "{hint}",
                "Schließen Sie alle Klappen und prüfen Sie, ob die Meldung erlischt.",
                "Haben Sie keinen Ersatz, bestellen Sie ihn im Portal unter "
                "„Verbrauchsmaterial“; Produkte mit automatischer Nachlieferung erhalten ihn "
                "ohne Bestellung.",
            ),
            closing=(
                "Erlischt die Meldung {code} nach dem Ersetzen oder Leeren des Teils nicht, "
                "eröffnen Sie ein Ticket vom Typ „Verbrauchsmaterial“ mit dem Code."
            ),
        ),
    },
    "imaging": {
        "es": _Template(
            intro=(
                "Este código procede de la unidad de imagen (tambor, revelado y "
                "transferencia), responsable de la calidad de impresión. Suele ir precedido de "
                "copias con fondo gris, manchas o colores desvaídos."
            ),
            causes=(
                "Revelador agotado o contaminado.",
                "Sensor de densidad de tóner sucio.",
                "Humedad ambiental muy alta o cambios bruscos de temperatura.",
                "Unidad de tambor o de transferencia desgastada.",
            ),
            steps=(
                "Apague el equipo y vuelva a encenderlo.",
                "Compruebe en el panel el nivel de los tóneres y sustituya los que estén por "
                "debajo del 5 %.",
                "{hint}",
                "Imprima la página de prueba de calidad (Menú → Informes → Página de prueba) "
                "y guárdela para el técnico.",
            ),
            closing=(
                "Si el código {code} vuelve a aparecer o la calidad sigue siendo mala, abra "
                "una incidencia del tipo «Calidad de impresión» indicando el código y "
                "describa el defecto."
            ),
        ),
        "en": _Template(
            intro=(
                "This code comes from the imaging unit (drum, developer and transfer), which "
                "is responsible for print quality. It is often preceded by prints with a grey "
                "background, spots or faded colours."
            ),
            causes=(
                "Developer exhausted or contaminated.",
                "Dirty toner density sensor.",
                "Very high humidity or sudden temperature changes.",
                "Worn drum or transfer unit.",
            ),
            steps=(
                "Switch the machine off and on again.",
                "Check the toner levels on the panel and replace any below 5 %.",
                "{hint}",
                "Print the quality test page (Menu → Reports → Test page) and keep it for the "
                "engineer.",
            ),
            closing=(
                "If code {code} comes back or print quality stays poor, open a ticket of type "
                "“Print quality” quoting the code and describe the defect."
            ),
        ),
        "de": _Template(
            intro=(
                "Dieser Code stammt von der Bildeinheit (Trommel, Entwickler und Transfer), "
                "die für die Druckqualität zuständig ist. Oft gehen ihm Ausdrucke mit grauem "
                "Hintergrund, Flecken oder blassen Farben voraus."
            ),
            causes=(
                "Entwickler verbraucht oder verunreinigt.",
                "Verschmutzter Tonerdichtesensor.",
                "Sehr hohe Luftfeuchtigkeit oder plötzliche Temperaturwechsel.",
                "Abgenutzte Trommel- oder Transfereinheit.",
            ),
            steps=(
                "Schalten Sie das Gerät aus und wieder ein.",
                "Prüfen Sie am Bedienfeld die Tonerstände und ersetzen Sie Kartuschen unter 5 %.",
                "{hint}",
                "Drucken Sie die Qualitätstestseite (Menü → Berichte → Testseite) und bewahren "
                "Sie sie für den Techniker auf.",
            ),
            closing=(
                "Tritt der Code {code} erneut auf oder bleibt die Druckqualität schlecht, "
                "eröffnen Sie ein Ticket vom Typ „Druckqualität“ mit dem Code und beschreiben "
                "Sie den Fehler."
            ),
        ),
    },
}


@dataclass(frozen=True)
class _Code:
    """One error code: its kind of fault, the models that show it and its own texts."""

    code: str
    kind: str
    models: tuple[str, ...]
    hint: dict[str, str]
    meaning: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    access: dict[str, str] = field(default_factory=dict)
    colour: dict[str, str] = field(default_factory=dict)


def _jam(
    code: str,
    models: tuple[str, ...],
    where: dict[str, str],
    access: dict[str, str],
    hint: dict[str, str],
) -> _Code:
    return _Code(code, "jam", models, hint=hint, where=where, access=access)


def _code(
    code: str, kind: str, models: tuple[str, ...], meaning: dict[str, str], hint: dict[str, str]
) -> _Code:
    return _Code(code, kind, models, hint=hint, meaning=meaning)


def _toner(
    code: str,
    models: tuple[str, ...],
    colour: dict[str, str],
    meaning: dict[str, str],
    hint: dict[str, str],
) -> _Code:
    return _Code(code, "toner", models, hint=hint, meaning=meaning, colour=colour)


CODES: tuple[_Code, ...] = (
    # --- Paper jams -------------------------------------------------------------------
    _jam(
        "J-101",
        ALL_MODELS,
        _t("la bandeja 1", "tray 1", "Fach 1"),
        _t(
            "Extraiga la bandeja 1 hasta el tope, levántela ligeramente y sáquela por completo.",
            "Pull tray 1 out as far as it goes, lift it slightly and remove it completely.",
            "Ziehen Sie Fach 1 bis zum Anschlag heraus, heben Sie es leicht an und nehmen Sie "
            "es ganz heraus.",
        ),
        _t(
            "Mire en el hueco de la bandeja con una linterna: las hojas suelen quedar pegadas "
            "al fondo, junto al rodillo de recogida.",
            "Look into the tray slot with a torch: sheets often stay stuck at the back, next "
            "to the pick-up roller.",
            "Leuchten Sie mit einer Taschenlampe in den Fachschacht: Blätter bleiben oft "
            "hinten an der Aufnahmerolle hängen.",
        ),
    ),
    _jam(
        "J-102",
        ALL_MODELS,
        _t("la bandeja 2", "tray 2", "Fach 2"),
        _t(
            "Abra la puerta derecha inferior y después extraiga la bandeja 2.",
            "Open the lower right-hand door, then pull out tray 2.",
            "Öffnen Sie die untere rechte Klappe und ziehen Sie anschließend Fach 2 heraus.",
        ),
        _t(
            "No cargue papel por encima de la marca de nivel máximo (▼): con exceso de papel "
            "el rodillo recoge dos hojas a la vez.",
            "Do not load paper above the maximum fill mark (▼): with too much paper the "
            "roller picks two sheets at once.",
            "Legen Sie kein Papier über die Füllmarke (▼) hinaus ein: Bei zu viel Papier zieht "
            "die Rolle zwei Blätter gleichzeitig ein.",
        ),
    ),
    _jam(
        "J-103",
        A3_MODELS,
        _t(
            "la bandeja 3 (unidad de alimentación opcional)",
            "tray 3 (optional paper feed unit)",
            "Fach 3 (optionale Papierzuführung)",
        ),
        _t(
            "Abra la puerta derecha de la unidad de alimentación opcional y extraiga la bandeja 3.",
            "Open the right-hand door of the optional paper feed unit and pull out tray 3.",
            "Öffnen Sie die rechte Klappe der optionalen Papierzuführung und ziehen Sie Fach 3 "
            "heraus.",
        ),
        _t(
            "Compruebe que la unidad de alimentación está bien acoplada al equipo: si queda "
            "separada unos milímetros, el papel choca con el borde de entrada.",
            "Check that the paper feed unit is firmly docked to the machine: if it sits a few "
            "millimetres away, the paper hits the entry edge.",
            "Prüfen Sie, ob die Papierzuführung fest am Gerät angedockt ist: Steht sie einige "
            "Millimeter ab, stößt das Papier an die Einzugskante.",
        ),
    ),
    _jam(
        "J-104",
        A3_MODELS,
        _t("la bandeja de gran capacidad", "the large capacity tray", "Großraummagazin"),
        _t(
            "Pulse el botón de apertura de la bandeja de gran capacidad y espere a que baje la "
            "placa elevadora antes de deslizarla hacia fuera.",
            "Press the release button of the large capacity tray and wait for the lift plate "
            "to lower before sliding the tray out.",
            "Drücken Sie die Entriegelungstaste des Großraummagazins und warten Sie, bis sich "
            "die Hebeplatte abgesenkt hat, bevor Sie es herausziehen.",
        ),
        _t(
            "La bandeja de gran capacidad solo admite A4 de 60 a 105 g/m²: otros formatos o "
            "gramajes provocan este atasco.",
            "The large capacity tray only takes A4 paper of 60 to 105 g/m²: other sizes or "
            "weights cause this jam.",
            "Das Großraummagazin nimmt nur A4-Papier von 60 bis 105 g/m² auf: Andere Formate "
            "oder Gewichte verursachen diesen Stau.",
        ),
    ),
    _jam(
        "J-105",
        ALL_MODELS,
        _t("la bandeja manual (bypass)", "the bypass tray", "Bypass-Fach"),
        _t(
            "Retire todo el papel de la bandeja manual y abra la puerta derecha.",
            "Remove all paper from the bypass tray and open the right-hand door.",
            "Nehmen Sie das gesamte Papier aus dem Bypass-Fach und öffnen Sie die rechte Klappe.",
        ),
        _t(
            "Cargue como máximo 50 hojas normales o 10 sobres e indique el tipo de papel en "
            "el panel: sobres y cartulinas necesitan el modo «Grueso».",
            "Load at most 50 plain sheets or 10 envelopes and set the paper type on the "
            "panel: envelopes and card need the “Thick” mode.",
            "Legen Sie höchstens 50 Blatt Normalpapier oder 10 Umschläge ein und stellen Sie "
            "die Papiersorte am Bedienfeld ein: Umschläge und Karton benötigen den Modus "
            "„Dick“.",
        ),
    ),
    _jam(
        "J-201",
        ALL_MODELS,
        _t(
            "la zona de registro (entrada a la unidad de imagen)",
            "the registration area (entry to the imaging unit)",
            "Registrierbereich (Einzug in die Bildeinheit)",
        ),
        _t(
            "Abra la puerta derecha principal tirando de la palanca azul.",
            "Open the main right-hand door by pulling the blue lever.",
            "Öffnen Sie die rechte Hauptklappe mit dem blauen Hebel.",
        ),
        _t(
            "La hoja suele quedar detenida justo antes del rodillo metálico de registro; no "
            "lo toque con los dedos para no dejar grasa en él.",
            "The sheet usually stops just before the metal registration roller; do not touch "
            "the roller with your fingers, as skin oil marks it.",
            "Das Blatt bleibt meist direkt vor der metallenen Registrierwalze stehen; berühren "
            "Sie die Walze nicht mit den Fingern, da Hautfett Spuren hinterlässt.",
        ),
    ),
    _jam(
        "J-301",
        ALL_MODELS,
        _t("la salida de la unidad de fusión", "the fusing unit exit", "Fixierausgang"),
        _t(
            "Abra la puerta derecha y espere unos 10 minutos antes de tocar nada: la unidad "
            "de fusión está muy caliente.",
            "Open the right-hand door and wait about 10 minutes before touching anything: the "
            "fusing unit is very hot.",
            "Öffnen Sie die rechte Klappe und warten Sie etwa 10 Minuten, bevor Sie etwas "
            "berühren: Die Fixiereinheit ist sehr heiß.",
        ),
        _t(
            "Baje las palancas verdes de la unidad de fusión para liberar la presión, retire "
            "el papel hacia arriba y vuelva a subir las palancas; no utilice objetos "
            "metálicos.",
            "Lower the green levers of the fusing unit to release the pressure, pull the "
            "paper upwards and raise the levers again; never use metal objects.",
            "Senken Sie die grünen Hebel der Fixiereinheit, um den Druck zu lösen, ziehen Sie "
            "das Papier nach oben heraus und stellen Sie die Hebel wieder hoch; verwenden Sie "
            "keine Metallgegenstände.",
        ),
    ),
    _jam(
        "J-401",
        ALL_MODELS,
        _t("la unidad dúplex", "the duplex unit", "Duplexeinheit"),
        _t(
            "Abra la puerta derecha y, en su cara interior, levante la tapa de la unidad "
            "dúplex tirando de la lengüeta.",
            "Open the right-hand door and, on its inner side, lift the duplex unit cover by "
            "its tab.",
            "Öffnen Sie die rechte Klappe und heben Sie auf deren Innenseite die Abdeckung der "
            "Duplexeinheit an der Lasche an.",
        ),
        _t(
            "Si los atascos solo ocurren a doble cara con papel de más de 105 g/m², configure "
            "la bandeja con el tipo «Grueso 1».",
            "If jams only happen in duplex printing with paper heavier than 105 g/m², set the "
            "tray's paper type to “Thick 1”.",
            "Tritt der Stau nur beim Duplexdruck mit Papier über 105 g/m² auf, stellen Sie für "
            "das Fach die Papiersorte „Dick 1“ ein.",
        ),
    ),
    _jam(
        "J-501",
        A3_MODELS,
        _t("el finalizador", "the finisher", "Finisher"),
        _t(
            "Abra la puerta frontal del finalizador y gire la rueda verde en el sentido de la "
            "flecha para hacer avanzar el papel.",
            "Open the finisher front door and turn the green knob in the direction of the "
            "arrow to feed the paper out.",
            "Öffnen Sie die vordere Klappe des Finishers und drehen Sie das grüne Rad in "
            "Pfeilrichtung, um das Papier herauszubefördern.",
        ),
        _t(
            "Vacíe la bandeja de salida del finalizador: si está llena, las hojas no pueden "
            "salir y el equipo lo interpreta como un atasco.",
            "Empty the finisher output tray: when it is full, sheets cannot exit and the "
            "machine reports a jam.",
            "Leeren Sie das Ausgabefach des Finishers: Ist es voll, können die Blätter nicht "
            "austreten und das Gerät meldet einen Stau.",
        ),
    ),
    _jam(
        "J-601",
        ALL_MODELS,
        _t(
            "el alimentador automático de documentos (ADF)",
            "the automatic document feeder (ADF)",
            "Vorlageneinzug (ADF)",
        ),
        _t(
            "Levante la tapa superior del alimentador de documentos y, si hace falta, la guía "
            "interior verde.",
            "Lift the top cover of the document feeder and, if needed, the green inner guide.",
            "Öffnen Sie die obere Abdeckung des Vorlageneinzugs und bei Bedarf die grüne "
            "innere Führung.",
        ),
        _t(
            "Quite grapas y clips de los originales y no mezcle tamaños distintos sin activar "
            "la opción «Originales de tamaño mixto».",
            "Remove staples and clips from the originals and do not mix sizes without enabling "
            "“Mixed-size originals”.",
            "Entfernen Sie Heft- und Büroklammern von den Vorlagen und mischen Sie keine "
            "Formate, ohne „Vorlagen mit gemischtem Format“ zu aktivieren.",
        ),
    ),
    _jam(
        "J-701",
        BRIDGE_MODELS,
        _t(
            "la unidad puente (salida interna)",
            "the bridge unit (inner exit)",
            "Brückeneinheit (interne Ablage)",
        ),
        _t(
            "Abra la tapa de la unidad puente, situada sobre la bandeja interna de salida.",
            "Open the bridge unit cover above the inner output tray.",
            "Öffnen Sie die Abdeckung der Brückeneinheit über der internen Ablage.",
        ),
        _t(
            "Compruebe que no hay papel acumulado ni objetos sobre el sensor de la bandeja "
            "interna de salida.",
            "Check that no paper has piled up and that nothing is lying on the inner output "
            "tray sensor.",
            "Prüfen Sie, ob sich kein Papier angesammelt hat und nichts auf dem Sensor der "
            "internen Ablage liegt.",
        ),
    ),
    # --- Fusing -----------------------------------------------------------------------
    _code(
        "SC541",
        "fuser",
        COLOUR_MODELS,
        _t(
            "Termistor de fusión abierto: no se detecta la temperatura",
            "Fusing thermistor open: no temperature detected",
            "Fixierthermistor unterbrochen: keine Temperatur erkannt",
        ),
        _t(
            "Si el código apareció justo después de retirar un atasco en la salida de fusión, "
            "indíquelo en la incidencia: el papel enrollado puede haber desplazado el "
            "termistor.",
            "If the code appeared right after clearing a jam at the fusing exit, mention it in "
            "the ticket: paper wrapped round the roller may have displaced the thermistor.",
            "Trat der Code direkt nach dem Beseitigen eines Staus am Fixierausgang auf, "
            "vermerken Sie dies im Ticket: Um die Walze gewickeltes Papier kann den Thermistor "
            "verschoben haben.",
        ),
    ),
    _code(
        "SC542",
        "fuser",
        COLOUR_MODELS,
        _t(
            "La temperatura de fusión no se alcanza en el tiempo previsto",
            "Fusing temperature not reached in time",
            "Fixiertemperatur wird nicht rechtzeitig erreicht",
        ),
        _t(
            "Este código es frecuente en locales fríos a primera hora o cuando el equipo "
            "comparte enchufe con una estufa o una cafetera: conéctelo a una toma propia.",
            "This code is common in cold rooms first thing in the morning or when the machine "
            "shares a socket with a heater or coffee machine: give it a socket of its own.",
            "Dieser Code tritt häufig morgens in kalten Räumen auf oder wenn das Gerät eine "
            "Steckdose mit einem Heizlüfter oder einer Kaffeemaschine teilt: Schließen Sie es "
            "an eine eigene Steckdose an.",
        ),
    ),
    _code(
        "SC543",
        "fuser",
        COLOUR_MODELS,
        _t(
            "Sobrecalentamiento de la unidad de fusión detectado por software",
            "Fusing unit overheating detected by software",
            "Überhitzung der Fixiereinheit (Softwareerkennung)",
        ),
        _t(
            "Compruebe que las rejillas de ventilación no están tapadas y que quedan al menos "
            "10 cm libres detrás y a los lados del equipo.",
            "Check that the ventilation grilles are not covered and that there are at least "
            "10 cm of free space behind and beside the machine.",
            "Prüfen Sie, ob die Lüftungsgitter frei sind und hinter sowie neben dem Gerät "
            "mindestens 10 cm Platz bleiben.",
        ),
    ),
    _code(
        "SC544",
        "fuser",
        COLOUR_MODELS,
        _t(
            "Sobrecalentamiento de la unidad de fusión detectado por hardware",
            "Fusing unit overheating detected by hardware",
            "Überhitzung der Fixiereinheit (Hardwareschutz)",
        ),
        _t(
            "Por seguridad, este código bloquea el equipo hasta que lo revise un técnico: si "
            "no desaparece con un único reinicio, no lo intente más veces.",
            "For safety this code locks the machine until an engineer has checked it: if one "
            "restart does not clear it, do not keep trying.",
            "Aus Sicherheitsgründen sperrt dieser Code das Gerät bis zur Prüfung durch einen "
            "Techniker: Hilft ein einmaliger Neustart nicht, versuchen Sie es nicht weiter.",
        ),
    ),
    _code(
        "SC547",
        "fuser",
        COLOUR_MODELS,
        _t(
            "Señal de paso por cero anómala (alimentación eléctrica inestable)",
            "Abnormal zero-cross signal (unstable power supply)",
            "Fehlerhaftes Nulldurchgangssignal (instabile Stromversorgung)",
        ),
        _t(
            "Pregunte si otros equipos de la misma línea sufren cortes; los SAI de oficina "
            "pequeños no son adecuados para este equipo: enchúfelo directamente a la pared.",
            "Ask whether other devices on the same circuit suffer outages; small office UPS "
            "units are not suitable for this machine: plug it straight into the wall.",
            "Fragen Sie nach, ob andere Geräte am selben Stromkreis Ausfälle haben; kleine "
            "USV-Geräte sind für dieses Gerät ungeeignet: Schließen Sie es direkt an die "
            "Wandsteckdose an.",
        ),
    ),
    _code(
        "C-3401",
        "fuser",
        MONO_MODELS,
        _t(
            "Temperatura anormalmente baja en el rodillo de fusión",
            "Abnormally low fusing roller temperature",
            "Zu niedrige Temperatur der Fixierwalze",
        ),
        _t(
            "Si el equipo ha estado varios días apagado en invierno, déjelo encendido 15 "
            "minutos antes de lanzar trabajos largos.",
            "If the machine has been off for several days in winter, leave it on for 15 "
            "minutes before sending long jobs.",
            "War das Gerät im Winter mehrere Tage ausgeschaltet, lassen Sie es 15 Minuten "
            "eingeschaltet, bevor Sie lange Aufträge senden.",
        ),
    ),
    _code(
        "C-3402",
        "fuser",
        MONO_MODELS,
        _t(
            "Temperatura anormalmente alta en el rodillo de fusión",
            "Abnormally high fusing roller temperature",
            "Zu hohe Temperatur der Fixierwalze",
        ),
        _t(
            "Si imprime sobres o etiquetas, compruebe que el tipo de papel de la bandeja es "
            "el correcto: imprimir papel grueso en modo «Normal» fuerza la unidad de fusión.",
            "If you print envelopes or labels, check that the tray's paper type is right: "
            "printing thick paper in “Plain” mode strains the fusing unit.",
            "Wenn Sie Umschläge oder Etiketten drucken, prüfen Sie die Papiersorte des Fachs: "
            "Dickes Papier im Modus „Normal“ belastet die Fixiereinheit.",
        ),
    ),
    # --- Motors -----------------------------------------------------------------------
    _code(
        "SC440",
        "motor",
        COLOUR_MODELS,
        _t("Bloqueo del motor del tambor", "Drum motor lock", "Trommelmotor blockiert"),
        _t(
            "Compruebe que la unidad de tambor está introducida hasta el tope y que su "
            "palanca de bloqueo está girada hacia la derecha.",
            "Check that the drum unit is pushed fully home and that its locking lever is "
            "turned to the right.",
            "Prüfen Sie, ob die Trommeleinheit bis zum Anschlag eingeschoben und ihr "
            "Verriegelungshebel nach rechts gedreht ist.",
        ),
    ),
    _code(
        "SC450",
        "motor",
        COLOUR_MODELS,
        _t(
            "Fallo del motor de la cinta de transferencia",
            "Transfer belt motor failure",
            "Fehler am Motor des Transferbands",
        ),
        _t(
            "Revise que no haya papel atrapado bajo la cinta de transferencia, accesible "
            "desde la puerta derecha.",
            "Check that no paper is trapped under the transfer belt, which you can reach from "
            "the right-hand door.",
            "Prüfen Sie, ob unter dem Transferband, das über die rechte Klappe erreichbar ist, "
            "Papier eingeklemmt ist.",
        ),
    ),
    _code(
        "SC490",
        "motor",
        COLOUR_MODELS,
        _t(
            "Fallo del motor de suministro de tóner",
            "Toner supply motor failure",
            "Fehler am Tonerzufuhrmotor",
        ),
        _t(
            "Saque el cartucho de tóner, agítelo en horizontal cinco o seis veces y vuelva a "
            "colocarlo: el tóner compactado puede frenar el motor.",
            "Take the toner cartridge out, shake it horizontally five or six times and put it "
            "back: compacted toner can stall the motor.",
            "Nehmen Sie die Tonerkartusche heraus, schütteln Sie sie fünf- bis sechsmal "
            "waagerecht und setzen Sie sie wieder ein: Verdichteter Toner kann den Motor "
            "bremsen.",
        ),
    ),
    _code(
        "C-2101",
        "motor",
        MONO_MODELS,
        _t(
            "El motor principal no gira o gira a velocidad irregular",
            "Main motor does not turn or turns irregularly",
            "Hauptmotor dreht nicht oder unregelmäßig",
        ),
        _t(
            "Escuche el arranque: un chasquido repetido suele indicar un clip o un trozo de "
            "papel en los engranajes. Anótelo en la incidencia en lugar de intentar "
            "retirarlo.",
            "Listen at start-up: a repeated clicking usually means a clip or scrap of paper in "
            "the gears. Note it in the ticket rather than trying to remove it.",
            "Achten Sie auf das Anlaufgeräusch: Wiederholtes Klicken deutet meist auf eine "
            "Klammer oder ein Papierstück im Getriebe hin. Vermerken Sie es im Ticket, statt "
            "es selbst zu entfernen.",
        ),
    ),
    _code(
        "C-2201",
        "motor",
        MONO_MODELS,
        _t("Fallo del motor de revelado", "Developer motor failure", "Fehler am Entwicklermotor"),
        _t(
            "Si el error apareció justo después de cambiar el tóner, saque el cartucho y "
            "compruebe que se retiró la cinta de precinto.",
            "If the error appeared right after a toner change, take the cartridge out and "
            "check that the sealing tape was removed.",
            "Trat der Fehler direkt nach einem Tonerwechsel auf, nehmen Sie die Kartusche "
            "heraus und prüfen Sie, ob der Versiegelungsstreifen entfernt wurde.",
        ),
    ),
    _code(
        "C-3101",
        "motor",
        MONO_MODELS,
        _t(
            "Fallo del motor de la unidad de fusión",
            "Fusing unit motor failure",
            "Fehler am Motor der Fixiereinheit",
        ),
        _t(
            "Tras retirar un atasco en la salida de fusión, compruebe que las palancas verdes "
            "de presión han vuelto a su posición superior.",
            "After clearing a jam at the fusing exit, check that the green pressure levers are "
            "back in their upper position.",
            "Prüfen Sie nach dem Beseitigen eines Staus am Fixierausgang, ob die grünen "
            "Andruckhebel wieder oben stehen.",
        ),
    ),
    # --- Optics: scanner and laser ---------------------------------------------------
    _code(
        "SC120",
        "optics",
        COLOUR_MODELS,
        _t(
            "Error de la lámpara de exposición del escáner",
            "Scanner exposure lamp error",
            "Fehler der Belichtungslampe des Scanners",
        ),
        _t(
            "Compruebe que no se ha dejado un libro o un original grueso sobre el cristal con "
            "la tapa abierta: la lámpara se calienta y el sensor de luz da un valor erróneo.",
            "Check that no book or thick original has been left on the glass with the cover "
            "open: the lamp heats up and the light sensor reads a wrong value.",
            "Prüfen Sie, ob ein Buch oder eine dicke Vorlage bei offenem Deckel auf dem Glas "
            "liegt: Die Lampe erhitzt sich und der Lichtsensor liefert einen falschen Wert.",
        ),
    ),
    _code(
        "SC142",
        "optics",
        COLOUR_MODELS,
        _t(
            "No se detecta el nivel de blanco del escáner",
            "Scanner white level not detected",
            "Weißpegel des Scanners nicht erkannt",
        ),
        _t(
            "Limpie la banda blanca de referencia, a la izquierda del cristal de exposición, "
            "con un paño suave y limpiacristales sin amoníaco.",
            "Clean the white reference strip, to the left of the exposure glass, with a soft "
            "cloth and ammonia-free glass cleaner.",
            "Reinigen Sie den weißen Referenzstreifen links neben dem Vorlagenglas mit einem "
            "weichen Tuch und ammoniakfreiem Glasreiniger.",
        ),
    ),
    _code(
        "SC320",
        "optics",
        COLOUR_MODELS,
        _t(
            "Fallo del motor del espejo poligonal (unidad láser)",
            "Polygon mirror motor failure (laser unit)",
            "Fehler am Polygonspiegelmotor (Lasereinheit)",
        ),
        _t(
            "Este motor es sensible a la vibración y al polvo de papel: compruebe que el "
            "equipo está nivelado y alejado de destructoras de documentos.",
            "This motor is sensitive to vibration and paper dust: check that the machine is "
            "level and away from paper shredders.",
            "Dieser Motor ist empfindlich gegen Vibrationen und Papierstaub: Prüfen Sie, ob "
            "das Gerät waagerecht und nicht neben einem Aktenvernichter steht.",
        ),
    ),
    _code(
        "SC620",
        "optics",
        COLOUR_MODELS,
        _t(
            "Error de comunicación con el alimentador de documentos",
            "Document feeder communication error",
            "Kommunikationsfehler mit dem Vorlageneinzug",
        ),
        _t(
            "Levante y baje el alimentador de documentos y compruebe que el conector de su "
            "cable, en la parte trasera, está bien asentado.",
            "Raise and lower the document feeder and check that its cable connector at the "
            "back is firmly seated.",
            "Heben und senken Sie den Vorlageneinzug und prüfen Sie, ob der Kabelstecker auf "
            "der Rückseite fest sitzt.",
        ),
    ),
    _code(
        "C-4501",
        "optics",
        MONO_MODELS,
        _t("Fallo de emisión del láser", "Laser emission failure", "Fehler der Laseremission"),
        _t(
            "Si antes del error aparecían bandas blancas verticales en las copias, indíquelo "
            "en la incidencia: ayuda a diagnosticar la unidad láser.",
            "If white vertical bands appeared on prints before the error, say so in the "
            "ticket: it helps diagnose the laser unit.",
            "Traten vor dem Fehler weiße senkrechte Streifen auf den Ausdrucken auf, vermerken "
            "Sie dies im Ticket: Das hilft bei der Diagnose der Lasereinheit.",
        ),
    ),
    _code(
        "C-6751",
        "optics",
        MONO_MODELS,
        _t(
            "Error de ajuste del sensor CCD del escáner",
            "Scanner CCD sensor adjustment error",
            "Abgleichfehler des CCD-Sensors im Scanner",
        ),
        _t(
            "Tras un traslado, compruebe que el bloqueo de transporte del escáner (palanca "
            "bajo el cristal, a la izquierda) está en posición desbloqueada.",
            "After a move, check that the scanner transport lock (lever under the glass, on "
            "the left) is in the unlocked position.",
            "Prüfen Sie nach einem Umzug, ob die Transportsicherung des Scanners (Hebel unter "
            "dem Glas, links) entriegelt ist.",
        ),
    ),
    # --- Controller -------------------------------------------------------------------
    _code(
        "E000001-0000",
        "controller",
        ALL_MODELS,
        _t(
            "La actualización del firmware no se completó",
            "Firmware update did not complete",
            "Firmware-Aktualisierung nicht abgeschlossen",
        ),
        _t(
            "Si la actualización se interrumpió por un corte de luz, no apague el equipo "
            "durante el arranque: puede tardar hasta 10 minutos en recuperar la copia de "
            "seguridad del firmware.",
            "If the update was interrupted by a power cut, do not switch off during start-up: "
            "recovering the backup firmware can take up to 10 minutes.",
            "Wurde das Update durch einen Stromausfall unterbrochen, schalten Sie das Gerät "
            "während des Starts nicht aus: Die Wiederherstellung der Sicherungsfirmware kann "
            "bis zu 10 Minuten dauern.",
        ),
    ),
    _code(
        "E000007-0000",
        "controller",
        ALL_MODELS,
        _t(
            "Error de comunicación entre el controlador y el motor de impresión",
            "Communication error between controller and print engine",
            "Kommunikationsfehler zwischen Controller und Druckwerk",
        ),
        _t(
            "Descarte un trabajo dañado: desconecte el cable de red, reinicie y, si el equipo "
            "arranca bien, borre el último trabajo de la cola antes de volver a conectarlo.",
            "Rule out a corrupt job: unplug the network cable, restart and, if the machine "
            "starts normally, delete the last job from the queue before reconnecting it.",
            "Schließen Sie einen beschädigten Auftrag aus: Ziehen Sie das Netzwerkkabel, "
            "starten Sie neu und löschen Sie, wenn das Gerät normal startet, den letzten "
            "Auftrag aus der Warteschlange, bevor Sie das Kabel wieder einstecken.",
        ),
    ),
    _code(
        "E000012-0000",
        "controller",
        ALL_MODELS,
        _t(
            "Memoria del controlador insuficiente o defectuosa",
            "Controller memory insufficient or faulty",
            "Controllerspeicher unzureichend oder defekt",
        ),
        _t(
            "Evite enviar PDF muy grandes con imágenes de alta resolución: divídalos o active "
            "«Imprimir como imagen» en el controlador.",
            "Avoid sending very large PDFs with high-resolution images: split them or enable "
            "“Print as image” in the driver.",
            "Senden Sie keine sehr großen PDFs mit hochaufgelösten Bildern: Teilen Sie sie auf "
            "oder aktivieren Sie „Als Bild drucken“ im Treiber.",
        ),
    ),
    _code(
        "E000020-0000",
        "controller",
        ALL_MODELS,
        _t(
            "Error de lectura o escritura del disco duro",
            "Hard disk read or write error",
            "Lese- oder Schreibfehler der Festplatte",
        ),
        _t(
            "No apague nunca con el interruptor principal mientras parpadea el indicador de "
            "datos: use siempre el botón de encendido del panel.",
            "Never switch off at the main switch while the data light is flashing: always use "
            "the power button on the panel.",
            "Schalten Sie nie am Hauptschalter aus, während die Datenanzeige blinkt: Verwenden "
            "Sie immer die Ein/Aus-Taste am Bedienfeld.",
        ),
    ),
    _code(
        "E000031-0000",
        "controller",
        ALL_MODELS,
        _t(
            "Fallo de la tarjeta de red integrada",
            "Built-in network interface failure",
            "Fehler der integrierten Netzwerkschnittstelle",
        ),
        _t(
            "Pruebe con otro cable y otro puerto del conmutador y compruebe que el indicador "
            "de enlace del conector de red del equipo está encendido.",
            "Try another cable and another switch port and check that the link light on the "
            "machine's network socket is on.",
            "Probieren Sie ein anderes Kabel und einen anderen Switch-Port und prüfen Sie, ob "
            "die Link-LED an der Netzwerkbuchse des Geräts leuchtet.",
        ),
    ),
    _code(
        "E000050-0000",
        "controller",
        ALL_MODELS,
        _t(
            "Error del puerto USB o del dispositivo USB conectado",
            "USB port or connected USB device error",
            "Fehler am USB-Anschluss oder am angeschlossenen USB-Gerät",
        ),
        _t(
            "Retire cualquier memoria USB, lector de tarjetas o teclado conectado y reinicie: "
            "algunos dispositivos consumen más corriente de la permitida.",
            "Remove any USB stick, card reader or keyboard and restart: some devices draw more "
            "current than the port allows.",
            "Entfernen Sie angeschlossene USB-Sticks, Kartenleser oder Tastaturen und starten "
            "Sie neu: Manche Geräte ziehen mehr Strom als erlaubt.",
        ),
    ),
    _code(
        "SC672",
        "controller",
        COLOUR_MODELS,
        _t(
            "El controlador no completa el arranque",
            "Controller start-up error",
            "Controller-Startfehler",
        ),
        _t(
            "Tras un corte de luz, deje el equipo encendido al menos cinco minutos: el "
            "controlador puede tardar en terminar la comprobación del sistema.",
            "After a power cut, leave the machine on for at least five minutes: the controller "
            "may take a while to finish its system check.",
            "Lassen Sie das Gerät nach einem Stromausfall mindestens fünf Minuten "
            "eingeschaltet: Der Controller braucht eventuell länger für die Systemprüfung.",
        ),
    ),
    _code(
        "SC819",
        "controller",
        COLOUR_MODELS,
        _t(
            "Error del núcleo (kernel) del sistema del controlador",
            "Controller system kernel error",
            "Kernelfehler des Controllersystems",
        ),
        _t(
            "Anote la hora del error y el último documento enviado: el técnico puede "
            "necesitarlo para identificar el archivo que lo provoca.",
            "Note the time of the error and the last document sent: the engineer may need it "
            "to identify the file that triggers it.",
            "Notieren Sie die Uhrzeit des Fehlers und das zuletzt gesendete Dokument: Der "
            "Techniker braucht diese Angaben eventuell, um die auslösende Datei zu finden.",
        ),
    ),
    _code(
        "SC860",
        "controller",
        COLOUR_MODELS,
        _t(
            "El disco duro no está preparado o no se detecta",
            "Hard disk not ready or not detected",
            "Festplatte nicht bereit oder nicht erkannt",
        ),
        _t(
            "Si el equipo se ha movido hace poco, indíquelo en la incidencia: los golpes "
            "durante un traslado pueden dañar el disco.",
            "If the machine was moved recently, say so in the ticket: knocks during a move can "
            "damage the disk.",
            "Wurde das Gerät kürzlich umgestellt, vermerken Sie dies im Ticket: Stöße beim "
            "Transport können die Festplatte beschädigen.",
        ),
    ),
    # --- Network and scanning ---------------------------------------------------------
    _code(
        "#801",
        "network",
        ALL_MODELS,
        _t(
            "No se puede conectar con el servidor de la carpeta compartida (SMB)",
            "Cannot connect to the shared folder server (SMB)",
            "Keine Verbindung zum Server des freigegebenen Ordners (SMB)",
        ),
        _t(
            "Compruebe que el recurso compartido admite SMB 2 o 3 y que el equipo tiene "
            "activado SMB 2/3: las versiones actuales de Windows rechazan SMB 1.",
            "Check that the share accepts SMB 2 or 3 and that SMB 2/3 is enabled on the "
            "machine: current Windows versions refuse SMB 1.",
            "Prüfen Sie, ob die Freigabe SMB 2 oder 3 unterstützt und SMB 2/3 am Gerät "
            "aktiviert ist: Aktuelle Windows-Versionen lehnen SMB 1 ab.",
        ),
    ),
    _code(
        "#802",
        "network",
        ALL_MODELS,
        _t(
            "Inicio de sesión rechazado por el servidor SMB",
            "Login rejected by the SMB server",
            "Anmeldung vom SMB-Server abgelehnt",
        ),
        _t(
            "Escriba el usuario con el dominio (`DOMINIO\\usuario` o `usuario@dominio`) y "
            "vuelva a introducir la contraseña: es frecuente que haya caducado.",
            "Enter the user name with its domain (`DOMAIN\\user` or `user@domain`) and type "
            "the password again: it has often expired.",
            "Geben Sie den Benutzernamen mit Domäne ein (`DOMÄNE\\benutzer` oder "
            "`benutzer@domäne`) und tippen Sie das Passwort neu ein: Es ist häufig abgelaufen.",
        ),
    ),
    _code(
        "#803",
        "network",
        ALL_MODELS,
        _t(
            "Sin permiso de escritura en la carpeta de destino",
            "No write permission on the destination folder",
            "Keine Schreibberechtigung im Zielordner",
        ),
        _t(
            "Conceda al usuario de escaneo permiso de modificación tanto en el recurso "
            "compartido como en la pestaña «Seguridad» de la carpeta.",
            "Give the scanning user modify permission both on the share and on the folder's "
            "“Security” tab.",
            "Geben Sie dem Scan-Benutzer Änderungsrechte sowohl auf der Freigabe als auch auf "
            "der Registerkarte „Sicherheit“ des Ordners.",
        ),
    ),
    _code(
        "#804",
        "network",
        ALL_MODELS,
        _t(
            "Tiempo de espera agotado en la conexión FTP",
            "FTP connection timed out",
            "Zeitüberschreitung der FTP-Verbindung",
        ),
        _t(
            "Active el modo pasivo en el servidor FTP y permita en el cortafuegos el rango de "
            "puertos de datos que utiliza.",
            "Enable passive mode on the FTP server and allow its data port range through the "
            "firewall.",
            "Aktivieren Sie den passiven Modus am FTP-Server und geben Sie dessen "
            "Datenportbereich in der Firewall frei.",
        ),
    ),
    _code(
        "#805",
        "network",
        ALL_MODELS,
        _t(
            "La ruta de la carpeta de destino no existe",
            "Destination folder path does not exist",
            "Pfad des Zielordners existiert nicht",
        ),
        _t(
            "Escriba la ruta como `\\\\servidor\\recurso\\carpeta`, sin espacios al final, y "
            "compruebe que nadie ha renombrado la carpeta.",
            "Write the path as `\\\\server\\share\\folder`, without trailing spaces, and "
            "check that nobody has renamed the folder.",
            "Geben Sie den Pfad als `\\\\server\\freigabe\\ordner` ohne Leerzeichen am Ende ein "
            "und prüfen Sie, ob der Ordner umbenannt wurde.",
        ),
    ),
    _code(
        "#818",
        "network",
        ALL_MODELS,
        _t(
            "No se puede consultar el servidor LDAP (libreta de direcciones)",
            "Cannot query the LDAP server (address book)",
            "LDAP-Server (Adressbuch) nicht abfragbar",
        ),
        _t(
            "Compruebe la base de búsqueda y, si el servidor exige LDAPS, cambie el puerto a "
            "636 y active SSL/TLS.",
            "Check the search base and, if the server requires LDAPS, change the port to 636 "
            "and enable SSL/TLS.",
            "Prüfen Sie die Suchbasis und stellen Sie, falls der Server LDAPS verlangt, den "
            "Port auf 636 um und aktivieren Sie SSL/TLS.",
        ),
    ),
    _code(
        "#822",
        "network",
        ALL_MODELS,
        _t(
            "El servidor de correo (SMTP) rechaza la autenticación",
            "Mail server (SMTP) rejects authentication",
            "Mailserver (SMTP) lehnt die Authentifizierung ab",
        ),
        _t(
            "Muchos servicios de correo en la nube han desactivado la autenticación básica: "
            "utilice una contraseña de aplicación o un servidor de retransmisión interno.",
            "Many cloud mail services have disabled basic authentication: use an app password "
            "or an internal relay server.",
            "Viele Cloud-Maildienste haben die Standardauthentifizierung abgeschaltet: "
            "Verwenden Sie ein App-Passwort oder einen internen Relay-Server.",
        ),
    ),
    _code(
        "#823",
        "network",
        ALL_MODELS,
        _t(
            "No se encuentra el servidor de correo (SMTP)",
            "Mail server (SMTP) not found",
            "Mailserver (SMTP) nicht gefunden",
        ),
        _t(
            "Compruebe el nombre del servidor y el puerto (587 con STARTTLS o 465 con SSL) y "
            "que el DNS del equipo resuelve ese nombre.",
            "Check the server name and port (587 with STARTTLS or 465 with SSL) and that the "
            "machine's DNS resolves that name.",
            "Prüfen Sie Servername und Port (587 mit STARTTLS oder 465 mit SSL) und ob der DNS "
            "des Geräts diesen Namen auflöst.",
        ),
    ),
    _code(
        "#824",
        "network",
        ALL_MODELS,
        _t(
            "El correo supera el tamaño máximo permitido",
            "E-mail exceeds the maximum size allowed",
            "E-Mail überschreitet die zulässige Größe",
        ),
        _t(
            "Reduzca la resolución a 200 ppp, use PDF de alta compresión o active la división "
            "del envío por tamaño.",
            "Lower the resolution to 200 dpi, use high-compression PDF or enable splitting the "
            "e-mail by size.",
            "Verringern Sie die Auflösung auf 200 dpi, verwenden Sie hochkomprimiertes PDF "
            "oder aktivieren Sie das Aufteilen der E-Mail nach Größe.",
        ),
    ),
    _code(
        "#830",
        "network",
        ALL_MODELS,
        _t(
            "Error de resolución de nombres (DNS)",
            "Name resolution (DNS) error",
            "Fehler bei der Namensauflösung (DNS)",
        ),
        _t(
            "Configure en el equipo los mismos servidores DNS que usan los ordenadores de la "
            "oficina y compruebe el dominio de búsqueda.",
            "Set the same DNS servers on the machine as the office computers use and check the "
            "search domain.",
            "Stellen Sie am Gerät dieselben DNS-Server ein wie an den Bürocomputern und prüfen "
            "Sie die Suchdomäne.",
        ),
    ),
    _code(
        "#840",
        "network",
        ALL_MODELS,
        _t(
            "El certificado del servidor no es válido o ha caducado",
            "Server certificate invalid or expired",
            "Serverzertifikat ungültig oder abgelaufen",
        ),
        _t(
            "Compruebe que la fecha y la hora del equipo son correctas y, si el certificado lo "
            "emite una CA interna, importe esa CA en el equipo.",
            "Check that the machine's date and time are correct and, if the certificate comes "
            "from an internal CA, import that CA into the machine.",
            "Prüfen Sie Datum und Uhrzeit des Geräts und importieren Sie, falls das Zertifikat "
            "von einer internen CA stammt, diese CA in das Gerät.",
        ),
    ),
    # --- Toner ------------------------------------------------------------------------
    _toner(
        "T-K01",
        ALL_MODELS,
        _t("negro", "black", "Schwarz"),
        _t("Tóner negro agotado", "Black toner empty", "Toner Schwarz leer"),
        _t(
            "Sin tóner negro el equipo no puede imprimir ni copiar, tampoco en color: tenga "
            "siempre un cartucho negro de reserva.",
            "Without black toner the machine cannot print or copy at all, not even in colour: "
            "always keep a spare black cartridge.",
            "Ohne schwarzen Toner kann das Gerät überhaupt nicht drucken oder kopieren, auch "
            "nicht in Farbe: Halten Sie immer eine schwarze Ersatzkartusche bereit.",
        ),
    ),
    _toner(
        "T-C01",
        COLOUR_MODELS,
        _t("cian", "cyan", "Cyan"),
        _t("Tóner cian agotado", "Cyan toner empty", "Toner Cyan leer"),
        _t(
            "Si aún no tiene cartucho de repuesto, puede seguir imprimiendo en blanco y negro "
            "mientras llega: active «Continuar en B/N» en el panel.",
            "If you have no spare cartridge yet, you can keep printing in black and white while "
            "it arrives: select “Continue in B/W” on the panel.",
            "Haben Sie noch keine Ersatzkartusche, können Sie bis zu ihrem Eintreffen in "
            "Schwarzweiß weiterdrucken: Wählen Sie am Bedienfeld „In S/W fortfahren“.",
        ),
    ),
    _toner(
        "T-M01",
        COLOUR_MODELS,
        _t("magenta", "magenta", "Magenta"),
        _t("Tóner magenta agotado", "Magenta toner empty", "Toner Magenta leer"),
        _t(
            "Los documentos con logotipos rojos consumen sobre todo magenta: si el consumo es "
            "muy alto, configure el controlador para imprimir los borradores en escala de "
            "grises.",
            "Documents with red logos use mostly magenta: if consumption is very high, set the "
            "driver to print drafts in greyscale.",
            "Dokumente mit roten Logos verbrauchen vor allem Magenta: Ist der Verbrauch sehr "
            "hoch, stellen Sie den Treiber für Entwürfe auf Graustufen.",
        ),
    ),
    _toner(
        "T-Y01",
        COLOUR_MODELS,
        _t("amarillo", "yellow", "Gelb"),
        _t("Tóner amarillo agotado", "Yellow toner empty", "Toner Gelb leer"),
        _t(
            "El tóner amarillo apenas se ve: si se ha derramado polvo, límpielo con un paño "
            "seco y agua fría, nunca con agua caliente.",
            "Yellow toner is hard to see: if powder has been spilled, wipe it with a dry cloth "
            "and cold water, never hot water.",
            "Gelber Toner ist schwer zu sehen: Wurde Pulver verschüttet, wischen Sie es mit "
            "einem trockenen Tuch und kaltem Wasser ab, nie mit heißem Wasser.",
        ),
    ),
    # --- Other consumables ------------------------------------------------------------
    _code(
        "T-W01",
        "supply",
        ALL_MODELS,
        _t(
            "Depósito de tóner residual lleno",
            "Waste toner box full",
            "Resttonerbehälter voll",
        ),
        _t(
            "Abra la puerta frontal, extraiga el depósito manteniéndolo horizontal, tape sus "
            "aberturas con los tapones que trae el nuevo y guárdelo en la bolsa para su "
            "reciclaje.",
            "Open the front door, remove the box keeping it level, close its openings with the "
            "caps supplied with the new one and put it in the bag for recycling.",
            "Öffnen Sie die vordere Klappe, nehmen Sie den Behälter waagerecht heraus, "
            "verschließen Sie die Öffnungen mit den Kappen des neuen Behälters und geben Sie "
            "ihn im Beutel zum Recycling.",
        ),
    ),
    _code(
        "T-D01",
        "supply",
        ALL_MODELS,
        _t(
            "La unidad de tambor ha llegado al final de su vida útil",
            "Drum unit at end of life",
            "Trommeleinheit am Ende ihrer Lebensdauer",
        ),
        _t(
            "Puede imprimir todavía unas 1.000 páginas; al sustituirla, no toque la superficie "
            "verde del tambor ni la exponga a la luz más de dos minutos.",
            "You can still print about 1,000 pages; when replacing it, do not touch the green "
            "drum surface or expose it to light for more than two minutes.",
            "Sie können noch etwa 1.000 Seiten drucken; berühren Sie beim Austausch die grüne "
            "Trommeloberfläche nicht und setzen Sie sie nicht länger als zwei Minuten dem Licht "
            "aus.",
        ),
    ),
    _code(
        "T-N01",
        "supply",
        ALL_MODELS,
        _t(
            "Cartucho de tóner no reconocido",
            "Toner cartridge not recognised",
            "Tonerkartusche nicht erkannt",
        ),
        _t(
            "Extraiga el cartucho, limpie con un paño seco los contactos dorados del chip y "
            "vuelva a insertarlo; compruebe que la referencia corresponde a su modelo.",
            "Take the cartridge out, wipe the gold chip contacts with a dry cloth and reinsert "
            "it; check that the part number matches your model.",
            "Nehmen Sie die Kartusche heraus, wischen Sie die goldenen Chipkontakte mit einem "
            "trockenen Tuch ab und setzen Sie sie wieder ein; prüfen Sie, ob die Teilenummer zu "
            "Ihrem Modell passt.",
        ),
    ),
    _code(
        "ST-01",
        "supply",
        A3_MODELS,
        _t("Grapadora vacía", "Stapler empty", "Hefter leer"),
        _t(
            "Abra la puerta del finalizador, saque el cartucho de grapas tirando de la "
            "lengüeta verde y sustituya la recarga de 5.000 grapas.",
            "Open the finisher door, pull the staple cartridge out by its green tab and replace "
            "the 5,000-staple refill.",
            "Öffnen Sie die Finisherklappe, ziehen Sie die Heftklammerkassette an der grünen "
            "Lasche heraus und ersetzen Sie die Nachfüllpackung mit 5.000 Klammern.",
        ),
    ),
    _code(
        "ST-02",
        "supply",
        A3_MODELS,
        _t(
            "Atasco de grapas en el finalizador",
            "Staple jam in the finisher",
            "Heftklammerstau im Finisher",
        ),
        _t(
            "Extraiga el cartucho de grapas, abra su tapa frontal, retire las grapas dobladas "
            "y deseche la primera tira si está deformada.",
            "Remove the staple cartridge, open its front flap, take out the bent staples and "
            "discard the first strip if it is deformed.",
            "Nehmen Sie die Heftklammerkassette heraus, öffnen Sie ihre vordere Klappe, "
            "entfernen Sie verbogene Klammern und entsorgen Sie den ersten Streifen, wenn er "
            "verformt ist.",
        ),
    ),
    _code(
        "P-01",
        "supply",
        A3_MODELS,
        _t(
            "Depósito de residuos de perforación lleno",
            "Punch waste box full",
            "Locherabfallbehälter voll",
        ),
        _t(
            "Extraiga el depósito de residuos de perforación del finalizador, vacíelo por "
            "completo y vuelva a colocarlo: el aviso se borra al cerrarlo.",
            "Remove the punch waste box from the finisher, empty it completely and put it "
            "back: the message clears when you close it.",
            "Nehmen Sie den Locherabfallbehälter aus dem Finisher, leeren Sie ihn vollständig "
            "und setzen Sie ihn wieder ein: Die Meldung erlischt beim Schließen.",
        ),
    ),
    # --- Imaging unit -----------------------------------------------------------------
    _code(
        "SC302",
        "imaging",
        COLOUR_MODELS,
        _t(
            "Fuga de corriente en el rodillo de carga",
            "Charge roller current leak",
            "Kriechstrom an der Laderolle",
        ),
        _t(
            "Si el equipo está cerca de una ventana, un humidificador o una planta, aléjelo: "
            "la humedad favorece las fugas de alta tensión.",
            "If the machine stands near a window, humidifier or plant, move it away: humidity "
            "encourages high-voltage leaks.",
            "Steht das Gerät neben einem Fenster, Luftbefeuchter oder einer Pflanze, stellen "
            "Sie es woanders auf: Feuchtigkeit begünstigt Hochspannungs-Kriechströme.",
        ),
    ),
    _code(
        "SC370",
        "imaging",
        COLOUR_MODELS,
        _t(
            "Error del sensor de densidad de tóner (TD)",
            "Toner density (TD) sensor error",
            "Fehler des Tonerdichtesensors (TD)",
        ),
        _t(
            "Ejecute «Ajuste de densidad de tóner» en Menú → Mantenimiento; si termina sin "
            "error, el equipo vuelve a estar operativo.",
            "Run “Toner density adjustment” under Menu → Maintenance; if it finishes without "
            "error, the machine is ready again.",
            "Führen Sie unter Menü → Wartung die „Tonerdichte-Justierung“ aus; endet sie ohne "
            "Fehler, ist das Gerät wieder betriebsbereit.",
        ),
    ),
    _code(
        "SC285",
        "imaging",
        COLOUR_MODELS,
        _t(
            "Fallo del ajuste automático de registro de color",
            "Automatic colour registration adjustment failed",
            "Automatische Farbregistrierung fehlgeschlagen",
        ),
        _t(
            "Ejecute «Registro de color» en Menú → Mantenimiento → Calidad de imagen con papel "
            "A4 blanco en la bandeja 1.",
            "Run “Colour registration” under Menu → Maintenance → Image quality with plain "
            "white A4 paper in tray 1.",
            "Führen Sie unter Menü → Wartung → Bildqualität die „Farbregistrierung“ mit weißem "
            "A4-Papier in Fach 1 aus.",
        ),
    ),
    _code(
        "C-2551",
        "imaging",
        MONO_MODELS,
        _t(
            "Concentración de tóner anormalmente baja en el revelador",
            "Abnormally low toner concentration in the developer",
            "Zu geringe Tonerkonzentration im Entwickler",
        ),
        _t(
            "Agite el cartucho de tóner negro y vuelva a colocarlo: el tóner compactado no "
            "llega al revelador y el sensor detecta una concentración baja.",
            "Shake the black toner cartridge and put it back: compacted toner does not reach "
            "the developer and the sensor reads a low concentration.",
            "Schütteln Sie die schwarze Tonerkartusche und setzen Sie sie wieder ein: "
            "Verdichteter Toner gelangt nicht in den Entwickler, und der Sensor meldet eine zu "
            "geringe Konzentration.",
        ),
    ),
)

MODELS_BY_CODE: dict[str, tuple[str, ...]] = {c.code: c.models for c in CODES}
"""Which models show each error code; the demo tickets use it to pick plausible codes."""


@dataclass(frozen=True)
class ArticleSeed:
    """One knowledge article ready to be stored: codes, models and (title, body) per language."""

    error_codes: list[str]
    model_names: list[str]
    translations: dict[str, tuple[str, str]]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(entry: _Code, language: str) -> tuple[str, str]:
    """Title and Markdown body of one code's article in one language."""
    template = _TEMPLATES[entry.kind][language]
    slots = {
        "code": entry.code,
        "where": entry.where.get(language, ""),
        "access": entry.access.get(language, ""),
        "hint": entry.hint.get(language, ""),
        "colour": entry.colour.get(language, ""),
        "meaning": entry.meaning.get(language, ""),
    }
    meaning = _capitalise(template.meaning.format(**slots))
    slots["meaning"] = meaning
    causes_heading, steps_heading, closing_heading = _HEADINGS[language]
    lines = [f"**{entry.code}** — {meaning}.", "", template.intro.format(**slots), ""]
    lines += [f"### {causes_heading}", ""]
    lines += [f"- {cause.format(**slots)}" for cause in template.causes]
    lines += ["", f"### {steps_heading}", ""]
    lines += [f"{n}. {step.format(**slots)}" for n, step in enumerate(template.steps, start=1)]
    lines += ["", f"### {closing_heading}", "", template.closing.format(**slots), ""]
    lines += [f"*{_MODELS_LABEL[language]}: {', '.join(entry.models)}.*"]
    return f"{entry.code}: {meaning}", "\n".join(lines)


def demo_articles() -> list[ArticleSeed]:
    """Every demo article, one per error code, each in Spanish, English and German."""
    return [
        ArticleSeed(
            error_codes=[entry.code],
            model_names=list(entry.models),
            translations={lang: render(entry, lang) for lang in LANGUAGES},
        )
        for entry in CODES
    ]
