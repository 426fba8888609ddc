"""The notices' quality rules, as data: ids, severities, messages, thresholds and word lists.

A notice can change any of them: ``RuleSet.from_dict`` takes a dict (``dlm analyse --rules
FILE`` reads it from JSON) whose keys override ``DEFAULTS``. The checks that apply them are
in ``checks.py``. Rule ids are stable: the web layer and reports filter on them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

DEFAULTS: dict[str, Any] = {
    "min_personal_chars": 3000,
    "min_criticism_points": 2,
    "disabled": [],
    "rules": {
        "text.placeholder": {
            "severity": "error",
            "message": "留有模板占位符“{text}”：材料须据实填写完整，不能照搬模板",
        },
        "material.missing_aspect": {
            "severity": "error",
            "message": "没有对照第{index}个方面（{head}）查摆问题：通知要求逐一对照各方面查摆",
        },
        "material.aspect_without_problems": {
            "severity": "error",
            "message": "“{title}”下没有列出具体问题：要把问题摆出来，不能以讲道理、谈体会代替",
        },
        "material.problem_without_instance": {
            "severity": "warning",
            "message": "问题“{title}”没有具体事例（比如、例如、再如）：要求见人见事见思想",
        },
        "material.too_short": {
            "severity": "warning",
            "message": "个人发言提纲只有{chars}字，少于要求的{minimum}字",
        },
        "material.missing_part": {
            "severity": "warning",
            "message": "缺少“{part}”部分",
        },
        "material.objective_causes": {
            "severity": "warning",
            "message": "原因剖析“{title}”偏重客观原因：不能以客观原因剖析代替主观原因剖析",
        },
        "material.vague_measures": {
            "severity": "warning",
            "message": "整改措施“{title}”没有可检验的数量、频次或时限：措施要具体、可操作",
        },
        "material.others_problems": {
            "severity": "warning",
            "message": "问题“{title}”查摆的是班子或他人的问题：个人发言提纲应查摆本人的问题",
        },
        "minutes.too_few_criticisms": {
            "severity": "warning",
            "message": "{name}收到的批评意见只有{points}条，少于要求的{minimum}条",
        },
        "minutes.hope_not_criticism": {
            "severity": "warning",
            "message": "{speaker}对{target}的批评以提希望、提建议代替点问题",
        },
        "minutes.praise_first": {
            "severity": "warning",
            "message": "{speaker}对{target}的批评先肯定成绩再指出不足",
        },
    },
    "words": {
        "objective": [
            "客观",
            "任务繁重",
            "任务重",
            "工作忙",
            "事务多",
            "事务繁杂",
            "人手少",
            "人手不足",
            "时间紧",
            "精力有限",
            "条件有限",
            "条件限制",
            "历史原因",
            "基础薄弱",
            "经费不足",
            "体制机制",
            "疫情影响",
            "上级要求",
            "外部环境",
        ],
        "subjective": [
            "主观",
            "思想",
            "党性",
            "理论",
            "宗旨",
            "信念",
            "作风",
            "意识",
            "修养",
            "自我要求",
            "放松",
            "懈怠",
            "认识",
            "自觉",
            "初心",
            "觉悟",
            "世界观",
            "政绩观",
        ],
        "checkable": [
            r"\d",
            "每周",
            "每月",
            "每季",
            "每年",
            "每天",
            "每日",
            "年内",
            "年底",
            "月底",
            "季度",
            "底前",
            "以前",
            "之前",
            "前完成",
            r"[一二两三四五六七八九十百]+(次|篇|个|项|小时|天|周|月|场|件)",
            "不少于",
            "至少",
            "截至",
            "限期",
        ],
        "others": [
            r"^(领导)?班子(成员)?(整体|还|在|的|对|存在)",
            r"^有的(同志|干部|党员|班子成员)",
            r"^部分(干部|同志|党员|班子成员)",
            r"^个别(干部|同志|单位|党员)",
            r"^(下属|基层)(单位|干部)",
        ],
        "hope": ["希望", "建议", "期望", "期待", "盼望"],
        "problem": [
            "不够",
            "不足",
            "欠缺",
            "缺乏",
            "不强",
            "不高",
            "较少",
            "没有",
            "不到位",
            "有待",
            "差距",
            "问题",
            "弱化",
            "松懈",
            "不严",
            "不实",
            "不深",
            "偏少",
            "淡化",
            "忽视",
        ],
        "praise": [
            "工作认真",
            "兢兢业业",
            "任劳任怨",
            "成绩",
            "值得学习",
            "优点",
            "长处",
            "表现突出",
            "肯定",
            "工作扎实",
            "敬业",
            "做了大量工作",
            "虽然",
        ],
    },
}


@dataclass
class RuleSet:
    config: dict[str, Any]

    @classmethod
    def from_dict(cls, overrides: dict[str, Any] | None = None) -> RuleSet:
        config = copy.deepcopy(DEFAULTS)
        for key, value in (overrides or {}).items():
            if key in ("rules", "words") and isinstance(value, dict):
                for name, item in value.items():
                    if key == "rules" and isinstance(item, dict):
                        config["rules"].setdefault(name, {}).update(item)
                    else:
                        config[key][name] = item
            else:
                config[key] = value
        return cls(config)

    def enabled(self, rule: str) -> bool:
        return rule in self.config["rules"] and rule not in self.config["disabled"]

    def finding(self, rule: str, start: int | None, end: int | None, **values) -> dict:
        spec = self.config["rules"][rule]
        return {
            "rule": rule,
            "severity": spec["severity"],
            "message": spec["message"].format(**values),
            "start": start,
            "end": end,
        }

    def words(self, name: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{w})" for w in self.config["words"][name]))

    def __getitem__(self, key: str) -> Any:
        return self.config[key]
