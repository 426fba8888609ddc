ACTIONS = {
    "core.session.logged_in": "登录",
    "core.session.login_failed": "登录失败",
    "core.session.locked_out": "登录因多次输错密码暂停",
    "core.job.started": "请求生成",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "core.session.logged_in": "登录系统",
    "core.session.login_failed": "以登录名 {username} 登录失败",
    "core.session.locked_out": "登录名 {username} 多次输错密码，登录暂停15分钟",
    "core.job.started": "请求生成{title}",
}
