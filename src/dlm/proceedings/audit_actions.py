ACTIONS = {
    "proceedings.agenda.drafted": "生成会议议程",
    "proceedings.agenda.changed": "修改会议议程",
    "proceedings.attendance.recorded": "登记到会情况",
    "proceedings.turn.recorded": "记录发言",
    "proceedings.turn.changed": "修改发言记录",
    "proceedings.turn.deleted": "删除发言记录",
    "proceedings.minutes.uploaded": "上传会议记录文件",
    "proceedings.minutes.imported": "导入会议记录",
}
