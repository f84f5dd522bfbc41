"""What the browser tests share."""

from django.test import Client


def log_in(page, url: str, user) -> None:
    """Give the browser `user`'s session, as after logging in, in place of any cookies it had."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])
