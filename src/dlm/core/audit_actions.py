ACTIONS = {
    "core.session.logged_in": "登录",
    "core.session.login_failed": "登录失败",
}
