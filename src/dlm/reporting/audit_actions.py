ACTIONS = {
    "reporting.draft.created": "起草报告",
    "reporting.draft.changed": "修改报告",
    "reporting.package.sent": "报送材料包",
    "reporting.package.acknowledged": "确认收到材料包",
    "reporting.package.returned": "退回材料包",
}
