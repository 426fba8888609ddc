ACTIONS = {
    "organisations.organisation.created": "新增组织",
    "organisations.member.added": "新增班子成员",
    "organisations.member.changed": "修改班子成员",
    "organisations.account.created": "开通登录账号",
    "organisations.role.granted": "授予角色",
    "organisations.role.withdrawn": "撤销角色",
    "organisations.person.added": "新增人员",
    "organisations.account.deactivated": "停用登录账号",
    "organisations.account.reactivated": "恢复登录账号",
    "organisations.account.password_reset": "重置登录密码",
    "organisations.member.left": "班子成员离任",
    "organisations.member.moved": "班子成员调任",
}
