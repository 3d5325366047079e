"""One module per kind of check. ``KINDS`` maps the YAML ``kind:`` to its rule class."""

from __future__ import annotations

from ..base import Rule
from .concepts import ConceptRule
from .empty_section import EmptySectionRule
from .existence import ExistenceRule
from .goals import GoalRule
from .measures import MeasureRule
from .metadata import MetadataRule
from .period import PeriodRule
from .personnummer import PersonnummerRule
from .questions import QuestionRule
from .required_headings import RequiredHeadingsRule
from .summary import SummaryRule
from .table_empty import TableEmptyRule
from .table_sum import TableSumRule
from .toc import TocRule

KINDS: dict[str, type[Rule]] = {
    "concepts": ConceptRule,
    "period": PeriodRule,
    "empty_section": EmptySectionRule,
    "toc": TocRule,
    "table_empty": TableEmptyRule,
    "table_sum": TableSumRule,
    "questions": QuestionRule,
    "existence": ExistenceRule,
    "metadata": MetadataRule,
    "personnummer": PersonnummerRule,
    "required_headings": RequiredHeadingsRule,
    "summary": SummaryRule,
    "goals": GoalRule,
    "measures": MeasureRule,
}
