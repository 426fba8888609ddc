from django.core.management.base import BaseCommand

from dlm.demo import world


class Command(BaseCommand):
    help = "Build the demo world once (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if world.exists():
            self.stdout.write("演示数据已存在，未重复创建。")
        else:
            world.build()
            self.stdout.write(self.style.SUCCESS("演示数据已创建。"))
        self.stdout.write("\n演示账号（密码相同）：")
        for login in world.LOGINS:
            self.stdout.write(f"  {login.username:<15} {login.password}   {login.who}")
        self.stdout.write("\n打开本站地址登录（make run 为 http://127.0.0.1:8000/）。")
