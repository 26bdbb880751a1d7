"""Template context shared by every page: the signed-in user's roles."""

from django.http import HttpRequest

from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE


def roles(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_trainee": user.has_role(TRAINEE),
        "is_supervisor": user.has_role(SUPERVISOR),
        "is_program_admin": user.has_role(PROGRAM_ADMIN),
    }
