"""Security headers on every response; a strict Content-Security-Policy on our HTML pages.

Responses are `Cache-Control: no-store` unless a route says otherwise (the widget script does):
answers, internal pages and FAQ results must not be kept by browsers or shared caches.
A route that sets its own Content-Security-Policy (the API docs) keeps it.
"""
from __future__ import annotations

# Pages load only our own script (widget.js) and never inline or third-party script.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
            "form-action 'self'")


class SecurityHeadersMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                ctype = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                         (b"cache-control", b"no-store")]
                if ctype.startswith(b"text/html"):
                    extra += [(b"content-security-policy", PAGE_CSP.encode()),
                              (b"x-frame-options", b"SAMEORIGIN")]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_wrapper)
