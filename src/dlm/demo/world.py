"""Build the demo world: a city supervising a district, five teams at different stages.

Dates are counted from the day the demo is built, so the timelines show done, due and
overdue work whenever it is run. Everything goes through the domain functions, so the
audit log of the demo reads like a real year.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from dlm.campaigns import domain
from dlm.campaigns.enums import Actor, CampaignKind, MeetingState
from dlm.campaigns.guides import assign_guide
from dlm.campaigns.models import Campaign, Meeting, local_today
from dlm.campaigns.process import STEPS, OfflineEvidence
from dlm.demo import content, materials
from dlm.demo.record import build_ledger, build_record
from dlm.organisations.enums import OrganisationKind as K
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Organisation, Person, Role, TeamMember
from dlm.preparation import domain as preparation
from dlm.preparation import opinions, plans, talks
from dlm.preparation.enums import MaterialKind, OpinionSource, StudyForm, TalkKind
from dlm.preparation.models import StudySession, Talk, TypicalCase
from dlm.preparation.quality import assess_stale
from dlm.proceedings.attendance import save_attendance
from dlm.reporting import domain as reporting
from dlm.reporting.checklist import open_points
from dlm.reporting.models import PackageStatus

PASSWORD = "dlm-demo-2026"  # noqa: S105 - printed on the console for the demo only


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    who: str


def org(name, kind, parent=None, short=""):
    return Organisation.objects.create(name=name, kind=kind, parent=parent, short_name=short)


def team(organisation, rows, branch=None):
    seats = []
    for precedence, (name, position, principal, areas) in enumerate(rows, start=1):
        person = Person.objects.create(name=name, organisation=organisation, title=position)
        seats.append(
            TeamMember.objects.create(
                team=organisation,
                person=person,
                position=position,
                is_principal=principal,
                areas_overseen=areas,
                own_branch=branch,
                precedence=precedence,
            )
        )
    return seats


def account(username, person, roles=()):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    person.user = user
    person.save(update_fields=["user"])
    for organisation, kind in roles:
        Role.objects.create(user=user, organisation=organisation, kind=kind)
    return user


def staff(username, name, unit, title, roles):
    person = Person.objects.create(name=name, organisation=unit, title=title)
    return account(username, person, roles)


def days(n: int) -> dt.date:
    return local_today() + dt.timedelta(days=n)


def schedule(meeting: Meeting, user, on: dt.date, place: str, recorder: Person | None = None):
    before = {"date": meeting.date}
    meeting.date = on
    meeting.start_time = dt.time(14, 30)
    meeting.place = place
    meeting.host = meeting.team.team_members.filter(is_principal=True).first()
    meeting.recorder = recorder
    domain.schedule_meeting(meeting, user=user, before=before)


NOTES = {
    "return_plan": "征求意见范围不够全面，请补充服务对象代表座谈安排后重新报送",
    "approve_plan_offline": "纸质审定单已归档",
}


OFFLINE = OfflineEvidence(approver="区委组织部干部科 马建军", document_number="临组审〔2026〕7号")


def steps(meeting: Meeting, user, supervisor, plan: list[tuple[str, int]]):
    for name, offset in plan:
        actor = supervisor if STEPS[name].actor == Actor.SUPERVISOR else user
        if name in ("submit_plan", "approve_plan_offline"):  # the office writes its plan first
            meeting.refresh_from_db()
            if meeting.state == MeetingState.PLANNING:
                plans.save_plan(meeting, plans.draft(meeting), user=user)
        if name == "hold":  # the roll call comes before the meeting can count as held
            seats = list(meeting.team.team_members.active().order_by("precedence"))
            present = {seat.pk: ("present", "") for seat in seats}
            present[seats[-1].pk] = ("absent", "参加市委党校主体班培训")
            save_attendance(meeting, present, [("列席干部", "办公室主任")], user=user)
        if name == "submit_report":  # the report goes up with its package, as on the page
            meeting.refresh_from_db()
            # as offices often do: sent with the open points confirmed, and kept on record
            known = [point.key for point in open_points(meeting)]
            reporting.send_package(meeting, user=actor, on=days(offset), confirmed=known)
        elif name == "receive_report":
            package = meeting.packages.get(status=PackageStatus.SENT)
            reporting.answer_package(package, accept=True, note="", user=actor, on=days(offset))
        else:
            domain.take_step(
                meeting,
                name,
                user=actor,
                on=days(offset),
                note=NOTES.get(name, ""),
                evidence=OFFLINE if name == "approve_plan_offline" else None,
            )


def exists() -> bool:
    return Organisation.objects.filter(name=content.CITY).exists()


@transaction.atomic
def build() -> None:
    city = org(content.CITY, K.PARTY_COMMITTEE, short="市委")
    city_dept = org("中共江川市委组织部", K.ORGANISATION_DEPARTMENT, city, "市委组织部")
    org("中共江川市纪律检查委员会", K.DISCIPLINE_COMMISSION, city, "市纪委")
    district = org("中共江川市临江区委员会", K.PARTY_COMMITTEE, city, "临江区委")
    district_dept = org("中共临江区委组织部", K.ORGANISATION_DEPARTMENT, district, "区委组织部")
    wanghu = org("中共临江区望湖街道工作委员会", K.WORKING_COMMITTEE, district, "望湖街道党工委")
    qinghe = org("中共临江区清河街道工作委员会", K.WORKING_COMMITTEE, district, "清河街道党工委")
    yibao = org("中共临江区医疗保障局党组", K.PARTY_GROUP, district, "区医保局党组")
    health = org("中共临江区卫生健康局党组", K.PARTY_GROUP, district, "区卫健局党组")
    wanghu_branch = org("望湖街道机关第一党支部", K.BRANCH, wanghu)
    org("望湖街道机关第二党支部", K.BRANCH, wanghu)
    yibao_branch = org("临江区医疗保障局机关党支部", K.BRANCH, yibao)

    district_seats = team(district, content.DISTRICT_TEAM)
    wanghu_seats = team(wanghu, content.WANGHU_TEAM, wanghu_branch)
    yibao_seats = team(yibao, content.YIBAO_TEAM, yibao_branch)
    qinghe_seats = team(qinghe, content.QINGHE_TEAM)
    health_seats = team(health, content.HEALTH_TEAM)
    del district_seats

    city_sup = staff("shi_zzb", "周敏", city_dept, "干部一科科长", [(city, RoleKind.SUPERVISOR)])
    dist_sup = staff(
        "qu_zzb", "马建军", district_dept, "干部科科长", [(district, RoleKind.SUPERVISOR)]
    )
    dist_office = staff(
        "qu_office", "谢婷", district, "区委办公室秘书科科长", [(district, RoleKind.OFFICE)]
    )
    wanghu_office = staff(
        "wanghu_office", "田雨", wanghu, "党政办公室主任", [(wanghu, RoleKind.OFFICE)]
    )
    yibao_office = staff("yibao_office", "柳青", yibao, "局办公室主任", [(yibao, RoleKind.OFFICE)])
    qinghe_office = staff(
        "qinghe_office", "范磊", qinghe, "党政办公室主任", [(qinghe, RoleKind.OFFICE)]
    )
    health_office = staff(
        "health_office", "石磊", health, "局办公室主任", [(health, RoleKind.OFFICE)]
    )
    account("wanghu_shuji", wanghu_seats[0].person)
    account("wanghu_member", wanghu_seats[4].person)
    account("yibao_shuji", yibao_seats[0].person)
    account("qinghe_shuji", qinghe_seats[0].person)
    account("health_shuji", health_seats[0].person)

    campaign = domain.create_campaign(
        Campaign(
            issuer=city,
            year=local_today().year,
            kind=CampaignKind.ANNUAL,
            title=content.CAMPAIGN_TITLE,
            document_number=content.DOCUMENT_NUMBER,
            theme=content.THEME,
            study_list=content.STUDY_LIST,
            latest_meeting_date=days(45),
        ),
        user=city_sup,
        aspects=content.ASPECTS,
    )
    domain.issue_campaign(campaign, [district], user=city_sup)
    forwarded = domain.reissue_campaign(campaign, district, user=dist_sup)
    before = {"latest_meeting_date": forwarded.latest_meeting_date, "report_days_after": 15}
    forwarded.document_number = "临组通〔2026〕19号"
    forwarded.own_requirements = "区委将派出督导组列席指导；会议方案须报区委组织部审定后实施。"
    forwarded.latest_meeting_date = days(40)
    domain.update_campaign(forwarded, user=dist_sup, before=before)
    domain.issue_campaign(forwarded, [wanghu, qinghe, yibao, health], user=dist_sup)

    district_meeting = Meeting.objects.get(campaign=campaign, team=district)
    schedule(district_meeting, dist_office, days(-22), "区委常委会议室")
    steps(
        district_meeting,
        dist_office,
        city_sup,
        [
            ("submit_plan", -38),
            ("approve_plan", -34),
            ("hold", -22),
            ("record_briefing", -14),
            ("submit_report", -10),
            ("receive_report", -9),
            ("start_rectification", -8),
        ],
    )
    health_meeting = Meeting.objects.get(campaign=forwarded, team=health)
    schedule(health_meeting, health_office, days(-5), "局三楼会议室")
    steps(
        health_meeting,
        health_office,
        dist_sup,
        [("submit_plan", -16), ("approve_plan_offline", -12), ("hold", -5)],
    )
    health_meeting.refresh_from_db()
    build_record(health_meeting, health_office)
    build_ledger(health_meeting, health_office)
    wanghu_meeting = Meeting.objects.get(campaign=forwarded, team=wanghu)
    schedule(wanghu_meeting, wanghu_office, days(9), "街道二楼会议室", wanghu_office.person)
    steps(
        wanghu_meeting,
        wanghu_office,
        dist_sup,
        [("submit_plan", -6), ("return_plan", -5), ("submit_plan", -3), ("approve_plan", -1)],
    )
    yibao_meeting = Meeting.objects.get(campaign=forwarded, team=yibao)
    schedule(yibao_meeting, yibao_office, days(12), "局一楼会议室", yibao_office.person)
    steps(yibao_meeting, yibao_office, dist_sup, [("submit_plan", 0)])
    qinghe_meeting = Meeting.objects.get(campaign=forwarded, team=qinghe)
    schedule(qinghe_meeting, qinghe_office, days(8), "街道党群服务中心")
    build_materials(
        wanghu_meeting, wanghu_office, district_meeting, dist_office, dist_sup, district
    )
    build_preparation(wanghu_meeting, wanghu_office)
    assess_stale()  # the overview's quality figures, as the periodic job would leave them
    guide = staff("qu_guide", "曹文斌", district, "区人大常委会副主任", [])
    assign_guide(wanghu_meeting, guide.person, "区委第二督导组组长", user=dist_sup)


def build_preparation(meeting, office):
    """The 望湖 office's first weeks (the plan was approved): study, opinions, some talks,
    one case."""
    seats = list(meeting.team.team_members.select_related("person").order_by("precedence"))
    principal, members = seats[0], seats[1:]
    study = StudySession.objects.create(
        meeting=meeting,
        held_on=days(-10),
        form=StudyForm.CENTRAL_GROUP,
        topic="党工委理论学习中心组专题学习",
        materials="党章；关于新形势下党内政治生活的若干准则",
    )
    study.attendees.set(seats)
    for text, about, source in [
        ("希望党工委多听取社区一线的意见，开会少一些，现场多一些。", None, OpinionSource.FORUM),
        ("老旧小区改造中群众反映的问题，回复不够及时。", None, OpinionSource.FORM),
        ("分管的社区党建工作检查多、指导少。", members[3], OpinionSource.INTERVIEW),
        ("应急值守安排有时临时通知，基层压力大。", members[5], OpinionSource.BOX),
    ]:
        opinions.enter_opinion(
            meeting,
            about=about,
            aspect=None,
            source=source,
            text=text,
            received_on=days(-6),
            user=office,
        )
    opinions.open_box(meeting, user=office)
    full = {"covered_team": True, "covered_own": True, "covered_other": True}
    for member in members[:5]:
        talk = Talk(
            member=principal,
            kind=TalkKind.PRINCIPAL_MEMBER,
            partner=member,
            held_on=days(-4),
            covered_criticism=True,
            **full,
        )
        talks.record_talk(meeting, talk, user=office)
    outside = Talk(
        member=members[0],
        kind=TalkKind.UNIT_HEAD,
        partner_name="湖滨社区党委书记",
        held_on=days(-3),
        **full,
    )
    talks.record_talk(meeting, outside, user=office)
    case = TypicalCase.objects.create(
        meeting=meeting,
        title="湖滨社区加装电梯项目推进迟缓",
        description="居民意见分歧大，项目从立项到开工用了八个月，群众有意见。",
        analysis="协调机制不健全，分管同志下沉不够，遇到分歧习惯于等待。",
    )
    case.members.set([members[7]])


def build_materials(meeting, office, district_meeting, district_office, supervisor, district):
    """Outlines for the 望湖 team: a colleague's copy, a template copy, a superior's echo."""
    rng = random.Random(2026)
    team_text = materials.team_material(rng)
    team = preparation.create_material(
        district_meeting, kind=MaterialKind.TEAM, author=None, user=district_office
    )
    preparation.add_version(team, team_text, user=district_office)
    preparation.add_template(
        district, "网上流传的发言提纲范文", materials.TEMPLATE, user=supervisor
    )
    texts = {}
    for seat in meeting.team.team_members.select_related("person").order_by("precedence"):
        text = materials.outline(seat.person.name, seat.areas_overseen, rng)
        if seat.precedence == 6:  # borrows the organisation member's problems, nearly all
            donor = texts[5].split("\n")
            mine = text.split("\n")
            mine[3:12] = donor[3:12]
            text = "\n".join(mine)
        if seat.precedence == 8:  # pasted the template's two problems
            text = text.replace(
                "一、查摆的主要问题", "一、查摆的主要问题\n" + materials.TEMPLATE.split("\n", 2)[2]
            )
        if seat.is_principal:  # echoes the district's team material
            text += "\n" + team_text.split("\n", 3)[3][:160]
        texts[seat.precedence] = text
        material = preparation.create_material(
            meeting, kind=MaterialKind.PERSONAL, author=seat, user=office
        )
        preparation.add_version(material, text, user=office)


LOGINS = [
    Login("shi_zzb", PASSWORD, "市委组织部（上级督导，看全市）"),
    Login("qu_zzb", PASSWORD, "区委组织部（督导临江区，审定方案）"),
    Login("qu_office", PASSWORD, "区委办公室（区委班子的民主生活会）"),
    Login("wanghu_office", PASSWORD, "望湖街道党政办（办公室）"),
    Login("wanghu_shuji", PASSWORD, "望湖街道党工委书记（主要负责同志）"),
    Login("wanghu_member", PASSWORD, "望湖街道组织委员（班子成员）"),
    Login("yibao_office", PASSWORD, "区医保局办公室"),
    Login("yibao_shuji", PASSWORD, "区医保局党组书记"),
    Login("qinghe_office", PASSWORD, "清河街道党政办"),
    Login("qinghe_shuji", PASSWORD, "清河街道党工委书记"),
    Login("health_office", PASSWORD, "区卫健局办公室"),
    Login("health_shuji", PASSWORD, "区卫健局党组书记（会议已开，整改台账待审批）"),
    Login("qu_guide", PASSWORD, "区委第二督导组组长（指导望湖街道的民主生活会）"),
]
