ACTIONS = {
    "rectification.item.created": "列入整改清单",
    "rectification.item.changed": "修改整改事项",
    "rectification.item.carried_over": "结转上年度未完成整改事项",
    "rectification.progress.recorded": "报告整改进展",
    "rectification.closing.requested": "申请销号",
    "rectification.closing.approved": "同意销号",
    "rectification.closing.declined": "不同意销号",
    "rectification.item.closed": "整改事项销号",
    "rectification.item.reopened": "重新打开整改事项",
    "rectification.item.voided": "作废整改事项",
    "rectification.ledger.imported": "导入整改清单",
}
