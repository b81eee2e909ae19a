"""Synthetic workspaces for the benchmarks: N initiatives with proportional meetings, agenda items,
attendance, actions, inputs, working groups, network events and change-log lines.

    python benchmarks/generate.py 10000 /tmp/ws10k
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forumkit.model.charter import default_charter_path, load_charter  # noqa: E402
from forumkit.model.tables import TABLES  # noqa: E402

PILLARS = ["IU", "FGK", "TL", "LH", "RE"]
STATUSES = ["idé", "afklaring", "igangsat", "gennemført", "parkeret", "opgivet"]
SEATS = ["VG", "VG", "VG", "SMV", "DI", "DE", "HAVN", "DETAIL", "HORESTA", "GADE"]
APPOINTED = {seat.id: seat.appointed_by for seat in load_charter(default_charter_path())[0].seats}
START = date(2020, 1, 1)


def _line(cells) -> str:
    return ";".join("" if c is None else str(c) for c in cells) + "\n"


def _write(folder: Path, name: str, rows) -> None:
    spec = TABLES[name]
    with open(folder / spec.file, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(";".join(spec.headers) + "\n")
        width = len(spec.headers)
        for row in rows:  # columns added after the generator was written stay empty
            row = tuple(row)
            handle.write(_line(row + (None,) * (width - len(row))))


def generate(n: int, folder: Path, seed: int = 1) -> Path:
    """Write a valid workspace with ``n`` initiatives into ``folder`` (replacing it)."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copyfile(default_charter_path(), folder / "forum.toml")
    n_meetings = max(4, n // 25)
    n_groups = max(2, n // 100)
    n_actions = max(4, n // 2)
    members = [
        (f"A-{i + 1:03d}", seat, f"Person {i + 1}", f"Firma {i + 1}", APPOINTED[seat]) for i, seat in enumerate(SEATS)
    ]
    _write(
        folder,
        "members",
        (
            (
                a,
                s,
                name,
                org,
                by,
                "2019-01-01",
                None,
                "formand" if i == 0 else "medlem",
                "2019-01-01" if i == 0 else None,
                f"p{i}@example.dk",
                f"0000 {i:04d}",
                None,
            )
            for i, (a, s, name, org, by) in enumerate(members)
        ),
    )
    _write(
        folder,
        "secretariat",
        (
            (f"S-00{i}", role, f"Medarbejder {i}", None, None, None, None, None)
            for i, role in enumerate(["konsulent", "direktoer", "chef_pt"], start=1)
        ),
    )
    meetings = []
    for i in range(n_meetings):
        day = START + timedelta(days=7 * i)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        meetings.append((f"M-{i + 1}", day))
    _write(
        folder,
        "meetings",
        (
            (
                mid,
                day.isoformat(),
                "16:00",
                "18:00",
                "Dragør Rådhus",
                "Havnestuen",
                "konstituerende" if i == 0 else "ordinær",
                "referat godkendt",
                f"Tema {i}",
                (day - timedelta(days=28)).isoformat(),
                (day - timedelta(days=7)).isoformat(),
                (day + timedelta(days=5)).isoformat(),
                None,
            )
            for i, (mid, day) in enumerate(meetings)
        ),
    )
    _write(
        folder,
        "agenda",
        (
            (
                mid,
                k,
                f"Punkt {k}",
                "beslutning" if k in (1, 2) else "drøftelse",
                "Person 1",
                10,
                f"I-{rng.randrange(n) + 1:06d}" if k == 5 and n else None,
                "At punktet godkendes.",
                "Godkendt." if k in (1, 2) else "Drøftet.",
                None,
            )
            for mid, _ in meetings
            for k in range(1, 8)
        ),
    )
    _write(
        folder,
        "attendance",
        ((mid, a[0], "deltog" if rng.random() < 0.85 else "afbud", None) for mid, _ in meetings for a in members),
    )
    _write(
        folder,
        "working_groups",
        (
            (f"WG-{g + 1}", f"Gruppe {g + 1}", "Et mandat.", meetings[g % n_meetings][0], None, "aktiv")
            for g in range(n_groups)
        ),
    )
    _write(
        folder,
        "group_members",
        ((f"WG-{g + 1}", f"Deltager {g}-{k}", "Firma", None, None) for g in range(n_groups) for k in range(4)),
    )
    _write(
        folder,
        "networks",
        ((net, f"Netværk {net}", "FGK", None, "2020-03-01", None) for net in ("N-KLIMA", "N-GASTRO")),
    )
    n_events = max(10, n // 100)
    _write(
        folder,
        "network_events",
        (
            (
                f"NE-{e + 1:06d}",
                ("N-KLIMA", "N-GASTRO")[e % 2],
                (START + timedelta(days=e)).isoformat(),
                f"Milepæl {e}",
                5 + e % 40,
            )
            for e in range(n_events)
        ),
    )
    rows = []
    for i in range(n):
        status = STATUSES[rng.randrange(len(STATUSES))]
        start = START + timedelta(days=rng.randrange(2000))
        asked = rng.randrange(0, 500) * 1000
        rows.append(
            (
                f"I-{i + 1:06d}",
                f"Initiativ nummer {i + 1}",
                PILLARS[i % 5],
                "grøn",
                "1–3 år",
                status,
                "fælles",
                f"Person {i % 10 + 1}",
                f"WG-{i % n_groups + 1}" if i % 3 == 0 else None,
                "N-KLIMA" if i % 7 == 0 else None,
                asked,
                min(asked, rng.randrange(0, 500) * 1000),
                40,
                start.isoformat() if status != "idé" else None,
                (start + timedelta(days=400)).isoformat(),
                100 if status == "gennemført" else rng.randrange(0, 100),
                start.isoformat(),
                "Næste skridt",
                None,
                None,
            )
        )
    _write(folder, "initiatives", rows)
    _write(
        folder,
        "actions",
        (
            (
                f"H-{a + 1:06d}",
                meetings[a % n_meetings][0],
                3,
                f"Opgave {a}",
                "A-001, S-001",
                (meetings[a % n_meetings][1] + timedelta(days=30)).isoformat(),
                "lukket" if a % 3 else "åben",
                f"I-{a % n + 1:06d}" if n else None,
                (meetings[a % n_meetings][1] + timedelta(days=20)).isoformat() if a % 3 else None,
            )
            for a in range(n_actions)
        ),
    )
    _write(
        folder,
        "inputs",
        (
            (
                f"IN-{k + 1:06d}",
                (START + timedelta(days=k % 2000)).isoformat(),
                None,
                f"Virksomhed {k}",
                "Et input.",
                None,
            )
            for k in range(max(2, n // 10))
        ),
    )
    _write(
        folder,
        "council_reports",
        ((f"KB-{y}", f"{y}-11-15", "Udvalget", f"Status {y}", "forelagt") for y in range(2020, 2027)),
    )
    with open(folder / "changes.jsonl", "w", encoding="utf-8") as handle:
        for i in range(n * 5):
            iid = f"I-{i % n + 1:06d}" if n else "I-000001"
            handle.write(
                json.dumps(
                    {
                        "time": f"{(START + timedelta(days=i % 2000)).isoformat()}T10:00:00",
                        "who": "bench",
                        "table": "initiatives",
                        "row": iid,
                        "op": "change",
                        "field": "fremdrift",
                        "old": str(i % 90),
                        "new": str(i % 90 + 5),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return folder


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
