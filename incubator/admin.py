from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Dutch titles for the programme team's beheer.
admin.site.site_header = _("Beheer van de minigids en het incubatorprogramma")
admin.site.site_title = _("Beheer minigids")
admin.site.index_title = _("Beheer")

# One login for every way to enter a password: the admin's own login form would bypass allauth's rate limits, so it
# sends people to allauth's login (and refuses logged-in people who are not staff). Its password change form is
# replaced by allauth's in incubator/urls.py for the same reason.
admin.site.login = secure_admin_login(admin.site.login)
