"""Template context shared by every page: the signed-in user's roles, a supervisor's queue size."""

from django.http import HttpRequest

from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE, Attempt


def roles(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context: dict[str, object] = {
        "is_trainee": user.has_role(TRAINEE),
        "is_supervisor": user.has_role(SUPERVISOR),
        "is_program_admin": user.has_role(PROGRAM_ADMIN),
    }
    if context["is_supervisor"]:
        # A callable: the template calls it only where the navigation is drawn,
        # so an htmx fragment costs no query for it.
        context["review_queue_count"] = (
            Attempt.objects.for_supervisor(user).for_review_queue().count
        )
    return context
