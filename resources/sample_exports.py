"""Fictional database exports for the bundled sample project (used by ``make_sample.py``).

:func:`write_exports` writes, into a folder, the export files of the sample's search runs
in each database's own export format, and returns the search runs to record, the files to
import into each, and the duplicates planted across (and within) the runs:

- MEDLINE via PubMed, state-of-the-art string SS-03: MEDLINE (``.nbib``) format;
- MEDLINE via PubMed, equivalent-device string SS-02: MEDLINE (``.nbib``) format;
- Embase via Embase.com, state-of-the-art string SS-07: RIS as Embase.com writes it;
- Cochrane Library (CDSR and CENTRAL), string SS-09: RIS as the Cochrane Library writes it.

Every record is invented: titles, abstracts, authors (names combined at random from
common family and given names), affiliations, figures and identifiers. Only journal
names (and their ISSNs) are real. Identifiers are in ranges that cannot be real: DOIs use
the reserved test prefix ``10.5555``, PMIDs start at 99,000,001 (far beyond any PMID
issued), Embase accession numbers at 2099000001, CENTRAL numbers at CN-09900001 and trial
registration numbers at NCT09900001 and DRKS00099001. The generator uses a fixed seed, so
the files (and their SHA-256) are the same at every run.
"""

from __future__ import annotations

import contextlib
import difflib
import random
import re
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

SEED = 20260928
RUN_DATE = "2026-09-28"
RUN_BY = "Sofie Lindqvist, MSc"

PMID_BASE = 99_000_000
EMBASE_BASE = 2_099_000_000
CENTRAL_BASE = 9_900_000
NCT_BASE = 9_900_000

# ------------------------------------------------------------------------- people
# country: (adjective, cities, family names, given names, US spelling)
COUNTRIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]] = {
    "Germany": (
        "German",
        ("Munich", "Hamburg", "Cologne", "Leipzig", "Heidelberg", "Münster", "Dresden", "Mainz"),
        ("Müller", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch",
         "Richter", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange",
         "Werner", "Krause", "Lehmann", "Köhler", "Brandt", "Engel", "Ziegler", "Seidel",
         "Kühn", "Pohl", "Winkler", "Lorenz", "Baumann", "Sommer"),
        ("Jonas", "Lukas", "Felix", "Stefan", "Matthias", "Andreas", "Katharina", "Julia",
         "Anna", "Sarah", "Christian", "Tobias", "Miriam", "Laura", "Florian", "Johannes",
         "Sophie", "Daniel", "Markus", "Lena", "Jan Philipp", "Anne-Kathrin"),
        False,
    ),
    "Austria": (
        "Austrian",
        ("Vienna", "Graz", "Innsbruck", "Salzburg"),
        ("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer",
         "Hofer", "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid"),
        ("Lukas", "Florian", "Katrin", "Elisabeth", "Thomas", "Martin", "Stefanie", "Georg",
         "Bernhard", "Verena"),
        False,
    ),
    "Switzerland": (
        "Swiss",
        ("Basel", "Bern", "Zurich", "Lausanne"),
        ("Meier", "Keller", "Frei", "Brunner", "Baumgartner", "Gerber", "Widmer", "Zbinden",
         "Favre", "Bühler", "Suter", "Roth"),
        ("Reto", "Urs", "Corinne", "Adrian", "Nadine", "Beat", "Sandra", "Lukas", "Mirjam"),
        False,
    ),
    "Netherlands": (
        "Dutch",
        ("Rotterdam", "Utrecht", "Groningen", "Nijmegen", "Leiden", "Amsterdam"),
        ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
         "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Verhoeven",
         "Kuipers", "van der Linden"),
        ("Daan", "Sem", "Lotte", "Femke", "Joost", "Maarten", "Iris", "Roel", "Sanne", "Thijs",
         "Bart", "Esther", "Wouter", "Marieke"),
        False,
    ),
    "Sweden": (
        "Swedish",
        ("Stockholm", "Gothenburg", "Lund", "Uppsala", "Umeå", "Linköping"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Berglund", "Sandberg"),
        ("Erik", "Lars", "Anders", "Ingrid", "Karin", "Sigrid", "Mikael", "Johan", "Emma",
         "Astrid", "Henrik", "Oskar", "Maria", "Per"),
        False,
    ),
    "Norway": (
        "Norwegian",
        ("Oslo", "Bergen", "Trondheim", "Tromsø"),
        ("Hansen", "Johansen", "Olsen", "Larsen", "Halvorsen", "Solberg", "Berg", "Haugen",
         "Bakken", "Dahl", "Strand", "Moen"),
        ("Kristian", "Ole", "Ingrid", "Silje", "Håkon", "Marte", "Eirik", "Kari", "Sindre"),
        False,
    ),
    "Denmark": (
        "Danish",
        ("Aarhus", "Odense", "Copenhagen", "Aalborg"),
        ("Nielsen", "Jensen", "Pedersen", "Christensen", "Rasmussen", "Sørensen", "Madsen",
         "Kristensen", "Jørgensen", "Thomsen"),
        ("Mads", "Rasmus", "Mette", "Søren", "Anne", "Niels", "Camilla", "Jesper", "Louise"),
        False,
    ),
    "Finland": (
        "Finnish",
        ("Helsinki", "Tampere", "Oulu", "Turku"),
        ("Virtanen", "Mäkinen", "Korhonen", "Nieminen", "Heikkinen", "Koskinen", "Laine",
         "Lehtonen", "Salminen", "Hämäläinen"),
        ("Mikko", "Juha", "Antti", "Sanna", "Ville", "Laura", "Tuomas", "Heli", "Jussi"),
        False,
    ),
    "United Kingdom": (
        "British",
        ("Oxford", "Leeds", "Bristol", "Glasgow", "Nottingham", "Sheffield", "Edinburgh"),
        ("Smith", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker",
         "Wright", "Thompson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke", "Patel",
         "Khan", "Shah", "Morgan", "Bennett", "Hunter"),
        ("James", "Oliver", "Charlotte", "Amelia", "Thomas", "Harry", "Eleanor", "George",
         "Rachel", "David", "Priya", "Rahul", "Alistair", "Fiona", "Catriona"),
        False,
    ),
    "United States": (
        "American",
        ("Boston", "Nashville", "Baltimore", "Seattle", "Pittsburgh", "Cleveland", "Denver"),
        ("Johnson", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Anderson",
         "Jackson", "White", "Harris", "Lewis", "Young", "Allen", "King", "Scott", "Nguyen",
         "Cohen", "Sullivan", "Murphy"),
        ("Michael", "Jennifer", "Christopher", "Jessica", "Matthew", "Ashley", "Joshua",
         "Emily", "Ryan", "Megan", "Andrew", "Kevin", "Lauren", "Brian", "Nicole"),
        True,
    ),
    "China": (
        "Chinese",
        ("Shanghai", "Beijing", "Chengdu", "Hangzhou", "Wuhan", "Nanjing", "Xi'an"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu",
         "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"),
        ("Wei", "Jun", "Lei", "Yan", "Hao", "Xiaoming", "Jing", "Yu", "Peng", "Tao", "Zhiwei",
         "Xin", "Yong", "Qiang", "Hui", "Fang", "Jian", "Yuxuan", "Zhenhua"),
        True,
    ),
    "South Korea": (
        "Korean",
        ("Seoul", "Busan", "Daegu", "Incheon"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
         "Oh", "Seo", "Shin", "Kwon"),
        ("Ji-Hoon", "Min-Soo", "Seung-Woo", "Hyun-Jin", "Young-Ho", "Dong-Hyun", "Jae-Won",
         "Sung-Min", "Eun-Ji", "Kyung-Hwan"),
        True,
    ),
    "Japan": (
        "Japanese",
        ("Osaka", "Nagoya", "Sapporo", "Fukuoka", "Kyoto"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
         "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue"),
        ("Hiroshi", "Takashi", "Kenji", "Yuki", "Daisuke", "Naoki", "Akira", "Satoshi",
         "Kazuya", "Shinji", "Yusuke", "Mai"),
        True,
    ),
    "Italy": (
        "Italian",
        ("Milan", "Bologna", "Rome", "Padua", "Turin"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
         "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa"),
        ("Marco", "Luca", "Giulia", "Francesca", "Alessandro", "Matteo", "Chiara", "Andrea",
         "Stefano", "Paolo", "Federica"),
        False,
    ),
    "Spain": (
        "Spanish",
        ("Madrid", "Barcelona", "Valencia", "Seville"),
        ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
         "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno"),
        ("Javier", "Carlos", "Pablo", "Lucía", "María José", "Alejandro", "Elena", "Sergio",
         "Marta", "Raúl"),
        False,
    ),
    "Turkey": (
        "Turkish",
        ("Ankara", "Istanbul", "Izmir", "Bursa"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
         "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin"),
        ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Emre", "Burak", "Serkan", "Özlem",
         "Elif"),
        True,
    ),
    "India": (
        "Indian",
        ("New Delhi", "Chandigarh", "Vellore", "Mumbai", "Pune"),
        ("Sharma", "Verma", "Gupta", "Singh", "Kumar", "Reddy", "Nair", "Iyer", "Menon", "Rao",
         "Das", "Jain", "Mehta", "Bhat"),
        ("Rajesh", "Amit", "Vikram", "Anil", "Sanjay", "Priya", "Deepak", "Arjun", "Kavita",
         "Rohit"),
        False,
    ),
    "Poland": (
        "Polish",
        ("Warsaw", "Kraków", "Poznań", "Wrocław"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
         "Zieliński", "Szymański", "Woźniak"),
        ("Piotr", "Krzysztof", "Tomasz", "Paweł", "Agnieszka", "Katarzyna", "Marcin",
         "Michał", "Anna", "Łukasz"),
        False,
    ),
    "France": (
        "French",
        ("Lyon", "Paris", "Lille", "Toulouse", "Nantes"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
         "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garnier"),
        ("Julien", "Nicolas", "Camille", "Antoine", "Pierre", "Mathieu", "Claire",
         "Sébastien", "Thomas", "Élodie"),
        False,
    ),
}  # fmt: skip

#: How often each country appears among first authors (state-of-the-art literature).
COUNTRY_WEIGHTS = {
    "China": 16, "United States": 9, "Germany": 8, "Sweden": 6, "Netherlands": 6,
    "United Kingdom": 6, "South Korea": 5, "Japan": 5, "Norway": 4, "Denmark": 3,
    "Finland": 3, "Italy": 4, "Spain": 3, "Turkey": 4, "India": 4, "Poland": 2,
    "France": 3, "Austria": 2, "Switzerland": 3,
}  # fmt: skip

DEPARTMENTS = (
    "Department of Orthopaedic Surgery",
    "Department of Orthopaedics and Traumatology",
    "Department of Trauma Surgery",
    "Department of Orthopaedics",
    "Department of Orthopaedic and Trauma Surgery",
    "Division of Orthopaedic Trauma",
)
INSTITUTIONS = (
    "University Hospital {city}",
    "{city} University Hospital",
    "{city} General Hospital",
    "Medical University of {city}",
    "{city} Regional Trauma Centre",
    "Faculty of Medicine, University of {city}",
)


@dataclass(frozen=True)
class Author:
    family: str
    given: str  # full given names, e.g. "Jan Philipp" or "Ji-Hoon"
    affiliation: str

    @property
    def initials(self) -> str:
        """MEDLINE initials: ``Jan Philipp`` -> ``JP``, ``Ji-Hoon`` -> ``JH``."""
        return "".join(part[0] for part in re.split(r"[\s-]+", self.given) if part)

    def medline_full(self) -> str:
        return f"{self.family}, {self.given}"

    def medline_short(self) -> str:
        return f"{self.family} {self.initials}"

    def embase(self) -> str:
        dotted = ".".join(self.initials) + "."
        return f"{self.family} {dotted}"

    def cochrane(self) -> str:
        return f"{self.family}, {self.initials}"


# ------------------------------------------------------------------------ journals
@dataclass(frozen=True)
class Journal:
    key: str
    medline: str  # NLM title (JT)
    ta: str  # NLM abbreviation (TA)
    full: str  # title as Embase writes it (JF)
    embase_abbrev: str  # JA
    issn_print: str | None
    issn_online: str | None
    volume_offset: int | None  # volume = year - offset
    country: str  # place of publication (PL)
    doi_style: str
    article_numbers: bool = False
    language: str = "eng"
    last_year: int = 2026
    elsevier: bool = False


J = Journal
JOURNALS: dict[str, Journal] = {
    j.key: j
    for j in (
        J("injury", "Injury", "Injury", "Injury", "Injury", "0020-1383", "1879-0267", 1969,
          "Netherlands", "elsevier", elsevier=True),
        J("jot", "Journal of orthopaedic trauma", "J Orthop Trauma",
          "Journal of Orthopaedic Trauma", "J. Orthop. Trauma", "0890-5339", "1531-2291",
          1986, "United States", "lww"),
        J("bjj", "The bone & joint journal", "Bone Joint J", "Bone and Joint Journal",
          "Bone Jt. J.", "2049-4394", "2049-4408", 1918, "England", "bjj"),
        J("actaorthop", "Acta orthopaedica", "Acta Orthop", "Acta Orthopaedica",
          "Acta Orthop.", "1745-3674", "1745-3682", 1929, "England", "tandf"),
        J("fai", "Foot & ankle international", "Foot Ankle Int",
          "Foot and Ankle International", "Foot Ankle Int.", "1071-1007", "1944-7876", 1979,
          "United States", "sage"),
        J("jhse", "The Journal of hand surgery, European volume", "J Hand Surg Eur Vol",
          "Journal of Hand Surgery: European Volume", "J. Hand Surg. Eur. Vol.", "1753-1934",
          "2043-6289", 1975, "England", "sage"),
        J("aots", "Archives of orthopaedic and trauma surgery", "Arch Orthop Trauma Surg",
          "Archives of Orthopaedic and Trauma Surgery", "Arch. Orthop. Trauma Surg.",
          "0936-8051", "1434-3916", 1880, "Germany", "springer"),
        J("ejtes", "European journal of trauma and emergency surgery : official publication "
          "of the European Trauma Society", "Eur J Trauma Emerg Surg",
          "European Journal of Trauma and Emergency Surgery", "Eur. J. Trauma Emerg. Surg.",
          "1863-9933", "1863-9941", 1974, "Germany", "springer"),
        J("jbjsa", "The Journal of bone and joint surgery. American volume",
          "J Bone Joint Surg Am", "Journal of Bone and Joint Surgery", "J. Bone Jt. Surg.",
          "0021-9355", "1535-1386", 1918, "United States", "lww"),
        J("corr", "Clinical orthopaedics and related research", "Clin Orthop Relat Res",
          "Clinical Orthopaedics and Related Research", "Clin. Orthop. Relat. Res.",
          "0009-921X", "1528-1132", 1542, "United States", "lww"),
        J("io", "International orthopaedics", "Int Orthop", "International Orthopaedics",
          "Int. Orthop.", "0341-2695", "1432-5195", 1976, "Germany", "springer"),
        J("jpo", "Journal of pediatric orthopedics", "J Pediatr Orthop",
          "Journal of Pediatric Orthopaedics", "J. Pediatr. Orthop.", "0271-6798",
          "1539-2570", 1980, "United States", "lww"),
        J("jpob", "Journal of pediatric orthopedics. Part B", "J Pediatr Orthop B",
          "Journal of Pediatric Orthopaedics Part B", "J. Pediatr. Orthop. Part B",
          "1060-152X", "1473-5865", 1991, "United States", "lww"),
        J("bmcmsk", "BMC musculoskeletal disorders", "BMC Musculoskelet Disord",
          "BMC Musculoskeletal Disorders", "BMC Musculoskelet. Disord.", None, "1471-2474",
          1999, "England", "springer", article_numbers=True),
        J("josr", "Journal of orthopaedic surgery and research", "J Orthop Surg Res",
          "Journal of Orthopaedic Surgery and Research", "J. Orthop. Surg. Res.", None,
          "1749-799X", 2005, "England", "springer", article_numbers=True),
        J("hipint", "Hip international : the journal of clinical and experimental research "
          "on hip pathology and therapy", "Hip Int", "Hip International", "Hip Int.",
          "1120-7000", "1724-6067", 1990, "United States", "sage"),
        J("jarthro", "The Journal of arthroplasty", "J Arthroplasty", "Journal of Arthroplasty",
          "J. Arthroplasty", "0883-5403", "1532-8406", 1985, "United States", "elsevier",
          elsevier=True),
        J("fas", "Foot and ankle surgery : official journal of the European Society of Foot "
          "and Ankle Surgeons", "Foot Ankle Surg", "Foot and Ankle Surgery",
          "Foot Ankle Surg.", "1268-7731", "1460-9584", 1994, "France", "elsevier",
          elsevier=True),
        J("gosr", "Geriatric orthopaedic surgery & rehabilitation",
          "Geriatr Orthop Surg Rehabil", "Geriatric Orthopaedic Surgery and Rehabilitation",
          "Geriatr. Orthop. Surg. Rehabil.", "2151-4585", "2151-4593", 2009, "United States",
          "sage", article_numbers=True),
        J("jhsa", "The Journal of hand surgery", "J Hand Surg Am", "Journal of Hand Surgery",
          "J. Hand Surg.", "0363-5023", "1531-6564", 1975, "United States", "elsevier",
          elsevier=True),
        J("clinbiomech", "Clinical biomechanics (Bristol, Avon)", "Clin Biomech (Bristol)",
          "Clinical Biomechanics", "Clin. Biomech.", "0268-0033", "1879-1271", None,
          "England", "elsevier", article_numbers=True, elsevier=True),
        J("vcot", "Veterinary and comparative orthopaedics and traumatology : V.C.O.T",
          "Vet Comp Orthop Traumatol", "Veterinary and Comparative Orthopaedics and "
          "Traumatology", "Vet. Comp. Orthop. Traumatol.", "0932-0814", "2567-6911", 1987,
          "Germany", "thieme"),
        J("otsr", "Orthopaedics & traumatology, surgery & research : OTSR",
          "Orthop Traumatol Surg Res", "Orthopaedics and Traumatology: Surgery and Research",
          "Orthop. Traumatol. Surg. Res.", "1877-0568", "1877-0576", 1914, "France",
          "elsevier", elsevier=True),
        J("unfall", "Der Unfallchirurg", "Unfallchirurg", "Unfallchirurg", "Unfallchirurg",
          "0177-5537", "1433-044X", 1897, "Germany", "springer", language="ger",
          last_year=2021),
        J("zou", "Zeitschrift fur Orthopadie und Unfallchirurgie", "Z Orthop Unfall",
          "Zeitschrift fur Orthopadie und Unfallchirurgie", "Z. Orthop. Unfallchir.",
          "1864-6697", "1864-6743", 1862, "Germany", "thieme", language="ger"),
        J("cdsr", "The Cochrane database of systematic reviews", "Cochrane Database Syst Rev",
          "Cochrane Database of Systematic Reviews", "Cochrane Database Syst. Rev.", None,
          "1469-493X", 0, "England", "cochrane"),
        J("jocr", "Journal of orthopaedic case reports", "J Orthop Case Rep",
          "Journal of Orthopaedic Case Reports", "J. Orthop. Case Rep.", "2250-0685",
          "2321-3817", 2010, "India", "jocr"),
        J("aob", "Acta orthopaedica Belgica", "Acta Orthop Belg", "Acta Orthopaedica Belgica",
          "Acta Orthop. Belg.", "0001-6462", None, 1934, "Belgium", "none"),
        J("hsr", "Hand surgery & rehabilitation", "Hand Surg Rehabil",
          "Hand Surgery and Rehabilitation", "Hand Surg. Rehabil.", "2468-1229", "2468-1210",
          1981, "France", "elsevier", elsevier=True),
        # Embase-only sources (not retrieved through PubMed in the sample)
        J("jcot", "Journal of clinical orthopaedics and trauma", "J Clin Orthop Trauma",
          "Journal of Clinical Orthopaedics and Trauma", "J. Clin. Orthop. Trauma",
          "0976-5662", "2213-3445", 2009, "India", "elsevier", elsevier=True),
        J("jorth", "Journal of orthopaedics", "J Orthop", "Journal of Orthopaedics",
          "J. Orthop.", "0972-978X", None, 2003, "India", "elsevier", elsevier=True),
        J("cjot", "Chinese journal of orthopaedic trauma", "Chin J Orthop Trauma",
          "Chinese Journal of Orthopaedic Trauma", "Chin. J. Orthop. Trauma", "1671-7600",
          None, 1998, "China", "cma", language="chi"),
        J("tcr", "Trauma case reports", "Trauma Case Rep", "Trauma Case Reports",
          "Trauma Case Rep.", None, "2352-6440", 2014, "Netherlands", "elsevier",
          article_numbers=True, elsevier=True),
        # conference abstracts (Embase)
        J("orthproc", "Orthopaedic proceedings", "Orthop Proc", "Orthopaedic Proceedings",
          "Orthop. Proc.", "1358-992X", "2049-4416", 1918, "England", "none"),
        J("osteoint", "Osteoporosis international", "Osteoporos Int",
          "Osteoporosis International", "Osteoporosis Int.", "0937-941X", "1433-2965", 1989,
          "England", "none"),
    )
}  # fmt: skip

CONGRESSES = {
    "orthproc": "Annual Congress of the European Orthopaedic and Trauma Societies {year}",
    "ejtes": "European Congress of Trauma and Emergency Surgery {year}",
    "osteoint": "Fragility Fracture Congress {year}",
}


# ------------------------------------------------------------------------ templates
@dataclass(frozen=True)
class Template:
    """A family of similar fictional studies (same question, different numbers).

    ``counts`` says how many studies go where: ``pm`` MEDLINE (found by the PubMed
    state-of-the-art string, hence also eligible as cross-database duplicates), ``em``
    Embase only, ``cn`` CENTRAL only.
    """

    key: str
    design: str
    titles: tuple[str, ...]
    bg: tuple[str, ...]
    methods: tuple[str, ...]
    results: tuple[str, ...]
    concl: tuple[str, ...]
    mesh: tuple[str, ...]
    kw: tuple[str, ...]
    journals: tuple[str, ...]
    counts: dict[str, int]
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    countries: tuple[str, ...] = ()
    relevant: bool = True
    #: Text slots; a tuple as long as ``titles`` goes with the title chosen.
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Original (German) titles, one per title, for records in other languages.
    vernacular: tuple[str, ...] = ()


def study(key: str, design: str, **kw: Any) -> Template:
    for name in ("titles", "bg", "methods", "results", "concl", "mesh", "kw", "journals"):
        value = kw.get(name, ())
        kw[name] = (value,) if isinstance(value, str) else tuple(value)
    return Template(key, design, **kw)


ORTHO = ("injury", "aots", "ejtes", "io", "bmcmsk", "josr", "otsr", "aob")
HIP = ("injury", "jot", "bjj", "actaorthop", "aots", "hipint", "ejtes", "gosr", "bmcmsk")
FOOT = ("fai", "fas", "injury", "aots", "jot")
HAND = ("jhse", "jhsa", "hsr", "bjj", "aots")
PEDS = ("jpo", "jpob", "bjj", "actaorthop")

TEMPLATES: tuple[Template, ...] = (
    # --------------------------------------------------------- femoral neck, screws
    study(
        "fnf_undisplaced_elderly", "retro",
        titles=(
            "[Outcome|Results|Reoperation rate|Failure rate] [of|after] [cannulated screw "
            "fixation|internal fixation with three cannulated screws|percutaneous screw "
            "fixation|multiple screw fixation] [of|for] [undisplaced|Garden I and "
            "II|non-displaced|stable] femoral neck fractures in [the elderly|patients older than "
            "{agecut} years|octogenarians|nursing home residents|older adults]{sfx}",
            "[Is screw fixation still justified|Should we still fix|Screw fixation or "
            "arthroplasty] for [undisplaced|Garden I-II|non-displaced] femoral neck fractures in "
            "patients [aged|older than] {agecut} years?",
        ),
        bg=(
            "Internal fixation with cannulated screws is the most common treatment of "
            "undisplaced femoral neck fractures, but the failure rate in elderly patients "
            "remains a matter of debate.",
            "The optimal treatment of undisplaced femoral neck fractures in the oldest "
            "patients is controversial, and some authors advocate primary arthroplasty.",
        ),
        methods=(
            "We reviewed {n} consecutive patients aged {agecut} years or older with a "
            "Garden I or II femoral neck fracture treated with three parallel cannulated "
            "screws at {site} between {y1} and {y2}. The primary outcome was reoperation "
            "within two years; secondary outcomes were fixation failure, avascular necrosis, "
            "non-union and one-year mortality.",
        ),
        results=(
            "The mean age was {age} years and {female}% were women. Reoperation was "
            "necessary in {p1}% of patients, mostly conversion to arthroplasty for fixation "
            "failure ({p2}%) or avascular necrosis ({p3}%). Posterior tilt above 20 degrees "
            "was associated with failure (OR {orr}). One-year mortality was {p4}%.",
        ),
        concl=(
            "Screw fixation remains a reasonable option for undisplaced femoral neck "
            "fractures in the elderly, but patients with marked posterior tilt may benefit "
            "from primary arthroplasty.",
            "Most undisplaced femoral neck fractures in elderly patients heal after "
            "cannulated screw fixation; the reoperation rate was comparable with published "
            "series.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws",
              "Fracture Fixation, Internal/*methods", "Reoperation/statistics & numerical data",
              "Aged, 80 and over"),
        kw=("Femoral neck fracture", "Cannulated screws", "Elderly", "Reoperation"),
        journals=HIP, counts={"pm": 4, "em": 2, "cn": 0},
        ranges={"age": (78, 86), "agecut": (65, 80), "p1": (6, 18), "p2": (3, 10),
                "p3": (1, 6), "p4": (14, 28), "n": (90, 640)},
    ),
    study(
        "fnf_tilt", "retro",
        titles=(
            "[Posterior tilt|Preoperative posterior tilt|Posterior tilt of the femoral head] [and "
            "the risk of|predicts|as a predictor of|is associated with] [reoperation|fixation "
            "failure|treatment failure|conversion to arthroplasty] after [screw fixation|internal "
            "fixation|cannulated screw fixation] of [undisplaced|Garden I and II|non-displaced] "
            "femoral neck fractures{sfx}",
            "[Reliability and prognostic value|Measurement and clinical relevance|Prognostic "
            "value] of posterior tilt in [undisplaced|Garden I-II] femoral neck fractures treated "
            "with [cannulated screws|internal fixation]",
        ),
        bg=(
            "Posterior tilt of the femoral head on the preoperative lateral radiograph has "
            "been proposed as a predictor of fixation failure in undisplaced femoral neck "
            "fractures.",
        ),
        methods=(
            "Patients with undisplaced femoral neck fractures treated with two or three "
            "cannulated screws at {site} were identified. Posterior tilt was measured on the "
            "preoperative lateral radiograph by two observers and patients were grouped "
            "using a threshold of 20 degrees. The outcome was any reoperation within {fu} "
            "months.",
        ),
        results=(
            "Of {n} patients, {na} had a posterior tilt of 20 degrees or more. The "
            "reoperation rate was {p2}% in this group and {p1}% in patients with less tilt "
            "({pv}). Interobserver agreement for the tilt measurement was good (ICC "
            "0.{icc}).",
        ),
        concl=(
            "A posterior tilt of 20 degrees or more doubles the risk of reoperation after "
            "screw fixation; arthroplasty should be considered in these patients.",
            "Posterior tilt should be measured routinely when choosing between fixation and "
            "arthroplasty for undisplaced femoral neck fractures.",
        ),
        mesh=("Femoral Neck Fractures/*diagnostic imaging/surgery", "*Bone Screws",
              "Treatment Failure", "Radiography", "Reoperation"),
        kw=("Posterior tilt", "Femoral neck fracture", "Internal fixation", "Garden"),
        journals=HIP, counts={"pm": 4, "em": 1, "cn": 0},
        ranges={"age": (74, 84), "p1": (5, 12), "p2": (18, 34), "n": (120, 520)},
    ),
    study(
        "fnf_configuration", "retro",
        titles=(
            "[Inverted triangle versus F-shaped|Inverted triangle or F-pattern|Triangular versus "
            "F-shaped] [configuration|placement] of [cannulated|parallel] screws [for|in] "
            "[femoral neck fractures|intracapsular hip fractures|undisplaced femoral neck "
            "fractures]{sfx}",
            "[Screw configuration and spread|Screw spread and posterior cortical support|Screw "
            "position and spread] in femoral neck fractures fixed with [cannulated|parallel] "
            "screws: a [radiographic|radiological] [study|analysis] of {n} [cases|patients]",
            "[Does the number of cannulated screws matter?|Two or three screws?|How many screws "
            "are needed?] [Two versus three screws for|Fixation of|A comparison in] "
            "[undisplaced|Garden I and II|stable] femoral neck fractures",
        ),
        bg=(
            "The configuration of cannulated screws in the femoral neck affects the "
            "stability of the construct, but clinical data comparing configurations are "
            "scarce.",
        ),
        methods=(
            "We compared {na} patients treated with three screws in an inverted triangle "
            "with {nb} patients treated with {cmp} at {site}. Screw spread, "
            "distance to the posterior cortex and tip-apex distance were measured on "
            "postoperative radiographs. Outcomes were fixation failure, femoral neck "
            "shortening and reoperation at a mean follow-up of {fu} months.",
        ),
        results=(
            "Fixation failure occurred in {p1}% and {p2}% of the two groups ({pns}). Screw "
            "spread in the lateral view and posterior cortical support were associated with "
            "fewer failures (OR {orr}). Femoral neck shortening of more than 5 mm was seen "
            "in {p3}% of all patients.",
        ),
        concl=(
            "Screw spread and posterior cortical support were more important than the "
            "configuration itself for the stability of screw fixation.",
        ),
        mesh=("Femoral Neck Fractures/*surgery/diagnostic imaging", "*Bone Screws",
              "Fracture Fixation, Internal/*instrumentation", "Treatment Outcome"),
        kw=("Cannulated screw", "Screw configuration", "Femoral neck fracture",
            "Fixation failure"),
        journals=(*HIP, "josr"), counts={"pm": 4, "em": 2, "cn": 0},
        ranges={"p1": (5, 15), "p2": (6, 18), "p3": (12, 35)},
        choices={"cmp": ("screws in an F-shaped configuration", "other configurations",
                         "two parallel screws")},
    ),
    study(
        "fnf_young", "retro",
        titles=(
            "[Internal fixation|Screw fixation|Cannulated screw fixation|Head-preserving "
            "fixation] of [femoral neck fractures|displaced femoral neck fractures|high-energy "
            "femoral neck fractures] in [young adults|patients younger than 60 years|adults under "
            "50 years|young patients]{sfx}",
            "[Long-term|Mid-term|{fuy}-year] [outcome|results|survival of the femoral head] after "
            "[cannulated screw fixation|internal fixation] of femoral neck fractures in [young "
            "adults|patients younger than 60 years]",
        ),
        bg=(
            "Femoral neck fractures in young adults are usually high-energy injuries, and "
            "preservation of the femoral head is the goal of treatment.",
        ),
        methods=(
            "We retrospectively analysed {n} patients aged 18 to 60 years who underwent "
            "closed or open reduction and fixation with cannulated screws at {site} between "
            "{y1} and {y2}. Union, avascular necrosis, non-union, Harris Hip Score and "
            "conversion to arthroplasty were assessed with a minimum follow-up of {fuy} "
            "years.",
        ),
        results=(
            "The mean age was {agey} years. Union was achieved in {pu}% of fractures. "
            "Avascular necrosis developed in {p1}% and non-union in {p2}%; {p3}% of patients "
            "underwent conversion to total hip arthroplasty. Quality of reduction was the "
            "strongest predictor of complications (OR {orr}). The mean Harris Hip Score was "
            "{score} points.",
        ),
        concl=(
            "Anatomical reduction is the key to success; cannulated screws give acceptable "
            "results in young adults with femoral neck fractures when reduction is good.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws", "Femur Head Necrosis/etiology",
              "Fractures, Ununited/etiology", "Young Adult", "Adult"),
        kw=("Femoral neck fracture", "Young adults", "Avascular necrosis", "Non-union",
            "Cannulated screws"),
        journals=(*HIP, "jot"), counts={"pm": 4, "em": 2, "cn": 0},
        ranges={"p1": (8, 22), "p2": (5, 16), "p3": (8, 20), "pu": (80, 93), "n": (48, 260)},
    ),
    study(
        "fnf_washers", "retro",
        titles=(
            "[Washers reduce|The use of washers reduces|Adding a washer reduces] [lateral screw "
            "back-out|screw back-out|lateral thigh pain] after [cannulated screw "
            "fixation|internal fixation|screw fixation] of femoral neck fractures{sfx}",
            "[The effect|Influence] of washers on [screw back-out and lateral thigh pain|screw "
            "sliding and implant removal|lateral prominence of screws] after femoral neck "
            "fracture fixation",
        ),
        bg=(
            "Lateral back-out of cannulated screws causes thigh pain and is a frequent reason "
            "for implant removal after femoral neck fracture fixation.",
        ),
        methods=(
            "{n} patients treated with three cannulated screws with (n = {na}) or without "
            "(n = {nb}) washers were compared. Screw back-out was measured on radiographs at "
            "6 weeks, 3 months and final follow-up; thigh pain and implant removal were "
            "recorded.",
        ),
        results=(
            "Mean screw back-out was {mm1} mm with washers and {mm2} mm without ({pv}). "
            "Lateral thigh pain was reported by {p1}% and {p2}% of patients, and implants "
            "were removed in {p3}% and {p4}%, respectively.",
        ),
        concl=(
            "Washers reduced screw back-out and lateral thigh pain without increasing "
            "fixation failure.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws", "Device Removal",
              "Postoperative Complications/*prevention & control", "Prosthesis Failure"),
        kw=("Washer", "Screw back-out", "Femoral neck fracture", "Implant removal"),
        journals=HIP, counts={"pm": 3, "em": 1, "cn": 0},
        ranges={"p1": (4, 12), "p2": (12, 26), "p3": (2, 8), "p4": (8, 18)},
    ),
    study(
        "fnf_shortening", "prosp",
        titles=(
            "[Femoral neck shortening|Collapse and shortening of the femoral neck|Loss of femoral "
            "offset and neck length] after [cannulated screw fixation|internal fixation with "
            "partially threaded screws|screw fixation] and its [effect|impact|influence] on [hip "
            "function|gait|patient-reported outcome]{sfx}",
            "[Radiostereometric|Radiographic] [analysis|measurement] of femoral neck "
            "[collapse|shortening|migration] after fixation with [partially threaded|cannulated] "
            "screws",
        ),
        bg=(
            "Partially threaded screws allow controlled collapse of the femoral neck, but "
            "excessive shortening may impair abductor function.",
        ),
        methods=(
            "In this prospective study, {n} patients with femoral neck fractures treated "
            "with cannulated screws at {site} were followed for {fu} months. Femoral neck "
            "shortening was measured on standardised radiographs and related to the Harris "
            "Hip Score, EQ-5D and gait velocity.",
        ),
        results=(
            "Mean shortening at one year was {mm1} mm; {p1}% of patients had shortening of "
            "more than 10 mm. Severe shortening was associated with a lower Harris Hip Score "
            "({score2} vs {score} points, {pv}) and lower EQ-5D index.",
        ),
        concl=(
            "Femoral neck shortening is common after screw fixation and is associated with "
            "worse function; length-stable implants may be an alternative in younger "
            "patients.",
        ),
        mesh=("Femoral Neck Fractures/*surgery/diagnostic imaging", "*Bone Screws",
              "Femur Neck/*diagnostic imaging", "Recovery of Function", "Prospective Studies"),
        kw=("Femoral neck shortening", "Cannulated screws", "Hip function"),
        journals=HIP, counts={"pm": 3, "em": 1, "cn": 1},
        ranges={"p1": (15, 35), "mm1": (4, 9), "n": (60, 180)},
    ),
    study(
        "fnf_time_to_surgery", "registry",
        titles=(
            "[Time to surgery|Surgical delay|Delay to surgery|Timing of surgery] and "
            "[reoperation|failure|fixation failure|avascular necrosis] after [internal "
            "fixation|screw fixation|cannulated screw fixation] of [intracapsular hip "
            "fractures|femoral neck fractures|undisplaced femoral neck fractures]{sfx}",
        ),
        bg=(
            "Guidelines recommend surgery within 24 to 48 hours for hip fractures, but the "
            "effect of delay on the outcome of internal fixation is uncertain.",
        ),
        methods=(
            "Patients with femoral neck fractures treated with cannulated screws or pins were "
            "identified in {registry} ({y1}-{y2}). Time from admission to surgery was "
            "categorised as less than 12, 12 to 24, 24 to 48 and more than 48 hours. The "
            "outcome was reoperation within two years, analysed with Cox regression adjusted "
            "for age, sex, ASA class and displacement.",
        ),
        results=(
            "{n} patients were included. The two-year reoperation rate was {p1}% overall. "
            "Surgery after 48 hours was associated with a higher risk of reoperation than "
            "surgery within 12 hours (HR {orr}), mainly due to avascular necrosis.",
        ),
        concl=(
            "Delayed internal fixation of femoral neck fractures is associated with more "
            "reoperations; fixation should be performed as early as possible.",
        ),
        mesh=("Hip Fractures/*surgery", "Femoral Neck Fractures/*surgery",
              "Time-to-Treatment/*statistics & numerical data", "Registries", "Reoperation",
              "Fracture Fixation, Internal"),
        kw=("Time to surgery", "Hip fracture", "Internal fixation", "Register study"),
        journals=("actaorthop", "bjj", "injury", "jbjsa"), counts={"pm": 3, "em": 0, "cn": 0},
        countries=("Sweden", "Norway", "Denmark", "Finland", "Netherlands", "United Kingdom"),
        ranges={"n": (2400, 21000), "p1": (9, 16)},
    ),
    study(
        "fnf_pauwels3", "retro",
        titles=(
            "[Cannulated screws with or without|Augmentation of cannulated screws with|Adding] a "
            "medial buttress plate [for|in] [Pauwels type III|vertical|vertically oriented] "
            "femoral neck fractures{sfx}",
            "[Vertical femoral neck fractures|Pauwels type III femoral neck fractures|Vertically "
            "oriented femoral neck fractures] in [young patients|young adults|patients under 65 "
            "years]: [cannulated screws versus sliding hip screw|sliding hip screw or cannulated "
            "screws?|screws or a sliding hip screw?]",
        ),
        bg=(
            "Vertically oriented (Pauwels type III) femoral neck fractures are subjected to "
            "high shear forces and have a high rate of fixation failure.",
        ),
        methods=(
            "Patients younger than 65 years with Pauwels type III fractures treated at "
            "{site} between {y1} and {y2} were included. {na} patients received cannulated "
            "screws alone and {nb} received {cmp}. Union, fixation failure, avascular "
            "necrosis and Harris Hip Score were compared at a minimum of 12 months.",
        ),
        results=(
            "Union was achieved in {p4}% and {pu}% of patients. Fixation failure occurred in "
            "{p2}% of the screw-only group and {p1}% of the comparison group ({pv}). Rates of "
            "avascular necrosis did not differ ({pns}).",
        ),
        concl=(
            "Additional fixation improved stability in vertical femoral neck fractures "
            "compared with cannulated screws alone, without increasing avascular necrosis.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws", "*Bone Plates",
              "Fracture Fixation, Internal/*methods", "Treatment Outcome"),
        kw=("Pauwels III", "Femoral neck fracture", "Medial buttress plate",
            "Cannulated screws"),
        journals=(*HIP, "josr", "bmcmsk"), counts={"pm": 3, "em": 3, "cn": 1},
        countries=("China", "China", "South Korea", "India", "Turkey", "United States"),
        choices={"cmp": ("cannulated screws augmented with a medial buttress plate",
                         "a sliding hip screw with an antirotation screw")},
        ranges={"p1": (3, 10), "p2": (12, 28), "pu": (88, 97), "p4": (75, 88)},
    ),
    # ------------------------------------------------------- femoral neck, compared
    study(
        "fnf_rct_fns", "rct",
        titles=(
            "[Femoral neck system versus cannulated screws|Femoral neck system or cannulated "
            "screws|Cannulated screws or a femoral neck system|A dynamic locking blade plate "
            "versus cannulated screws] for [femoral neck fractures|displaced femoral neck "
            "fractures|vertical femoral neck fractures] in [adults younger than 65 years|young "
            "adults|patients under 60 years|adults]{sfx}",
        ),
        bg=(
            "The femoral neck system is a newer angular stable implant for femoral neck "
            "fractures. Whether it improves outcomes compared with cannulated screws is "
            "unclear.",
        ),
        methods=(
            "In this randomised trial at {site}, {n} patients aged 18 to 65 years with a "
            "femoral neck fracture were allocated to the femoral neck system (n = {na}) or "
            "three cannulated screws (n = {nb}). The primary outcome was reoperation within "
            "24 months; secondary outcomes were femoral neck shortening, union, avascular "
            "necrosis and Harris Hip Score.",
        ),
        results=(
            "Reoperation occurred in {p1}% of the femoral neck system group and {p2}% of the "
            "screw group ({pns}). Femoral neck shortening was less with the femoral neck "
            "system ({mm1} vs {mm2} mm, {pv}). Union and avascular necrosis rates were "
            "similar.",
        ),
        concl=(
            "The femoral neck system reduced femoral neck shortening, but reoperation rates "
            "did not differ from cannulated screws at two years.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws", "Internal Fixators",
              "Fracture Fixation, Internal/*instrumentation", "Reoperation"),
        kw=("Femoral neck system", "Cannulated screws", "Randomised controlled trial",
            "Femoral neck fracture"),
        journals=("bjj", "jot", "injury", "jbjsa", "actaorthop"),
        counts={"pm": 3, "em": 1, "cn": 2},
        countries=("China", "Germany", "Switzerland", "Netherlands", "South Korea", "Norway"),
        ranges={"p1": (4, 10), "p2": (6, 14), "mm1": (2, 5), "n": (80, 220)},
    ),
    study(
        "fnf_rct_shs", "rct",
        titles=(
            "[Sliding hip screw versus cannulated screws|Sliding hip screw or multiple cancellous "
            "screws|Multiple screws versus a sliding hip screw|Cancellous screws or sliding hip "
            "screw] for [undisplaced femoral neck|intracapsular hip|femoral neck] fractures[ in "
            "the elderly| in patients aged 50 years or older| in older adults|]{sfx}",
        ),
        bg=(
            "Both sliding hip screws and multiple cancellous screws are used for the "
            "fixation of femoral neck fractures, and previous trials were underpowered to "
            "detect differences in reoperation.",
        ),
        methods=(
            "{n} patients aged 50 years or older with a femoral neck fracture were "
            "randomised to a sliding hip screw (n = {na}) or three cannulated screws "
            "(n = {nb}) at {site}. Outcomes were reoperation, avascular necrosis, "
            "non-union, health-related quality of life and mortality at 24 months.",
        ),
        results=(
            "The reoperation rate was {p1}% with the sliding hip screw and {p2}% with "
            "cannulated screws (HR {rrn}; {pns}). Avascular necrosis was more frequent after "
            "sliding hip screw fixation ({p3}% vs {p4}%). Quality of life did not differ.",
        ),
        concl=(
            "There was no significant difference in reoperation between the two implants; "
            "cannulated screws remain an appropriate choice for undisplaced fractures.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws",
              "Fracture Fixation, Internal/*methods", "Randomized Controlled Trials as Topic",
              "Femur Head Necrosis"),
        kw=("Sliding hip screw", "Cancellous screws", "Femoral neck fracture",
            "Randomised trial"),
        journals=("bjj", "jot", "jbjsa", "actaorthop", "injury"),
        counts={"pm": 3, "em": 0, "cn": 2},
        ranges={"p1": (12, 17), "p2": (12, 18), "p3": (7, 12), "p4": (3, 8), "n": (180, 1100)},
    ),
    study(
        "fnf_hemi_vs_if", "rct",
        titles=(
            "[Hemiarthroplasty versus internal fixation|Internal fixation or "
            "hemiarthroplasty|Hemiarthroplasty or screw fixation|Arthroplasty versus internal "
            "fixation] for [undisplaced|non-displaced|Garden I and II] femoral neck fractures in "
            "[patients aged 70 years or older|the elderly|older adults|patients over 70]{sfx}",
            "[Mobility and reoperation|Patient-reported outcomes|Health-related quality of life] "
            "after hemiarthroplasty or internal fixation of undisplaced femoral neck fractures: "
            "{fuy}-year results{sfx}",
        ),
        bg=(
            "Undisplaced femoral neck fractures in elderly patients are usually treated with "
            "internal fixation, but reoperation rates up to 20% have led to interest in "
            "primary hemiarthroplasty.",
        ),
        methods=(
            "Patients aged 70 years or older with an undisplaced femoral neck fracture were "
            "randomised to hemiarthroplasty (n = {na}) or internal fixation with cannulated "
            "screws (n = {nb}) at {site}. The primary outcome was mobility; secondary "
            "outcomes were reoperation, complications, health-related quality of life and "
            "mortality.",
        ),
        results=(
            "Mobility did not differ between groups at any follow-up. Reoperation was "
            "required in {p1}% after hemiarthroplasty and {p2}% after internal fixation "
            "({pv}). One-year mortality was {p3}% and {p4}%.",
        ),
        concl=(
            "Hemiarthroplasty did not improve mobility but reduced major reoperations "
            "compared with internal fixation.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Hemiarthroplasty",
              "Fracture Fixation, Internal/*methods", "*Bone Screws", "Aged, 80 and over",
              "Reoperation"),
        kw=("Hemiarthroplasty", "Internal fixation", "Undisplaced femoral neck fracture",
            "Elderly"),
        journals=("bjj", "jbjsa", "actaorthop", "injury"),
        counts={"pm": 3, "em": 1, "cn": 2},
        countries=("Norway", "Sweden", "Denmark", "Netherlands", "Finland"),
        ranges={"p1": (3, 7), "p2": (16, 24), "p3": (18, 28), "p4": (17, 29), "n": (180, 420)},
    ),
    study(
        "fnf_cost", "model",
        titles=(
            "[Cost-effectiveness|Cost-utility|Costs and consequences|Economic evaluation] of "
            "[internal fixation versus hemiarthroplasty|screw fixation versus "
            "arthroplasty|fixation or arthroplasty] for [undisplaced|non-displaced] femoral neck "
            "fractures[ in older adults| in the elderly|]{sfx}",
        ),
        bg=(
            "Reoperations after internal fixation of femoral neck fractures generate "
            "substantial costs, which may offset the lower cost of the index procedure.",
        ),
        methods=(
            "A Markov model with a two-year horizon compared internal fixation with "
            "cannulated screws and hemiarthroplasty for patients aged 75 years with an "
            "undisplaced femoral neck fracture, using costs from {site} and probabilities "
            "from published trials.",
        ),
        results=(
            "Internal fixation was less costly at the index procedure, but the expected cost "
            "over two years differed by less than 5% between strategies. Results were most "
            "sensitive to the reoperation rate after fixation; above {p1}%, hemiarthroplasty "
            "was dominant.",
        ),
        concl=(
            "The cost-effectiveness of both strategies depends on the reoperation rate after "
            "fixation in the treating institution.",
        ),
        mesh=("Femoral Neck Fractures/*economics/surgery", "Cost-Benefit Analysis",
              "Hemiarthroplasty/economics", "Fracture Fixation, Internal/economics",
              "Markov Chains"),
        kw=("Cost-effectiveness", "Femoral neck fracture", "Internal fixation",
            "Hemiarthroplasty"),
        journals=("bjj", "actaorthop", "jbjsa", "injury"), counts={"pm": 2, "em": 1, "cn": 0},
        ranges={"p1": (14, 22)},
    ),
    # ------------------------------------------------------------------ complications
    study(
        "fnf_avn", "retro",
        titles=(
            "[Avascular necrosis|Osteonecrosis of the femoral head|Femoral head necrosis] after "
            "[cannulated screw fixation|internal fixation|screw fixation] of femoral neck "
            "fractures: [incidence and risk factors|risk factors and timing|incidence, timing and "
            "treatment]{sfx}",
            "[Risk factors for|Predictors of|Incidence of] [osteonecrosis|avascular "
            "necrosis|femoral head necrosis] after [internal fixation|screw fixation] of [femoral "
            "neck fractures|intracapsular hip fractures]{sfx}",
        ),
        bg=(
            "Avascular necrosis is a late complication of femoral neck fractures that often "
            "leads to conversion to arthroplasty.",
        ),
        methods=(
            "{n} patients treated with cannulated screws at {site} between {y1} and {y2} "
            "with at least two years of follow-up were reviewed. Avascular necrosis was "
            "diagnosed on radiographs or MRI. Age, displacement, reduction quality, time to "
            "surgery and screw position were analysed with multivariable logistic "
            "regression.",
        ),
        results=(
            "Avascular necrosis developed in {p1}% of patients at a median of {fuh} months. "
            "Displacement (OR {orr}) and poor reduction were independent risk factors, "
            "whereas time to surgery was not ({pns}). {p2}% of patients with necrosis "
            "underwent arthroplasty.",
        ),
        concl=(
            "Initial displacement and reduction quality determine the risk of avascular "
            "necrosis; follow-up of at least two years is needed to capture this "
            "complication.",
        ),
        mesh=("Femur Head Necrosis/*epidemiology/etiology", "Femoral Neck Fractures/*surgery",
              "*Bone Screws", "Risk Factors", "Incidence"),
        kw=("Avascular necrosis", "Osteonecrosis", "Femoral neck fracture",
            "Cannulated screws"),
        journals=(*HIP, "josr"), counts={"pm": 4, "em": 2, "cn": 0},
        ranges={"p1": (7, 19), "p2": (55, 80), "fuh": (14, 30)},
    ),
    study(
        "fnf_subtroch", "case",
        titles=(
            "Subtrochanteric fracture after [cannulated screw fixation|screw fixation|internal "
            "fixation] of [a femoral neck fracture|an undisplaced femoral neck fracture]{sfx}",
            "[Peri-implant|Stress] [subtrochanteric|femoral] fracture below cannulated screws: "
            "{ncase} cases and [review of the literature|lessons learned]",
        ),
        bg=(
            "Subtrochanteric fracture is a rare but serious complication after screw "
            "fixation of femoral neck fractures, usually related to a low entry point of the "
            "inferior screw.",
        ),
        methods=(
            "We report {ncase} patients who sustained a subtrochanteric fracture after "
            "fixation of an undisplaced femoral neck fracture with three cannulated screws.",
        ),
        results=(
            "In all cases the inferior screw entered the lateral cortex below the level of "
            "the lesser trochanter, and the fracture occurred within {wk} weeks after a "
            "minor fall. All patients were treated with a cephalomedullary nail.",
        ),
        concl=(
            "Screw entry points below the lesser trochanter and multiple drill holes should "
            "be avoided to prevent this complication.",
        ),
        mesh=("Femoral Fractures/*etiology", "Femoral Neck Fractures/*surgery",
              "*Bone Screws/adverse effects", "Postoperative Complications"),
        kw=("Subtrochanteric fracture", "Complication", "Cannulated screws", "Case report"),
        journals=("jocr", "injury", "aob", "tcr", "aots"), counts={"pm": 2, "em": 2, "cn": 0},
    ),
    study(
        "fnf_cutout", "retro",
        titles=(
            "[Screw cut-out|Cut-out|Screw perforation|Secondary screw penetration][ and "
            "perforation|] after [fixation|internal fixation|screw fixation] of [femoral neck "
            "fractures|intracapsular hip fractures]{sfx}",
            "[Intra-articular|Secondary intra-articular] screw penetration after [cannulated "
            "screw fixation|internal fixation] of the femoral neck: [incidence and "
            "consequences|incidence and risk factors|how often and why?]",
        ),
        bg=(
            "Secondary perforation of the femoral head by cannulated screws after collapse "
            "may damage the acetabular cartilage.",
        ),
        methods=(
            "Radiographs of {n} patients treated with cannulated screws for femoral neck "
            "fractures were reviewed for screw cut-out, secondary intra-articular penetration "
            "and screw breakage. Risk factors were analysed.",
        ),
        results=(
            "Cut-out or secondary penetration occurred in {p1}% of patients, at a median of "
            "{wk} weeks. A tip-apex distance below 10 mm and osteoporosis were associated "
            "with penetration (OR {orr}). Screw breakage was found in {p3}%.",
        ),
        concl=(
            "Screws placed close to subchondral bone carry a risk of secondary penetration; "
            "regular radiographic follow-up is recommended during the first three months.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Bone Screws/adverse effects",
              "Prosthesis Failure", "Postoperative Complications/*epidemiology"),
        kw=("Cut-out", "Screw penetration", "Femoral neck", "Complications"),
        journals=HIP, counts={"pm": 3, "em": 1, "cn": 0},
        ranges={"p1": (3, 11), "p3": (0.5, 2.5)},
    ),
    study(
        "screw_removal", "retro",
        titles=(
            "[Implant removal after cannulated screw fixation|Hardware removal after screw "
            "fixation of fractures|Removal of cannulated screws after fracture healing|Screw "
            "removal after percutaneous fixation]: [indications and complications|technical "
            "problems and complications|who benefits?|complications and patient "
            "satisfaction]{sfx}",
            "[Routine versus symptomatic|Elective|Routine] removal of [cannulated|lag] screws "
            "after [fracture healing|fracture union]{sfx}",
        ),
        bg=(
            "Removal of cannulated screws after fracture healing is common, but the "
            "indications and complications of removal are poorly documented.",
        ),
        methods=(
            "We reviewed {n} removals of cannulated screws at {site} between {y1} and {y2} "
            "(femoral neck, malleolar and other sites). Indications, operative time and "
            "intraoperative and postoperative complications were recorded.",
        ),
        results=(
            "Pain was the indication in {p4}% of cases. Complications occurred in {p1}%, "
            "including stripped drive recesses ({p2}%), broken screws left in situ and "
            "refracture ({p3}%).",
        ),
        concl=(
            "Removal of cannulated screws is not without risk; stripped drives were the most "
            "frequent technical problem and should be anticipated.",
        ),
        mesh=("*Device Removal/adverse effects", "*Bone Screws", "Fracture Healing",
              "Postoperative Complications"),
        kw=("Implant removal", "Cannulated screws", "Stripped screw", "Complication"),
        journals=ORTHO, counts={"pm": 3, "em": 1, "cn": 0},
        ranges={"p1": (6, 15), "p2": (2, 6), "p3": (0.5, 2), "p4": (55, 85)},
    ),
    study(
        "screw_infection", "retro",
        titles=(
            "[Surgical site infection|Infection|Deep infection] after [percutaneous|minimally "
            "invasive|percutaneous cannulated] screw fixation[ of fractures| of the hip and "
            "ankle|]{sfx}",
            "[Incidence and risk factors of|Risk factors for] infection after [cannulated screw "
            "fixation|percutaneous screw osteosynthesis]{sfx}",
        ),
        bg=(
            "Percutaneous screw fixation is considered a low-risk procedure, but infections "
            "occur and their management is not standardised.",
        ),
        methods=(
            "All patients who underwent percutaneous cannulated screw fixation at {site} "
            "between {y1} and {y2} were included ({n} procedures). Deep and superficial "
            "infections within one year were identified from records and microbiology "
            "results.",
        ),
        results=(
            "Superficial infection occurred in {p1}% and deep infection in {p3}% of "
            "procedures. Diabetes and a body mass index above 35 were risk factors (OR "
            "{orr}). Most deep infections required implant removal.",
        ),
        concl=(
            "Infection after percutaneous screw fixation is rare; patients with diabetes "
            "and obesity are at higher risk.",
        ),
        mesh=("Surgical Wound Infection/*epidemiology", "*Bone Screws/adverse effects",
              "Fracture Fixation, Internal/adverse effects", "Risk Factors"),
        kw=("Infection", "Percutaneous fixation", "Cannulated screws"),
        journals=ORTHO, counts={"pm": 2, "em": 1, "cn": 0},
        ranges={"p1": (1, 4), "p3": (0.3, 1.5), "n": (800, 2600)},
    ),
    # ------------------------------------------------------------------------ scaphoid
    study(
        "scaphoid_rct", "rct",
        titles=(
            "[Percutaneous screw fixation versus cast immobilisation|Fixation or casting|Early "
            "surgical fixation versus cast|Screw fixation or plaster cast] for "
            "[undisplaced|minimally displaced|non-displaced] scaphoid waist fractures[ in adults| "
            "in young adults|]{sfx}",
        ),
        bg=(
            "Undisplaced scaphoid waist fractures can be treated with a cast or with "
            "percutaneous screw fixation, which may allow earlier return to work.",
        ),
        methods=(
            "{n} adults with an undisplaced or minimally displaced scaphoid waist fracture "
            "were randomised to percutaneous fixation with a cannulated compression screw "
            "(n = {na}) or below-elbow cast (n = {nb}) at {site}. The primary outcome was the "
            "PRWE score at 52 weeks; secondary outcomes were union on CT, grip strength, "
            "return to work and complications.",
        ),
        results=(
            "The PRWE score at 52 weeks did not differ between groups ({pns}). Union was "
            "confirmed in {pu}% after fixation and {p4}% after casting. Time to return to "
            "work was shorter after fixation ({wk} vs {wk2} weeks). Complications related to "
            "surgery occurred in {p1}%.",
        ),
        concl=(
            "Fixation did not improve the patient-reported outcome at one year; a cast with "
            "early fixation of fractures that fail to unite is a reasonable strategy.",
        ),
        mesh=("Scaphoid Bone/*injuries/surgery", "Fractures, Bone/*therapy", "*Bone Screws",
              "*Casts, Surgical", "Fracture Fixation, Internal/methods"),
        kw=("Scaphoid fracture", "Percutaneous fixation", "Cast", "Randomised trial"),
        journals=(*HAND, "jbjsa"), counts={"pm": 3, "em": 0, "cn": 2},
        ranges={"pu": (92, 99), "p4": (85, 95), "p1": (4, 14), "wk": (5, 9), "wk2": (9, 14)},
    ),
    study(
        "scaphoid_series", "retro",
        titles=(
            "[Union and complications|Outcome|Results|Time to union] after [percutaneous|volar "
            "percutaneous|dorsal percutaneous] [fixation|screw fixation] of scaphoid "
            "[fractures|waist fractures]{sfx}",
            "[Central screw placement|Screw position|Screw length and position] and [time to "
            "union|union|healing] after percutaneous fixation of scaphoid [waist|proximal pole|] "
            "fractures{sfx}",
            "Percutaneous [cannulated|headless] screw fixation of scaphoid [waist|] fractures in "
            "[athletes|manual workers|military recruits|adolescents]{sfx}",
        ),
        bg=(
            "Percutaneous screw fixation of scaphoid fractures is widely performed, but "
            "outcome data by screw type and approach are limited.",
        ),
        methods=(
            "We reviewed {n} scaphoid fractures treated with percutaneous cannulated screw "
            "fixation at {site}. Union was assessed on CT at 8 to 12 weeks. Screw position "
            "relative to the central axis, complications and QuickDASH scores were "
            "analysed.",
        ),
        results=(
            "Union was achieved in {pu}% at a mean of {wk} weeks. Screws placed outside the "
            "central third were associated with delayed union (OR {orr}). Complications "
            "occurred in {p1}%, mainly screw prominence requiring removal. The mean "
            "QuickDASH was {qd}.",
        ),
        concl=(
            "Percutaneous screw fixation of scaphoid fractures gives high union rates; "
            "central screw placement should be the goal.",
        ),
        mesh=("Scaphoid Bone/*injuries/surgery", "*Bone Screws", "Fracture Healing",
              "Fracture Fixation, Internal/*methods"),
        kw=("Scaphoid", "Cannulated screw", "Percutaneous", "Union"),
        journals=HAND, counts={"pm": 4, "em": 2, "cn": 0},
        ranges={"pu": (90, 98), "wk": (8, 12), "p1": (3, 10), "qd": (6, 14)},
    ),
    study(
        "scaphoid_nonunion", "retro",
        titles=(
            "[Scaphoid non-union|Scaphoid waist nonunion|Established scaphoid nonunion] treated "
            "with [bone graft and screw fixation|cancellous bone grafting and a cannulated "
            "screw|iliac crest bone graft and internal fixation|distal radius bone graft and "
            "screw fixation]{sfx}",
        ),
        bg=(
            "Scaphoid non-union leads to progressive wrist arthritis if untreated; bone "
            "grafting with stable fixation is the standard treatment.",
        ),
        methods=(
            "{n} patients with an established scaphoid waist non-union treated with "
            "autologous bone graft and a cannulated screw at {site} were reviewed with a "
            "mean follow-up of {fu} months. Union was assessed on CT.",
        ),
        results=(
            "Union was achieved in {p4}% at a mean of {wk} weeks. Proximal pole necrosis "
            "and smoking were associated with failure (OR {orr}). Grip strength recovered "
            "to {pg}% of the contralateral side.",
        ),
        concl=(
            "Bone grafting and screw fixation unites most scaphoid waist non-unions; "
            "proximal pole avascularity remains the main cause of failure.",
        ),
        mesh=("Scaphoid Bone/*surgery", "Fractures, Ununited/*surgery", "Bone Transplantation",
              "*Bone Screws"),
        kw=("Scaphoid nonunion", "Bone graft", "Screw fixation"),
        journals=HAND, counts={"pm": 2, "em": 1, "cn": 0},
        ranges={"p4": (78, 92), "wk": (10, 16), "pg": (80, 92)},
    ),
    # ------------------------------------------------------------------------ malleolar
    study(
        "medial_malleolus", "retro",
        titles=(
            "[Partially threaded versus fully threaded|Partially or fully threaded|Fully threaded "
            "versus partially threaded] screws for [medial malleolar|isolated medial "
            "malleolus|bimalleolar] fractures{sfx}",
            "[Unicortical versus bicortical|Bicortical or unicortical|Long versus short] lag "
            "screws for [medial malleolar|medial malleolus] fractures{sfx}",
            "[Fixation|Stabilisation|Treatment] of [medial malleolar|medial malleolus] fractures "
            "with two cannulated screws[ and washers|]{sfx}",
        ),
        bg=(
            "Medial malleolar fractures are usually fixed with two partially threaded "
            "cancellous screws, but failure and hardware irritation are common.",
        ),
        methods=(
            "We compared {na} patients treated with {cmp} with {nb} patients treated with "
            "standard partially threaded screws at {site} between {y1} and {y2}. Outcomes "
            "were union, loss of reduction, hardware removal and the Olerud-Molander Ankle "
            "Score.",
        ),
        results=(
            "Union was achieved in {pu}% and {p4}% ({pns}). Symptomatic hardware requiring "
            "removal occurred in {p1}% and {p2}%. The Olerud-Molander score at one year was "
            "{omas} and {omas2} points.",
        ),
        concl=(
            "Both constructs provided reliable fixation of medial malleolar fractures; "
            "hardware irritation remains the most frequent reason for reoperation.",
        ),
        mesh=("Ankle Fractures/*surgery", "*Bone Screws", "Fracture Fixation, Internal/*methods",
              "Device Removal", "Tibia/injuries"),
        kw=("Medial malleolus", "Ankle fracture", "Lag screw", "Hardware removal"),
        journals=FOOT, counts={"pm": 4, "em": 2, "cn": 0},
        ranges={"pu": (95, 99.5), "p4": (93, 99), "p1": (6, 18), "p2": (10, 24)},
        choices={"cmp": ("fully threaded screws", "bicortical lag screws",
                         "two cannulated screws with washers")},
    ),
    study(
        "ankle_syndesmosis_plate", "rct",
        titles=(
            "[Suture button versus syndesmotic screw|Dynamic versus static syndesmotic "
            "fixation|Suture button or screw] for [unstable ankle fractures|syndesmotic "
            "injuries|ankle fractures with syndesmotic injury]{sfx}",
            "[Locking plate versus one-third tubular plate|Locking or non-locking "
            "plates|Intramedullary fibular nail versus plate] for [lateral malleolar|Weber "
            "B|fibular] fractures[ in older adults|]{sfx}",
        ),
        bg=(
            "The best fixation of the syndesmosis and of the lateral malleolus in unstable "
            "ankle fractures is still debated.",
        ),
        methods=(
            "{n} patients with unstable ankle fractures were randomised at {site}. Outcomes "
            "were the Olerud-Molander Ankle Score, malreduction on CT, implant removal and "
            "complications at 24 months.",
        ),
        results=(
            "The Olerud-Molander score did not differ ({pns}). Malreduction on CT was found "
            "in {p1}% and {p2}% of patients. Implant removal was more frequent in the screw "
            "or plate group ({p3}% vs {p4}%).",
        ),
        concl=(
            "Functional outcome was similar; the choice of implant can be based on cost and "
            "the need for removal.",
        ),
        mesh=("Ankle Fractures/*surgery", "Bone Plates", "Bone Screws", "Ankle Joint/surgery"),
        kw=("Ankle fracture", "Syndesmosis", "Plate", "Randomised trial"),
        journals=(*FOOT, "bjj"), counts={"pm": 4, "em": 1, "cn": 2}, relevant=False,
        ranges={"p1": (8, 24), "p2": (4, 16), "p3": (20, 40), "p4": (4, 12)},
    ),
    # ------------------------------------------------------------------------------ SCFE
    study(
        "scfe_insitu", "retro",
        titles=(
            "[In situ fixation|In situ pinning|Single-screw fixation|Percutaneous in situ "
            "fixation] of [stable|] slipped capital femoral epiphysis with a single "
            "[cannulated|partially threaded|fully threaded] screw{sfx}",
            "[Slip progression and physeal closure|Remodelling and physeal "
            "closure|Femoroacetabular impingement] after [single-screw|in situ] fixation of "
            "slipped capital femoral epiphysis{sfx}",
        ),
        bg=(
            "In situ fixation with a single cannulated screw is the standard treatment of "
            "stable slipped capital femoral epiphysis (SCFE).",
        ),
        methods=(
            "We reviewed {n} hips in patients aged {agec} years on average treated with a "
            "single cannulated screw for stable SCFE at {site} between {y1} and {y2}. Slip "
            "progression, physeal closure, avascular necrosis, chondrolysis and "
            "femoroacetabular impingement were assessed.",
        ),
        results=(
            "Slip progression occurred in {p1}% of hips, all with fewer than four threads "
            "crossing the physis. Avascular necrosis was seen in {p3}% and chondrolysis in "
            "none. Physeal closure occurred at a mean of {fuh} months.",
        ),
        concl=(
            "Single-screw in situ fixation reliably prevents slip progression in stable SCFE "
            "when at least four threads cross the physis.",
        ),
        mesh=("Slipped Capital Femoral Epiphyses/*surgery", "*Bone Screws", "Child",
              "Adolescent", "Epiphyses/surgery"),
        kw=("SCFE", "In situ fixation", "Cannulated screw", "Slip progression"),
        journals=PEDS, counts={"pm": 3, "em": 1, "cn": 0},
        ranges={"p1": (1, 6), "p3": (0.5, 3), "fuh": (12, 24), "n": (40, 220)},
    ),
    study(
        "scfe_prophylactic", "retro",
        titles=(
            "[Prophylactic pinning|Prophylactic fixation|Prophylactic screw fixation] of the "
            "contralateral hip in [slipped capital femoral epiphysis|unilateral SCFE|patients "
            "with SCFE]{sfx}",
        ),
        bg=(
            "Contralateral slips occur in up to a third of patients with SCFE, and "
            "prophylactic fixation of the contralateral hip is controversial.",
        ),
        methods=(
            "{n} patients with unilateral SCFE at {site} were analysed; {na} underwent "
            "prophylactic contralateral fixation with a cannulated screw and {nb} were "
            "observed. Contralateral slips and complications of prophylactic fixation were "
            "recorded.",
        ),
        results=(
            "A contralateral slip occurred in {p2}% of observed patients and in none after "
            "prophylactic fixation. Complications of prophylactic fixation occurred in "
            "{p1}%, including one implant failure and one superficial infection.",
        ),
        concl=(
            "Prophylactic fixation prevented contralateral slips with few complications and "
            "should be considered for younger patients.",
        ),
        mesh=("Slipped Capital Femoral Epiphyses/*surgery/prevention & control",
              "*Bone Screws", "Child"),
        kw=("SCFE", "Prophylactic fixation", "Contralateral hip"),
        journals=PEDS, counts={"pm": 2, "em": 1, "cn": 0},
        ranges={"p1": (1, 5), "p2": (15, 32), "n": (60, 260)},
    ),
    study(
        "peds_epicondyle", "retro",
        titles=(
            "[Screw fixation|Open reduction and screw fixation|Cannulated screw fixation] of "
            "[displaced|] medial epicondyle fractures in [children|adolescents|young "
            "athletes]{sfx}",
            "[Cannulated screw fixation|Open reduction and internal fixation] of [tibial tubercle "
            "avulsion|tibial spine|anterior inferior iliac spine avulsion] fractures in "
            "adolescents{sfx}",
        ),
        bg=(
            "Operative treatment of displaced apophyseal avulsion fractures in children is "
            "increasingly performed with cannulated screws.",
        ),
        methods=(
            "{n} children treated with cannulated screw fixation at {site} were reviewed; "
            "union, range of motion, hardware removal and complications were recorded.",
        ),
        results=(
            "All fractures united. Hardware was removed in {p2}% of patients, and {p1}% had "
            "a loss of more than 10 degrees of motion.",
        ),
        concl=(
            "Screw fixation of apophyseal avulsions in children gives reliable union; "
            "routine hardware removal is not required.",
        ),
        mesh=("Child", "Adolescent", "*Bone Screws", "Fracture Fixation, Internal",
              "Elbow Injuries"),
        kw=("Children", "Avulsion fracture", "Cannulated screw"),
        journals=PEDS, counts={"pm": 3, "em": 0, "cn": 0}, relevant=False,
        ranges={"p1": (2, 9), "p2": (20, 55)},
    ),
    # ---------------------------------------------------------------------- osteotomy
    study(
        "hallux_osteotomy", "retro",
        titles=(
            "[Fixation of the scarf osteotomy|Scarf osteotomy fixation|Scarf osteotomy] with [two "
            "cannulated screws versus a single headless screw|one or two screws|two cannulated "
            "screws]{sfx}",
            "[Chevron|Distal chevron|Minimally invasive chevron] osteotomy for hallux valgus "
            "[fixed with a single cannulated screw|fixed with two screws|and screw "
            "fixation]{sfx}",
        ),
        bg=(
            "Distal and diaphyseal first metatarsal osteotomies for hallux valgus are "
            "commonly fixed with small cannulated screws.",
        ),
        methods=(
            "{n} feet treated for hallux valgus at {site} were reviewed. Osteotomy union, "
            "loss of correction, hardware removal and the AOFAS hallux score were recorded "
            "at a mean follow-up of {fu} months.",
        ),
        results=(
            "All osteotomies united; loss of correction of more than 5 degrees occurred in "
            "{p1}% of feet. Screws were removed for irritation in {p2}%. The AOFAS score "
            "improved from {aof1} to {aof2} points.",
        ),
        concl=(
            "Screw fixation of first metatarsal osteotomies is reliable; hardware "
            "irritation is the main cause of reoperation.",
        ),
        mesh=("Hallux Valgus/*surgery", "*Osteotomy/methods", "*Bone Screws",
              "Metatarsal Bones/surgery"),
        kw=("Hallux valgus", "Osteotomy", "Screw fixation"),
        journals=("fai", "fas", "aots", "bmcmsk"), counts={"pm": 3, "em": 2, "cn": 1},
        ranges={"p1": (2, 9), "p2": (4, 14)},
    ),
    study(
        "tto_osteotomy", "retro",
        titles=(
            "[Tibial tubercle osteotomy|Anteromedialisation of the tibial tubercle|Tibial "
            "tubercle transfer] fixed with [two cannulated screws|two lag screws|cannulated "
            "screws]: [complications in {n} knees|complications and union|union and hardware "
            "removal]",
            "[Calcaneal osteotomy|Medial displacement calcaneal osteotomy|Lateral column "
            "lengthening] [fixation with cannulated screws|fixed with one or two screws|and screw "
            "fixation]{sfx}",
        ),
        bg=(
            "Osteotomies of the tibial tubercle and calcaneus are stabilised with large "
            "cannulated screws; complications such as non-union and fracture are reported.",
        ),
        methods=(
            "We reviewed osteotomies fixed with two large-fragment cannulated screws at "
            "{site}. Union, loss of fixation, fracture and hardware removal were recorded.",
        ),
        results=(
            "Union was achieved in {pu}%. Complications occurred in {p1}%: loss of fixation "
            "({p3}%), fracture and symptomatic hardware ({p2}%).",
        ),
        concl=(
            "Screw fixation of osteotomies is reliable; symptomatic hardware is the most "
            "frequent complication.",
        ),
        mesh=("*Osteotomy/adverse effects", "*Bone Screws", "Tibia/surgery", "Calcaneus/surgery"),
        kw=("Osteotomy", "Cannulated screw", "Complications"),
        journals=("aots", "fai", "io", "josr"), counts={"pm": 3, "em": 1, "cn": 0},
        ranges={"pu": (94, 99.5), "p1": (5, 16), "p2": (4, 12), "p3": (0.5, 3)},
    ),
    # ------------------------------------------------------------------------ nonunion
    study(
        "nonunion_compression", "retro",
        titles=(
            "[Compression screw fixation|Revision screw fixation|Revision internal fixation] of "
            "femoral neck [non-union|nonunion] in [young adults|patients younger than 60 "
            "years]{sfx}",
            "[Valgus intertrochanteric osteotomy|Pauwels osteotomy|Valgus osteotomy] for femoral "
            "neck [nonunion|non-union][ in young adults|]{sfx}",
        ),
        bg=(
            "Non-union of the femoral neck in young adults is a challenging problem; "
            "head-preserving procedures aim to delay arthroplasty.",
        ),
        methods=(
            "{n} patients younger than 60 years with femoral neck non-union after screw "
            "fixation were treated at {site} with {cmp}. Union, avascular necrosis and "
            "conversion to arthroplasty were recorded.",
        ),
        results=(
            "Union was achieved in {p4}% at a mean of {fuh} months. Avascular necrosis "
            "developed in {p1}% and {p2}% underwent conversion to arthroplasty.",
        ),
        concl=(
            "Head-preserving revision achieves union in most young patients with femoral "
            "neck non-union.",
        ),
        mesh=("Fractures, Ununited/*surgery", "Femoral Neck Fractures/*surgery",
              "Osteotomy", "Reoperation"),
        kw=("Non-union", "Femoral neck", "Revision fixation"),
        journals=("injury", "aots", "io", "bjj", "josr", "hipint"),
        counts={"pm": 3, "em": 1, "cn": 0},
        ranges={"p4": (78, 92), "p1": (8, 18), "p2": (8, 20), "fuh": (4, 8), "n": (20, 70)},
        choices={"cmp": ("revision fixation with compression screws",
                         "a valgus intertrochanteric osteotomy")},
    ),
    # --------------------------------------------------------------------- tibial plateau
    study(
        "tibial_plateau", "retro",
        titles=(
            "[Percutaneous cannulated screw fixation|Minimally invasive screw "
            "fixation|Percutaneous screw osteosynthesis] of [Schatzker "
            "I-III|lateral|split-depression] tibial plateau fractures{sfx}",
            "[Arthroscopically assisted screw fixation versus plate osteosynthesis|Screws alone "
            "or plate fixation|Percutaneous screws versus lateral plating] for [lateral tibial "
            "plateau|Schatzker II|split] fractures{sfx}",
        ),
        bg=(
            "Split and split-depression fractures of the lateral tibial plateau can be fixed "
            "with percutaneous cannulated screws or with a plate.",
        ),
        methods=(
            "{n} patients with Schatzker I to III fractures treated with screws alone "
            "(n = {na}) or a lateral plate (n = {nb}) at {site} were compared. Loss of "
            "reduction, Rasmussen score, infection and conversion to arthroplasty were "
            "analysed.",
        ),
        results=(
            "Loss of reduction of more than 2 mm occurred in {p1}% after screw fixation and "
            "{p2}% after plating ({pns}). Infection was less frequent after screw fixation "
            "({p3}% vs {p4}%).",
        ),
        concl=(
            "Percutaneous screw fixation is a reasonable, less invasive option for selected "
            "lateral tibial plateau fractures.",
        ),
        mesh=("Tibial Plateau Fractures/*surgery", "*Bone Screws", "Bone Plates",
              "Arthroscopy", "Fracture Fixation, Internal/methods"),
        kw=("Tibial plateau", "Screw fixation", "Plate"),
        journals=("injury", "aots", "jot", "ejtes"), counts={"pm": 4, "em": 1, "cn": 0},
        ranges={"p1": (5, 14), "p2": (4, 12), "p3": (0.5, 3), "p4": (3, 9)},
    ),
    # --------------------------------------------------------------------- reviews
    study(
        "sr_fnf", "sr",
        titles=(
            "[Internal fixation versus arthroplasty|Fixation or arthroplasty|Arthroplasty versus "
            "internal fixation] for [undisplaced|non-displaced|displaced|] femoral neck "
            "fractures[ in the elderly| in older adults| in patients over 60|]{sfx}",
            "[Implant choice|Choice of implant|Sliding hip screw, cannulated screws or femoral "
            "neck system] for [internal fixation|fixation] of femoral neck fractures{sfx}",
            "[Reoperation|Reoperation and mortality|Failure and reoperation|Avascular necrosis "
            "and non-union] after internal fixation of femoral neck fractures{sfx}",
        ),
        bg=(
            "The optimal treatment of femoral neck fractures remains debated, and new "
            "implants and trials have been published since earlier reviews.",
        ),
        methods=(
            "MEDLINE, Embase and CENTRAL were searched to {month_name} {y2}. Randomised and "
            "comparative observational studies reporting reoperation were included. Data "
            "were pooled with random-effects models and certainty was rated with GRADE.",
        ),
        results=(
            "{k} studies with {npool} patients were included. The pooled reoperation rate "
            "after fixation with cannulated screws was {p1}% (95% CI {p1lo}-{p1hi}). "
            "Compared with arthroplasty, fixation had a higher risk of reoperation (RR "
            "{orr}; I2 = {i2}%), with no difference in mortality. Certainty was low to "
            "moderate.",
        ),
        concl=(
            "Internal fixation carries a higher risk of reoperation than arthroplasty; "
            "treatment decisions should consider patient age, displacement and posterior "
            "tilt.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "Fracture Fixation, Internal/*methods",
              "Arthroplasty, Replacement, Hip", "Reoperation", "Systematic Reviews as Topic"),
        kw=("Meta-analysis", "Femoral neck fracture", "Internal fixation", "Arthroplasty"),
        journals=("bjj", "injury", "actaorthop", "jbjsa", "aots", "josr"),
        counts={"pm": 5, "em": 2, "cn": 0},
        ranges={"p1": (9, 17), "k": (8, 34), "npool": (1800, 16000), "i2": (0, 62)},
    ),
    study(
        "sr_scaphoid_ankle", "sr",
        titles=(
            "[Operative versus non-operative treatment|Surgery or cast|Fixation versus casting] "
            "[of|for] [acute|undisplaced|minimally displaced] scaphoid fractures{sfx}",
            "[Screw fixation of medial malleolar fractures|Fixation of isolated medial malleolar "
            "fractures|Medial malleolar fixation]: [union and complications|screws versus tension "
            "band wiring|implant choice]{sfx}",
        ),
        bg=(
            "Several randomised trials have compared operative and non-operative treatment "
            "or different fixation methods, with conflicting results.",
        ),
        methods=(
            "A systematic search of MEDLINE, Embase and CENTRAL to {month_name} {y2} "
            "identified comparative studies. Two reviewers extracted data and assessed risk "
            "of bias. Pooled estimates were calculated with random-effects models.",
        ),
        results=(
            "{k} studies ({npool} patients) were included. Union rates were {pu}% and "
            "{p4}% for the compared treatments (RR {rrn}). Complications were more frequent "
            "after surgery, mostly minor hardware problems ({p1}%).",
        ),
        concl=(
            "Differences between treatments are small; patient preference and occupation "
            "should guide the decision.",
        ),
        mesh=("Fracture Fixation, Internal", "Bone Screws", "Systematic Reviews as Topic",
              "Meta-Analysis as Topic"),
        kw=("Systematic review", "Meta-analysis", "Screw fixation"),
        journals=("jhse", "fai", "bjj", "injury", "josr"), counts={"pm": 4, "em": 1, "cn": 0},
        ranges={"pu": (92, 98), "p4": (86, 95), "p1": (6, 16), "k": (6, 24),
                "npool": (400, 3200)},
    ),
    study(
        "cdsr", "cdsr",
        titles=(
            "Surgical interventions for treating intracapsular hip fractures in older "
            "adults: a network meta-analysis",
            "Interventions for treating acute scaphoid fractures in adults",
            "Surgical versus conservative interventions for treating ankle fractures in "
            "adults",
        ),
        bg=(
            "This review updates an earlier Cochrane review on the treatment of this "
            "fracture.",
        ),
        methods=(
            "We searched CENTRAL, MEDLINE, Embase and trial registers up to {month_name} "
            "{y2}. We included randomised and quasi-randomised controlled trials comparing "
            "surgical fixation methods, arthroplasty or conservative treatment. Two review "
            "authors independently selected studies, assessed risk of bias and extracted "
            "data; certainty was assessed with GRADE.",
        ),
        results=(
            "We included {k} trials with {npool} participants. Low-certainty evidence "
            "suggests that fixation with screws results in little or no difference in "
            "function compared with the alternatives, but more unplanned returns to "
            "theatre (RR {orr}). Evidence on adverse events was very uncertain.",
        ),
        concl=(
            "Evidence is insufficient to determine the best treatment; further adequately "
            "powered trials with standardised outcomes are needed.",
        ),
        mesh=("Humans", "Fracture Fixation, Internal/*methods", "Bone Screws",
              "Randomized Controlled Trials as Topic"),
        kw=(), journals=("cdsr",), counts={"pm": 3, "em": 0, "cn": 0},
        countries=("United Kingdom", "Netherlands", "Norway", "Sweden"),
        ranges={"k": (12, 40), "npool": (1500, 9000)},
    ),
    # ---------------------------------------------------------- off-topic: arthroplasty
    study(
        "arthro_hemi_tha", "rct",
        titles=(
            "[Total hip arthroplasty versus hemiarthroplasty|Hemiarthroplasty or total hip "
            "arthroplasty|Total hip arthroplasty or hemiarthroplasty] for displaced femoral neck "
            "fractures in [active elderly patients|independent older adults|patients over 65 "
            "years|fit elderly patients]{sfx}",
            "[Cemented versus uncemented|Cemented or uncemented|Modern uncemented versus "
            "cemented] [hemiarthroplasty|stems in hemiarthroplasty|bipolar hemiarthroplasty] for "
            "[displaced femoral neck fractures|intracapsular hip fractures]{sfx}",
            "[Dual mobility cups|Dual mobility articulation|Dual mobility versus conventional "
            "cups] in total hip arthroplasty for [femoral neck fracture|displaced femoral neck "
            "fractures|hip fracture]{sfx}",
            "[Posterior versus lateral approach|Direct anterior versus posterior "
            "approach|Surgical approach] for hemiarthroplasty [in femoral neck fractures|after "
            "hip fracture]{sfx}",
        ),
        bg=(
            "Arthroplasty is the standard treatment of displaced femoral neck fractures in "
            "the elderly, but the best type of arthroplasty is debated.",
        ),
        methods=(
            "{n} patients aged 65 years or older with a displaced femoral neck fracture "
            "were included at {site}. Outcomes were the Harris Hip Score, dislocation, "
            "periprosthetic fracture, reoperation and mortality at {fu} months.",
        ),
        results=(
            "The Harris Hip Score was {score} and {score2} points in the two groups ({pv}). "
            "Dislocation occurred in {p1}% and {p2}%, periprosthetic fracture in {p3}% and "
            "{p4}%.",
        ),
        concl=(
            "Both arthroplasty options gave good results; the choice should consider "
            "activity level and bone quality.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "*Arthroplasty, Replacement, Hip",
              "*Hemiarthroplasty", "Hip Prosthesis", "Aged"),
        kw=("Hemiarthroplasty", "Total hip arthroplasty", "Femoral neck fracture"),
        journals=("bjj", "jarthro", "hipint", "actaorthop", "jbjsa", "corr"),
        counts={"pm": 6, "em": 3, "cn": 2}, relevant=False,
        ranges={"p1": (1, 6), "p2": (0.5, 4), "p3": (0.5, 5), "p4": (1, 7)},
    ),
    study(
        "arthro_registry", "registry",
        titles=(
            "[Revision|Reoperation|Revision risk|Periprosthetic fracture] after "
            "[hemiarthroplasty|cemented and uncemented hemiarthroplasty|bipolar hemiarthroplasty] "
            "for [femoral neck fracture|hip fracture]{sfx}",
            "[Mortality|Thirty-day mortality|One-year mortality] after [cemented and "
            "uncemented|cemented versus uncemented] hemiarthroplasty{sfx}",
        ),
        bg=(
            "Registry data allow large comparisons of implant choices in hip fracture "
            "arthroplasty.",
        ),
        methods=(
            "Hemiarthroplasties for femoral neck fracture recorded in a national "
            "arthroplasty register between "
            "{y1} and {y2} were analysed ({n} procedures). Revision and mortality were "
            "compared with Cox regression.",
        ),
        results=(
            "The one-year revision rate was {p1}%. Uncemented stems had a higher risk of "
            "revision for periprosthetic fracture (HR {orr}). Thirty-day mortality did not "
            "differ ({pns}).",
        ),
        concl=(
            "Cemented stems should be preferred for hemiarthroplasty in elderly patients.",
        ),
        mesh=("*Hemiarthroplasty", "Femoral Neck Fractures/surgery", "Registries",
              "Reoperation"),
        kw=("Hemiarthroplasty", "Registry", "Cemented"),
        journals=("actaorthop", "bjj", "jarthro", "jbjsa"), counts={"pm": 4, "em": 1, "cn": 0},
        countries=("Sweden", "Norway", "Denmark", "Finland", "Netherlands", "United Kingdom"),
        relevant=False, ranges={"n": (9000, 58000), "p1": (1.5, 4)},
    ),
    # ------------------------------------------------------------ off-topic: nails
    study(
        "nails_trochanteric", "rct",
        titles=(
            "[Cephalomedullary nail versus sliding hip screw|Intramedullary nail or sliding hip "
            "screw|Sliding hip screw versus proximal femoral nail] for [stable|unstable|AO/OTA "
            "31A1 and A2|] trochanteric fractures{sfx}",
            "[Short versus long|Long or short|Short and long] cephalomedullary nails for "
            "[intertrochanteric|unstable trochanteric|pertrochanteric] fractures{sfx}",
            "[Helical blade versus lag screw|Blade or screw|Lag screw versus helical blade] in "
            "cephalomedullary nailing of [trochanteric|intertrochanteric] fractures{sfx}",
            "[Cement augmentation|Augmentation with bone cement] of [cephalomedullary nails|the "
            "head element] in [osteoporotic|] trochanteric fractures{sfx}",
        ),
        bg=(
            "Trochanteric fractures are treated with sliding hip screws or "
            "cephalomedullary nails; the best implant is debated.",
        ),
        methods=(
            "{n} patients with AO/OTA 31A fractures were included at {site}. Outcomes were "
            "cut-out, reoperation, mobility and mortality at 12 months.",
        ),
        results=(
            "Cut-out occurred in {p1}% and {p2}% ({pns}). Reoperation rates were {p3}% and "
            "{p4}%. Mobility did not differ.",
        ),
        concl=(
            "Both implants gave similar results; the cheaper implant may be preferred for "
            "stable fractures.",
        ),
        mesh=("Hip Fractures/*surgery", "*Fracture Fixation, Intramedullary",
              "Bone Nails", "Bone Screws"),
        kw=("Trochanteric fracture", "Cephalomedullary nail", "Cut-out"),
        journals=("injury", "jot", "bjj", "aots", "ejtes"), counts={"pm": 7, "em": 3, "cn": 2},
        relevant=False,
        ranges={"p1": (1, 5), "p2": (1, 6), "p3": (3, 9), "p4": (3, 10)},
    ),
    study(
        "nails_tibia", "retro",
        titles=(
            "[Suprapatellar versus infrapatellar|Suprapatellar or infrapatellar|Semi-extended "
            "versus conventional] nailing of tibial shaft fractures{sfx}",
            "[Intramedullary nailing|Nailing] of distal tibia fractures [with or without fibular "
            "fixation|and the role of fibular fixation|versus plating]{sfx}",
        ),
        bg="Intramedullary nailing is the standard treatment for tibial shaft fractures.",
        methods=(
            "{n} patients treated at {site} between {y1} and {y2} were reviewed. Malalignment, "
            "anterior knee pain, union and reoperation were compared.",
        ),
        results=(
            "Malalignment occurred in {p1}% and {p2}% of patients ({pns}); anterior knee "
            "pain was reported by {p3}% and {p4}%. All but two fractures united.",
        ),
        concl="Both techniques achieve union; the approach affects knee pain and alignment.",
        mesh=("Tibial Fractures/*surgery", "*Fracture Fixation, Intramedullary", "Bone Nails"),
        kw=("Tibial shaft fracture", "Intramedullary nail"),
        journals=("injury", "jot", "aots", "ejtes"), counts={"pm": 4, "em": 2, "cn": 0},
        relevant=False,
        ranges={"p1": (3, 12), "p2": (5, 15), "p3": (8, 20), "p4": (20, 40)},
    ),
    # ------------------------------------------------------------ off-topic: plates
    study(
        "plates_radius_humerus", "rct",
        titles=(
            "[Volar locking plate versus cast|Plate fixation or cast|Surgery versus cast] for "
            "[displaced|dorsally displaced|unstable] distal radius fractures in [patients older "
            "than 65 years|older adults|the elderly]{sfx}",
            "[Locking plate fixation|Plate osteosynthesis|Locking plate versus nonoperative "
            "treatment] of [proximal humerus|three- and four-part proximal humerus] fractures in "
            "[the elderly|older adults]{sfx}",
            "[Dorsal bridge plating|Dorsal spanning plate fixation|Bridge plating] of "
            "[comminuted|complex|high-energy] distal radius fractures{sfx}",
        ),
        bg=(
            "Locking plates are widely used for fractures in osteoporotic bone, although the "
            "benefit over non-operative treatment is debated.",
        ),
        methods=(
            "{n} patients were included at {site}. Outcomes were the PRWE or Constant score, "
            "complications and reoperations at 12 months.",
        ),
        results=(
            "Functional scores did not differ at 12 months ({pns}). Complications occurred "
            "in {p1}% after plating, mainly tendon irritation and screw penetration.",
        ),
        concl=(
            "Plate fixation did not improve function at one year in elderly patients.",
        ),
        mesh=("Radius Fractures/*surgery", "Shoulder Fractures/surgery", "*Bone Plates",
              "Aged"),
        kw=("Locking plate", "Distal radius", "Proximal humerus", "Elderly"),
        journals=("bjj", "jbjsa", "jhse", "injury", "jot"), counts={"pm": 6, "em": 2, "cn": 2},
        relevant=False, ranges={"p1": (8, 24)},
    ),
    # ------------------------------------------------------------ off-topic: animals
    study(
        "animal_screw", "animal",
        titles=(
            "[Osseointegration|Bone ingrowth|Bone-implant contact] of [anodised titanium|titanium "
            "alloy|type II anodised] cannulated screws in an ovine [femoral neck|femoral "
            "condyle|proximal femur] model{sfx}",
            "[Healing|Bone healing|Consolidation] of femoral neck osteotomies fixed with "
            "cannulated screws in sheep{sfx}",
            "[Effect of zoledronic acid|Effect of teriparatide|Influence of systemic "
            "bisphosphonate] on screw fixation of [femoral neck osteotomies|osteotomies] in "
            "ovariectomised sheep",
        ),
        bg=(
            "Animal models allow the study of bone healing around implants under controlled "
            "conditions.",
        ),
        methods=(
            "{animals} {species} underwent a standardised femoral neck osteotomy fixed with "
            "cannulated screws. Animals were sacrificed at 4, 8 and 12 weeks, and healing "
            "was assessed with micro-CT, histomorphometry and biomechanical testing.",
        ),
        results=(
            "Bone-implant contact increased from {p1}% at 4 weeks to {p4}% at 12 weeks. "
            "Torsional stiffness of the healed neck reached {pg}% of the contralateral "
            "side.",
        ),
        concl=(
            "The model reproduced femoral neck healing after screw fixation and can be used "
            "to test implant modifications.",
        ),
        mesh=("Animals", "Sheep", "*Bone Screws", "*Osseointegration",
              "Femur Neck/surgery", "Disease Models, Animal"),
        kw=("Animal model", "Osseointegration", "Cannulated screw"),
        journals=("vcot", "clinbiomech", "josr", "bmcmsk"), counts={"pm": 4, "em": 2, "cn": 0},
        relevant=False,
        ranges={"p1": (18, 35), "p4": (52, 78), "pg": (60, 90)},
        choices={"species": ("skeletally mature Merino sheep", "ovariectomised ewes",
                             "adult female sheep")},
    ),
    # ------------------------------------------------------------ off-topic: biomech
    study(
        "biomech_fnf", "biomech",
        titles=(
            "Biomechanical comparison of [three|four|different] cannulated screw configurations "
            "for [Pauwels type III|Pauwels type II|vertical] femoral neck fractures{sfx}",
            "[Femoral neck system|A dynamic locking blade plate|A sliding hip screw] versus "
            "cannulated screws in a [synthetic femur|cadaveric] model of [vertical|Pauwels type "
            "III|basicervical] femoral neck fractures",
            "Cyclic loading of screw fixation of femoral neck fractures with different [thread "
            "lengths|screw lengths|screw diameters]{sfx}",
            "Pull-out strength of [partially threaded|fully threaded|self-drilling] cannulated "
            "screws in [osteoporotic|osteopenic|] cadaveric femoral heads",
            "Effect of washers on the [compression|interfragmentary compression|fixation "
            "strength] [generated by|of] cannulated screws in the femoral neck{sfx}",
            "Stability of two versus three cannulated screws in a [Pauwels type II|Pauwels type "
            "III|basicervical] femoral neck fracture model{sfx}",
            "Insertion torque and stripping of cannulated screws in [osteoporotic bone|synthetic "
            "bone of different densities|cadaveric bone]{sfx}",
        ),
        bg=(
            "The mechanical stability of screw constructs for femoral neck fractures "
            "depends on configuration, bone density and fracture angle.",
        ),
        methods=(
            "{ncad} {specimen} with a standardised femoral neck osteotomy were instrumented "
            "with the constructs under study and loaded cyclically to failure in a "
            "servohydraulic testing machine. Stiffness, interfragmentary movement and load "
            "to failure were compared.",
        ),
        results=(
            "Axial stiffness differed by {pg}% between the constructs ({pv}), whereas "
            "interfragmentary movement under cyclic loading did not ({pns}). Load to "
            "failure correlated with bone mineral density (r = 0.{icc}).",
        ),
        concl=(
            "Construct design and bone quality affected the stability of screw fixation in "
            "this model; the clinical relevance remains to be shown.",
        ),
        mesh=("Biomechanical Phenomena", "Cadaver", "*Bone Screws",
              "Femoral Neck Fractures/*surgery", "Materials Testing"),
        kw=("Biomechanics", "Cadaver", "Femoral neck fracture", "Cannulated screws"),
        journals=("clinbiomech", "injury", "josr", "bmcmsk", "aots", "jot"),
        counts={"pm": 8, "em": 3, "cn": 0}, relevant=False,
        ranges={"pg": (20, 65)},
        choices={"specimen": ("fresh-frozen cadaveric femora", "fourth-generation synthetic "
                              "femora", "osteoporotic synthetic femora",
                              "paired human cadaveric femora")},
    ),
    # ------------------------------------------------------------ off-topic: perioperative
    study(
        "periop", "prosp",
        titles=(
            "[Fascia iliaca block|Peripheral nerve block|Pericapsular nerve group block] and "
            "[postoperative delirium|opioid consumption|early mobilisation] after hip fracture "
            "surgery{sfx}",
            "[Orthogeriatric co-management|Comprehensive geriatric care|An orthogeriatric "
            "pathway] and [mortality|complications|length of stay] after hip fracture{sfx}",
            "[Tranexamic acid|Topical tranexamic acid|Intravenous tranexamic acid] in hip "
            "fracture surgery{sfx}",
            "[Early mobilisation|Weight bearing as tolerated|Early physiotherapy] after hip "
            "fracture surgery and [one-year survival|functional recovery|discharge home]{sfx}",
            "[Spinal versus general anaesthesia|Type of anaesthesia] for hip fracture "
            "surgery{sfx}",
        ),
        bg=(
            "Perioperative care influences outcomes after hip fracture surgery independently "
            "of the implant used.",
        ),
        methods=(
            "{n} patients undergoing internal fixation or hemiarthroplasty for hip fracture "
            "at {site} were included. Delirium, transfusion, complications, length of stay "
            "and mortality were recorded.",
        ),
        results=(
            "The intervention was associated with fewer postoperative complications ({p1}% "
            "vs {p2}%, {pv}) and a shorter length of stay. Thirty-day mortality was {p3}% "
            "and {p4}%.",
        ),
        concl=(
            "Perioperative measures improve short-term outcomes of hip fracture patients "
            "regardless of the type of surgery.",
        ),
        mesh=("Hip Fractures/*surgery", "Postoperative Complications/prevention & control",
              "Delirium", "Aged, 80 and over", "Perioperative Care"),
        kw=("Hip fracture", "Delirium", "Orthogeriatrics"),
        journals=("injury", "bjj", "gosr", "actaorthop", "ejtes"),
        counts={"pm": 7, "em": 3, "cn": 2}, relevant=False,
        ranges={"p1": (8, 18), "p2": (16, 30), "p3": (5, 9), "p4": (6, 11)},
    ),
    study(
        "german", "prosp",
        titles=(
            "Screw osteosynthesis of femoral neck fractures in geriatric patients: results "
            "of a prospective study",
            "Complications after screw osteosynthesis of medial malleolar fractures",
            "Percutaneous screw fixation of scaphoid fractures: a retrospective analysis of "
            "{n} patients",
            "Screw osteosynthesis of slipped capital femoral epiphysis: medium-term results",
            "Screw osteosynthesis of tibial plateau fractures: results in {n} patients",
        ),
        vernacular=(
            "Schraubenosteosynthese von Schenkelhalsfrakturen bei geriatrischen Patienten: "
            "Ergebnisse einer prospektiven Studie",
            "Komplikationen nach Schraubenosteosynthese von Innenknöchelfrakturen",
            "Perkutane Schraubenosteosynthese von Skaphoidfrakturen: eine retrospektive "
            "Analyse von {n} Patienten",
            "Schraubenosteosynthese der Epiphyseolysis capitis femoris: mittelfristige "
            "Ergebnisse",
            "Schraubenosteosynthese von Tibiakopffrakturen: Ergebnisse bei {n} Patienten",
        ),
        bg=(
            "Screw osteosynthesis with cannulated screws is a standard procedure in trauma "
            "surgery, but data from routine care in German-speaking countries are limited.",
        ),
        methods=(
            "All patients treated with cannulated screws for this indication at {site} "
            "between {y1} and {y2} were included ({n} patients, mean age {age} years). "
            "Union, complications, revisions and functional outcome were recorded at a mean "
            "follow-up of {fu} months.",
        ),
        results=(
            "Union was achieved in {pu}% of patients. Complications occurred in {p1}%, "
            "revision surgery was necessary in {p3}%, and implants were removed in {p2}% "
            "because of local irritation.",
        ),
        concl=(
            "Screw osteosynthesis is a safe procedure with a low revision rate; implant "
            "irritation is the most frequent problem.",
        ),
        mesh=("*Bone Screws", "Fracture Fixation, Internal/*methods",
              "Postoperative Complications", "Treatment Outcome"),
        kw=(), journals=("unfall", "zou"), counts={"pm": 3, "em": 1, "cn": 0},
        countries=("Germany", "Austria", "Switzerland"),
        ranges={"pu": (90, 98), "p1": (6, 15), "p2": (5, 18), "p3": (2, 9), "age": (48, 79)},
    ),
    study(
        "narrative_review", "review",
        titles=(
            "Femoral neck fractures in young adults: current concepts",
            "Management of undisplaced femoral neck fractures: fixation or arthroplasty?",
            "Complications of cannulated screw fixation of the femoral neck and how to "
            "avoid them",
            "Internal fixation of femoral neck fractures: technical pearls and pitfalls",
            "Posterior tilt in femoral neck fractures: what the surgeon needs to know",
            "Femoral neck fractures in older adults: an update on treatment",
        ),
        bg=(
            "This review summarises the current evidence on diagnosis, classification and "
            "treatment, with emphasis on technical pearls and pitfalls of screw fixation.",
        ),
        methods=(),
        results=(
            "Key points include the importance of anatomical reduction, the role of "
            "posterior tilt in treatment decisions, screw configuration and the management "
            "of complications such as avascular necrosis and non-union.",
        ),
        concl=(
            "Recent randomised trials and register studies have refined the indications for "
            "fixation and arthroplasty, but the treatment of young adults with displaced "
            "fractures still relies largely on observational data. We propose a treatment "
            "algorithm based on age, displacement, posterior tilt and functional demand, and "
            "discuss the role of newer implants.",
        ),
        mesh=("Femoral Neck Fractures/*surgery", "Fracture Fixation, Internal", "Bone Screws"),
        kw=("Review", "Femoral neck fracture"),
        journals=("bjj", "injury", "aots", "otsr", "zou"), counts={"pm": 3, "em": 1, "cn": 0},
    ),
    study(
        "letter", "letter",
        titles=(
            "Comment on: {ref_title}",
            "Letter to the editor regarding \"{ref_title}\"",
        ),
        bg=(), methods=(), results=(), concl=(),
        mesh=("Femoral Neck Fractures/surgery", "Bone Screws"), kw=(),
        journals=("bjj", "injury", "aots", "actaorthop"), counts={"pm": 4, "em": 0, "cn": 0},
        relevant=False,
    ),
)  # fmt: skip


# ------------------------------------------------------------------------ values
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip

DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "n": (40, 420), "age": (55, 82), "agecut": (65, 80), "fu": (12, 48), "fuy": (2, 10),
    "p1": (2, 25), "p2": (2, 25), "p3": (1, 15), "p4": (5, 30), "pu": (85, 98),
    "wk": (8, 16), "wk2": (10, 18), "score": (78, 92), "k": (6, 30), "npool": (600, 9000),
    "ncad": (8, 24), "animals": (18, 48), "mm1": (3, 8), "icc": (72, 93), "pg": (60, 90),
    "qd": (5, 15), "omas": (78, 92), "agec": (11, 14), "agey": (38, 52), "fuh": (12, 30),
    "i2": (0, 70), "female": (62, 78), "aof1": (48, 58), "aof2": (86, 94), "ncase": (2, 4),
}  # fmt: skip
INT_KEYS = frozenset(
    {"n", "age", "agecut", "fu", "fuy", "wk", "wk2", "score", "k", "npool", "ncad", "animals",
     "icc", "qd", "omas", "agec", "agey", "fuh", "i2", "female", "aof1", "aof2", "ncase"}
)  # fmt: skip

SITES = (
    "a level I trauma centre",
    "a university hospital",
    "two university hospitals",
    "three teaching hospitals",
    "a regional trauma centre",
    "a single academic institution",
    "four hospitals of a regional trauma network",
)

SUFFIXES: dict[str, tuple[str, ...]] = {
    "retro": ("", ": a retrospective cohort study", ": a retrospective study of {n} patients",
              ": a single-centre experience", ": a multicentre cohort study",
              ": a study of {n} consecutive patients"),
    "prosp": ("", ": a prospective cohort study", ": a prospective multicentre study",
              ": {fuy}-year results of a prospective study"),
    "rct": (": a randomised controlled trial", ": a multicentre randomised controlled trial",
            ": a randomised clinical trial", ""),
    "registry": (": a nationwide register study", ": data from a national hip fracture register",
                 ": a population-based cohort study of {n} patients",
                 ": an analysis of {n} patients from a national register"),
    "sr": (": a systematic review and meta-analysis", ": a systematic review",
           ": a meta-analysis of {k} studies",
           ": a systematic review and meta-analysis of randomised trials"),
    "case": (": a case report", ": a rare complication",
             ": case report and review of the literature"),
    "animal": ("", ": an experimental study"),
}  # fmt: skip
SUFFIXES["cdsr"] = SUFFIXES["review"] = SUFFIXES["letter"] = ("",)
SUFFIXES["biomech"] = ("", ": a biomechanical study", ": a cadaveric study", " in synthetic bone")
SUFFIXES["model"] = ("", ": a Markov model analysis", ": an economic evaluation")

#: British -> American spellings used in titles and abstracts.
US_SPELLING = (
    ("randomis", "randomiz"), ("Randomis", "Randomiz"), ("orthopaedic", "orthopedic"),
    ("Orthopaedic", "Orthopedic"), ("paediatric", "pediatric"), ("centre", "center"),
    ("immobilis", "immobiliz"), ("mobilis", "mobiliz"), ("analysed", "analyzed"),
    ("categorised", "categorized"), ("standardised", "standardized"),
    ("stabilised", "stabilized"), ("ovariectomised", "ovariectomized"),
    ("summarises", "summarizes"), ("recognised", "recognized"), ("anodised", "anodized"),
    ("organis", "organiz"), ("utilis", "utiliz"), ("favour", "favor"),
)  # fmt: skip


def to_us(text: str) -> str:
    for uk, us in US_SPELLING:
        text = text.replace(uk, us)
    return text


def to_uk(text: str) -> str:
    for uk, us in US_SPELLING:
        text = text.replace(us, uk)
    return text


_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "versus",
        "vs",
        "with",
        "without",
    ]
)


def title_case(text: str) -> str:
    """Return ``text`` in Title Case (small words lower case, acronyms kept)."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        fixed = []
        for part in parts:
            if not part or part.isupper() or any(c.isdigit() for c in part):
                fixed.append(part)
            elif i > 0 and part.lower() in _SMALL_WORDS and not out[-1].endswith(":"):
                fixed.append(part.lower())
            else:
                fixed.append(part[0].upper() + part[1:])
        out.append("-".join(fixed))
    return " ".join(out)


_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")


def expand(r: random.Random, template: str) -> str:
    """Replace each ``[a|b|c]`` in a title template by one of its alternatives."""
    return _ALTERNATIVES.sub(lambda m: r.choice(m.group(1).split("|")), template)


def tidy(title: str) -> str:
    return re.sub(r"\s+", " ", title).replace(" :", ":").strip()


def fold_title(title: str) -> str:
    """Lower case letters and digits only (for comparing titles)."""
    return "".join(c for c in title.casefold() if c.isalnum() or c == " ")


def too_close(a: str, b: str) -> bool:
    """Tell whether two folded titles are near-identical (e.g. differ only by a number)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() > 0.85


def _orr(r: random.Random) -> str:
    value = r.uniform(1.5, 4.4)
    low = value * r.uniform(0.42, 0.72)
    high = value * r.uniform(1.5, 2.4)
    return f"{value:.1f}; 95% CI {low:.1f}-{high:.1f}"


def _values(
    r: random.Random, tpl: Template, title_index: int, year: int, country: str
) -> dict[str, Any]:
    ranges = {**DEFAULT_RANGES, **tpl.ranges}
    v: dict[str, Any] = {}
    for key, (low, high) in ranges.items():
        if key in INT_KEYS:
            v[key] = r.randint(int(low), int(high))
        else:
            v[key] = f"{r.uniform(low, high):.1f}"
    n = int(v["n"])
    na = round(n * r.uniform(0.42, 0.58))
    v["na"], v["nb"] = na, n - na
    v["y2"] = year - r.randint(1, 3)
    v["y1"] = int(v["y2"]) - r.randint(3, 9)
    v["pv"] = r.choice(("p < 0.001", "p = 0.002", "p = 0.01", "p = 0.03", "p = 0.004",
                        "p = 0.02"))  # fmt: skip
    v["pns"] = r.choice(("p = 0.21", "p = 0.48", "p = 0.67", "p = 0.09", "p = 0.35",
                         "p = 0.82", "p = 0.56"))  # fmt: skip
    v["orr"] = _orr(r)
    near = r.uniform(0.94, 1.09)
    low, high = near - r.uniform(0.03, 0.07), near + r.uniform(0.03, 0.08)
    v["rrn"] = f"{near:.2f}; 95% CI {low:.2f}-{high:.2f}"
    if tpl.design in ("sr", "cdsr"):
        v["y2"] = year - 1
    v["site"] = r.choice(SITES)
    v["registry"] = "a national hip fracture register"
    v["country_adj"] = COUNTRIES[country][0]
    v["month_name"] = r.choice(MONTH_NAMES)
    p1 = float(v["p1"])
    v["p1lo"] = f"{p1 * r.uniform(0.65, 0.85):.1f}"
    v["p1hi"] = f"{p1 * r.uniform(1.15, 1.4):.1f}"
    v["score2"] = int(v["score"]) - r.randint(4, 12)
    v["mm2"] = f"{float(v['mm1']) + r.uniform(1.5, 4.0):.1f}"
    v["omas2"] = int(v["omas"]) + r.randint(-5, 4)
    for name, options in tpl.choices.items():
        if len(options) == len(tpl.titles):
            v[name] = options[title_index]
        else:
            v[name] = r.choice(options)
    v["sfx"] = r.choice(SUFFIXES[tpl.design]).format(**v)
    return v


# ------------------------------------------------------------------------ papers
@dataclass
class Paper:
    """One fictional publication (or trial registration), as MEDLINE would describe it."""

    key: str
    template: str
    design: str
    title: str
    authors: list[Author]
    journal: Journal
    year: int
    month: int
    day: int
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: int | None = None
    sections: list[tuple[str, str]] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    pub_types: list[str] = field(default_factory=lambda: ["Journal Article"])
    language: str = "eng"
    vernacular_title: str | None = None
    country: str = "Germany"
    relevant: bool = True
    embase_id: int | None = None
    central_id: int | None = None
    conference: str | None = None
    ahead_of_print: bool = False
    coi: str | None = None
    registration: str | None = None
    comment_on: Paper | None = None
    erratum_for: Paper | None = None
    source: str = "pm"  # pm / em / cn / reg
    device: str | None = None  # "CS-Classic" / "OsteoLink" / "Meridian"
    in_sota: bool = True
    in_equivalent_search: bool = False

    @property
    def abstract_words(self) -> int:
        return sum(len(text.split()) for _, text in self.sections)


#: Extra closing sentences for abstracts that would be shorter than 80 words.
PADDING: dict[str, tuple[str, ...]] = {
    "retro": (
        "Limitations include the retrospective design, loss to follow-up and the absence of "
        "a randomised control group; prospective studies are needed to confirm these "
        "findings.",
        "These data may help surgeons counsel patients and can serve as a benchmark for "
        "future comparative studies.",
    ),
    "prosp": (
        "A longer follow-up of this cohort is planned to assess late complications and "
        "conversion to arthroplasty.",
    ),
    "rct": (
        "The trial was registered before enrolment and followed the CONSORT statement; "
        "outcome assessors were blinded to the allocation.",
        "Larger trials with longer follow-up are needed to detect differences in rare "
        "complications.",
    ),
    "registry": (
        "Register data reflect routine practice but cannot exclude residual confounding by "
        "indication.",
    ),
    "sr": (
        "The certainty of the evidence was limited by the risk of bias of the included "
        "studies and by heterogeneity in outcome definitions.",
    ),
    "case": ("Awareness of this complication allows early diagnosis and appropriate revision.",),
    "biomech": (
        "The results apply to the tested loading conditions and may not reflect the "
        "complex loading of the hip in daily activities.",
    ),
    "animal": (
        "The ovine model has a bone turnover and femoral neck geometry closer to humans "
        "than small-animal models.",
    ),
    "model": ("Probabilistic sensitivity analysis confirmed the robustness of the main result.",),
    "review": ("",),
    "cdsr": ("",),
}

ABSTRACT_LABELS: dict[str, tuple[str, str, str, str]] = {
    "injury": ("INTRODUCTION", "PATIENTS AND METHODS", "RESULTS", "CONCLUSIONS"),
    "jot": ("OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"),
    "bjj": ("AIMS", "METHODS", "RESULTS", "CONCLUSION"),
    "actaorthop": ("BACKGROUND AND PURPOSE", "PATIENTS AND METHODS", "RESULTS",
                   "INTERPRETATION"),
    "aots": ("PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"),
    "ejtes": ("PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"),
    "io": ("PURPOSE", "METHODS", "RESULTS", "CONCLUSION"),
    "clinbiomech": ("BACKGROUND", "METHODS", "FINDINGS", "INTERPRETATION"),
    "cdsr": ("BACKGROUND", "SEARCH METHODS", "MAIN RESULTS", "AUTHORS' CONCLUSIONS"),
    "unfall": ("HINTERGRUND", "METHODEN", "ERGEBNISSE", "SCHLUSSFOLGERUNG"),
}  # fmt: skip
DEFAULT_LABELS = ("BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS")
UNSTRUCTURED = frozenset({"jhse", "jhsa", "hsr", "aob", "jocr", "tcr"})
LEVEL_OF_EVIDENCE_JOURNALS = frozenset({"jot", "jbjsa", "corr", "fai", "jpo", "jpob", "jhse",
                                        "jhsa"})  # fmt: skip
LEVELS = {
    "rct": "Therapeutic Level I",
    "prosp": "Therapeutic Level II",
    "retro": "Therapeutic Level III",
    "registry": "Prognostic Level III",
    "sr": "Therapeutic Level III",
    "case": "Therapeutic Level V",
}

#: Approximate pages per year (for plausible page numbers).
PAGES_PER_YEAR = {
    "injury": 2800, "jot": 680, "bjj": 1700, "actaorthop": 700, "fai": 1400, "jhse": 1000,
    "aots": 2400, "ejtes": 2600, "jbjsa": 2200, "corr": 2700, "io": 2900, "jpo": 800,
    "jpob": 600, "hipint": 900, "jarthro": 3500, "fas": 1100, "jhsa": 1200, "vcot": 450,
    "otsr": 1600, "unfall": 1000, "zou": 700, "jocr": 130, "aob": 900, "hsr": 800,
    "jcot": 1900, "jorth": 700, "cjot": 1100,
}  # fmt: skip

DOI_CODES = {
    "injury": "injury", "jarthro": "arth", "fas": "fas", "jhsa": "jhsa", "otsr": "otsr",
    "clinbiomech": "clinbiomech", "jcot": "jcot", "jorth": "jor", "tcr": "tcr",
    "hsr": "hansur", "jot": "BOT", "jbjsa": "JBJS", "corr": "CORR", "jpo": "BPO",
    "jpob": "BPB", "fai": "10711007", "jhse": "17531934", "hipint": "11207000",
    "gosr": "21514593", "aots": "00402", "ejtes": "00068", "io": "00264", "unfall": "00113",
    "bmcmsk": "12891", "josr": "13018",
}  # fmt: skip

PUBLISHERS = {
    "elsevier": "Elsevier Ltd", "lww": "Lippincott Williams and Wilkins",
    "bjj": "British Editorial Society of Bone and Joint Surgery",
    "tandf": "Taylor and Francis Ltd", "sage": "SAGE Publications Inc.",
    "springer": "Springer Science and Business Media Deutschland GmbH",
    "thieme": "Georg Thieme Verlag", "cochrane": "John Wiley and Sons Ltd",
    "jocr": "Indian Orthopaedic Research Group", "cma": "Chinese Medical Association",
    "none": "",
}  # fmt: skip


class TitlesExhaustedError(Exception):
    """A template has no new title left (too many papers asked of it)."""


class Generator:
    """Builds the fictional literature: papers, then the records of each run."""

    def __init__(self, seed: int = SEED) -> None:
        self.r = random.Random(seed)
        self.papers: list[Paper] = []
        self.titles: set[str] = set()
        self.mains: dict[str, list[str]] = {}  # folded titles without suffix, by template
        self.next_pmid = PMID_BASE + 1
        self.next_embase = EMBASE_BASE + 1
        self.next_central = CENTRAL_BASE + 1
        self.next_nct = NCT_BASE + 1
        self.dois: set[str] = set()

    # ---------------------------------------------------------------- identifiers
    def pmid(self) -> int:
        # PMIDs are issued in date order with gaps; the fictional range keeps that look.
        value = self.next_pmid
        self.next_pmid += self.r.randint(1, 40)
        return value

    def embase_id(self) -> int:
        value = self.next_embase
        self.next_embase += self.r.randint(1, 900)
        return value

    def central_id(self) -> int:
        value = self.next_central
        self.next_central += self.r.randint(1, 300)
        return value

    def nct(self) -> str:
        value = self.next_nct
        self.next_nct += self.r.randint(1, 2000)
        return f"NCT{value:08d}"

    # ---------------------------------------------------------------- people
    def authors(self, country: str, count: int, *, meridian: int = 0) -> list[Author]:
        r = self.r
        _, cities, families, givens, _ = COUNTRIES[country]
        city = r.choice(cities)
        home = (
            f"{r.choice(DEPARTMENTS)}, {r.choice(INSTITUTIONS).format(city=city)}, "
            f"{city}, {country}."
        )
        second_city = r.choice(cities)
        second = (
            f"{r.choice(DEPARTMENTS)}, {r.choice(INSTITUTIONS).format(city=second_city)}, "
            f"{second_city}, {country}."
        )
        out: list[Author] = []
        seen: set[str] = set()
        tries = 0
        while len(out) < count:
            tries += 1
            family, given = r.choice(families), r.choice(givens)
            if family in seen and (tries < 200 or f"{family}, {given}" in seen):
                continue
            seen.update((family, f"{family}, {given}"))
            affiliation = home if r.random() < 0.7 or len(out) == 0 else second
            out.append(Author(family, given, affiliation))
        meridian_affiliation = (
            "Research and Development, Meridian Orthopaedics GmbH, Freiburg im Breisgau, Germany."
        )
        for i in range(meridian):
            families_de, givens_de = COUNTRIES["Germany"][2], COUNTRIES["Germany"][3]
            family = r.choice([f for f in families_de if f not in seen])
            seen.add(family)
            out.insert(
                len(out) - i - 1 if len(out) > 2 else len(out),
                Author(family, r.choice(givens_de), meridian_affiliation),
            )
        return out

    def author_count(self, design: str) -> int:
        low, high = {
            "rct": (6, 12), "sr": (4, 8), "cdsr": (4, 7), "retro": (3, 8), "prosp": (4, 9),
            "registry": (5, 9), "case": (2, 4), "letter": (1, 3), "biomech": (4, 7),
            "animal": (5, 8), "review": (2, 4),
        }.get(design, (3, 7))  # fmt: skip
        return self.r.randint(low, high)

    # ---------------------------------------------------------------- bibliographic
    def place(self, paper: Paper, length: int | None = None) -> None:
        """Give ``paper`` a volume, issue, pages and DOI in its journal."""
        r = self.r
        j = paper.journal
        year, month = paper.year, paper.month
        if j.key == "clinbiomech":
            paper.volume = str(31 + (year - 2016) * 10 + (month - 1) * 10 // 12)
        elif j.key == "cdsr":
            paper.volume = paper.issue = str(month)
        elif j.key == "bjj":
            paper.volume = f"{year - 1918}-B"
        elif j.volume_offset is not None:
            paper.volume = str(year - j.volume_offset)
        if j.key != "cdsr":
            paper.issue = str(month) if j.key not in ("bmcmsk", "josr", "gosr", "tcr") else "1"
        if length is None:
            length = {
                "rct": (7, 12),
                "sr": (8, 14),
                "case": (3, 5),
                "letter": (1, 2),
                "review": (8, 14),
            }.get(paper.design, (5, 9))  # type: ignore[assignment]
            length = r.randint(*length)  # type: ignore[misc]
        yy = f"{year % 100:02d}"
        if j.key == "cdsr":
            paper.pages = f"CD{r.randint(99001, 99899):06d}"
        elif j.article_numbers:
            if j.key == "gosr":
                paper.pages = f"21514593{yy}{r.randint(1000000, 1099999)}"
            elif j.key == "clinbiomech":
                paper.pages = f"10{r.randint(4000, 6999)}"
            elif j.key == "tcr":
                paper.pages = f"10{r.randint(1000, 1299)}"
            else:
                paper.pages = str(r.randint(12, 1100))
        else:
            per_year = PAGES_PER_YEAR.get(j.key, 1200)
            start = max(1, int(per_year * (month - 1) / 12) + r.randint(1, per_year // 14))
            paper.pages = f"{start}-{start + length - 1}" if length > 1 else str(start)
        paper.doi = self.make_doi(paper)

    def make_doi(self, paper: Paper) -> str | None:
        r = self.r
        j = paper.journal
        year, month = paper.year, paper.month
        yy = f"{year % 100:02d}"
        code = DOI_CODES.get(j.key, j.key)
        style = j.doi_style
        for _ in range(20):
            if style == "none":
                return None
            if style == "elsevier":
                doi = f"10.5555/j.{code}.{year}.{month:02d}.{r.randint(1, 120):03d}"
            elif style == "lww":
                if j.key == "jbjsa":
                    doi = f"10.5555/JBJS.{yy}.{r.randint(100, 1999):05d}"
                else:
                    doi = f"10.5555/{code}.{r.randint(1200, 3400):016d}"
            elif style == "bjj":
                volume = (paper.volume or "").replace("-", "")
                doi = (
                    f"10.5555/0301-620X.{volume}{paper.issue}.BJJ-{year - 1}-"
                    f"{r.randint(100, 1999):04d}.R{r.randint(1, 2)}"
                )
            elif style == "tandf":
                doi = f"10.5555/17453674.{year}.{r.randint(1800000, 1999999)}"
            elif style == "sage":
                if j.key == "gosr" and paper.pages:
                    doi = f"10.5555/{paper.pages}"
                else:
                    doi = f"10.5555/{code}{yy}{r.randint(900000, 999999)}"
            elif style == "springer":
                prefix = "s" + code
                doi = f"10.5555/{prefix}-0{yy}-{r.randint(1000, 9999):05d}-{r.randint(0, 9)}"
            elif style == "thieme":
                doi = f"10.5555/a-{r.randint(1000, 2999)}-{r.randint(1000, 9999)}"
            elif style == "cochrane":
                doi = f"10.5555/14651858.{paper.pages}.pub{r.randint(2, 4)}"
            elif style == "jocr":
                doi = f"10.5555/jocr.{year}.v{paper.volume}.i{paper.issue}.{r.randint(1000, 4999)}"
            elif style == "cma":
                doi = f"10.5555/cma.j.issn.1671-7600.{year}.{month:02d}.{r.randint(1, 30):03d}"
            else:  # pragma: no cover
                raise ValueError(style)
            if doi not in self.dois:
                self.dois.add(doi)
                return doi
        raise RuntimeError("no free DOI")  # pragma: no cover

    def date(self, year: int) -> tuple[int, int]:
        last_month = 9 if year == 2026 else 12
        return self.r.randint(1, last_month), self.r.randint(1, 28)

    # ---------------------------------------------------------------- from templates
    def from_template(self, tpl: Template, source: str) -> Paper:
        r = self.r
        for _ in range(80):
            title_index = r.randrange(len(tpl.titles))
            pattern = expand(r, tpl.titles[title_index])
            journal = JOURNALS[r.choice(tpl.journals)]
            if source == "em" and r.random() < 0.45 and tpl.design not in ("cdsr", "letter"):
                journal = JOURNALS[r.choice(("jcot", "jorth", "cjot", "aob", "jocr"))]
                if journal.key == "jocr" and tpl.design not in ("case", "retro"):
                    journal = JOURNALS["jcot"]
            year = r.randint(2016, min(2026, journal.last_year))
            if journal.key == "unfall":
                year = r.randint(2016, 2021)
            if tpl.countries:
                country = r.choice(tpl.countries)
            elif journal.key == "cjot":
                country = "China"
            elif journal.language == "ger":
                country = r.choice(("Germany", "Germany", "Austria", "Switzerland"))
            else:
                country = r.choices(list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values()))[0]
            v = _values(r, tpl, title_index, year, country)
            if ":" in pattern.split("{sfx}")[0]:
                plain = [s for s in SUFFIXES[tpl.design] if not s.startswith(":")]
                v["sfx"] = r.choice(plain or [""]).format(**v)
            title = tidy(pattern.format(**v))
            us = COUNTRIES[country][4] or journal.country == "United States"
            title = to_us(title) if us else title
            main = fold_title(tidy(pattern.replace("{sfx}", "").format(**v)))
            siblings = self.mains.setdefault(tpl.key, [])
            if title.casefold() in self.titles or any(too_close(main, m) for m in siblings):
                continue
            siblings.append(main)
            break
        else:
            raise TitlesExhaustedError(tpl.key)
        self.titles.add(title.casefold())
        month, day = self.date(year)
        paper = Paper(
            key=f"{tpl.key}-{len(self.papers) + 1}",
            template=tpl.key,
            design=tpl.design,
            title=title,
            authors=self.authors(country, self.author_count(tpl.design)),
            journal=journal,
            year=year,
            month=month,
            day=day,
            country=country,
            relevant=tpl.relevant,
            source=source,
            language=journal.language if journal.language != "chi" else "chi",
        )
        if tpl.vernacular:
            paper.vernacular_title = tpl.vernacular[title_index].format(**v)
        paper.sections = self.sections(tpl, v, journal, us)
        paper.mesh = list(tpl.mesh)
        paper.keywords = list(tpl.kw)
        paper.pub_types = self.pub_types(tpl.design)
        self.place(paper)
        if tpl.design == "rct" and r.random() < 0.5:
            paper.registration = self.nct()
        self.papers.append(paper)
        return paper

    def sections(
        self, tpl: Template, v: dict[str, Any], journal: Journal, us: bool
    ) -> list[tuple[str, str]]:
        r = self.r
        fix = to_us if us else (lambda s: s)
        parts = [
            fix(r.choice(options).format(**v)) if options else ""
            for options in (tpl.bg, tpl.methods, tpl.results, tpl.concl)
        ]
        if tpl.design in ("letter",):
            return []
        if sum(len(p.split()) for p in parts) < 80 and tpl.design in PADDING:
            parts[3] = (parts[3] + " " + fix(r.choice(PADDING[tpl.design]))).strip()
        if tpl.design in ("case", "review", "biomech", "animal") and journal.key not in (
            "clinbiomech",
        ):
            return [("", " ".join(p for p in parts if p))]
        if journal.key in UNSTRUCTURED:
            text = " ".join(p for p in parts if p)
            return [("", text)]
        labels = ABSTRACT_LABELS.get(journal.key, DEFAULT_LABELS)
        if journal.key == "unfall":
            labels = ("BACKGROUND", "METHODS", "RESULTS", "CONCLUSION")
        out = [(label, text) for label, text in zip(labels, parts, strict=True) if text]
        return out

    @staticmethod
    def pub_types(design: str) -> list[str]:
        return {
            "rct": ["Journal Article", "Randomized Controlled Trial"],
            "sr": ["Journal Article", "Meta-Analysis", "Systematic Review"],
            "cdsr": ["Journal Article", "Systematic Review", "Network Meta-Analysis"],
            "review": ["Journal Article", "Review"],
            "letter": ["Letter", "Comment"],
            "case": ["Case Reports", "Journal Article"],
            "prosp": ["Journal Article", "Observational Study"],
            "registry": ["Journal Article", "Observational Study"],
        }.get(design, ["Journal Article"])


# ------------------------------------------------------------ device-specific papers
#: Publications on CS-Classic (the equivalent device), OsteoLink and Meridian: what the
#: equivalent-device string SS-02 finds. ``sota``: also found by the state-of-the-art
#: string SS-03 (published 2016 or later and about an indication of the plan).
DEVICE_PAPERS: tuple[dict[str, Any], ...] = (
    {
        "key": "csc-2010-fnf", "device": "CS-Classic", "year": 2010, "month": 6,
        "journal": "unfall", "design": "prosp", "country": "Germany", "authors": 5,
        "meridian": 0, "sota": False,
        "title": "Self-drilling cannulated screws for undisplaced femoral neck fractures: "
                 "early results with the CS-Classic system",
        "vernacular": "Selbstbohrende kanülierte Schrauben bei nicht dislozierten "
                      "Schenkelhalsfrakturen: Frühergebnisse mit dem CS-Classic-System",
        "sections": (
            ("BACKGROUND", "Self-drilling cannulated screws may shorten the operation and "
             "avoid separate drilling steps in the fixation of femoral neck fractures."),
            ("PATIENTS AND METHODS", "In a prospective observational study at two trauma "
             "centres, 52 patients (mean age 74 years) with Garden I or II femoral neck "
             "fractures were treated with three 6.5 mm CS-Classic cannulated screws "
             "(Meridian Orthopaedics, Freiburg, Germany) and followed for 12 months."),
            ("RESULTS", "The mean operating time was 31 minutes. Two guide wires broke "
             "during insertion without consequences. At 12 months, 47 of 49 fractures "
             "(96%) had united; two patients (4%) needed conversion to hemiarthroplasty for "
             "fixation failure, and one developed avascular necrosis. The mean Harris Hip "
             "Score was 81 points."),
            ("CONCLUSION", "Early results with the self-drilling screw were comparable with "
             "those of conventional cannulated screws. A longer follow-up is needed."),
        ),
        "mesh": ("Aged", "Aged, 80 and over", "*Bone Screws", "Equipment Design",
                 "Femoral Neck Fractures/*surgery", "Fracture Fixation, Internal/*instrumentation",
                 "Prospective Studies", "Treatment Outcome"),
    },
    {
        "key": "csc-2012-malleolus", "device": "CS-Classic", "year": 2012, "month": 3,
        "journal": "fai", "design": "prosp", "country": "Germany", "authors": 4,
        "meridian": 0, "sota": False,
        "title": "Fixation of medial malleolar fractures with self-drilling cannulated "
                 "screws: a prospective series of 64 patients",
        "sections": (
            ("BACKGROUND", "Two partially threaded cancellous screws are the standard "
             "fixation of medial malleolar fractures."),
            ("METHODS", "Sixty-four consecutive patients with isolated or bimalleolar ankle "
             "fractures had the medial malleolus fixed with two 4.0 mm self-drilling "
             "cannulated screws (CS-Classic; Meridian Orthopaedics) at a university trauma "
             "centre. Union, loss of reduction, hardware removal and the Olerud-Molander "
             "Ankle Score were assessed at 6 weeks, 3 and 12 months."),
            ("RESULTS", "All fractures united by 12 weeks and there was no loss of "
             "reduction. Screws were removed in 9 patients (14%) for local irritation. The "
             "mean Olerud-Molander score at 12 months was 86 points (range, 55-100)."),
            ("CONCLUSION", "Self-drilling cannulated screws provided reliable fixation of "
             "medial malleolar fractures; hardware irritation was the main complication."),
            ("LEVEL OF EVIDENCE", "Level IV, prospective case series."),
        ),
        "mesh": ("Adult", "Ankle Fractures/*surgery", "*Bone Screws", "Device Removal",
                 "Female", "Fracture Fixation, Internal/*instrumentation", "Humans", "Male",
                 "Middle Aged", "Prospective Studies"),
    },
    {
        "key": "csc-2013-scaphoid", "device": "CS-Classic", "year": 2013, "month": 9,
        "journal": "jhse", "design": "retro", "country": "Netherlands", "authors": 4,
        "meridian": 0, "sota": False,
        "title": "Percutaneous fixation of scaphoid waist fractures with a 3.0 mm "
                 "self-drilling cannulated screw",
        "sections": (
            ("", "We reviewed 41 patients with acute undisplaced or minimally displaced "
             "scaphoid waist fractures treated with percutaneous fixation using a 3.0 mm "
             "self-drilling cannulated screw (CS-Classic, Meridian Orthopaedics) through a "
             "volar approach. Union was assessed with CT at 8 and 12 weeks. Thirty-nine "
             "fractures (95%) united at a mean of 9 weeks. One screw was malpositioned and "
             "was exchanged, and one patient had a non-union treated with bone grafting. The "
             "mean QuickDASH score at 6 months was 7. The screw was easy to insert over the "
             "guide wire and its head was buried below the cartilage in all cases. LEVEL OF "
             "EVIDENCE: IV."),
        ),
        "mesh": ("Adolescent", "Adult", "*Bone Screws", "Fracture Fixation, Internal/*methods",
                 "Fracture Healing", "Fractures, Bone/*surgery", "Humans",
                 "Retrospective Studies", "Scaphoid Bone/*injuries"),
    },
    {
        "key": "csc-2015-registry-design", "device": "CS-Classic", "year": 2015, "month": 11,
        "journal": "aots", "design": "registry", "country": "Germany", "authors": 7,
        "meridian": 1, "sota": False,
        "title": "A prospective multicentre registry of a cannulated screw system: design "
                 "and baseline characteristics of REG-CSC",
        "sections": (
            ("INTRODUCTION", "Post-market clinical follow-up of osteosynthesis implants "
             "requires systematic data collection in routine care."),
            ("MATERIALS AND METHODS", "REG-CSC is an ongoing prospective registry of "
             "patients treated with CS-Classic cannulated screws (Meridian Orthopaedics) at "
             "14 European sites. Patients with femoral neck, malleolar, scaphoid and other "
             "fractures are enrolled consecutively and followed at 6 weeks and 3, 6, 12 and "
             "24 months, with an optional 5-year follow-up. Endpoints include union, "
             "reoperation, device-related adverse events and function scores."),
            ("RESULTS", "Between 2012 and 2014, 312 patients were enrolled: 168 femoral "
             "neck fractures, 79 malleolar fractures, 38 scaphoid fractures and 27 other "
             "indications. The mean age was 67 years (range, 17-96) and 61% were women."),
            ("CONCLUSIONS", "The registry will provide device-specific data on union and "
             "complications in routine practice."),
        ),
        "mesh": ("Aged", "*Bone Screws", "Europe", "Fracture Fixation, Internal/*instrumentation",
                 "Fractures, Bone/*surgery", "Humans", "Product Surveillance, Postmarketing",
                 "Prospective Studies", "*Registries", "Research Design"),
        "coi": "This registry is funded by Meridian Orthopaedics GmbH. One author is an "
               "employee of Meridian Orthopaedics GmbH.",
    },
    {
        "key": "csc-2017-fnf-2y", "device": "CS-Classic", "year": 2017, "month": 4,
        "journal": "injury", "design": "prosp", "country": "Germany", "authors": 8,
        "meridian": 1, "sota": True,
        "title": "Two-year results of cannulated screw fixation of femoral neck fractures: "
                 "the CS-Classic registry",
        "sections": (
            ("INTRODUCTION", "Device-specific outcome data for cannulated screws in femoral "
             "neck fractures are scarce."),
            ("PATIENTS AND METHODS", "We analysed 212 patients with femoral neck fractures "
             "fixed with CS-Classic screws in a prospective multicentre registry (REG-CSC, "
             "14 sites), with follow-up at 6 weeks and 3, 6, 12 and 24 months. Outcomes "
             "were union, reoperation, avascular necrosis and the Harris Hip Score."),
            ("RESULTS", "The mean age was 76 years and 81% of the fractures were "
             "undisplaced. At 24 months, 186 patients were available. Union was achieved "
             "in 93.0%. Reoperation was required in 9.1% (conversion to arthroplasty 6.5%, "
             "implant removal 2.6%). Avascular necrosis occurred in 3.8% and screw breakage "
             "in one patient (0.5%). The mean Harris Hip Score was 82 points."),
            ("CONCLUSIONS", "Results with CS-Classic screws were within the range reported "
             "for cannulated screws in comparable populations."),
        ),
        "mesh": ("Aged", "Aged, 80 and over", "*Bone Screws", "Female",
                 "Femoral Neck Fractures/*surgery", "Femur Head Necrosis/etiology",
                 "Fracture Fixation, Internal/*instrumentation", "Humans", "Male",
                 "Prospective Studies", "Registries", "Reoperation/statistics & numerical data"),
        "coi": "The registry is funded by Meridian Orthopaedics GmbH. One author is an "
               "employee of Meridian Orthopaedics GmbH.",
    },
    {
        "key": "csc-2018-case", "device": "CS-Classic", "year": 2018, "month": 7,
        "journal": "jocr", "design": "case", "country": "Austria", "authors": 3,
        "meridian": 0, "sota": True,
        "title": "Fatigue fracture of a 6.5 mm cannulated screw after fixation of a "
                 "displaced femoral neck fracture: a case report",
        "sections": (
            ("INTRODUCTION", "Breakage of cannulated screws in the femoral neck is rare and "
             "usually secondary to non-union."),
            ("CASE REPORT", "A 58-year-old man sustained a displaced (Garden III) femoral "
             "neck fracture that was fixed with three 6.5 mm partially threaded cannulated "
             "screws (CS-Classic). At 5 months he presented with increasing groin pain. "
             "Radiographs showed a non-union with fracture of the inferior screw at the "
             "level of the fracture line. Fractographic analysis by the manufacturer showed "
             "fatigue failure without material defects. The patient underwent total hip "
             "arthroplasty and recovered uneventfully."),
            ("CONCLUSION", "Screw breakage in this case was the consequence of non-union "
             "after suboptimal reduction rather than an implant defect. Anatomical reduction "
             "is essential in displaced fractures of younger patients."),
        ),
        "mesh": (),
    },
    {
        "key": "csc-2019-scfe", "device": "CS-Classic", "year": 2019, "month": 2,
        "journal": "jpo", "design": "retro", "country": "Netherlands", "authors": 5,
        "meridian": 0, "sota": True,
        "title": "In situ fixation of stable slipped capital femoral epiphysis with a "
                 "single 6.5 mm self-drilling cannulated screw",
        "sections": (
            ("BACKGROUND", "In situ fixation with a single screw is the standard treatment "
             "of stable slipped capital femoral epiphysis (SCFE); self-drilling screws may "
             "reduce the number of guide-wire passes."),
            ("METHODS", "We reviewed 46 hips in 39 patients (mean age 12.6 years) treated "
             "with a single 6.5 mm CS-Classic cannulated screw for stable SCFE at 2 "
             "paediatric orthopaedic centres between 2011 and 2017, with follow-up until "
             "physeal closure."),
            ("RESULTS", "No slip progressed. Physeal closure occurred at a mean of 17 "
             "months. No avascular necrosis or chondrolysis occurred. One screw was "
             "exchanged for intra-articular penetration detected during surgery, and 11 "
             "screws (24%) were removed after physeal closure without complications."),
            ("CONCLUSIONS", "Single-screw fixation with a self-drilling cannulated screw "
             "was safe and effective in stable SCFE."),
            ("LEVEL OF EVIDENCE", "Level IV-therapeutic study."),
        ),
        "mesh": ("Adolescent", "*Bone Screws", "Child", "Female",
                 "Fracture Fixation, Internal/*instrumentation", "Humans", "Male",
                 "Retrospective Studies", "Slipped Capital Femoral Epiphyses/*surgery"),
    },
    {
        "key": "csc-2020-scarf", "device": "CS-Classic", "year": 2020, "month": 10,
        "journal": "fas", "design": "retro", "country": "Germany", "authors": 4,
        "meridian": 0, "sota": True,
        "title": "Two cannulated screw systems for fixation of the scarf osteotomy: a "
                 "comparative cohort study",
        "sections": (
            ("BACKGROUND", "Small cannulated screws are used to fix the scarf osteotomy for "
             "hallux valgus; differences between screw systems are rarely studied."),
            ("METHODS", "We compared 58 feet fixed with two 3.0 mm CS-Classic screws "
             "(Meridian Orthopaedics) with 61 feet fixed with 3.0 mm cannulated screws of "
             "another manufacturer. Union, loss of correction, screw removal and the AOFAS "
             "hallux score were assessed at a minimum of 12 months."),
            ("RESULTS", "All osteotomies united. Loss of correction occurred in 3.4% and "
             "4.9% of feet, and screws were removed in 5.2% and 8.2% (p = 0.71). The AOFAS "
             "score improved from 54 to 91 and from 55 to 90 points."),
            ("CONCLUSIONS", "Both screw systems gave equivalent results for scarf osteotomy "
             "fixation."),
        ),
        "mesh": ("*Bone Screws", "Cohort Studies", "Female", "Hallux Valgus/*surgery",
                 "Humans", "Male", "Metatarsal Bones/surgery", "Middle Aged",
                 "Osteotomy/*methods"),
    },
    {
        "key": "csc-2021-fnf-5y", "device": "CS-Classic", "year": 2021, "month": 5,
        "journal": "bjj", "design": "prosp", "country": "Germany", "authors": 9,
        "meridian": 2, "sota": True,
        "title": "Five-year outcome of femoral neck fractures fixed with CS-Classic "
                 "cannulated screws: results from a prospective multicentre registry",
        "sections": (
            ("AIMS", "To report the five-year survival free of conversion to arthroplasty "
             "and the complications after fixation of femoral neck fractures with a single "
             "cannulated screw system."),
            ("METHODS", "Patients with femoral neck fractures enrolled in the REG-CSC "
             "registry at 14 centres between 2012 and 2015 were followed for five years. "
             "Survival free of conversion to arthroplasty was calculated with death as a "
             "competing risk."),
            ("RESULTS", "Of 318 patients (mean age 75 years, 63% women), 142 had died and "
             "31 were lost to follow-up at five years. Survival free of conversion to "
             "arthroplasty was 89.6% (95% CI 85.8 to 92.5). Reoperation for any reason "
             "occurred in 11.9%, avascular necrosis in 5.3% and non-union in 3.1%. Two "
             "screws broke (0.6%), both in non-unions. No unexpected device-related adverse "
             "events were recorded."),
            ("CONCLUSION", "Mid-term results of this screw system were comparable with "
             "register data for cannulated screws."),
        ),
        "mesh": ("Aged", "Aged, 80 and over", "*Bone Screws", "Female",
                 "Femoral Neck Fractures/mortality/*surgery",
                 "Fracture Fixation, Internal/*instrumentation", "Humans", "Male",
                 "Prospective Studies", "Registries", "Reoperation", "Survival Analysis"),
        "coi": "The registry was funded by Meridian Orthopaedics GmbH. Two authors are "
               "employees of Meridian Orthopaedics GmbH.",
    },
    {
        "key": "csc-2022-letter", "device": "CS-Classic", "year": 2022, "month": 1,
        "journal": "bjj", "design": "letter", "country": "United Kingdom", "authors": 2,
        "meridian": 0, "sota": True,
        "title": "Re: Five-year outcome of femoral neck fractures fixed with CS-Classic "
                 "cannulated screws",
        "sections": (), "mesh": (), "comment_on": "csc-2021-fnf-5y",
    },
    {
        "key": "csc-2023-removal", "device": "CS-Classic", "year": 2023, "month": 8,
        "journal": "aots", "design": "retro", "country": "Switzerland", "authors": 5,
        "meridian": 0, "sota": True,
        "title": "Hardware removal after medial malleolar fixation with self-drilling "
                 "cannulated screws: incidence and technical problems",
        "sections": (
            ("PURPOSE", "Symptomatic hardware is the most common reason for reoperation "
             "after fixation of medial malleolar fractures."),
            ("METHODS", "We reviewed 187 patients whose medial malleolus was fixed with "
             "4.0 mm CS-Classic cannulated screws between 2014 and 2020 and identified all "
             "removals within three years. Technical problems during removal were taken "
             "from the operative notes."),
            ("RESULTS", "Screws were removed in 31 patients (16.6%), at a median of 14 "
             "months. The hexagonal drive recess stripped in three removals (9.7%); two of "
             "these screws were removed with an extraction set and one was left in situ. No "
             "screw broke during removal."),
            ("CONCLUSIONS", "Removal was uneventful in most patients, but drive stripping "
             "occurred in almost one in ten removals; a more robust drive design could "
             "reduce this problem."),
        ),
        "mesh": ("Adult", "Aged", "Ankle Fractures/*surgery", "*Bone Screws/adverse effects",
                 "*Device Removal", "Female", "Humans", "Male", "Middle Aged",
                 "Retrospective Studies"),
    },
    {
        "key": "csc-2024-registry-12m", "device": "CS-Classic", "year": 2024, "month": 3,
        "journal": "actaorthop", "design": "prosp", "country": "Netherlands", "authors": 8,
        "meridian": 1, "sota": True,
        "title": "Scaphoid and malleolar fractures treated with CS-Classic screws: "
                 "12-month results from the REG-CSC registry",
        "sections": (
            ("BACKGROUND AND PURPOSE", "Registry data on cannulated screws outside the hip "
             "are scarce. We report the 12-month results of scaphoid and malleolar "
             "fractures in a prospective device registry."),
            ("PATIENTS AND METHODS", "All patients with scaphoid or malleolar fractures "
             "enrolled in REG-CSC between 2012 and 2022 with at least 12 months of "
             "follow-up were included. Union, reoperation, hardware removal and QuickDASH "
             "or Olerud-Molander scores were analysed."),
            ("RESULTS", "94 scaphoid fractures united in 95.7% at a median of 10 weeks. Of "
             "141 malleolar fractures, 99.3% united; hardware was removed in 13.5%. There "
             "were 2 deep infections (1.4%) after malleolar fixation and no implant "
             "failures."),
            ("INTERPRETATION", "Union rates with this screw system were high and "
             "complications were in the range reported in the literature."),
        ),
        "mesh": ("Adult", "Ankle Fractures/*surgery", "*Bone Screws", "Female",
                 "Fracture Healing", "Humans", "Male", "Middle Aged", "Prospective Studies",
                 "Registries", "Scaphoid Bone/*injuries/surgery"),
        "coi": "The registry is funded by Meridian Orthopaedics GmbH. One author is an "
               "employee of Meridian Orthopaedics GmbH.",
    },
    {
        "key": "ol-2025-bench", "device": "OsteoLink", "year": 2025, "month": 11,
        "journal": "clinbiomech", "design": "biomech", "country": "Germany", "authors": 4,
        "meridian": 3, "sota": False,
        "title": "Insertion torque, drive stripping and pull-out strength of a "
                 "hexalobular-drive cannulated screw compared with its hexagonal-drive "
                 "predecessor in synthetic bone",
        "sections": (
            ("BACKGROUND", "Stripping of the drive recess is a recognised problem during "
             "the insertion and removal of cannulated screws."),
            ("METHODS", "OsteoLink 7.3 mm and 4.0 mm screws (hexalobular drive) and "
             "CS-Classic 6.5 mm and 4.0 mm screws (hexagonal drive) (both Meridian "
             "Orthopaedics, Freiburg, Germany) were inserted into polyurethane foam blocks "
             "of two densities (n = 12 per group). Maximum insertion torque, torque to drive "
             "failure and axial pull-out strength were measured."),
            ("FINDINGS", "Torque to drive failure was 41% higher for the hexalobular drive "
             "(p < 0.001). Pull-out strength did not differ between screws of the same "
             "thread design (p = 0.62). No drive failed below the maximum insertion "
             "torque."),
            ("INTERPRETATION", "The hexalobular drive increased the torque margin against "
             "stripping without changing the holding power of the thread. Clinical data "
             "are needed."),
        ),
        "mesh": (),
        "coi": "Three authors are employees of Meridian Orthopaedics GmbH, which funded "
               "the study and manufactures the screws tested.",
    },
    {
        "key": "ol-2026-cadaver", "device": "OsteoLink", "year": 2026, "month": 8,
        "journal": "aots", "design": "biomech", "country": "Germany", "authors": 5,
        "meridian": 2, "sota": True, "ahead_of_print": True,
        "title": "Removal of cannulated screws with reverse-cutting flutes after simulated "
                 "bone ingrowth: a cadaveric femoral neck study",
        "sections": (
            ("INTRODUCTION", "Removal of cannulated screws can be difficult when bone has "
             "grown into the thread run-out."),
            ("MATERIALS AND METHODS", "Ten pairs of fresh-frozen cadaveric femora were "
             "instrumented with three screws each: OsteoLink 7.3 mm screws with "
             "reverse-cutting flutes on one side and CS-Classic 6.5 mm screws on the other. "
             "Bone ingrowth was simulated with a calcium phosphate cement injected around "
             "the thread run-out. Peak removal torque and failures of the drive or screw "
             "were recorded."),
            ("RESULTS", "The peak removal torque was 28% lower with reverse-cutting flutes "
             "(p = 0.004). No drive stripped and no screw broke with OsteoLink; one "
             "CS-Classic drive stripped."),
            ("CONCLUSIONS", "Reverse-cutting flutes reduced the removal torque in this "
             "model. Clinical confirmation is planned in a post-market study."),
        ),
        "mesh": (),
        "coi": "Two authors are employees of Meridian Orthopaedics GmbH, which provided the "
               "implants and funded the study.",
    },
    {
        "key": "mer-2016-surface", "device": "Meridian", "year": 2016, "month": 5,
        "journal": "josr", "design": "biomech", "country": "Germany", "authors": 5,
        "meridian": 2, "sota": False,
        "title": "Bacterial adhesion to type II anodised and untreated Ti-6Al-4V bone screw "
                 "surfaces in vitro",
        "sections": (
            ("BACKGROUND", "Surface treatments of titanium implants may influence early "
             "bacterial adhesion and therefore the risk of implant-associated infection."),
            ("METHODS", "Discs and cannulated bone screws of Ti-6Al-4V with a type II "
             "anodised surface or machined without surface treatment were incubated with "
             "Staphylococcus aureus and Staphylococcus epidermidis. Adherent bacteria were "
             "counted after 2 and 24 hours and biofilm was assessed by scanning electron "
             "microscopy."),
            ("RESULTS", "Adhesion after 2 hours did not differ between surfaces. After 24 "
             "hours, biofilm formation of S. epidermidis was 35% lower on anodised "
             "surfaces (p = 0.02)."),
            ("CONCLUSIONS", "Type II anodising did not increase bacterial adhesion and may "
             "reduce early biofilm formation in vitro."),
        ),
        "mesh": ("Bacterial Adhesion", "Biofilms", "*Bone Screws/microbiology", "Humans",
                 "In Vitro Techniques", "Staphylococcus aureus/*physiology",
                 "Surface Properties", "*Titanium"),
        "coi": "Two authors are employees of Meridian Orthopaedics GmbH.",
    },
)  # fmt: skip

#: The OsteoLink usability study presented at a congress (Embase only).
OSTEOLINK_ABSTRACT = {
    "key": "ol-2026-usability", "device": "OsteoLink", "year": 2026, "month": 5,
    "journal": "orthproc", "design": "prosp", "country": "Germany", "authors": 4,
    "meridian": 2,
    "title": "Usability of a new cannulated screw system with a hexalobular drive: "
             "feedback from six surgeons in a cadaver laboratory",
    "sections": (
        ("Introduction", "OsteoLink is a new cannulated screw system derived from an "
         "established screw, with a hexalobular drive, a lower head profile and "
         "reverse-cutting flutes."),
        ("Methods", "Six trauma surgeons inserted and removed 7.3 mm, 4.0 mm and 3.0 mm "
         "screws in fresh-frozen cadaveric hips, ankles and wrists using the system's "
         "instruments. Use errors, close calls and difficulties were recorded by an "
         "observer and discussed in structured interviews."),
        ("Results", "A total of 126 screws were inserted and 48 removed. No use error "
         "with potential for harm was observed. Two close calls concerned the depth gauge "
         "reading for the longest screws; the scale was subsequently redesigned. All "
         "surgeons rated the self-retaining screwdriver as an improvement."),
        ("Conclusion", "The system could be used safely by experienced surgeons after a "
         "short introduction."),
    ),
}  # fmt: skip

#: Trial registrations in CENTRAL (title, register, year, condition, intervention,
#: primary outcome, inclusion criteria). The first two belong to published trials.
REGISTRATIONS: tuple[tuple[str, str, int, str, str, str, str], ...] = (
    ("Femoral Neck System Versus Cannulated Screws in Young Adults With Femoral Neck "
     "Fractures", "ctgov", 0, "Femoral Neck Fractures", "Device: Femoral neck system; "
     "Device: Cannulated screws", "Reoperation within 24 months",
     "Age 18 to 65 years; femoral neck fracture suitable for internal fixation"),
    ("Hemiarthroplasty or Internal Fixation for Undisplaced Femoral Neck Fractures in "
     "Patients Aged 70 and Older", "ctgov", 0, "Femoral Neck Fractures",
     "Procedure: Hemiarthroplasty; Device: Cannulated screws", "Mobility at 12 months",
     "Age 70 years or older; undisplaced femoral neck fracture; able to walk before injury"),
    ("OsteoLink Post-Market Clinical Follow-up Study (OL-PMCF-01)", "ctgov", 2026,
     "Femoral Neck Fractures; Ankle Fractures; Scaphoid Fractures; Slipped Capital Femoral "
     "Epiphysis", "Device: OsteoLink cannulated bone screw system",
     "Reoperation within 24 months; radiographic union at 6 months",
     "Indication for screw fixation according to the instructions for use; informed consent"),
    ("Cannulated Screws With or Without Washers for Femoral Neck Fractures", "ctgov", 2019,
     "Femoral Neck Fractures", "Device: Washer; Device: Cannulated screws",
     "Screw back-out at 3 months", "Age 50 years or older; Garden I-II fracture"),
    ("Single Versus Double Screw Fixation in Stable Slipped Capital Femoral Epiphysis",
     "ctgov", 2020, "Slipped Capital Femoral Epiphysis", "Procedure: In situ fixation with "
     "one screw; Procedure: In situ fixation with two screws", "Slip progression at 12 "
     "months", "Age 9 to 16 years; stable SCFE"),
    ("Bioabsorbable Versus Titanium Screws for Medial Malleolar Fractures", "ctgov", 2018,
     "Ankle Fractures", "Device: Bioabsorbable screws; Device: Titanium cannulated screws",
     "Reoperation at 12 months", "Isolated or bimalleolar ankle fracture requiring "
     "fixation of the medial malleolus"),
    ("Headless Compression Screw Versus Kirschner Wires for Scaphoid Nonunion", "ctgov",
     2021, "Scaphoid Nonunion", "Device: Headless compression screw; Device: Kirschner "
     "wires", "Union on CT at 16 weeks", "Established scaphoid waist nonunion"),
    ("Tranexamic Acid in Hip Fracture Surgery", "ctgov", 2017, "Hip Fractures",
     "Drug: Tranexamic acid; Drug: Placebo", "Blood transfusion within 7 days",
     "Age 60 years or older; surgery for hip fracture"),
    ("Cemented Versus Uncemented Hemiarthroplasty for Displaced Femoral Neck Fracture",
     "ctgov", 2016, "Femoral Neck Fractures", "Procedure: Cemented hemiarthroplasty; "
     "Procedure: Uncemented hemiarthroplasty", "Health-related quality of life at 12 months",
     "Age 65 years or older; displaced intracapsular fracture"),
    ("Sliding Hip Screw Versus Cannulated Screws in Garden I-II Femoral Neck Fractures",
     "ctgov", 2022, "Femoral Neck Fractures", "Device: Sliding hip screw; Device: Cannulated "
     "screws", "Reoperation within 24 months", "Age 55 years or older; undisplaced fracture"),
    ("Medial Buttress Plate Augmentation in Pauwels Type III Femoral Neck Fractures",
     "ctgov", 2023, "Femoral Neck Fractures", "Device: Medial buttress plate; Device: "
     "Cannulated screws", "Fixation failure at 12 months", "Age 18 to 60 years; Pauwels "
     "type III fracture"),
    ("Fully Threaded Versus Partially Threaded Cannulated Screws in Femoral Neck Fractures",
     "drks", 2024, "Femoral Neck Fractures", "Device: Fully threaded cannulated screws; "
     "Device: Partially threaded cannulated screws", "Femoral neck shortening at 12 months",
     "Age 18 to 70 years; femoral neck fracture suitable for screw fixation"),
    ("Early Full Weight Bearing After Screw Fixation of Undisplaced Femoral Neck Fractures",
     "drks", 2021, "Femoral Neck Fractures", "Other: Full weight bearing; Other: Partial "
     "weight bearing", "Fixation failure at 3 months", "Age 60 years or older; Garden I-II "
     "fracture fixed with cannulated screws"),
    ("Fascia Iliaca Block for Hip Fracture Surgery in Older Adults", "ctgov", 2019,
     "Hip Fractures; Delirium", "Procedure: Fascia iliaca compartment block",
     "Postoperative delirium within 5 days", "Age 65 years or older; hip fracture surgery"),
    ("Percutaneous Screw Fixation Versus Cast for Minimally Displaced Scaphoid Waist "
     "Fractures", "ctgov", 2025, "Scaphoid Fractures", "Procedure: Percutaneous screw "
     "fixation; Other: Cast immobilisation", "PRWE score at 12 months",
     "Age 16 years or older; scaphoid waist fracture displaced 2 mm or less"),
)  # fmt: skip


# ------------------------------------------------------------------------ building
#: Records per run (what each database "reported").
PUBMED_SOTA_TARGET = 178
EMBASE_ONLY_TARGET = 97  # Embase records that are not PubMed records of SR-01
CENTRAL_ONLY_TARGET = 18
EMBASE_DUPLICATES = 42  # Embase records that are (versions of) SR-01 records
CENTRAL_DUPLICATES = 24  # CENTRAL/CDSR records that are SR-01 records
EMBASE_CONFERENCE_SHARE = 0.32


def _shift_date(year: int, month: int, day: int, days: int) -> tuple[int, int, int]:
    import datetime as dt

    value = dt.date(year, month, min(day, 28)) + dt.timedelta(days=days)
    return value.year, value.month, value.day


class Literature(Generator):
    """All fictional papers of the sample, with the links between them."""

    def build(self) -> None:
        r = self.r
        pm_templates = [t for t in TEMPLATES if t.design != "letter"]
        for tpl in pm_templates:
            for source in ("pm", "em", "cn"):
                for _ in range(tpl.counts.get(source, 0)):
                    self.top_up(tpl, source)
        self.device_papers()
        letters = next(t for t in TEMPLATES if t.design == "letter")
        for _ in range(letters.counts["pm"]):
            self.letter(letters)
        self.pubmed_erratum = self.erratum(
            r.choice([p for p in self.sota() if p.design in ("retro", "prosp")]), "pubmed"
        )
        more = [t for t in pm_templates if t.design not in ("cdsr", "review")]
        weights = [t.counts["pm"] + 1 for t in more]
        while len(self.sota()) < PUBMED_SOTA_TARGET:
            self.top_up(r.choices(more, weights)[0], "pm")
        em_weights = [t.counts["em"] + 1 for t in more]
        while len([p for p in self.papers if p.source == "em"]) < EMBASE_ONLY_TARGET - 1:
            self.top_up(r.choices(more, em_weights)[0], "em")
        cn_templates = [t for t in more if t.counts["cn"]]
        while len([p for p in self.papers if p.source == "cn"]) < CENTRAL_ONLY_TARGET:
            self.top_up(r.choice(cn_templates), "cn")
        central = [p for p in self.papers if p.source == "cn"]
        for extra in central[CENTRAL_ONLY_TARGET:]:
            self.papers.remove(extra)
        self.osteolink_abstract = self.device_paper(OSTEOLINK_ABSTRACT, "em")
        self.conference_versions()
        self.ahead_of_print()
        self.identifiers()

    def top_up(self, tpl: Template, source: str) -> None:
        """One more paper from ``tpl``, unless its titles are used up."""
        with contextlib.suppress(TitlesExhaustedError):
            self.from_template(tpl, source)

    def sota(self) -> list[Paper]:
        """The records of the PubMed state-of-the-art run (SR-01), in creation order."""
        return [p for p in self.papers if p.source == "pm" and p.in_sota]

    # ---------------------------------------------------------------- special papers
    def device_paper(self, spec: dict[str, Any], source: str) -> Paper:
        journal = JOURNALS[spec["journal"]]
        month = spec["month"]
        paper = Paper(
            key=spec["key"],
            template=spec["key"],
            design=spec["design"],
            title=spec["title"],
            authors=self.authors(spec["country"], spec["authors"], meridian=spec["meridian"]),
            journal=journal,
            year=spec["year"],
            month=month,
            day=self.r.randint(1, 28),
            country=spec["country"],
            source=source,
            device=spec["device"],
            in_sota=spec.get("sota", False),
            in_equivalent_search=source == "pm",
            language=journal.language,
            vernacular_title=spec.get("vernacular"),
            coi=spec.get("coi"),
            ahead_of_print=spec.get("ahead_of_print", False),
        )
        paper.sections = list(spec["sections"])
        paper.mesh = list(spec.get("mesh", ()))
        paper.pub_types = self.pub_types(spec["design"])
        if paper.design == "biomech":
            paper.pub_types = ["Journal Article"]
        self.place(paper)
        if source == "em":  # a congress abstract
            paper.pages = f"{self.r.randint(12, 180)}"
            paper.volume, paper.issue = f"{paper.year - 1918}-B", "SUPP_4"
            paper.conference = CONGRESSES["orthproc"].format(year=paper.year)
        self.titles.add(paper.title.casefold())
        self.papers.append(paper)
        return paper

    def device_papers(self) -> None:
        by_key = {}
        for spec in DEVICE_PAPERS:
            paper = self.device_paper(spec, "pm")
            by_key[paper.key] = paper
            if "comment_on" in spec:
                paper.comment_on = by_key[spec["comment_on"]]

    def letter(self, tpl: Template) -> Paper:
        r = self.r
        candidates = [
            p for p in self.sota()
            if p.design in ("rct", "retro", "sr", "prosp") and p.year <= 2025
            and p.device is None and p.journal.key in tpl.journals
        ]  # fmt: skip
        ref = r.choice(candidates)
        country = r.choices(list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values()))[0]
        title = r.choice(tpl.titles).format(ref_title=ref.title)
        year = min(2026, ref.year + r.randint(0, 1))
        month, day = self.date(year)
        if year == ref.year:
            month = min(12 if year < 2026 else 9, max(month, ref.month + 1))
        paper = Paper(
            key=f"letter-{len(self.papers) + 1}", template="letter", design="letter",
            title=title, authors=self.authors(country, self.author_count("letter")),
            journal=ref.journal, year=year, month=month, day=day, country=country,
            relevant=False, source="pm", comment_on=ref,
        )  # fmt: skip
        paper.mesh = []
        paper.pub_types = self.pub_types("letter")
        self.place(paper)
        self.titles.add(title.casefold())
        self.papers.append(paper)
        return paper

    def erratum(self, original: Paper, where: str) -> Paper:
        """An erratum to ``original``: in PubMed (SR-01) or Embase only."""
        r = self.r
        j = original.journal
        year = (
            original.year
            if original.month < 10 or original.year == 2026
            else min(2026, original.year + 1)
        )
        if j.doi_style == "elsevier":
            title = (
                f'Erratum to "{original.title}" [{j.ta} {original.volume} ({original.year}) '
                f"{original.pages}]"
            )
        else:
            title = f"Correction to: {original.title}"
        if where == "embase":
            title = (
                f"Erratum: {original.title} ({j.full} ({original.year}) {original.volume}:"
                f"{original.issue} ({original.pages}) DOI: {original.doi})"
            )
        month = min(12 if year < 2026 else 9, original.month + r.randint(1, 3))
        paper = Paper(
            key=f"erratum-{original.key}-{where}", template="erratum", design="erratum",
            title=title, authors=[], journal=j, year=year, month=month, day=r.randint(1, 28),
            country=original.country, relevant=False,
            source="pm" if where == "pubmed" else "em-erratum", erratum_for=original,
            pub_types=["Published Erratum"],
        )  # fmt: skip
        self.place(paper, length=1)
        self.papers.append(paper)
        return paper

    def conference_versions(self) -> None:
        """Turn about a third of the Embase-only studies into congress abstracts."""
        r = self.r
        for paper in [p for p in self.papers if p.source == "em"]:
            if paper.device or paper.design not in ("retro", "prosp", "rct", "registry"):
                continue
            if r.random() < EMBASE_CONFERENCE_SHARE / 0.8:
                self.make_conference(paper)

    def make_conference(self, paper: Paper, *, title: str | None = None) -> None:
        r = self.r
        hip = any("Femoral Neck" in m or "Hip" in m for m in paper.mesh)
        key = r.choice(("orthproc", "ejtes") + (("osteoint",) if hip else ()))
        journal = JOURNALS[key]
        paper.journal = journal
        paper.conference = CONGRESSES[key].format(year=paper.year)
        offset = journal.volume_offset or 0
        paper.volume = f"{paper.year - 1918}-B" if key == "orthproc" else str(paper.year - offset)
        paper.issue = {"orthproc": f"SUPP_{r.randint(1, 9)}", "ejtes": "Suppl 1",
                       "osteoint": "Suppl 1"}[key]  # fmt: skip
        paper.pages = str(r.randint(5, 220)) if key == "orthproc" else f"S{r.randint(20, 640)}"
        paper.doi = (
            f"10.5555/1358-992X.{paper.year}.{paper.issue[-1]}.{r.randint(1, 300):03d}"
            if key == "orthproc" else None
        )  # fmt: skip
        paper.authors = paper.authors[: r.randint(2, 5)]
        paper.pub_types = ["Conference Abstract"]
        if title:
            paper.title = title
        paper.sections = [
            (label.title() if label.isupper() else label, text) for label, text in paper.sections
        ]

    def ahead_of_print(self) -> None:
        """The newest PubMed records are online ahead of print (no volume or pages)."""
        r = self.r
        newest = [
            p for p in self.sota()
            if p.year == 2026 and p.month >= 8 and not p.journal.article_numbers
            and p.design not in ("letter", "erratum")
        ]  # fmt: skip
        for paper in r.sample(newest, min(3, len(newest))):
            paper.ahead_of_print = True

    def identifiers(self) -> None:
        """PMIDs for PubMed papers (in date order), and for a few Embase-only ones."""
        r = self.r
        dated = sorted(self.papers, key=lambda p: (p.year, p.month, p.day, p.key))
        medline_em = {
            id(p) for p in self.papers
            if p.source == "em" and not p.conference and p.journal.key not in (
                "jcot", "jorth", "cjot", "tcr") and r.random() < 0.35
        }  # fmt: skip
        for paper in dated:
            if paper.source == "pm" or id(paper) in medline_em:
                paper.pmid = self.pmid()
            if paper.source in ("em", "em-erratum"):
                paper.embase_id = self.embase_id()
            if paper.registration is None and paper.design == "rct" and r.random() < 0.3:
                paper.registration = f"DRKS000{r.randint(99001, 99899)}"


# ------------------------------------------------------------------------ runs
@dataclass
class Entry:
    """One record of one export file: a paper, and how this database shows it."""

    paper: Paper
    variant: str = "exact"
    drop_doi: bool = False
    drop_pmid: bool = False
    title: str | None = None
    journal_abbrev: bool = False
    ascii_authors: bool = False
    in_press: bool = False
    medline_only: bool = False
    embase_id: int | None = None
    central_id: int | None = None
    registration: tuple[str, ...] | None = None  # a CENTRAL trial-register record


@dataclass
class RunFile:
    code: str
    key: str
    file_name: str
    fmt: str
    entries: list[Entry]


@dataclass
class Planted:
    """A planted pair: two records of the same work (or of related works)."""

    a: tuple[str, int]
    b: tuple[str, int]
    kind: str
    same_publication: bool
    work: str


def _ascii(text: str) -> str:
    import unicodedata

    table = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss"})
    decomposed = unicodedata.normalize("NFKD", text.translate(table))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


HYPHEN_VARIANTS = (
    ("non-union", "nonunion"), ("nonunion", "non-union"), ("cut-out", "cutout"),
    ("Cost-effectiveness", "Cost effectiveness"), ("back-out", "backout"),
    ("Intra-articular", "Intraarticular"), ("Peri-implant", "Periimplant"),
)  # fmt: skip


def _hyphen_variant(title: str) -> str:
    for a, b in HYPHEN_VARIANTS:
        if a in title:
            return title.replace(a, b)
    return to_us(title) if to_us(title) != title else to_uk(title)


class Plan:
    """Which papers go into which run, in which form, and the duplicates that result."""

    def __init__(self, lit: Literature) -> None:
        self.lit = lit
        self.r = random.Random(SEED + 1)
        self.links: list[tuple[Paper, Paper, str]] = []  # (original, related, kind)

    def runs(self) -> list[RunFile]:
        r = self.r
        lit = self.lit
        sota = lit.sota()
        r.shuffle(sota)  # PubMed "Best match" order
        pubmed_sota = RunFile("SR-01", "pubmed-sota", "pubmed-BoneScrews-set.nbib", "nbib",
                              [Entry(p) for p in sota])  # fmt: skip
        equivalent = sorted(
            (p for p in lit.papers if p.in_equivalent_search),
            key=lambda p: (p.year, p.month, p.day),
            reverse=True,
        )
        pubmed_equivalent = RunFile(
            "SR-02",
            "pubmed-equivalent",
            "pubmed-CSClassic-set.nbib",
            "nbib",
            [Entry(p) for p in equivalent],
        )
        self.links.append((lit.pubmed_erratum.erratum_for, lit.pubmed_erratum, "erratum"))  # type: ignore[arg-type]

        # ------------------------------------------------ CENTRAL and CDSR vs PubMed
        pool = [p for p in sota if p.design not in ("letter", "erratum") and p.pmid]
        reviews = [p for p in pool if p.design == "cdsr"]
        trials = [p for p in pool if p.design == "rct"]
        central_pm = reviews + r.sample(trials, CENTRAL_DUPLICATES - len(reviews))
        central_kinds = ["no_doi"] * 4 + ["no_pmid"] * 3 + ["abbrev_journal_no_ids"] * 2
        central_kinds += ["exact"] * (len(central_pm) - len(central_kinds))
        r.shuffle(central_kinds)
        # reviews keep their identifiers (the Cochrane Library is their publisher)
        for i, paper in enumerate(central_pm):
            if paper.design == "cdsr" and central_kinds[i] != "exact":
                j = next(k for k, kind in enumerate(central_kinds)
                         if kind == "exact" and central_pm[k].design != "cdsr")  # fmt: skip
                central_kinds[i], central_kinds[j] = central_kinds[j], central_kinds[i]

        # ------------------------------------------------ Embase vs PubMed
        in_both = r.sample([p for p in central_pm if p.design == "rct"], 10)
        rest = [p for p in pool if p not in central_pm]
        embase_pm = in_both + r.sample(rest, EMBASE_DUPLICATES - len(in_both))
        kinds = (["conference_abstract"] * 3 + ["erratum"] + ["in_press"] * 2
                 + ["no_doi"] * 5 + ["no_pmid"] * 5 + ["no_ids_title_case"] * 3
                 + ["no_ids_spelling"] * 2 + ["ascii_authors"])  # fmt: skip
        kinds += ["exact"] * (len(embase_pm) - len(kinds))
        assigned = self.assign_embase(embase_pm, kinds, set(map(id, central_pm)))
        embase_entries: list[Entry] = []
        for paper, kind in assigned:
            if kind == "conference_abstract":
                conf = self.conference_of(paper)
                embase_entries.append(Entry(conf, variant="conference_abstract",
                                            embase_id=conf.embase_id))  # fmt: skip
                self.links.append((paper, conf, "conference_abstract"))
            elif kind == "erratum":
                err = lit.erratum(paper, "embase")
                err.embase_id = lit.embase_id()
                embase_entries.append(Entry(err, variant="erratum", embase_id=err.embase_id))
                self.links.append((paper, err, "erratum"))
            else:
                embase_entries.append(self.embase_entry(paper, kind))
        # one MEDLINE record that Embase.com also lists as a MEDLINE-only record
        twin_of = next(e for e in embase_entries if e.variant == "exact")
        twin = Entry(twin_of.paper, variant="medline_only_twin", medline_only=True,
                     embase_id=lit.embase_id())  # fmt: skip
        embase_only = [p for p in lit.papers if p.source == "em"]
        embase_entries += [Entry(p, embase_id=p.embase_id) for p in embase_only]
        r.shuffle(embase_entries)
        embase_entries.insert(r.randrange(len(embase_entries) // 2, len(embase_entries)), twin)
        embase = RunFile("SR-03", "embase-sota", "records.ris", "ris", embase_entries)

        # ------------------------------------------------ Cochrane Library
        central_entries = [self.central_entry(p, k) for p, k in zip(central_pm, central_kinds,
                                                                     strict=True)]  # fmt: skip
        conferences = [p for p in embase_only if p.conference and p.design in ("rct", "prosp")]
        for paper in r.sample(conferences, 3):
            central_entries.append(Entry(paper, variant="conference_from_embase",
                                         central_id=lit.central_id()))  # fmt: skip
        central_entries += [
            Entry(p, central_id=lit.central_id()) for p in lit.papers if p.source == "cn"
        ]
        central_entries += self.registrations(trials)
        cdsr = [e for e in central_entries if e.paper.design == "cdsr"]
        others = [e for e in central_entries if e.paper.design != "cdsr"]
        r.shuffle(others)
        cochrane = RunFile("SR-04", "cochrane-sota", "citation-export.ris", "ris",
                           cdsr + others)  # fmt: skip
        return [pubmed_sota, pubmed_equivalent, embase, cochrane]

    def assign_embase(
        self, papers: list[Paper], kinds: list[str], in_central: set[int]
    ) -> list[tuple[Paper, str]]:
        """Match each variant kind with a paper it can apply to."""
        r = self.r
        free = list(papers)
        r.shuffle(free)
        out: list[tuple[Paper, str]] = []

        def fits(paper: Paper, kind: str) -> bool:
            if kind in ("conference_abstract", "erratum"):
                return id(paper) not in in_central and paper.design in ("retro", "prosp", "rct")
            if kind == "in_press":
                return paper.month <= 2 and paper.year >= 2017 and not paper.ahead_of_print
            if kind == "ascii_authors":
                return any(_ascii(a.family) != a.family for a in paper.authors)
            if kind == "no_ids_spelling":
                return _hyphen_variant(paper.title) != paper.title
            return True

        for kind in sorted(kinds, key=lambda k: k == "exact"):
            paper = next((p for p in free if fits(p, kind)), None)
            if paper is None:
                paper, kind = free[0], "exact"
            free.remove(paper)
            out.append((paper, kind))
        return out

    def conference_of(self, paper: Paper) -> Paper:
        """The congress abstract that preceded ``paper`` (Embase only)."""
        lit = self.lit
        r = self.r
        core = paper.title.split(":")[0].rstrip("?")
        title = r.choice((
            f"{core}: preliminary results",
            f"{core} - interim analysis",
            f"Early results: {core[0].lower()}{core[1:]}",
        ))  # fmt: skip
        conf = replace(paper, key=f"conf-{paper.key}", authors=list(paper.authors),
                       sections=list(paper.sections), source="em-conference",
                       year=max(2016, paper.year - 1), pmid=None, registration=None,
                       ahead_of_print=False)  # fmt: skip
        lit.make_conference(conf, title=title)
        conf.embase_id = lit.embase_id()
        lit.papers.append(conf)
        return conf

    def embase_entry(self, paper: Paper, kind: str) -> Entry:
        lit = self.lit
        paper.embase_id = paper.embase_id or lit.embase_id()
        entry = Entry(paper, variant=kind, embase_id=paper.embase_id)
        if kind == "no_doi":
            entry.drop_doi = True
        elif kind == "no_pmid":
            entry.drop_pmid = True
        elif kind == "no_ids_title_case":
            entry.drop_doi = entry.drop_pmid = True
            entry.title = title_case(paper.title)
        elif kind == "no_ids_spelling":
            entry.drop_doi = entry.drop_pmid = True
            entry.title = _hyphen_variant(paper.title)
        elif kind == "ascii_authors":
            entry.ascii_authors = True
            entry.drop_doi = True
        elif kind == "in_press":
            entry.in_press = True
        return entry

    def central_entry(self, paper: Paper, kind: str) -> Entry:
        entry = Entry(paper, variant=kind, central_id=self.lit.central_id())
        if kind == "no_doi":
            entry.drop_doi = True
        elif kind == "no_pmid":
            entry.drop_pmid = True
        elif kind == "abbrev_journal_no_ids":
            entry.drop_doi = entry.drop_pmid = True
            entry.journal_abbrev = True
        return entry

    def registrations(self, trials: list[Paper]) -> list[Entry]:
        """The trial-register records in CENTRAL; two belong to published trials."""
        r = self.r
        lit = self.lit
        out: list[Entry] = []
        fns = next(p for p in trials if p.template == "fnf_rct_fns")
        hemi = next(p for p in trials if p.template == "fnf_hemi_vs_if")
        for i, (title, register, year, condition, intervention, primary, inclusion) in enumerate(
            REGISTRATIONS
        ):
            published = (fns, hemi)[i] if i < 2 else None
            if published is not None:
                if not (published.registration or "").startswith("NCT"):
                    published.registration = lit.nct()
                number = published.registration
                year = max(2016, published.year - r.randint(2, 4))
            elif register == "drks":
                number = f"DRKS000{r.randint(99001, 99899)}"
            else:
                number = lit.nct()
            paper = Paper(
                key=f"reg-{number}", template="registration", design="registration",
                title=title, authors=[], journal=JOURNALS["injury"], year=year,
                month=r.randint(1, 9 if year == 2026 else 12), day=r.randint(1, 28),
                source="reg", relevant="OsteoLink" in title or "Screw" in title,
                registration=number, device="OsteoLink" if "OsteoLink" in title else None,
            )  # fmt: skip
            secondary = "Union; function score; complications; reoperation"
            if paper.device == "OsteoLink":
                design = "Interventional; single group assignment; open label"
                status, size, sponsor = "Not yet recruiting", 280, "Meridian Orthopaedics GmbH"
                countries = "Germany; Austria; Netherlands; Poland"
            else:
                country = r.choice(list(COUNTRY_WEIGHTS))
                design = r.choice((
                    "Interventional; randomized; parallel assignment; masking: outcomes assessor",
                    "Interventional; randomized; parallel assignment; open label",
                ))  # fmt: skip
                if intervention.startswith("Drug"):
                    design = "Interventional; randomized; parallel assignment; quadruple masking"
                status = r.choice(("Completed", "Recruiting", "Active, not recruiting",
                                   "Unknown status", "Completed"))  # fmt: skip
                size = r.randrange(60, 600, 10)
                sponsor = f"University Hospital {r.choice(COUNTRIES[country][1])}"
                countries = country
            if paper.device == "OsteoLink":
                summary = (
                    "The purpose of this post-market clinical follow-up study is to confirm "
                    "the safety and performance of the OsteoLink cannulated bone screw "
                    "system in routine use for the indications of its instructions for use."
                )
            else:
                summary = (
                    f"The purpose of this study is to compare two treatments for "
                    f"{condition.split(';')[0].lower()}, with {primary[0].lower()}{primary[1:]} "
                    "as the primary endpoint."
                )
            paper.sections = [
                ("BRIEF SUMMARY", summary),
                ("INTERVENTION", intervention),
                ("CONDITION", condition),
                ("PRIMARY OUTCOME", primary),
                ("SECONDARY OUTCOME", secondary),
                ("INCLUSION CRITERIA", inclusion),
                (
                    "EXCLUSION CRITERIA",
                    "Pathological fracture; open fracture; previous "
                    "surgery of the same bone; inability to attend follow-up",
                ),
                ("STUDY DESIGN", design),
                ("TARGET SAMPLE SIZE", str(size)),
                ("RECRUITMENT STATUS", status),
                ("SPONSOR", sponsor),
                ("COUNTRIES", countries),
            ]
            lit.papers.append(paper)
            entry = Entry(paper, variant="registration", central_id=lit.central_id(),
                          registration=(register, number))  # fmt: skip
            out.append(entry)
            if published is not None:
                self.links.append((published, paper, "trial_registration"))
        return out

    # ---------------------------------------------------------------- duplicates
    def planted(self, runs: list[RunFile]) -> list[Planted]:
        """Every pair of records that describe the same work, or related works."""
        where: dict[int, list[tuple[str, int, str, str]]] = {}
        for run in runs:
            for index, entry in enumerate(run.entries, start=1):
                where.setdefault(id(entry.paper), []).append(
                    (run.code, index, entry.variant, run.key)
                )
        by_id = {id(p): p for p in self.lit.papers}
        out: list[Planted] = []
        for paper_id, spots in where.items():
            for i in range(len(spots)):
                for j in range(i + 1, len(spots)):
                    a, b = spots[i], spots[j]
                    kind = f"{a[3]}:{a[2]} ~ {b[3]}:{b[2]}"
                    out.append(Planted((a[0], a[1]), (b[0], b[1]), kind, True,
                                       by_id[paper_id].key))  # fmt: skip
        for original, related, kind in self.links:
            for a in where.get(id(original), []):
                for b in where.get(id(related), []):
                    out.append(Planted((a[0], a[1]), (b[0], b[1]),
                                       f"{kind} ({a[3]}:{a[2]} ~ {b[3]})", False,
                                       original.key))  # fmt: skip
        return sorted(out, key=lambda p: (not p.same_publication, p.a, p.b))


# ------------------------------------------------------------------------ rendering
#: Journals indexed in PubMed but not in MEDLINE (no MeSH indexing).
PMC_ONLY = frozenset({"gosr", "jocr", "tcr", "jcot", "jorth", "hsr"})
LAST_DATE = (2026, 9, 27)
LANGUAGES = {"eng": "English", "ger": "German", "chi": "Chinese"}
PUBLISHER_COUNTRY = {"England": "United Kingdom"}


def _copyright(p: Paper) -> str | None:
    year = p.year
    return {
        "elsevier": f"Copyright © {year} Elsevier Ltd. All rights reserved.",
        "lww": f"Copyright © {year} Wolters Kluwer Health, Inc. All rights reserved.",
        "springer": (
            f"© {year}. The Author(s)." if p.journal.article_numbers else
            f"© {year}. The Author(s), under exclusive licence to Springer-Verlag GmbH "
            "Germany, part of Springer Nature."
        ),
        "sage": f"© The Author(s) {year}.",
        "thieme": "Thieme. All rights reserved.",
        "cochrane": f"Copyright © {year} The Cochrane Collaboration. Published by John Wiley "
                    "& Sons, Ltd.",
        "bjj": None, "tandf": None, "jocr": None, "none": None, "cma": None,
    }[p.journal.doi_style]  # fmt: skip


def _min_date(date: tuple[int, int, int]) -> tuple[int, int, int]:
    return min(date, LAST_DATE)


class Dates:
    """The PubMed history dates of a paper (deterministic per paper)."""

    def __init__(self, p: Paper) -> None:
        r = random.Random(f"{SEED}-{p.key}")
        self.pub = _min_date((p.year, p.month, p.day))
        if p.journal.article_numbers or p.ahead_of_print or p.journal.key == "cdsr":
            self.epub = self.pub
        else:
            self.epub = _min_date(_shift_date(*self.pub, -r.randint(8, 70)))
        self.received = _shift_date(*self.epub, -r.randint(90, 300))
        self.accepted = _shift_date(*self.epub, -r.randint(10, 40))
        self.entrez = _min_date(_shift_date(*self.epub, 1))
        self.medline = _min_date(_shift_date(*self.entrez, r.randint(20, 80)))
        self.revised = _min_date(_shift_date(*self.medline, r.randint(0, 400)))


def _ymd(date: tuple[int, int, int], sep: str = "") -> str:
    return f"{date[0]:04d}{sep}{date[1]:02d}{sep}{date[2]:02d}"


def _medline_pages(p: Paper) -> str | None:
    """MEDLINE abbreviated the last page until about 2018 (``2010-6``)."""
    pages = p.pages
    if not pages or "-" not in pages or p.year >= 2019:
        return pages
    first, last = pages.split("-")
    i = 0
    while i < len(first) - 1 and i < len(last) - 1 and first[i] == last[i]:
        i += 1
    return f"{first}-{last[i:]}"


def _abstract(p: Paper, style: str) -> str:
    parts = []
    for label, text in p.sections:
        if not label:
            parts.append(text)
        elif style == "upper":
            parts.append(f"{label.upper()}: {text}")
        else:
            parts.append(f"{label[0]}{label[1:].lower()}: {text}")
    return " ".join(parts)


def _medline_title(p: Paper) -> str:
    title = p.title if p.title.endswith(("?", ".")) else p.title + "."
    if p.language != "eng":
        title = f"[{title[:-1]}]." if title.endswith(".") else f"[{title}]"
    return title


def _source(p: Paper, d: Dates) -> str:
    j = p.journal
    pub = f"{p.year} {MONTHS[p.month - 1]}"
    if j.article_numbers:
        pub += f" {d.pub[2]}"
    if p.ahead_of_print:
        text = f"{j.ta}. {p.year} {MONTHS[p.month - 1]} {d.pub[2]}."
        if p.doi:
            text += f" doi: {p.doi}."
        return text + " Online ahead of print."
    issue = f"({p.issue})" if p.issue else ""
    text = f"{j.ta}. {pub};{p.volume}{issue}:{_medline_pages(p)}."
    if p.doi:
        text += f" doi: {p.doi}."
    if d.epub != d.pub:
        text += f" Epub {d.epub[0]} {MONTHS[d.epub[1] - 1]} {d.epub[2]}."
    return text


#: Templates about younger and about older patients (for the MeSH age check tags).
YOUNGER = ("fnf_young", "fnf_pauwels3", "fnf_rct_fns", "nonunion", "tibial_plateau", "scaphoid",
           "medial_malleolus", "ankle", "hallux", "tto", "nails_tibia")  # fmt: skip
OLDER = ("fnf_undisplaced", "fnf_tilt", "fnf_hemi", "fnf_rct_shs", "fnf_time", "arthro",
         "nails_tro", "periop", "plates", "fnf_washers", "fnf_shortening", "fnf_config",
         "fnf_avn", "fnf_cutout", "fnf_subtroch", "fnf_cost")  # fmt: skip


def _check_tags(p: Paper) -> list[str]:
    """MeSH check tags a MEDLINE indexer would add for this kind of study."""
    r = random.Random(f"{SEED}-mesh-{p.key}")
    if p.template == "animal_screw":
        return ["Animals", "Female"]
    tags = ["Humans"]
    if p.template.startswith(("scfe", "peds")):
        return [*tags, "Adolescent", "Child", "Female", "Male"]
    if p.design in ("retro", "prosp", "rct", "registry", "case"):
        tags += ["Female", "Male"] if p.design != "case" else [r.choice(("Female", "Male"))]
        if p.template.startswith(YOUNGER):
            ages = ["Adult", "Middle Aged", "Young Adult"]
        elif p.template.startswith(OLDER):
            ages = ["Aged", "Aged, 80 and over", "Middle Aged"]
        else:
            ages = ["Adult", "Aged", "Middle Aged"]
        tags += r.sample(ages, 2)
    tags += {
        "retro": ["Retrospective Studies", "Treatment Outcome"],
        "prosp": ["Prospective Studies", "Follow-Up Studies"],
        "rct": ["Treatment Outcome"],
        "registry": ["Cohort Studies"],
        "biomech": ["Cadaver"] if "adaver" in " ".join(t for _, t in p.sections) else [],
    }.get(p.design, [])
    return tags


def _mesh(p: Paper) -> list[str]:
    terms = {m for m in p.mesh}
    if p.device is None:
        terms |= set(_check_tags(p))
    return sorted(terms, key=lambda m: m.lstrip("*").casefold())


def _wrap(tag: str, value: str, width: int = 80) -> list[str]:
    head = f"{tag:<4}- "
    lines = textwrap.wrap(
        value, width=width, initial_indent=head, subsequent_indent=" " * 6,
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
    return lines or [head.rstrip()]


def nbib_record(p: Paper, errata: dict[int, Paper], comments: dict[int, list[Paper]]) -> str:
    """One record in PubMed's MEDLINE format."""
    j = p.journal
    d = Dates(p)
    medline = (
        j.key not in PMC_ONLY and not p.ahead_of_print and p.design != "erratum"
        and d.pub < (2026, 7, 1)
    )  # fmt: skip
    status = "MEDLINE" if medline else (
        "Publisher" if p.ahead_of_print else
        "In-Data-Review" if j.key not in PMC_ONLY and p.design != "erratum" else
        "PubMed-not-MEDLINE"
    )  # fmt: skip
    out: list[str] = []

    def add(tag: str, value: str | None, wrap: bool = True) -> None:
        if value:
            out.extend(_wrap(tag, value) if wrap else [f"{tag:<4}- {value}"])

    add("PMID", str(p.pmid))
    add("OWN", "NLM")
    add("STAT", status)
    if medline:
        add("DCOM", _ymd(d.medline))
    add("LR", _ymd(d.revised if medline else d.entrez))
    if j.issn_online:
        add("IS", f"{j.issn_online} (Electronic)")
    add("IS", f"{j.issn_print or j.issn_online} (Linking)")
    if not p.ahead_of_print:
        add("VI", p.volume)
        add("IP", p.issue)
    dp = f"{p.year} {MONTHS[p.month - 1]}"
    if j.article_numbers or p.ahead_of_print:
        dp += f" {d.pub[2]}"
    add("DP", dp)
    add("TI", _medline_title(p))
    if not p.ahead_of_print:
        add("PG", _medline_pages(p))
    if j.article_numbers and not p.ahead_of_print:
        add("LID", p.pages)
    if p.doi:
        add("LID", f"{p.doi} [doi]")
    add("AB", _abstract(p, "upper"))
    if p.sections:
        add("CI", _copyright(p))
    for author in p.authors:
        add("FAU", author.medline_full(), wrap=False)
        add("AU", author.medline_short(), wrap=False)
        add("AD", author.affiliation)
    add("LA", p.language)
    if p.registration:
        register = "ClinicalTrials.gov" if p.registration.startswith("NCT") else "DRKS"
        add("SI", f"{register}/{p.registration}")
    for kind in p.pub_types:
        add("PT", kind)
    if d.epub != d.pub or p.ahead_of_print:
        add("DEP", _ymd(d.epub))
    add("PL", j.country)
    add("TA", j.ta)
    add("JT", j.medline)
    if medline:
        add("SB", "IM")
    if p.vernacular_title:
        add("TT", p.vernacular_title)
    if p.comment_on is not None and p.comment_on.pmid:
        ref = p.comment_on
        add("CON", f"{_source(ref, Dates(ref))} PMID: {ref.pmid}")
    for letter in comments.get(id(p), []):
        add("CIN", f"{_source(letter, Dates(letter))} PMID: {letter.pmid}")
    if p.erratum_for is not None:
        ref = p.erratum_for
        add("EFR", f"{_source(ref, Dates(ref))} PMID: {ref.pmid}")
    if id(p) in errata:
        err = errata[id(p)]
        add("EIN", f"{_source(err, Dates(err))} PMID: {err.pmid}")
    if medline:
        for term in _mesh(p):
            add("MH", term)
    if p.keywords:
        add("OTO", "NOTNLM")
        for keyword in p.keywords:
            add("OT", keyword)
    add("COIS", p.coi or ("The authors declare no conflict of interest." if p.sections else None))
    entrez = f"{_ymd(d.entrez, '/')} 06:00"
    add("EDAT", entrez)
    add("MHDA", f"{_ymd(d.medline, '/')} 06:00" if medline else entrez)
    add("CRDT", f"{_ymd(d.entrez, '/')} {(p.pmid or 0) % 12 + 8:02d}:{(p.pmid or 0) % 60:02d}")
    if p.sections and p.design not in ("letter", "erratum"):
        add("PHST", f"{_ymd(d.received, '/')} 00:00 [received]")
        add("PHST", f"{_ymd(d.accepted, '/')} 00:00 [accepted]")
    if medline:
        add("PHST", f"{_ymd(d.medline, '/')} 06:00 [medline]")
    add("PHST", f"{entrez} [pubmed]")
    add("PHST", f"{_ymd(d.entrez, '/')} 00:00 [entrez]")
    if p.doi:
        add("AID", f"{p.doi} [doi]")
    if j.elsevier and p.doi:
        add("AID", f"S{(j.issn_print or j.issn_online or '')}({p.year % 100:02d})"
                   f"{(p.pmid or 0) % 100000:05d}-{(p.pmid or 0) % 10} [pii]")  # fmt: skip
    add("PST", "aheadofprint" if p.ahead_of_print else (
        "epublish" if j.article_numbers else "ppublish"))  # fmt: skip
    add("SO", _source(p, d))
    return "\n".join(out)


def render_nbib(entries: list[Entry], papers: list[Paper]) -> str:
    errata = {id(p.erratum_for): p for p in papers if p.erratum_for and p.pmid}
    comments: dict[int, list[Paper]] = {}
    for p in papers:
        if p.comment_on is not None and p.pmid:
            comments.setdefault(id(p.comment_on), []).append(p)
    # PubMed's download starts with an empty line and separates records by one.
    return "\n" + "\n\n".join(nbib_record(e.paper, errata, comments) for e in entries) + "\n"


def _singular(term: str) -> str:
    term = term.lower()
    for plural, single in (("fractures", "fracture"), ("screws", "screw"),
                           ("studies", "study"), ("plates", "plate"), ("nails", "nail"),
                           ("humans", "human"), ("wires", "wire"), ("epiphyses", "epiphysis"),
                           ("complications", "complication"), ("animals", "animal")):  # fmt: skip
        term = term.replace(plural, single)
    return term


def _emtree(p: Paper) -> list[str]:
    terms: list[str] = []
    for m in _mesh(p) if p.mesh else []:
        major = "*" in m
        base = m.replace("*", "").split("/")[0]
        terms.append(("*" if major else "") + _singular(base))
    extra = {
        "rct": ["randomized controlled trial", "controlled study"],
        "retro": ["retrospective study", "clinical article"],
        "prosp": ["prospective study", "cohort analysis"],
        "sr": ["systematic review", "meta analysis"],
        "registry": ["register", "cohort analysis"],
        "biomech": ["biomechanics", "in vitro study"],
        "case": ["case report"],
    }.get(p.design, [])
    device = ["cannulated screw"] if any("Screw" in m for m in p.mesh) else []
    kind = {"review": "review", "letter": "letter", "erratum": "erratum"}.get(p.design)
    if p.conference:
        kind = "conference abstract"
    out = terms + extra + device + [kind or "article"]
    seen: set[str] = set()
    return [t for t in out if not (t.lstrip("*") in seen or seen.add(t.lstrip("*")))]  # type: ignore[func-returns-value]


def embase_record(e: Entry) -> str:
    """One record in RIS as Embase.com exports it."""
    p = e.paper
    j = p.journal
    eid = e.embase_id or p.embase_id
    lines: list[str] = []

    def add(tag: str, value: str | None) -> None:
        if value:
            lines.append(f"{tag}  - {value}")

    add("TY", "CONF" if p.conference else "JOUR")
    add("ID", str(eid))
    add("T1", e.title or p.title)
    for author in p.authors:
        name = author.embase()
        add("A1", _ascii(name) if e.ascii_authors else name)
    year = p.year - 1 if e.in_press else p.year
    add("Y1", f"{year}//")
    if p.sections:
        text = _abstract(p, "title")
        notice = _copyright(p)
        add("N2", f"{text} {notice}" if notice and not p.conference else text)
    add("JF", j.full)
    add("JA", j.embase_abbrev)
    lines.append("L1  - ")
    if not e.in_press:
        add("VL", p.volume)
        add("IS", p.issue)
        if p.pages and "-" in p.pages:
            start, end = p.pages.split("-")
            add("SP", start)
            add("EP", end)
        else:
            add("SP", p.pages)
    add("CY", PUBLISHER_COUNTRY.get(j.country, j.country))
    add("PB", PUBLISHERS.get(j.doi_style) or None)
    if j.issn_online:
        add("SN", f"{j.issn_online} (electronic)")
    add("SN", j.issn_print)
    if p.authors and not e.medline_only:
        first = p.authors[0]
        add("AD", f"({first.family}) {first.affiliation.rstrip('.')}")
    if p.conference:
        add("T2", p.conference)
    if p.pmid and not e.drop_pmid:
        add("C5", str(p.pmid))
    add("U2", f"L{eid}")
    if p.doi and not e.drop_doi:
        add("L2", f"http://dx.doi.org/{p.doi}")
        add("DO", p.doi)
    r = random.Random(f"{SEED}-embase-{eid}")
    added = _min_date(_shift_date(*_min_date((year, p.month, p.day)), r.randint(10, 60)))
    add("U3", _ymd(added, "-"))
    add("U4", _ymd(_min_date(_shift_date(*added, r.randint(0, 200))), "-"))
    add("LA", LANGUAGES.get(p.language, "English"))
    if p.language != "eng":
        add("LA", "English")  # the English abstract
    kind = "Article in Press" if e.in_press else (
        "Conference Abstract" if p.conference else
        {"review": "Review", "sr": "Review", "cdsr": "Review", "letter": "Letter",
         "erratum": "Erratum", "case": "Article"}.get(p.design, "Article")
    )  # fmt: skip
    add("M3", kind)
    if not e.medline_only:
        add("DB", "Embase")
    if p.pmid and not e.drop_pmid:
        add("DB", "Medline")
    if e.medline_only:
        for term in _mesh(p):
            add("KW", term)
    else:
        for term in _emtree(p):
            add("KW", term)
    add("UR", f"https://www.embase.com/search/results?subaction=viewrecord&id=L{eid}"
              "&from=export")  # fmt: skip
    lines.append("ER  - ")
    return "\n".join(lines)


def render_embase(entries: list[Entry]) -> str:
    return "\n\n".join(embase_record(e) for e in entries) + "\n\n"


def _cochrane_keywords(p: Paper) -> list[str]:
    out = []
    for m in _mesh(p):
        if "/" in m:
            base, *subs = m.split("/")
            base_star = base.startswith("*")
            sub_text = "; ".join(subs)
            term = f"{base.lstrip('*')} [{sub_text}]"
            out.append(("*" if base_star else "") + term)
        else:
            out.append(m)
    return out


def cochrane_record(e: Entry) -> str:
    """One record in RIS as the Cochrane Library exports it."""
    p = e.paper
    j = p.journal
    lines: list[str] = []

    def add(tag: str, value: str | None) -> None:
        if value:
            lines.append(f"{tag}  - {value}")

    add("TY", "JOUR")
    cdsr = p.design == "cdsr"
    add("ID", p.pages if cdsr else f"CN-{e.central_id:08d}")
    for author in p.authors:
        add("AU", author.cochrane())
    add("TI", e.title or p.title)
    if e.registration:
        register, number = e.registration
        add("JO", f"https://clinicaltrials.gov/show/{number}" if register == "ctgov" else
                  f"https://drks.de/search/en/trial/{number}")  # fmt: skip
        add("PY", str(p.year))
    else:
        add("JO", j.ta if e.journal_abbrev or cdsr else (
            j.full if p.conference else j.medline))  # fmt: skip
        add("PY", str(p.year))
        if not cdsr:
            add("VL", p.volume)
        add("IS", p.issue)
        if p.pages and not cdsr:
            add("SP", p.pages.replace("-", "\u2010"))
    if cdsr:
        add("PB", "John Wiley & Sons, Ltd")
        add("SN", "1465-1858")
    keywords = [] if e.registration else _cochrane_keywords(p)
    if e.registration:
        keywords = [c.strip() for c in dict(p.sections)["CONDITION"].split(";")]
    for keyword in keywords:
        add("KW", keyword)
    if p.doi and not e.drop_doi and not e.registration:
        add("DO", p.doi)
    if p.pmid and not e.drop_pmid:
        add("AN", f"PUBMED {p.pmid}")
    if p.embase_id and not e.drop_pmid:
        add("XR", f"EMBASE {p.embase_id}")
    add("M3", "Trial registry record" if e.registration else
              "Conference proceeding" if p.conference else
              "Review" if cdsr else "Journal article")  # fmt: skip
    if p.sections:
        add("AB", _abstract(p, "upper"))
    if cdsr:
        add("US", f"https://www.cochranelibrary.com/cdsr/doi/{p.doi}/full")
    else:
        add("US", f"https://www.cochranelibrary.com/central/doi/10.5555/central/"
                  f"CN-{e.central_id:08d}/full")  # fmt: skip
    lines.append("ER  - ")
    return "\n".join(lines)


def render_cochrane(entries: list[Entry]) -> str:
    return "\n\n".join(cochrane_record(e) for e in entries) + "\n\n"


# ------------------------------------------------------------------------ entry point
@dataclass
class Exports:
    """What :func:`write_exports` wrote."""

    runs: list[RunFile]
    paths: dict[str, Path]
    planted: list[Planted]
    papers: list[Paper]


def write_exports(folder: str | Path) -> Exports:
    """Write the export files of the sample's search runs into ``folder``."""
    folder = Path(folder)
    lit = Literature()
    lit.build()
    plan = Plan(lit)
    runs = plan.runs()
    paths: dict[str, Path] = {}
    for run in runs:
        if run.fmt == "nbib":
            text = render_nbib(run.entries, lit.papers)
        elif run.key.startswith("embase"):
            text = render_embase(run.entries)
        else:
            text = render_cochrane(run.entries)
        path = folder / run.key / run.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        paths[run.code] = path
    return Exports(runs, paths, plan.planted(runs), lit.papers)
