"""Sheet 工作室: every studio with its support period and construction-subsidy cap, its state,
acceptance with the plaque (第十二条) and the decision that ended its title (第十七、十八条)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.exports.registry import Row, Sheet
from storage.exports.sheets import labels
from storage.models import AcceptanceRow, RevocationRow, Studio


async def _rows(session: AsyncSession) -> Sequence[Row]:
    stmt = select(
        Studio.name,
        Studio.category,
        Studio.leader_name,
        Studio.unit_name,
        Studio.division,
        Studio.approved_on,
        Studio.support_ends_on,
        Studio.construction_cap,
        Studio.source,
        Studio.status,
        Studio.contact_user_id,
        Studio.master_user_id,
        AcceptanceRow.accepted_on,
        RevocationRow.ground,
        RevocationRow.document_number,
        RevocationRow.decided_on,
        RevocationRow.decided_by,
        RevocationRow.equipment_to_recover,
    )
    stmt = (
        stmt.outerjoin(AcceptanceRow, AcceptanceRow.studio_id == Studio.id)
        .outerjoin(RevocationRow, RevocationRow.studio_id == Studio.id)
        .order_by(Studio.approved_on, Studio.id)
    )
    return [
        (
            r.name,
            labels.category(r.category),
            r.leader_name,
            r.unit_name,
            labels.division(r.division),
            r.approved_on,
            r.support_ends_on,
            r.construction_cap,
            labels.SOURCE.get(r.source, r.source),
            labels.status(r.status),
            labels.YES_NO[r.contact_user_id is not None],
            labels.YES_NO[r.master_user_id is not None],
            r.accepted_on,
            labels.ground(r.ground),
            r.document_number,
            r.decided_on,
            r.decided_by,
            r.equipment_to_recover,
        )
        for r in await session.execute(stmt)
    ]


SHEET = Sheet(
    order=20,
    title="工作室",
    headers=(
        "工作室名称",
        "类别",
        "领办人",
        "所在单位",
        "所属区县",
        "批准日期",
        "扶持期截止",
        "建设补助上限（元）",
        "来源",
        "状态",
        "已绑定联系人",
        "已绑定领办人",
        "验收合格日期（第十二条）",
        "撤销依据（第十七条）",
        "撤销文号",
        "撤销决定日期",
        "决定机关（第十八条）",
        "收回设备",
    ),
    rows=_rows,
)
