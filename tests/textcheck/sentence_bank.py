"""A generator of material-like Chinese text, written for DLM (no seed sentences).

Used by the copy-finder tests and by bench/copycheck.py to build corpora with planted copies.
Sentences are drawn word by word from a vocabulary of the genre, so two generated documents
share no run of more than a few words unless a copy is planted.
"""

from __future__ import annotations

import random

WORDS = (  # noqa: SIM905 - a word list reads best as one spaced string
    "理论 学习 调研 基层 治理 安全 生产 意识 形态 廉洁 自律 作风 建设 民生 保障 营商 环境 应急 管理 "
    "信访 维稳 生态 环保 城市 干部 队伍 财务 项目 推进 落实 部署 督查 跟踪 问效 深入 一线 汇报 掌握 "
    "情况 全面 苗头 警觉 处置 及时 结合 指导 实践 能力 矛盾 上交 标准 群众 诉求 回应 风险 底数 防范 "
    "措施 制度 执行 变通 主动 谋划 责任 担当 统筹 协调 分管 领域 社区 街道 园区 村组 企业 服务 改革 "
    "创新 发展 质量 效率 规范 程序 台账 考核 评价 激励 约束 监督 纪律 规矩 组织 党员 支部 会议 研究 "
    "决策 方案 计划 进度 节点 成效 短板 弱项 差距 不足 问题 根源 思想 认识 态度 方法 本领 水平 素质 "
    "经验 做法 机制 长效 常态 专项 整治 排查 隐患 整改 销号 清单 目标 任务 要求 政策 宣传 解读 培训 "
    "指导 检查 抽查 通报 约谈 问责 追责 考察 提醒 谈话 走访 座谈 征求 意见 建议 反馈 答复 办理 办结"
).split()
CONNECTORS = ["，", "，", "，", "；", "、"]


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 14))
    body = ""
    for index, word in enumerate(words):
        body += word
        if index and index % rng.randint(2, 4) == 0 and index < len(words) - 1:
            body += rng.choice(CONNECTORS)
    month, day, count = rng.randint(1, 12), rng.randint(1, 28), rng.randint(2, 999)
    return f"{body}。比如{month}月{day}日{rng.choice(WORDS)}{rng.choice(WORDS)}用时{count}天。"


def document(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        line = "".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        parts.append(line)
        size += len(line) + 1
    return "\n".join(parts)
