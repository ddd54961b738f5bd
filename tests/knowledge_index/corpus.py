"""A fixed set of articles the relevance tests search."""

from knowledge_index import ArticleDoc

JAM = 1
TONER = 2
NETWORK = 3
DUPLEX = 4
MENTIONS_JAM_CODE = 5
FRENCH = 6
SCRIPT = 7
FUSER_WORDS = 8

ARTICLES = [
    ArticleDoc(
        JAM,
        "es",
        "Atasco de papel en la unidad de fusión",
        "El código E000007-0000 indica un atasco de papel. Abra la tapa frontal y retire "
        "el papel con cuidado.",
        ["E000007-0000"],
        ["bizhub C300i"],
    ),
    ArticleDoc(
        JAM,
        "en",
        "Paper jam in the fusing unit",
        "Code E000007-0000 signals a paper jam. Open the front cover and gently pull out "
        "the sheet.",
        ["E000007-0000"],
        ["bizhub C300i"],
    ),
    ArticleDoc(
        JAM,
        "de",
        "Papierstau in der Fixiereinheit",
        "Der Code E000007-0000 meldet einen Papierstau. Vordere Klappe öffnen und das "
        "Blatt vorsichtig herausziehen.",
        ["E000007-0000"],
        ["bizhub C300i"],
    ),
    ArticleDoc(
        TONER,
        "en",
        "Toner cartridge empty",
        "Service call SC 542: replace the toner cartridge and shake the new one.",
        ["SC 542"],
        ["bizhub C250i"],
    ),
    ArticleDoc(
        TONER,
        "es",
        "Cartucho de tóner vacío",
        "Llamada de servicio SC 542: sustituya el cartucho de tóner.",
        ["SC 542"],
        ["bizhub C250i"],
    ),
    ArticleDoc(
        TONER,
        "de",
        "Tonerkassette leer",
        "Servicecode SC 542: die Tonerkassette austauschen und den Zähler zurücksetzen.",
        ["SC 542"],
        ["bizhub C250i"],
    ),
    ArticleDoc(
        NETWORK,
        "en",
        "Network connection lost",
        "Message #801 appears when the network cable is unplugged.",
        ["#801"],
        [],
    ),
    ArticleDoc(
        DUPLEX,
        "en",
        "Duplex unit error",
        "Error e602 0001 comes from the duplex unit.",
        ["E602-0001"],
        ["bizhub C300i", "bizhub C250i"],
    ),
    ArticleDoc(
        MENTIONS_JAM_CODE,
        "en",
        "Reading the error log",
        "The log lists codes such as E000007 together with the date; a paper jam shows there too.",
        [],
        [],
    ),
    ArticleDoc(
        FRENCH,
        "fr",
        "Bourrage papier dans le four",
        "Un bourrage papier est signalé par le voyant orange.",
        [],
        [],
    ),
    ArticleDoc(
        SCRIPT,
        "en",
        "Cleaning the scanner glass",
        'Use a soft cloth. <script>alert("x")</script> & never use "solvents".',
        [],
        [],
    ),
    ArticleDoc(
        FUSER_WORDS,
        "en",
        "Replacing the fuser",
        "Order a new fuser; the toner count is not affected.",
        [],
        [],
    ),
]
