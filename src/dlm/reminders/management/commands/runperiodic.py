from django.core.management.base import BaseCommand

from dlm.campaigns.models import local_today
from dlm.core.jobs import KEPT_DAYS
from dlm.reminders.periodic import collect


class Command(BaseCommand):
    help = "生成逾期和即将到期事项的提醒（由 cron 或 systemd 定时器每天运行）"

    def handle(self, *args, **options):
        outcome = collect(local_today())
        self.stdout.write(
            f"新提醒 {outcome.created} 条，发送邮件 {outcome.mailed} 封，"
            f"评估材料 {outcome.assessed} 份，校正会议时限 {outcome.restored} 个，"
            f"清理{KEPT_DAYS}天前的后台文件 {outcome.pruned} 个"
        )
