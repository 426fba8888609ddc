ACTIONS = {
    "organisations.organisation.created": "新增组织",
    "organisations.member.added": "新增班子成员",
    "organisations.member.changed": "修改班子成员",
    "organisations.account.created": "开通登录账号",
    "organisations.role.granted": "授予角色",
}
