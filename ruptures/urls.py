from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ruptures.views import common

app_patterns = (
    [
        path("", common.home, name="home"),
        path("practice/", common.practice_home, name="practice_home"),
        path("cohort/", common.cohort_home, name="cohort_home"),
        path("authoring/", common.authoring_home, name="authoring_home"),
    ],
    "ruptures",
)

urlpatterns = [
    path("", include(app_patterns)),
    path("accounts/login/", common.login_view, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
]
