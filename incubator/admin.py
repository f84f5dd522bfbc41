from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Dutch titles for the programme team's beheer.
admin.site.site_header = _("Beheer van de minigids en het incubatorprogramma")
admin.site.site_title = _("Beheer minigids")
admin.site.index_title = _("Beheer")
