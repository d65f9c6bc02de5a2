from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from thidua.api.deps import SessionDep, SignedInActor
from thidua.auth import service
from thidua.auth.policy import PUBLIC
from thidua.auth.schemas import Me, PasswordChange, Token
from thidua.units.models import Unit

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/token",
    name="auth_login",
    summary="Đăng nhập (OAuth2 password flow) và nhận mã truy cập JWT",
    dependencies=[Depends(PUBLIC)],
)
def login(
    request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> Token:
    settings = request.app.state.settings
    client_ip = request.client.host if request.client else "unknown"
    token = service.login(session, settings, form.username, form.password, client_ip)
    return Token(access_token=token, expires_in=settings.access_token_minutes * 60)


@router.get("/me", name="auth_me", summary="Thông tin tài khoản đang đăng nhập")
def me(actor: SignedInActor, session: SessionDep) -> Me:
    unit = session.get(Unit, actor.user.unit_id) if actor.user.unit_id else None
    return Me(
        id=actor.id,
        login=actor.login,
        full_name=actor.user.full_name,
        roles=sorted(r.value for r in actor.roles),
        unit_id=actor.user.unit_id,
        unit_name=unit.name if unit else None,
        permissions=[p.value for p in actor.permissions],
    )


@router.post(
    "/password",
    status_code=204,
    response_class=Response,
    name="auth_change_password",
    summary="Đổi mật khẩu của chính mình (các phiên đăng nhập cũ hết hiệu lực)",
)
def change_password(body: PasswordChange, actor: SignedInActor, session: SessionDep) -> Response:
    service.change_password(session, actor, body.current_password, body.new_password)
    return Response(status_code=204)
