"""One complete studio application as the page sends it: (path, value) answers and files.

The same application as tests/handlers/application_script.py fills in the chat, with choices
sent as the values behind the buttons.
"""

from __future__ import annotations

from tests.handlers.application_script import CREDIT_CODE, JPEG, MASTER_ID, PDF, xlsx

GROUPS = ("honours", "team", "equipment")
"""Groups get an entry added (POST …/items) before their first member is answered."""

ANSWERS: list[tuple[str, str]] = [
    ("studio_name", "星光数控技能大师工作室"),
    ("category", "modern_tech"),
    ("sector", "strategic_emerging"),
    ("master_name", "张三"),
    ("master_id", MASTER_ID),
    ("master_mobile", "13800000000"),
    ("master_trade", "数控车工"),
    ("master_level", "technician"),
    ("master_cert_no", "S2019-000123"),
    ("master_title", "none"),
    ("master_own_trade", "yes"),
    ("master_healthy", "yes"),
    ("master_daily_work", "yes"),
    ("master_r1", "yes"),
    ("master_r2", "no"),
    ("master_r3", "no"),
    ("master_apprentices", "25"),
    ("honours.0.name", "郑州市技术能手"),
    ("honours.0.year", "2021"),
    ("unit_name", "郑州星光精密机械有限公司"),
    ("unit_credit_code", CREDIT_CODE),
    ("host_type", "enterprise"),
    ("division", "jinshui"),
    ("unit_address", "郑州市金水区星光路1号"),
    ("legal_rep", "王五"),
    ("contact_name", "赵六"),
    ("contact_mobile", "13900000000"),
    ("talents_3y", "36"),
    ("unit_policies", "建立了技能人才培养、评价、使用和激励制度。"),
    ("team.0.name", "李四"),
    ("team.0.trade", "数控铣工"),
    ("team.0.level", "senior"),
    ("space_m2", "120"),
    ("equipment.0.name", "五轴加工中心"),
    ("equipment.0.quantity", "1"),
    ("equipment.0.cost", "85万"),
    ("commit_funds", "20万"),
]

FILES: list[tuple[str, str, bytes]] = [
    ("report", "申报报告.pdf", PDF),
    ("plan", "实施方案.pdf", PDF),
    ("equipment_list", "设备清单.xlsx", xlsx()),
    ("experts", "专家名单.pdf", PDF),
    ("certificates", "证书.jpg", JPEG),
    ("unit_qualification", "营业执照.pdf", PDF),
    ("commitment", "承诺书.pdf", PDF),
]
