from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ruptures.views import authoring, common, supervisor, trainee

app_patterns = (
    [
        path("", common.home, name="home"),
        path("how-scoring-works/", common.how_scoring_works, name="how_scoring_works"),
        path("practice/", trainee.practice_home, name="practice_home"),
        path("practice/<slug:slug>/start/", trainee.attempt_start, name="attempt_start"),
        path("attempts/<int:pk>/", trainee.attempt_detail, name="attempt_detail"),
        path("attempts/<int:pk>/recognise/", trainee.attempt_recognise, name="attempt_recognise"),
        path("attempts/<int:pk>/steps/<str:step>/", trainee.attempt_step, name="attempt_step"),
        path(
            "attempts/<int:pk>/steps/<str:step>/draft/",
            trainee.attempt_step_draft,
            name="attempt_step_draft",
        ),
        path("attempts/<int:pk>/summary/", trainee.attempt_summary, name="attempt_summary"),
        path("progress/", trainee.progress_page, name="progress"),
        path("cohort/", supervisor.cohort_home, name="cohort_home"),
        path("authoring/", authoring.authoring_home, name="authoring_home"),
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
