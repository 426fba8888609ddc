ACTIONS = {
    "reporting.draft.created": "起草报告",
    "reporting.draft.changed": "修改报告",
    "reporting.package.sent": "报送材料包",
    "reporting.package.acknowledged": "确认收到材料包",
    "reporting.package.returned": "退回材料包",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "reporting.draft.created": "按记录起草《{标题}》",
    "reporting.draft.changed": "修改《{标题}》，第{稿次}稿",
    "reporting.package.sent": "报送情况报告和会议材料（{文件}）",
    "reporting.package.acknowledged": "确认收到情况报告和会议材料{意见_}",
    "reporting.package.returned": "退回情况报告和会议材料{意见_}",
}
