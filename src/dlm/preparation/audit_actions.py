ACTIONS = {
    "preparation.material.created": "建立材料",
    "preparation.version.added": "提交材料新稿",
    "preparation.material.submitted": "送审材料",
    "preparation.material.returned": "退回材料修改",
    "preparation.material.approved": "审阅通过材料",
    "preparation.template.added": "模板库新增模板",
    "preparation.opinion.entered": "登记意见建议",
    "preparation.box.opened": "开放网上意见箱",
    "preparation.box.closed": "关闭网上意见箱",
    "preparation.talk.recorded": "登记谈心谈话",
    "preparation.study.recorded": "登记学习研讨",
    "preparation.plan.saved": "保存实施方案",
}
