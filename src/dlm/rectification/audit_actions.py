ACTIONS = {
    "rectification.item.created": "列入整改清单",
    "rectification.item.changed": "修改整改事项",
    "rectification.item.carried_over": "结转上年度未完成整改事项",
    "rectification.progress.recorded": "报告整改进展",
    "rectification.closing.requested": "申请销号",
    "rectification.closing.approved": "同意销号",
    "rectification.closing.declined": "不同意销号",
    "rectification.item.closed": "整改事项销号（{target}）",
    "rectification.item.reopened": "重新打开整改事项",
    "rectification.item.voided": "作废整改事项",
    "rectification.item.reassigned": "更换整改事项责任人",
    "rectification.item.carried_away": "整改事项结转至下年度",
    "rectification.item.chased": "催办整改事项",
    "rectification.ledger.imported": "导入整改清单",
    "rectification.extension.requested": "申请延期",
    "rectification.extension.granted": "同意延期",
    "rectification.extension.refused": "不同意延期",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "rectification.item.created": "将“{问题}”列入整改清单第{序号}项{来源_}",
    "rectification.item.changed": "修改整改事项{target}{changes}",
    "rectification.item.carried_over": "结转上年度未完成事项“{问题}”为第{序号}项",
    "rectification.progress.recorded": "报告整改进展：{进展}{佐证材料__}",
    "rectification.closing.requested": "申请销号（{target}；须经{须同意}同意）",
    "rectification.closing.approved": "以{同意方}身份同意销号（{target}）",
    "rectification.closing.declined": "不同意销号（{target}）{理由_}",
    "rectification.item.closed": "整改事项销号（{target}）",
    "rectification.item.reopened": "重新打开整改事项（{target}）{理由_}",
    "rectification.item.voided": "作废整改事项（{target}）{理由_}",
    "rectification.item.reassigned": "更换整改事项责任人{changes}",
    "rectification.item.carried_away": "整改事项（{target}）结转至{结转至}",
    "rectification.item.chased": "催办{责任人}（{target}）{催办_}",
    "rectification.ledger.imported": (
        "导入整改清单{文件}：新增{新增}项，修改{修改}项，未导入{未导入}行"
    ),
    "rectification.extension.requested": (
        "申请延期（{target}）：原定{原定时限}，申请延至{申请延至}{理由_}"
    ),
    "rectification.extension.granted": "同意延期（{target}）：由{原定时限}延至{延至}{意见_}",
    "rectification.extension.refused": "不同意延期至{申请延至}（{target}）{理由_}",
}
