"""Authentication backend that loads a user's roles together with the user.

Every view checks a role, so fetching the group names in the same query as
the user saves one query on every request.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.db.models import StringAgg, Value

from ruptures.forms import without_unstorable
from ruptures.models import User

ROLE_SEPARATOR = "\n"  # group names cannot contain a newline in the admin


class RoleAwareBackend(ModelBackend):
    def get_user(self, user_id: object) -> User | None:
        user = (
            User._default_manager.annotate(
                group_names=StringAgg("groups__name", Value(ROLE_SEPARATOR), default=Value(""))
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


# django-axes' AccessAttempt.username holds this much.
THROTTLE_USERNAME_CHARS = 255


def throttled_username(request: object, credentials: dict | None = None) -> str:
    """The name django-axes counts login failures under (AXES_USERNAME_CALLABLE).

    The login form does not cap the username's length, and its table cannot
    hold a NUL: as typed, with what cannot be stored made visible, cut to fit.
    """
    username = (credentials or {}).get("username")
    if username is None:
        username = getattr(request, "POST", {}).get("username", "")
    return without_unstorable(str(username))[:THROTTLE_USERNAME_CHARS]


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: a paused login is refused.

    Throttling is of requests: a call without one (a script, a test's
    `client.login()`) goes on to the next backend, where axes' own would raise.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
