"""Make data/example-erhvervsforum/: a small, fictional forum on the bundled 'erhvervsforum' charter.

    python scripts/make_example_erhvervsforum.py

Everything is saved through forumkit's own edits and Store (so the change log is real), each save stamped on
the day it happens in the story. People, addresses and e-mails (under example.dk) are made up.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forumkit.edits import catalogue, meetings, roster  # noqa: E402
from forumkit.model.charter import bundled_charters  # noqa: E402
from forumkit.model.tables import CouncilReport, Network  # noqa: E402
from forumkit.storage import store as store_module  # noqa: E402
from forumkit.storage.settings import init_workspace  # noqa: E402
from forumkit.storage.store import Store  # noqa: E402

OUT = ROOT / "data" / "example-erhvervsforum"

MEMBERS = [  # seat, name, organisation, start
    ("ERHV", "Karin Holst", "Holst Maskinfabrik", date(2025, 1, 15)),
    ("ERHV", "Mads Vinther", "Vinther Rådgivning", date(2025, 1, 15)),
    ("HANDEL", "Lone Dahl", "Dahls Boghandel", date(2025, 1, 15)),
    ("LAND", "Niels Kjær", "Kjærgården", date(2025, 1, 15)),
    ("UDD", "Birthe Lund", "Vesterå Erhvervsskole", date(2025, 1, 15)),
    ("KB", "Jonas Brink", "Kommunalbestyrelsen", date(2025, 1, 15)),
    ("KB", "Sara Friis", "Kommunalbestyrelsen", date(2025, 1, 15)),
]
MEETINGS = [
    date(2025, 2, 12),
    date(2025, 5, 14),
    date(2025, 9, 10),
    date(2025, 11, 12),
    date(2026, 2, 11),
    date(2026, 5, 13),
    date(2026, 9, 9),
    date(2026, 11, 11),
    date(2027, 2, 10),
]
INITIATIVES = [  # title, pillar index, status, progress, budget asked, budget secured
    ("Iværksætterhus i den gamle station", 0, "igangsat", 40, 400_000, 250_000),
    ("Fælles praktikpladsbank", 1, "igangsat", 60, 120_000, 120_000),
    ("Én indgang til erhvervsservice", 2, "gennemført", 100, 80_000, 80_000),
    ("Grønne lån til små virksomheder", 0, "afklaring", None, 600_000, 0),
    ("Sommerjob til unge", 1, "idé", None, None, None),
]


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    init_workspace(OUT, bundled_charters()["erhvervsforum"])
    store = Store(OUT, who="anne.sekretaer")
    charter = store.load().charter
    pillars = [p.id for p in charter.pillars]
    today = date(2026, 11, 26)
    story: list[tuple[datetime, object]] = []  # (when, edit of the workspace): run in the order they happened

    def at(day: date, change, hour: int = 10) -> None:
        story.append((datetime.combine(day, time(hour, 0)), change))

    start = date(2025, 1, 15)
    at(
        date(2025, 1, 6),
        lambda ws: roster.add_staff(
            ws,
            role=charter.organiser_role,
            name="Anne Sekretær",
            title="Erhvervschef",
            email="anne@example.dk",
            start=start,
        ),
        9,
    )
    for seat, name, organisation, day in MEMBERS:
        email = name.lower().replace(" ", ".").replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        at(
            date(2025, 1, 7),
            lambda ws, s=seat, n=name, o=organisation, d=day, e=email: roster.appoint(
                ws,
                seat=s,
                name=n,
                appointed_by=charter.seat_by_id[s].appointed_by,
                organisation=o,
                start=d,
                email=f"{e}@example.dk",
            ),
        )
    network = charter.networks[0]
    at(
        date(2025, 3, 1),
        lambda ws: ws.with_table(
            "networks", (Network(id=network.id, name=network.name, pillar=network.pillar, founded=date(2025, 3, 1)),)
        ),
        9,
    )
    at(
        date(2025, 3, 1),
        lambda ws: catalogue.add_network_event(
            ws, network.id, day=date(2025, 3, 1), title="Stiftende møde", members=9, today=date(2025, 3, 1)
        ),
    )
    at(
        date(2026, 3, 2),
        lambda ws: catalogue.add_network_event(
            ws, network.id, day=date(2026, 3, 2), title="Årsmøde", members=14, today=date(2026, 3, 2)
        ),
    )
    for number, day in enumerate(MEETINGS):
        kind = "konstituerende" if number == 0 else "ordinær"
        at(date(2025, 1, 8), lambda ws, d=day, k=kind: meetings.plan_meeting(ws, d, kind=k))  # the year plans
        meeting_id = f"M-{day.year}-{sum(1 for m in MEETINGS[:number] if m.year == day.year) + 1}"
        sent = day - timedelta(days=charter.meetings.invitation_days)
        if sent < today:
            at(sent, lambda ws, m=meeting_id, d=sent: meetings.record_sent(ws, m, "indkaldelse", d))
        if day >= today:
            continue
        at(day, lambda ws, m=meeting_id, d=day: meetings.mark_held(ws, m, d), 18)
        for index, (_seat, name, _, _) in enumerate(MEMBERS):
            present = (index + day.month) % 6 != 0  # now and then one sends word
            at(
                day,
                lambda ws, m=meeting_id, n=name, p=present: meetings.set_attendance(
                    ws, m, next(a.id for a in ws.members if a.name == n), "deltog" if p else "afbud"
                ),
                18,
            )
        if kind == "konstituerende":
            at(day, lambda ws, m=meeting_id: roster.elect_chair(ws, ws.members[0].id, m), 18)
        minutes = day + timedelta(days=charter.meetings.minutes_days - 1)
        at(minutes, lambda ws, m=meeting_id, d=minutes: meetings.record_sent(ws, m, "referat", d))
    for number, (title, pillar, status, progress, asked, secured) in enumerate(INITIATIVES, start=1):
        day = date(2025, 2, 12 + number)
        ini_id = f"I-{number:03d}"
        at(
            day,
            lambda ws, t=title, p=pillars[pillar], d=day, a=asked, s=secured: catalogue.create_initiative(
                ws, title=t, pillar=p, today=d, budget_asked=a, budget_secured=s, owner="Anne Sekretær"
            ),
        )
        path = {
            "afklaring": ["afklaring"],
            "igangsat": ["afklaring", "igangsat"],
            "gennemført": ["afklaring", "igangsat", "gennemført"],
        }.get(status, [])
        for step, state in enumerate(path, start=1):
            when = date(2025 + (step > 1), 3 + step * 2, number)
            changes = {"status": state}
            if state == "igangsat" and progress is not None:
                changes.update(progress=progress // 2, start=when)
            at(when, lambda ws, i=ini_id, d=when, c=changes: catalogue.update_initiative(ws, i, d, **c))
        if progress and status == "igangsat":
            at(
                date(2026, 10, number),
                lambda ws, i=ini_id, p=progress, d=date(2026, 10, number): catalogue.update_initiative(
                    ws, i, d, progress=p
                ),
            )
    reports = [
        (date(2025, 6, 2), "forelagt"),
        (date(2025, 12, 1), "forelagt"),
        (date(2026, 6, 1), "forelagt"),
        (date(2026, 12, 7), "planlagt"),
    ]
    for number, (day, state) in enumerate(reports, start=1):
        report = CouncilReport(
            id=f"KB-{day.year}-{number}",
            date=day,
            committee=charter.council.committee,
            title=f"Status for {charter.forum.short_name.lower()}",
            state=state,
        )
        at(
            day if state == "forelagt" else date(2026, 11, 20),
            lambda ws, r=report: ws.with_table("council_reports", (*ws.council_reports, r)),
        )
    for when, change in sorted(story, key=lambda item: item[0]):  # stable: same-time edits keep their order
        store_module.now = lambda w=when: w
        store.update(change, what="eksempeldata")
    for leftover in OUT.glob(".forumkit.lock*"):
        leftover.unlink()
    ws = store.load()
    print(
        f"{OUT.relative_to(ROOT)}: {len(ws.members)} medlemmer, {len(ws.meetings)} møder, "
        f"{len(ws.initiatives)} initiativer"
    )


if __name__ == "__main__":
    main()
