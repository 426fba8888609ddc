ACTIONS = {
    "supervision.urging.sent": "发出督办",
    "supervision.urging.answered": "答复督办",
}

# How the history says it (core.logdisplay): {key} from the entry's data.
SENTENCES = {
    "supervision.urging.sent": "发出{级别}：{事项}{期限说明}",
    "supervision.urging.answered": "答复{级别}：{答复}",
}
