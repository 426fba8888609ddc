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
    "organisations.account.password_changed": "本人修改密码",
    "organisations.member.left": "班子成员离任",
    "organisations.member.moved": "班子成员调任",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "organisations.organisation.created": "新增组织{name}（{kind}）",
    "organisations.member.added": "新增班子成员{姓名}（{position}）",
    "organisations.member.changed": "修改班子成员{target}{changes}",
    "organisations.account.created": "为{target}开通登录账号 {登录名}{username}",
    "organisations.role.granted": "授予{target}{角色}{role}角色（{登录名}{username}）",
    "organisations.role.withdrawn": "撤销{target}的{角色}角色（{登录名}）",
    "organisations.person.added": "新增人员{姓名}{职务_}",
    "organisations.account.deactivated": "停用{target}的登录账号 {登录名}{理由_}",
    "organisations.account.reactivated": "恢复{target}的登录账号 {登录名}",
    "organisations.account.password_reset": "为{target}重置登录密码",
    "organisations.account.password_changed": "修改本人登录密码",
    "organisations.member.left": "{姓名}（{职务}）离任{移交_}",
    "organisations.member.moved": "{姓名}由{从}调任{到}",
}
