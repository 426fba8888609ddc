ACTIONS = {
    "reminders.calendar.renewed": "更换日历订阅地址",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "reminders.calendar.renewed": "更换日历订阅地址",
}
