"""Who is asking: a coach, known by an API token.

API clients send `Authorization: Bearer TOKEN`; the page takes the token once (the /login
form, or `?token=` on the first visit, which is then dropped from the address) and keeps it
in an HttpOnly, SameSite=Strict cookie that scripts cannot read and other sites cannot
make the browser send. Tokens are stored as their SHA-256 hash only. With `--no-auth`
(allowed on a loopback address only) every request is the one local coach.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import HTTPException, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hybridplan.service.planning import Service

COOKIE = "hybridplan_token"
MAX_TOKEN = 200
TOKEN_CHARS = re.compile(r"[A-Za-z0-9_.~+/=-]+")


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def presented_token(request: Request) -> str | None:
    """The token the request carries: the Authorization header first, then the cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE) or None


def plausible(token: str) -> bool:
    """A token as `hybridplan token create` makes them (URL-safe base64) could be this:
    anything else is refused before it is looked up or put in a cookie (a cookie holds
    Latin-1 only: a right-to-left mark in a typed token was a 500)."""
    return 0 < len(token) <= MAX_TOKEN and TOKEN_CHARS.fullmatch(token) is not None


async def coach_of(request: Request, token: str | None = None) -> int | None:
    """The coach behind the request (or behind `token`), or None."""
    svc = service(request)
    if token is not None and not plausible(token):
        return None
    if svc.settings.no_auth:
        return svc.local_coach
    token = token if token is not None else presented_token(request)
    if not token or len(token) > MAX_TOKEN:
        return None
    return await svc.db(svc.store.coach_for_token, token)


# Declares the bearer scheme in the OpenAPI document (clients and fuzzers read it); the
# token itself is read by coach_of, which also takes the page's cookie.
BEARER = HTTPBearer(auto_error=False, description="an API token: hybridplan token create NAME")


async def api_coach(
    request: Request,
    _declared: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)] = None,
) -> int:
    """FastAPI dependency of every /v1 endpoint: the coach, or 401."""
    coach = await coach_of(request)
    if coach is None:
        raise HTTPException(
            status_code=401,
            detail="a valid API token is required: Authorization: Bearer TOKEN "
            "(make one with `hybridplan token create NAME`)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return coach


def keep_token(response: Response, request: Request, token: str) -> None:
    """Put the page's token in its cookie (Secure when served over HTTPS)."""
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=30 * 24 * 3600,
        path="/",
    )


def forget_token(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
