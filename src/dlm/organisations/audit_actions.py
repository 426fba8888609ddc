ACTIONS = {
    "organisations.organisation.created": "新增下级组织",
    "organisations.member.added": "新增班子成员",
    "organisations.member.changed": "修改班子成员",
}
