"""The claim ledger: who said how many of what, and when a figure moved. Pure: claims in, lines out."""

from bot.analysis.claims.ledger import ClaimRecord, LedgerLine, Status, build_ledger, quantity_of
from bot.analysis.claims.notices import change_line
from bot.analysis.claims.sources import SourceNames

__all__ = ["ClaimRecord", "LedgerLine", "SourceNames", "Status", "build_ledger", "change_line", "quantity_of"]
