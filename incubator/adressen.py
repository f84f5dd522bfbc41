"""Web addresses shown as they really are: a look-alike host (Cyrillic "а" for Latin "a") shown in punycode.

A link text that shows a host must show the host the browser will actually visit. `раураl.com` reads as
`paypal.com` but is `xn--80aa0cbo65f.com`: where a host is not plain ASCII we show its punycode form, which no
look-alike letter survives. Bidi controls cannot be in stored text typed into the portal (incubator.guards).
"""

from urllib.parse import urlsplit


def echte_host(url: str) -> str:
    """The host of a URL as the browser resolves it: lower case, punycode for non-ASCII names."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host.encode("ascii", "backslashreplace").decode("ascii")  # not a valid name: show its code points


def leesbaar_adres(url: str) -> str:
    """A web address as people read it (no scheme, no "www.", no trailing slash), with its real host."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = echte_host(parts.geturl())
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    port = f":{parts.port}" if parts.port else ""
    return f"{host.removeprefix('www.')}{port}{rest}".rstrip("/")
