"""One module per roster kind; ``ROSTER_KINDS`` is the order they are written in
(hamlets first, since the others refer to them)."""

from lacha.importing.kinds.addicts import ADDICTS
from lacha.importing.kinds.hamlets import HAMLETS
from lacha.importing.kinds.hotspots import HOTSPOTS
from lacha.importing.kinds.households import HOUSEHOLDS
from lacha.importing.kinds.models import MODELS
from lacha.importing.kinds.plants import PLANTS
from lacha.importing.kinds.post_rehab import POST_REHAB
from lacha.importing.kinds.suspects import SUSPECTS
from lacha.importing.kinds.users import USERS
from lacha.importing.kinds.violations import VIOLATIONS
from lacha.importing.kinds.ward import WARD_FIELDS, WARD_SHEET, WARD_TITLES

ROSTER_KINDS = (HAMLETS, HOUSEHOLDS, ADDICTS, USERS, POST_REHAB, VIOLATIONS, HOTSPOTS, SUSPECTS, MODELS, PLANTS)
BY_KIND = {k.kind: k for k in ROSTER_KINDS}

__all__ = ["ROSTER_KINDS", "BY_KIND", "WARD_FIELDS", "WARD_SHEET", "WARD_TITLES"]
