ACTIONS = {
    "preparation.material.created": "建立材料",
    "preparation.version.added": "提交材料新稿",
    "preparation.material.submitted": "送审材料",
    "preparation.material.returned": "退回材料修改",
    "preparation.material.approved": "审阅通过材料",
    "preparation.material.commented": "批注材料",
    "preparation.template.added": "模板库新增模板",
    "preparation.opinion.entered": "登记意见建议",
    "preparation.box.opened": "开放网上意见箱",
    "preparation.box.closed": "关闭网上意见箱",
    "preparation.talk.recorded": "登记谈心谈话",
    "preparation.study.recorded": "登记学习研讨",
    "preparation.case.recorded": "登记典型事例",
    "preparation.plan.saved": "保存实施方案",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "preparation.material.created": "建立{target}",
    "preparation.version.added": "提交{target}第{number}稿（{chars}字）",
    "preparation.material.submitted": "将{target}送审",
    "preparation.material.returned": "审阅{target}第{version}稿，退回修改{comment_}",
    "preparation.material.approved": "审阅{target}第{version}稿，同意{comment_}",
    "preparation.material.commented": "批注{target}第{version}稿：“{quote}”",
    "preparation.template.added": "模板库新增《{title}》",
    "preparation.opinion.entered": "登记关于{about}的意见建议",
    "preparation.box.opened": "开放网上意见箱",
    "preparation.box.closed": "关闭网上意见箱",
    "preparation.talk.recorded": "登记谈心谈话（{kind}，与{with}）",
    "preparation.study.recorded": "登记学习研讨：{title}",
    "preparation.case.recorded": "登记典型事例：{title}",
    "preparation.plan.saved": "保存实施方案第{version}版",
}
