ACTIONS = {
    "preparation.material.created": "建立材料",
    "preparation.version.added": "提交材料新稿",
    "preparation.template.added": "模板库新增模板",
}
