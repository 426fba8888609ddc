"""The people of a meeting day, for locust (run by bench/meetingday.py, which says who they
are in the file named by DLM_MEETINGDAY_PEOPLE). Think times are a person's, not a robot's:
a recorder saves a turn every 10-30 s and his screen asks for news every 5 s; a member
reads his outline and saves a draft every 30-60 s; a supervisor opens a page every 5-15 s."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import uuid

from locust import HttpUser, between, events, task

PEOPLE = json.loads(open(os.environ["DLM_MEETINGDAY_PEOPLE"], encoding="utf-8").read())  # noqa: SIM115
PASSWORD = "dlm-demo-2026"
SENTENCES = [
    "我对照检查发现，自己在理论学习上还存在学用脱节的问题",
    "对分管领域的风险隐患研判不够，有的工作抓得不够细",
    "建议班长在调查研究上多下沉一线，多听基层意见",
    "同志工作作风扎实，但有时对下属要求不够严格",
    "在落实中央八项规定精神上，个别同志对公务接待把关不严",
    "今后要带头改进文风会风，精简会议文件",
]
_next = {kind: itertools.count() for kind in ("recorders", "members", "supervisors")}
# writes the server confirmed, over the whole run (the statistics restart after the logins)
CONFIRMED = {"turns": 0, "versions": 0}


@events.test_stop.add_listener
def _write_confirmed(**kwargs) -> None:
    path = os.environ["DLM_MEETINGDAY_PEOPLE"] + ".confirmed"
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(CONFIRMED, handle)


def one_of(kind: str):
    people = PEOPLE[kind]
    return people[next(_next[kind]) % len(people)]


def form_value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    return found.group(1) if found else ""


class Person(HttpUser):
    abstract = True

    def log_in(self, username: str) -> None:
        page = self.client.get("/accounts/login/", name="login")
        self.client.post(
            "/accounts/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"),
            },
            name="login",
        )

    @property
    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class Recorder(Person):
    """The office at its meeting: turns saved as they are spoken, the live screen refreshed."""

    weight = 8
    wait_time = between(4, 6)

    def on_start(self) -> None:
        me = one_of("recorders")
        self.meeting = me["meeting"]
        self.log_in(me["username"])
        page = self.client.get(f"/meetings/{self.meeting}/record/", name="record page")
        self.items = [int(i) for i in re.findall(r"\?item=(\d+)", page.text)] or [None]
        self.ticks = 0

    @task
    def speak_or_watch(self) -> None:
        self.ticks += 1
        if self.ticks % 4:  # the screen asks for news every few seconds
            self.client.get(
                f"/meetings/{self.meeting}/record/feed/",
                headers={"Accept": "application/json"},
                name="record feed",
            )
            return
        item = random.choice(self.items)
        data = {
            "text": "；".join(random.sample(SENTENCES, 2)) + "。",
            "client_id": uuid.uuid4().hex,
            "auto": "kind,speaker,target,use_outline",
        }
        if item is not None:
            data["item"] = str(item)
        with self.client.post(
            f"/meetings/{self.meeting}/record/",
            data,
            headers={"Accept": "application/json", "X-CSRFToken": self.csrf},
            name="turn save",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code} {response.text[:200]}")
            else:
                CONFIRMED["turns"] += 1


class Member(Person):
    """A member on the day before: opens his outline (its copy check), saves a new draft."""

    weight = 10
    wait_time = between(30, 60)

    def on_start(self) -> None:
        me = one_of("members")
        self.material = me["material"]
        self.log_in(me["username"])

    @task
    def edit_outline(self) -> None:
        self.client.get(f"/materials/{self.material}/", name="outline page (copy check)")
        form = self.client.get(f"/materials/{self.material}/versions/new/", name="draft form")
        text = re.search(r"<textarea[^>]*>(.*?)</textarea>", form.text, re.S)
        body = (text.group(1) if text else "") + "\n" + random.choice(SENTENCES) + "。"
        with self.client.post(
            f"/materials/{self.material}/versions/new/",
            {
                "text": body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"),
                "based_on": form_value(form.text, "based_on"),
                "source_name": "",
                "csrfmiddlewaretoken": form_value(form.text, "csrfmiddlewaretoken"),
            },
            name="draft save",
            catch_response=True,
        ) as response:
            if (
                f"/materials/{self.material}/" not in response.url
                or "已提交第" not in response.text
            ):
                response.failure(f"not saved: {response.status_code} {response.url}")
            else:
                CONFIRMED["versions"] += 1


class Supervisor(Person):
    """The district watching the day: the overview, its spreadsheet, the combined report."""

    weight = 2
    wait_time = between(5, 15)

    def on_start(self) -> None:
        self.log_in(one_of("supervisors"))
        self.campaign = PEOPLE["campaign"]

    @task(6)
    def overview(self) -> None:
        self.client.get(f"/campaigns/{self.campaign}/overview/", name="overview")

    @task(2)
    def overview_xlsx(self) -> None:
        self.client.get(f"/campaigns/{self.campaign}/overview.xlsx", name="overview .xlsx")

    @task(1)
    def combined_report(self) -> None:
        asked = self.client.post(
            f"/campaigns/{self.campaign}/overview/report.docx",
            {"csrfmiddlewaretoken": self.csrf},
            headers={"X-CSRFToken": self.csrf},
            name="combined report asked",
        )
        for _ in range(20):
            page = self.client.get(asked.url, name="job page")
            found = re.search(r'href="(/jobs/\d+/download/)"', page.text)
            if found:
                self.client.get(found.group(1), name="combined report download")
                return
            if "未能完成" in page.text:
                return
            self.wait()
