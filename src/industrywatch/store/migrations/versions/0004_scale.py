"""Reading without scanning every claim: indexes on lower(column) for the case-insensitive filters, a
document's claims in text order, an analysis group's claims; claims counted per place and industry; each
analysis group's targets and contradictions, stale until `Store.refresh` computes them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LOWER = {
    "documents": ("doc_key", "lang"),
    "claims": ("base_region",),
    "targets": ("region",),
    "contradictions": ("region",),
}
IN_ORDER = ("region", "industry", "metric")  # claims: lower(column), then in document order
SERIES = (
    sa.Column("region", sa.String(length=256), nullable=True),
    sa.Column("industry", sa.String(length=128), nullable=True),
    sa.Column("product", sa.String(length=256), nullable=True),
    sa.Column("organization", sa.String(length=256), nullable=True),
    sa.Column("metric", sa.String(length=64), nullable=False),
    sa.Column("label", sa.Text(), nullable=False),
)


def upgrade() -> None:
    for column in ("region", "industry", "metric", "modality", "document_id"):
        op.drop_index(f"ix_claims_{column}", table_name="claims")
    op.create_index("ix_claims_document_id", "claims", ["document_id", "start"])
    op.create_index("ix_claims_group", "claims", ["metric", "industry", "product"])
    op.create_table(
        "place_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=256), nullable=False),
        sa.Column("industry", sa.String(length=128), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_place_counts"),
        sa.UniqueConstraint("region", "industry", name="uq_place_counts_region_industry"),
    )
    op.create_table(
        "analysis_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("industry", sa.String(length=128), nullable=False),
        sa.Column("product", sa.String(length=256), nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("analysed", sa.Integer(), nullable=False),
        sa.Column("targets", sa.Integer(), nullable=False),
        sa.Column("contradictions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_analysis_groups"),
        sa.UniqueConstraint("industry", "product", "metric", name="uq_analysis_groups_industry"),
    )
    group = sa.Column("group_id", sa.Integer(), nullable=False)
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        group,
        *(c.copy() for c in SERIES),
        sa.Column("deadline", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("latest", sa.Text(), nullable=True),
        sa.Column("required_rate", sa.Float(), nullable=True),
        sa.Column("observed_rate", sa.Float(), nullable=True),
        sa.Column("projected", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["analysis_groups.id"],
            name="fk_targets_group_id_analysis_groups",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_targets"),
    )
    op.create_index("ix_targets_group_id", "targets", ["group_id"])
    op.create_index("ix_targets_label", "targets", ["label", "deadline"])
    op.create_table(
        "contradictions",
        sa.Column("id", sa.Integer(), nullable=False),
        group.copy(),
        *(c.copy() for c in SERIES),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("a", sa.Text(), nullable=False),
        sa.Column("b", sa.Text(), nullable=False),
        sa.Column("gap", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["analysis_groups.id"],
            name="fk_contradictions_group_id_analysis_groups",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_contradictions"),
    )
    op.create_index("ix_contradictions_group_id", "contradictions", ["group_id"])
    op.create_index("ix_contradictions_label", "contradictions", ["label", "period"])
    for table, columns in LOWER.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}_lower", table, [sa.text(f"lower({column})")])
    for column in IN_ORDER:
        in_order = [sa.text(f"lower({column})"), "document_id", "start"]
        op.create_index(f"ix_claims_{column}_lower", "claims", in_order)
    filters = [sa.text(f"lower({column})") for column in ("region", "metric", "industry", "modality")]
    op.create_index("ix_claims_filters", "claims", [*filters, "period"])
    # What the stored claims already hold: their counts, and every group stale.
    op.execute(
        "INSERT INTO place_counts (region, industry, claims) SELECT coalesce(region, ''), "
        "coalesce(industry, ''), count(*) FROM claims GROUP BY coalesce(region, ''), coalesce(industry, '')"
    )
    op.execute(
        "INSERT INTO analysis_groups (industry, product, metric, changes, analysed, targets, contradictions) "
        "SELECT DISTINCT coalesce(industry, ''), coalesce(product, ''), metric, 1, 0, 0, 0 FROM claims"
    )


def downgrade() -> None:
    for table in ("contradictions", "targets", "analysis_groups", "place_counts"):
        op.drop_table(table)
    for table, columns in LOWER.items():
        if table in ("documents", "claims"):
            for column in columns:
                op.drop_index(f"ix_{table}_{column}_lower", table_name=table)
    for column in IN_ORDER:
        op.drop_index(f"ix_claims_{column}_lower", table_name="claims")
    op.drop_index("ix_claims_filters", table_name="claims")
    op.drop_index("ix_claims_group", table_name="claims")
    op.drop_index("ix_claims_document_id", table_name="claims")
    for column in ("document_id", "industry", "metric", "modality", "region"):
        op.create_index(f"ix_claims_{column}", "claims", [column])
