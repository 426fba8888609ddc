ACTIONS = {
    "reminders.calendar.renewed": "更换日历订阅地址",
}
