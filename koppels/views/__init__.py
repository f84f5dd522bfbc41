"""Koppel pages: Mijn koppels, a koppel's route and its actions, obstacles, invitations, the route as PDF.

Every view fetches koppels through Koppel.objects.for_user, so a koppel that is not yours is a 404. Changes are
POST only; htmx requests get the changed partial (plus out-of-band progress), others a 303 redirect back.
"""

from koppels.views.acties import actie_detail
from koppels.views.obstakels import obstakel_create, obstakel_detail, obstakel_update
from koppels.views.pdf import route_pdf
from koppels.views.route import actie_status, koppel_detail, koppel_list
from koppels.views.uitnodigingen import uitnodiging_accept, uitnodiging_create, uitnodiging_resend, uitnodiging_revoke
from koppels.views.vervallen import actie_vervallen

__all__ = [
    "actie_detail",
    "actie_status",
    "actie_vervallen",
    "koppel_detail",
    "koppel_list",
    "obstakel_create",
    "obstakel_detail",
    "obstakel_update",
    "route_pdf",
    "uitnodiging_accept",
    "uitnodiging_create",
    "uitnodiging_resend",
    "uitnodiging_revoke",
]
