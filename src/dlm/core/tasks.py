"""What waits for a person (待办): the entries each app contributes to the home page.

Every app that gives people work registers one small function, from its AppConfig.ready(),
that lists the ``Task`` entries for a user: the reviews waiting for him, what came back to him
with the reviewer's words, approvals waiting, items overdue or due soon, the meeting's next
step. The workbench asks them all and sorts: overdue first, then by due date. Adding a kind of
task touches one app. Core only holds the shape and the list; it imports no domain app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Task:
    kind: str  # what sort of work: 审阅, 审定, 整改, 报送… (shown as a badge)
    title: str  # what to do, naming the object ("审阅王明同志的发言提纲")
    url: str  # where it is done
    unit: str = ""  # the team it concerns
    due: dt.date | None = None
    reason: str = ""  # why it came back: the reviewer's or the superior's own words
    since: dt.date | None = None  # when it came up (报送日期)
    for_superior: bool = False  # came up from below: the supervisors' list

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today

    def sort_key(self, today: dt.date):
        return (not self.overdue(today), self.due or dt.date.max, self.since or dt.date.max)


Source = Callable[[Any, Any, dt.date], Iterable[Task]]  # (user, access, today)
TASK_SOURCES: list[Source] = []


def register_tasks(source: Source) -> None:
    if source not in TASK_SOURCES:
        TASK_SOURCES.append(source)


def tasks_for(user, access, today: dt.date) -> list[Task]:
    found = [task for source in TASK_SOURCES for task in source(user, access, today)]
    return sorted(found, key=lambda task: task.sort_key(today))
