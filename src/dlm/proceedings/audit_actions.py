ACTIONS = {
    "proceedings.agenda.drafted": "生成会议议程",
    "proceedings.agenda.changed": "修改会议议程",
    "proceedings.attendance.recorded": "登记到会情况",
    "proceedings.turn.recorded": "记录发言",
    "proceedings.turn.changed": "修改发言记录",
    "proceedings.turn.deleted": "删除发言记录",
    "proceedings.turn.moved": "调整发言顺序",
    "proceedings.minutes.uploaded": "上传会议记录文件",
    "proceedings.minutes.imported": "导入会议记录",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "proceedings.agenda.drafted": "按班子成员位次生成会议议程（{议程}）",
    "proceedings.agenda.changed": "修改会议议程为：{修改后}",
    "proceedings.attendance.recorded": "登记到会情况（缺席：{缺席}；列席：{列席}）",
    "proceedings.turn.recorded": "记录{发言人}的发言（{类型}）{被批评人__}",
    "proceedings.turn.changed": "修改发言记录",
    "proceedings.turn.deleted": "删除{发言人}的{类型}记录",
    "proceedings.turn.moved": "将{发言人}的{类型}记录{移动}",
    "proceedings.minutes.uploaded": "上传会议记录文件{文件}，识别发言{识别发言}条{无法读取_}",
    "proceedings.minutes.imported": "导入会议记录{文件}：发言{导入发言}条，更正{更正}处",
}
