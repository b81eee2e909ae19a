"""Regenerate data/example: a complete, fictional forum for 2025–2026 (python scripts/make_example.py).

Every person, business and number here is made up; e-mails are under example.dk and phone numbers
start with 0, which no Danish subscriber number does.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

from forumkit.model.charter import default_charter_path, load_charter
from forumkit.model.tables import (
    TABLES,
    Action,
    AgendaItem,
    Appointment,
    Attendance,
    CouncilReport,
    GroupMember,
    Initiative,
    Input,
    Meeting,
    Network,
    NetworkEvent,
    Staff,
    WorkingGroup,
)
from forumkit.storage.store import table_bytes

OUT = Path(__file__).resolve().parent.parent / "data" / "example"
D = date.fromisoformat

MEMBERS = [
    # id, seat, name, organisation, start, end, role
    ("A-001", "VG", "Mette Skovgaard Lund", "Skovgaard Lund Rådgivning", "2025-04-01", "2026-12-31", "medlem"),
    ("A-002", "VG", "Jens Peter Havmand", "Havmands Bådeværft", "2025-04-01", "2027-12-31", "næstformand"),
    ("A-003", "VG", "Sofie Kragh Winther", "Amagerlys Design", "2025-04-01", "2027-12-31", "medlem"),
    ("A-004", "SMV", "Lars Holmgaard", "Holmgaard El-Service ApS", "2025-04-01", "2027-12-31", "medlem"),
    ("A-005", "DI", "Birthe Nørrelund", "Nordkyst Emballage A/S", "2025-04-01", "2027-12-31", "medlem"),
    ("A-006", "DE", "Henrik Strandberg", "Strandbergs Boghandel", "2025-04-01", "2027-12-31", "medlem"),
    ("A-007", "HAVN", "Karin Søborg", "Søborg Fiskehus", "2025-04-01", "2027-12-31", "formand"),
    ("A-008", "DETAIL", "Thomas Krogh", "Kroghs Isenkram", "2025-04-01", "2026-03-31", "medlem"),
    ("A-009", "HORESTA", "Peter Mølgaard", "Restaurant Kompasset", "2025-04-01", "2026-12-31", "medlem"),
    ("A-010", "GADE", "Camilla Brink", "Brinks Blomster", "2025-04-01", "2027-12-31", "medlem"),
    ("A-011", "DETAIL", "Anne-Marie Vestergaard", "Vestergaard Mode", "2026-04-01", "2028-03-31", "medlem"),
    ("A-012", "VG", "Niels Overgaard", "Overgaard Cykler & Kajak", "2027-01-01", "2028-12-31", "medlem"),
]
APPOINTED_BY = {seat.id: seat.appointed_by for seat in load_charter(default_charter_path())[0].seats}

STAFF = [
    ("S-001", "konsulent", "Rikke Dalsgaard", "Erhvervs- og turismekonsulent"),
    ("S-002", "direktoer", "Ole Bramsen", "Kommunaldirektør"),
    ("S-003", "chef_pt", "Susanne Friis", "Chef for Plan og Teknik"),
]

MEETINGS = [
    # id, date, kind, state, theme, invitation, agenda, minutes, approved at
    (
        "M-2025-1",
        "2025-05-06",
        "konstituerende",
        "referat godkendt",
        "Konstituering og arbejdsform",
        "2025-04-07",
        "2025-04-28",
        "2025-05-12",
        "M-2025-2",
    ),
    (
        "M-2025-2",
        "2025-10-02",
        "ordinær",
        "referat godkendt",
        "Havnen og fødevarerne",
        "2025-09-10",
        "2025-09-25",
        "2025-10-08",
        "M-2026-1",
    ),
    (
        "M-2026-1",
        "2026-04-23",
        "ordinær",
        "referat godkendt",
        "Turisme og skiltning",
        "2026-03-24",
        "2026-04-15",
        "2026-04-29",
        "M-2026-2",
    ),
    (
        "M-2026-2",
        "2026-10-01",
        "ordinær",
        "afholdt",
        "Status før årsrapporten til udvalget",
        "2026-09-02",
        "2026-09-23",
        "2026-10-06",
        None,
    ),
    ("M-2027-1", "2027-04-22", "ordinær", "planlagt", "Netværkene ét år efter", None, None, None, None),
]

INITIATIVES = [
    # id, title, pillar, colour, horizon, status, kind, owner, wg, network, asked, secured, hours,
    # start, due, progress, next step, supporters
    (
        "I-001",
        "Ubemandet bod med lokale råvarer på Dragør Havn",
        "LH",
        "grøn",
        "0–1 år",
        "igangsat",
        "fælles",
        "Karin Søborg",
        "WG-1",
        "N-GASTRO",
        85000,
        60000,
        120,
        "2025-10-15",
        "2026-12-31",
        70,
        "Aftale om placering med havnefogeden",
        "Erhvervsforeningen Dragør Havn, tre fiskere",
    ),
    (
        "I-002",
        "Inspirationsdag om gastronomi med besøg hos lokale fødevarevirksomheder",
        "FGK",
        "grøn",
        "0–1 år",
        "gennemført",
        "fælles",
        "Peter Mølgaard",
        None,
        "N-GASTRO",
        40000,
        40000,
        80,
        "2025-06-01",
        "2025-09-20",
        100,
        None,
        "Horesta, seks restauranter",
    ),
    (
        "I-003",
        "Bedre skiltning for turister fra havn og station til gamle by",
        "TL",
        "grøn",
        "1–3 år",
        "igangsat",
        "kommunal",
        "Susanne Friis",
        "WG-2",
        None,
        350000,
        150000,
        200,
        "2026-01-15",
        "2027-06-30",
        35,
        "Skitseforslag til udvalget",
        "Gadelauget, Dragør Erhverv",
    ),
    (
        "I-004",
        "Erhvervsnetværk for klima og bæredygtighed",
        "FGK",
        "grøn",
        "0–1 år",
        "gennemført",
        "kommunal",
        "Rikke Dalsgaard",
        None,
        "N-KLIMA",
        25000,
        25000,
        60,
        "2025-06-01",
        "2025-11-30",
        100,
        None,
        "DI – Dansk Industri",
    ),
    (
        "I-005",
        "Erhvervsnetværk for gastronomi og lokale fødevarer",
        "FGK",
        "grøn",
        "0–1 år",
        "gennemført",
        "kommunal",
        "Rikke Dalsgaard",
        None,
        "N-GASTRO",
        25000,
        25000,
        60,
        "2025-06-01",
        "2025-12-15",
        100,
        None,
        "Horesta",
    ),
    (
        "I-006",
        "Nyhedsbrevet ErhvervsNyt Dragør",
        "RE",
        "grøn",
        "0–1 år",
        "gennemført",
        "kommunal",
        "Rikke Dalsgaard",
        None,
        None,
        15000,
        15000,
        40,
        "2025-08-01",
        "2025-10-31",
        100,
        None,
        None,
    ),
    (
        "I-007",
        "Iværksættercafé på biblioteket fire gange om året",
        "IU",
        "grøn",
        "0–1 år",
        "igangsat",
        "fælles",
        "Sofie Kragh Winther",
        None,
        None,
        30000,
        20000,
        50,
        "2026-02-01",
        "2026-12-31",
        50,
        "Program for efterårets café",
        "Dragør Bibliotek",
    ),
    (
        "I-008",
        "Praktikpladsbørs for unge i lokale virksomheder",
        "IU",
        "grøn",
        "1–3 år",
        "afklaring",
        "fælles",
        None,
        None,
        None,
        60000,
        None,
        None,
        None,
        None,
        10,
        None,
        None,
    ),
    (
        "I-009",
        "Mentorordning for nye virksomheder",
        "IU",
        "gul",
        "1–3 år",
        "idé",
        "fælles",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "I-010",
        "Samarbejde med erhvervsskolerne om lærlinge inden for håndværk",
        "IU",
        "grøn",
        "1–3 år",
        "afklaring",
        "fælles",
        "Lars Holmgaard",
        None,
        None,
        40000,
        0,
        30,
        None,
        None,
        20,
        "Møde med TEC og KEA",
        "Dansk Erhverv",
    ),
    (
        "I-011",
        "Fælles indkøb af klimavenlig emballage",
        "FGK",
        "gul",
        "0–1 år",
        "igangsat",
        "privat",
        "Birthe Nørrelund",
        None,
        "N-KLIMA",
        0,
        0,
        40,
        "2026-03-01",
        "2027-03-31",
        60,
        "Tilbud fra tre leverandører",
        "Nordkyst Emballage A/S",
    ),
    (
        "I-012",
        "Dragør-mærket for lokale fødevarer",
        "FGK",
        "grøn",
        "1–3 år",
        "afklaring",
        "fælles",
        None,
        None,
        "N-GASTRO",
        120000,
        30000,
        60,
        None,
        None,
        15,
        "Afklare ejerskab af mærket",
        "Gastronominetværket",
    ),
    (
        "I-013",
        "Energitjek for butikker og restauranter",
        "FGK",
        "grøn",
        "0–1 år",
        "igangsat",
        "kommunal",
        "Rikke Dalsgaard",
        None,
        "N-KLIMA",
        50000,
        50000,
        80,
        "2026-05-01",
        "2026-11-30",
        80,
        "Sidste runde besøg",
        "Dragør Erhverv",
    ),
    (
        "I-014",
        "Madmarked på Neltes Plads om sommeren",
        "FGK",
        "gul",
        "1–3 år",
        "parkeret",
        "fælles",
        None,
        None,
        "N-GASTRO",
        200000,
        0,
        None,
        None,
        None,
        5,
        None,
        None,
    ),
    (
        "I-015",
        "Velkomstpakke til turister i samarbejde med overnatningsstederne",
        "TL",
        "grøn",
        "0–1 år",
        "gennemført",
        "fælles",
        "Camilla Brink",
        "WG-2",
        None,
        20000,
        20000,
        40,
        "2025-11-01",
        "2026-05-31",
        100,
        None,
        "Gadelauget",
    ),
    (
        "I-016",
        "Fælles kulturkalender for byens arrangementer",
        "TL",
        "grøn",
        "1–3 år",
        "afklaring",
        "kommunal",
        "Rikke Dalsgaard",
        None,
        None,
        45000,
        None,
        None,
        None,
        None,
        20,
        "Afklare platform",
        None,
    ),
    (
        "I-017",
        "Cykel- og kajakruter langs kysten",
        "TL",
        "gul",
        "3+ år",
        "idé",
        "fælles",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "I-018",
        "Juleby Dragør – fælles julebelysning i gågaderne",
        "TL",
        "grøn",
        "0–1 år",
        "igangsat",
        "privat",
        "Camilla Brink",
        None,
        None,
        90000,
        75000,
        100,
        "2026-09-01",
        "2026-12-20",
        60,
        "Opsætning uge 47",
        "Gadelauget, 24 butikker",
    ),
    (
        "I-019",
        "Havnefest med lokale fødevarer",
        "LH",
        "grøn",
        "0–1 år",
        "gennemført",
        "fælles",
        "Jens Peter Havmand",
        None,
        "N-GASTRO",
        60000,
        55000,
        150,
        "2026-03-01",
        "2026-08-15",
        100,
        None,
        "Erhvervsforeningen Dragør Havn",
    ),
    (
        "I-020",
        "Bedre faciliteter for gæstesejlere",
        "LH",
        "grøn",
        "1–3 år",
        "igangsat",
        "kommunal",
        "Susanne Friis",
        "WG-1",
        None,
        400000,
        100000,
        120,
        "2026-02-01",
        "2027-10-31",
        25,
        "Projektering af servicebygning",
        "Havnens bestyrelse",
    ),
    (
        "I-021",
        "Liv på havnen om vinteren – lys og aktiviteter",
        "LH",
        "grøn",
        "1–3 år",
        "afklaring",
        "fælles",
        None,
        None,
        None,
        80000,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "I-022",
        "Erhvervshavn og fritidshavn: fælles udviklingsplan",
        "LH",
        "rød",
        "3+ år",
        "idé",
        "kommunal",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "I-023",
        "Én indgang til kommunen for erhvervslivet",
        "RE",
        "grøn",
        "0–1 år",
        "igangsat",
        "kommunal",
        "Ole Bramsen",
        None,
        None,
        0,
        0,
        160,
        "2025-09-01",
        "2026-12-31",
        60,
        "Evaluering af første år",
        None,
    ),
    (
        "I-024",
        "Hurtigere sagsbehandling af byggesager for erhverv",
        "RE",
        "gul",
        "1–3 år",
        "afklaring",
        "kommunal",
        "Susanne Friis",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        15,
        None,
        None,
    ),
    (
        "I-025",
        "Erhvervsvenlig parkering i gamle by",
        "RE",
        "rød",
        "1–3 år",
        "opgivet",
        "kommunal",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "I-026",
        "Solceller på erhvervstage – fælles rådgivning",
        "FGK",
        "grøn",
        "1–3 år",
        "idé",
        "privat",
        None,
        None,
        "N-KLIMA",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "I-027",
        "Sommerjob-messe for gymnasieelever",
        "IU",
        "grøn",
        "0–1 år",
        "igangsat",
        "fælles",
        "Henrik Strandberg",
        None,
        None,
        15000,
        15000,
        30,
        "2026-09-15",
        "2027-03-31",
        30,
        "Invitere 20 virksomheder",
        "Dragør Erhverv",
    ),
    (
        "I-028",
        "Guidede ture i den gamle by med lokale handlende",
        "TL",
        "gul",
        "0–1 år",
        "igangsat",
        "privat",
        "Anne-Marie Vestergaard",
        None,
        None,
        10000,
        12000,
        20,
        "2026-05-01",
        "2026-10-31",
        40,
        "Turplan 2027",
        "Gadelauget",
    ),
]

PROGRESS_HISTORY = {
    # id: [(date, progress)] before the final value in INITIATIVES
    "I-001": [("2025-10-20", 10), ("2026-02-01", 30), ("2026-05-15", 50)],
    "I-002": [("2025-06-10", 20), ("2025-08-15", 60)],
    "I-003": [("2026-02-01", 10), ("2026-06-01", 20)],
    "I-004": [("2025-07-01", 30), ("2025-10-01", 70)],
    "I-005": [("2025-07-01", 20), ("2025-10-01", 60)],
    "I-006": [("2025-09-01", 50)],
    "I-007": [("2026-03-01", 20), ("2026-06-01", 40)],
    "I-011": [("2026-04-01", 20), ("2026-07-01", 40)],
    "I-013": [("2026-06-01", 20), ("2026-09-01", 50)],
    "I-015": [("2026-01-01", 30), ("2026-03-15", 70)],
    "I-018": [("2026-10-01", 20)],
    "I-019": [("2026-04-01", 20), ("2026-06-15", 60)],
    "I-020": [("2026-04-01", 10)],
    "I-023": [("2025-11-01", 20), ("2026-03-01", 40)],
    "I-027": [("2026-10-15", 10)],
    "I-028": [("2026-06-01", 20)],
}
STALE = {"I-016", "I-021"}
UPDATED_LATE = {
    "I-008": "2026-04-20",
    "I-010": "2026-10-01",
    "I-012": "2026-09-20",
    "I-016": "2026-04-23",
    "I-024": "2026-05-10",
}


def members() -> list[Appointment]:
    rows = []
    for i, (aid, seat, name, org, start, end, role) in enumerate(MEMBERS, start=1):
        first, last = name.split()[0].lower(), name.split()[-1].lower()
        email = f"{first}.{last}@example.dk".replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        email = email.replace("-", "")
        rows.append(
            Appointment(
                id=aid,
                seat=seat,
                name=name,
                organisation=org,
                appointed_by=APPOINTED_BY[seat],
                start=D(start),
                end=D(end),
                role=role,
                role_from=D("2025-05-06") if role != "medlem" else None,
                email=email,
                phone=f"0000 {i:04d}",
            )
        )
    return rows


def staff() -> list[Staff]:
    return [
        Staff(
            id=sid,
            role=role,
            name=name,
            title=title,
            start=D("2025-02-01"),
            email=name.split()[0].lower() + "@example.dk",
            phone=f"0000 1{i:03d}",
        )
        for i, (sid, role, name, title) in enumerate(STAFF, start=1)
    ]


def meetings() -> list[Meeting]:
    return [
        Meeting(
            id=mid,
            date=D(day),
            start=time(16),
            end=time(18),
            venue="Dragør Rådhus",
            room="Havnestuen",
            kind=kind,
            state=state,
            theme=theme,
            invitation_sent=D(inv) if inv else None,
            agenda_sent=D(ag) if ag else None,
            minutes_sent=D(mins) if mins else None,
            minutes_approved=appr,
        )
        for mid, day, kind, state, theme, inv, ag, mins, appr in MEETINGS
    ]


AGENDAS = {
    "M-2025-1": [
        (
            "Velkomst og præsentation af medlemmerne",
            "orientering",
            "Rikke Dalsgaard",
            20,
            (),
            None,
            "Medlemmerne præsenterede sig.",
        ),
        ("Godkendelse af dagsorden", "beslutning", "Rikke Dalsgaard", 5, (), "At dagsordenen godkendes.", "Godkendt."),
        (
            "Valg af formand",
            "beslutning",
            "Rikke Dalsgaard",
            15,
            (),
            "At forummet vælger en formand blandt medlemmerne.",
            "Karin Søborg blev valgt som formand.",
        ),
        (
            "Valg af næstformand",
            "beslutning",
            "Karin Søborg",
            10,
            (),
            "At forummet vælger en næstformand.",
            "Jens Peter Havmand blev valgt som næstformand.",
        ),
        (
            "Kommissoriet og arbejdsformen",
            "drøftelse",
            "Ole Bramsen",
            25,
            (),
            None,
            "Forummet drøftede kommissoriet og ønsker to møder om året med et tema hver gang.",
        ),
        (
            "Idékataloget: hvad sætter vi i gang først?",
            "drøftelse",
            "Rikke Dalsgaard",
            35,
            ("I-002", "I-004", "I-005", "I-006"),
            None,
            "Forummet prioriterede inspirationsdagen, de to netværk og et nyhedsbrev.",
        ),
        ("Eventuelt", "orientering", "Karin Søborg", 10, (), None, "Intet."),
    ],
    "M-2025-2": [
        ("Godkendelse af dagsorden", "beslutning", "Karin Søborg", 5, (), "At dagsordenen godkendes.", "Godkendt."),
        (
            "Godkendelse af referat fra sidste møde",
            "beslutning",
            "Karin Søborg",
            5,
            (),
            "At referatet fra mødet den 6. maj 2025 godkendes.",
            "Godkendt.",
        ),
        ("Orientering fra formanden", "orientering", "Karin Søborg", 10, (), None, "Til efterretning."),
        (
            "Orientering fra administrationen",
            "orientering",
            "Rikke Dalsgaard",
            15,
            ("I-004", "I-005", "I-006"),
            None,
            "Netværkene er stiftet; første nummer af ErhvervsNyt Dragør er udsendt.",
        ),
        (
            "Ubemandet bod med lokale råvarer på havnen",
            "beslutning",
            "Jens Peter Havmand",
            30,
            ("I-001",),
            "At forummet nedsætter en arbejdsgruppe, der forbereder boden til sæsonen 2026.",
            "Godkendt. Arbejdsgruppen 'Boden på havnen' nedsættes.",
        ),
        (
            "Skiltning og velkomst for turister",
            "beslutning",
            "Susanne Friis",
            30,
            ("I-003", "I-015"),
            "At forummet nedsætter en arbejdsgruppe for skiltning og velkomst.",
            "Godkendt. Arbejdsgruppen 'Skiltning og velkomst' nedsættes.",
        ),
        (
            "Årsstatus til udvalget",
            "drøftelse",
            "Ole Bramsen",
            15,
            (),
            None,
            "Forummet bidrager med tre budskaber til statussen.",
        ),
        ("Eventuelt", "orientering", "Karin Søborg", 10, (), None, "Intet."),
    ],
    "M-2026-1": [
        ("Godkendelse af dagsorden", "beslutning", "Karin Søborg", 5, (), "At dagsordenen godkendes.", "Godkendt."),
        (
            "Godkendelse af referat fra sidste møde",
            "beslutning",
            "Karin Søborg",
            5,
            (),
            "At referatet fra mødet den 2. oktober 2025 godkendes.",
            "Godkendt.",
        ),
        ("Orientering fra formanden", "orientering", "Karin Søborg", 10, (), None, "Til efterretning."),
        (
            "Orientering fra administrationen",
            "orientering",
            "Rikke Dalsgaard",
            15,
            ("I-023",),
            None,
            "Én indgang til kommunen er i drift.",
        ),
        (
            "Skiltning: skitser fra arbejdsgruppen",
            "drøftelse",
            "Susanne Friis",
            30,
            ("I-003",),
            None,
            "Forummet anbefaler skitse B med kort over gamle by.",
        ),
        (
            "Havnefest med lokale fødevarer",
            "beslutning",
            "Jens Peter Havmand",
            20,
            ("I-019",),
            "At forummet støtter havnefesten med 25.000 kr. fra erhvervspuljen.",
            "Godkendt.",
        ),
        ("Eventuelt", "orientering", "Karin Søborg", 10, (), None, "Intet."),
    ],
    "M-2026-2": [
        ("Godkendelse af dagsorden", "beslutning", "Karin Søborg", 5, (), "At dagsordenen godkendes.", "Godkendt."),
        (
            "Godkendelse af referat fra sidste møde",
            "beslutning",
            "Karin Søborg",
            5,
            (),
            "At referatet fra mødet den 23. april 2026 godkendes.",
            "Godkendt.",
        ),
        ("Orientering fra formanden", "orientering", "Karin Søborg", 10, (), None, "Til efterretning."),
        (
            "Orientering fra administrationen",
            "orientering",
            "Rikke Dalsgaard",
            15,
            ("I-013",),
            None,
            "Energitjekket har besøgt 31 virksomheder.",
        ),
        (
            "Boden på havnen: erfaringer fra første sæson",
            "drøftelse",
            "Karin Søborg",
            25,
            ("I-001",),
            None,
            "Boden fortsætter i 2027; arbejdsgruppen melder tilbage i december.",
        ),
        (
            "Status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget",
            "beslutning",
            "Ole Bramsen",
            20,
            (),
            "At forummet godkender udkastet til årsstatus.",
            "Godkendt med forummets tilføjelser.",
        ),
        (
            "Praktikpladsbørs og lærlinge",
            "drøftelse",
            "Lars Holmgaard",
            20,
            ("I-008", "I-010"),
            None,
            "Sagen udskydes til næste møde.",
        ),
        ("Eventuelt", "orientering", "Karin Søborg", 10, (), None, "Intet."),
    ],
    "M-2027-1": [
        ("Godkendelse af dagsorden", "beslutning", "Karin Søborg", 5, (), "At dagsordenen godkendes.", None),
        (
            "Godkendelse af referat fra sidste møde",
            "beslutning",
            "Karin Søborg",
            5,
            (),
            "At referatet fra mødet den 1. oktober 2026 godkendes.",
            None,
        ),
        ("Orientering fra formanden", "orientering", "Karin Søborg", 10, (), None, None),
        ("Orientering fra administrationen", "orientering", "Rikke Dalsgaard", 15, (), None, None),
        ("Netværkene ét år efter", "drøftelse", "Rikke Dalsgaard", 30, ("I-004", "I-005"), None, None),
        ("Eventuelt", "orientering", "Karin Søborg", 10, (), None, None),
    ],
}


def agenda() -> list[AgendaItem]:
    rows = []
    for mid, items in AGENDAS.items():
        for n, (title, kind, presenter, minutes, inis, rec, dec) in enumerate(items, start=1):
            carried = "M-2026-2" if mid == "M-2027-1" and title.startswith("Praktik") else None
            rows.append(
                AgendaItem(
                    meeting=mid,
                    number=n,
                    title=title,
                    kind=kind,
                    presenter=presenter,
                    minutes=minutes,
                    initiatives=inis,
                    recommendation=rec,
                    decision=dec,
                    carried_from=carried,
                )
            )
    return rows


ABSENT = {
    ("M-2025-1", "A-005"): "afbud",
    ("M-2025-2", "A-009"): "afbud",
    ("M-2025-2", "A-003"): "fraværende",
    ("M-2026-1", "A-001"): "afbud",
    ("M-2026-1", "A-004"): "afbud",
    ("M-2026-2", "A-006"): "afbud",
}


def attendance(all_members: list[Appointment], all_meetings: list[Meeting]) -> list[Attendance]:
    rows = []
    for m in all_meetings:
        if m.state not in ("afholdt", "referat godkendt"):
            continue
        for a in all_members:
            if a.start <= m.date <= a.end:
                status = ABSENT.get((m.id, a.id), "deltog")
                rows.append(Attendance(meeting=m.id, member=a.id, status=status))
    return rows


def initiatives() -> list[Initiative]:
    rows = []
    for (
        iid,
        title,
        pillar,
        colour,
        horizon,
        status,
        kind,
        owner,
        wg,
        net,
        asked,
        secured,
        hours,
        start,
        due,
        progress,
        step,
        supporters,
    ) in INITIATIVES:
        history = PROGRESS_HISTORY.get(iid)
        if iid in UPDATED_LATE:
            updated = D(UPDATED_LATE[iid])
        elif history:
            updated = D(history[-1][0]) + timedelta(days=45)
        else:
            updated = D(start) if start else D("2025-06-15")
        if status in ("afklaring", "igangsat") and iid not in STALE:
            updated = max(updated, D("2026-10-02") + timedelta(days=int(iid[2:]) * 7 % 45))
        updated = min(updated, D("2026-11-20"))
        if status == "gennemført" and due:
            updated = D(due)
        rows.append(
            Initiative(
                id=iid,
                title=title,
                pillar=pillar,
                colour=colour,
                horizon=horizon,
                status=status,
                kind=kind,
                owner=owner,
                working_group=wg,
                network=net,
                budget_asked=asked,
                budget_secured=secured,
                hours=hours,
                start=D(start) if start else None,
                due=D(due) if due else None,
                progress=progress,
                updated=updated if status not in ("idé",) else D("2025-05-06"),
                next_step=step,
                supporters=supporters,
            )
        )
    return rows


def working_groups() -> tuple[list[WorkingGroup], list[GroupMember]]:
    groups = [
        WorkingGroup(
            id="WG-1",
            name="Boden på havnen",
            meeting="M-2025-2",
            report_back=D("2026-12-10"),
            state="aktiv",
            mandate="Forbereder og driver en ubemandet bod med lokale råvarer på Dragør "
            "Havn og forbedrer faciliteterne for gæstesejlere.",
        ),
        WorkingGroup(
            id="WG-2",
            name="Skiltning og velkomst",
            meeting="M-2025-2",
            report_back=D("2027-04-22"),
            state="aktiv",
            mandate="Udarbejder forslag til skiltning for turister og en velkomstpakke i "
            "samarbejde med overnatningsstederne.",
        ),
    ]
    people = [
        GroupMember(
            group="WG-1", name="Karin Søborg", organisation="Søborg Fiskehus", member="A-007", role="tovholder"
        ),
        GroupMember(group="WG-1", name="Jens Peter Havmand", organisation="Havmands Bådeværft", member="A-002"),
        GroupMember(group="WG-1", name="Morten Kystrup", organisation="Dragør Fiskeriforening (fiktiv)"),
        GroupMember(group="WG-1", name="Rikke Dalsgaard", organisation="Dragør Kommune", role="sekretær"),
        GroupMember(
            group="WG-2", name="Camilla Brink", organisation="Brinks Blomster", member="A-010", role="tovholder"
        ),
        GroupMember(group="WG-2", name="Susanne Friis", organisation="Dragør Kommune"),
        GroupMember(group="WG-2", name="Helle Gjerløv", organisation="Gjerløvs Bed & Breakfast (fiktiv)"),
    ]
    return groups, people


def networks() -> tuple[list[Network], list[NetworkEvent]]:
    nets = [
        Network(
            id="N-KLIMA",
            name="Erhvervsnetværk for klima og bæredygtighed",
            pillar="FGK",
            coordinator="Birthe Nørrelund",
            founded=D("2025-09-18"),
            description="Virksomheder, der deler erfaringer med energi, emballage og cirkulære løsninger.",
        ),
        Network(
            id="N-GASTRO",
            name="Erhvervsnetværk for gastronomi og lokale fødevarer",
            pillar="FGK",
            coordinator="Peter Mølgaard",
            founded=D("2025-09-20"),
            description="Restauranter, fiskere og fødevareproducenter, der samarbejder om lokale råvarer.",
        ),
    ]
    counts = {
        "N-KLIMA": [
            ("2025-09-18", "Stiftende netværksmøde", 8),
            ("2025-12-04", "Temamøde om energitjek", 11),
            ("2026-03-12", "Besøg hos Nordkyst Emballage", 14),
            ("2026-06-11", "Temamøde om solceller", 15),
            ("2026-09-24", "Fælles indkøb af emballage", 19),
        ],
        "N-GASTRO": [
            ("2025-09-20", "Inspirationsdag og stiftelse", 12),
            ("2026-01-22", "Nytårsmøde", 15),
            ("2026-04-16", "Planlægning af havnefesten", 18),
            ("2026-08-15", "Havnefest", 22),
            ("2026-10-29", "Evaluering af sæsonen", 21),
        ],
    }
    events = []
    n = 0
    for net, rows in counts.items():
        for day, title, members_count in rows:
            n += 1
            events.append(NetworkEvent(id=f"NE-{n:03d}", network=net, date=D(day), title=title, members=members_count))
    return nets, events


def actions() -> list[Action]:
    data = [
        (
            "H-001",
            "M-2025-1",
            6,
            "Udarbejde program for inspirationsdagen",
            ("A-009", "S-001"),
            "2025-06-15",
            "lukket",
            "I-002",
            "2025-06-10",
        ),
        (
            "H-002",
            "M-2025-1",
            6,
            "Invitere virksomheder til stiftelse af de to netværk",
            ("S-001",),
            "2025-08-31",
            "lukket",
            "I-004",
            "2025-08-25",
        ),
        (
            "H-003",
            "M-2025-2",
            5,
            "Afklare placering af boden med havnefogeden",
            ("A-007", "A-002"),
            "2025-12-01",
            "lukket",
            "I-001",
            "2026-01-20",
        ),
        (
            "H-004",
            "M-2025-2",
            6,
            "Indhente tilbud på skilte",
            ("S-003",),
            "2026-02-15",
            "lukket",
            "I-003",
            "2026-02-10",
        ),
        (
            "H-005",
            "M-2025-2",
            7,
            "Sende forummets budskaber til årsstatus",
            ("A-007",),
            "2025-10-20",
            "lukket",
            None,
            "2025-10-18",
        ),
        (
            "H-006",
            "M-2026-1",
            5,
            "Udarbejde skitse B til udvalget",
            ("S-003", "A-010"),
            "2026-09-01",
            "i gang",
            "I-003",
            None,
        ),
        (
            "H-007",
            "M-2026-1",
            6,
            "Udbetale tilskud til havnefesten",
            ("S-001",),
            "2026-06-01",
            "lukket",
            "I-019",
            "2026-05-28",
        ),
        ("H-008", "M-2026-2", 5, "Aftale bodens drift for 2027", ("A-007",), "2026-12-10", "åben", "I-001", None),
        ("H-009", "M-2026-2", 6, "Sende årsstatus til udvalget", ("S-002",), "2026-12-01", "i gang", None, None),
        (
            "H-010",
            "M-2026-2",
            7,
            "Skrive oplæg om praktikpladsbørs",
            ("A-004", "S-001"),
            "2027-02-01",
            "åben",
            "I-008",
            None,
        ),
        ("H-011", "M-2026-2", 4, "Opgøre energitjekkets resultater", ("S-001",), "2026-12-15", "åben", "I-013", None),
    ]
    return [
        Action(
            id=aid,
            meeting=m,
            number=number,
            text=text,
            owners=owners,
            due=D(due),
            state=state,
            initiative=ini,
            closed=D(closed) if closed else None,
        )
        for aid, m, number, text, owners, due, state, ini, closed in data
    ]


def inputs() -> list[Input]:
    data = [
        (
            "IN-001",
            "2025-05-06",
            "M-2025-1",
            "Søborg Fiskehus",
            "Fiskerne vil gerne sælge direkte fra havnen.",
            ("I-001",),
        ),
        ("IN-002", "2025-06-20", None, "Restaurant Kompasset", "Ønske om fælles indkøb af lokale råvarer.", ("I-012",)),
        (
            "IN-003",
            "2025-10-02",
            "M-2025-2",
            "Gadelauget",
            "Turister finder ikke vej fra stationen til gamle by.",
            ("I-003",),
        ),
        ("IN-004", "2026-01-14", None, "Kroghs Isenkram", "Butikkerne ønsker hjælp til energibesparelser.", ("I-013",)),
        (
            "IN-005",
            "2026-04-23",
            "M-2026-1",
            "Havmands Bådeværft",
            "Gæstesejlerne savner bad og toiletter.",
            ("I-020",),
        ),
        (
            "IN-006",
            "2026-06-02",
            None,
            "Dragør Bibliotek",
            "Biblioteket stiller lokaler til iværksættercafé.",
            ("I-007",),
        ),
        (
            "IN-007",
            "2026-10-01",
            "M-2026-2",
            "Holmgaard El-Service ApS",
            "Svært at finde lærlinge – skolerne skal ind i samarbejdet.",
            ("I-010",),
        ),
        ("IN-008", "2026-11-03", None, "Vestergaard Mode", "Forslag om fælles gavekort for byens butikker.", ()),
    ]
    return [Input(id=i, date=D(d), meeting=m, source=s, text=t, initiatives=inis) for i, d, m, s, t, inis in data]


def council_reports() -> list[CouncilReport]:
    return [
        CouncilReport(
            id="KB-2025",
            date=D("2025-11-18"),
            committee="Erhvervs-, Turisme-, Kultur- og Fritidsudvalget",
            title="Status på samarbejdsforum 2025",
            state="forelagt",
        ),
        CouncilReport(
            id="KB-2026",
            date=D("2026-12-08"),
            committee="Erhvervs-, Turisme-, Kultur- og Fritidsudvalget",
            title="Status på samarbejdsforum 2026",
            state="planlagt",
        ),
    ]


def change_log(rows: list[Initiative]) -> list[dict]:
    """A history of each initiative: created, status moves and progress steps, in time order."""
    rng = random.Random(2025)
    who = ["rikke.dalsgaard", "susanne.friis", "ole.bramsen"]
    entries = []

    def log(day: str | date, row: str, field: str, old, new, op="change"):
        stamp = datetime.combine(D(day) if isinstance(day, str) else day, time(9 + rng.randrange(7), rng.randrange(60)))
        entries.append(
            {
                "time": stamp.isoformat(timespec="seconds"),
                "who": rng.choice(who),
                "what": "eksempeldata",
                "table": "initiatives",
                "row": row,
                "op": op,
                "field": field,
                "old": old,
                "new": new,
            }
        )

    for ini in rows:
        created = "2025-05-06" if ini.id <= "I-010" else "2025-10-02"
        log(created, ini.id, "status", None, "idé", op="add")
        steps = PROGRESS_HISTORY.get(ini.id, [])
        if ini.status in ("afklaring", "igangsat", "gennemført", "parkeret"):
            log(D(created) + timedelta(days=20), ini.id, "status", "idé", "afklaring")
        if ini.start and ini.status in ("igangsat", "gennemført"):
            log(ini.start, ini.id, "status", "afklaring", "igangsat")
        if ini.budget_secured:
            log(ini.start or D(created) + timedelta(days=30), ini.id, "budget_sikret", None, str(ini.budget_secured))
        old = None
        for day, value in steps:
            log(day, ini.id, "fremdrift", old, str(value))
            old = str(value)
        if ini.progress is not None and str(ini.progress) != old:
            log(ini.updated or created, ini.id, "fremdrift", old, str(ini.progress))
        if ini.status in ("gennemført", "parkeret", "opgivet"):
            prev = "igangsat" if ini.status == "gennemført" else "afklaring"
            log(ini.updated or "2026-05-01", ini.id, "status", prev, ini.status)
    entries.sort(key=lambda e: e["time"])
    return entries


def milestones() -> list:
    """Dated steps of two initiatives, one of them done."""
    from forumkit.model.tables import Milestone

    return [
        Milestone(
            id="MP-001",
            initiative="I-001",
            date=date(2026, 3, 1),
            title="Aftale med havnefogeden om placering",
            done=date(2026, 3, 12),
        ),
        Milestone(id="MP-002", initiative="I-001", date=date(2026, 5, 1), title="Boden opstillet"),
        Milestone(
            id="MP-003", initiative="I-003", date=date(2026, 9, 15), title="Forslag til skilte sendt til udvalget"
        ),
    ]


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    shutil.copyfile(default_charter_path(), OUT / "forum.toml")
    all_members, all_meetings = members(), meetings()
    groups, people = working_groups()
    nets, events = networks()
    inis = initiatives()
    tables = {
        "members": all_members,
        "secretariat": staff(),
        "meetings": all_meetings,
        "agenda": agenda(),
        "attendance": attendance(all_members, all_meetings),
        "initiatives": inis,
        "working_groups": groups,
        "group_members": people,
        "networks": nets,
        "network_events": events,
        "actions": actions(),
        "inputs": inputs(),
        "council_reports": council_reports(),
        "milestones": milestones(),
    }
    for name, spec in TABLES.items():
        (OUT / spec.file).write_bytes(table_bytes(spec, tuple(tables[name])))
    with open(OUT / "changes.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        for entry in change_log(inis):
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
