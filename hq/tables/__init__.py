"""Every HQ table; importing this registers them all on HQModel.metadata."""

from hq.tables.allowances import HQAllowance, HQAllowanceLine
from hq.tables.back_office import HQAcknowledgement, HQAudit, HQUser, HQWebSession
from hq.tables.base import HQModel
from hq.tables.booklets import HQBooklet, HQBookletRange
from hq.tables.catalog import HQCustomer, HQProduct, HQStaff
from hq.tables.mof import HQMofDocument, HQMofResultFile
from hq.tables.orders import HQInvoice, HQOrder, HQOrderLine, HQPayment
from hq.tables.stations import HQCounter, HQStation

__all__ = [
    "HQAcknowledgement",
    "HQAllowance",
    "HQAllowanceLine",
    "HQAudit",
    "HQBooklet",
    "HQBookletRange",
    "HQCounter",
    "HQCustomer",
    "HQInvoice",
    "HQModel",
    "HQMofDocument",
    "HQMofResultFile",
    "HQOrder",
    "HQOrderLine",
    "HQPayment",
    "HQProduct",
    "HQStaff",
    "HQStation",
    "HQUser",
    "HQWebSession",
]
