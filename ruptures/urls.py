from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ruptures.views import authoring, common, reports, supervisor, trainee, trainee_review

app_patterns = (
    [
        path("", common.home, name="home"),
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
        path("journal/", trainee_review.journal_page, name="journal"),
        path("journal/<int:pk>/share/", trainee_review.journal_share, name="journal_share"),
        path(
            "attempts/<int:pk>/steps/<str:step>/review-request/",
            trainee_review.review_request,
            name="review_request",
        ),
        path("cohort/", supervisor.cohort_home, name="cohort_home"),
        path("cohort/trainees/<int:pk>/", supervisor.trainee_detail, name="trainee_detail"),
        path("review/", supervisor.review_queue, name="review_queue"),
        path("review/attempts/<int:pk>/", supervisor.review_attempt, name="review_attempt"),
        path(
            "review/attempts/<int:pk>/steps/<str:step>/",
            supervisor.review_step,
            name="review_step",
        ),
        path("review/agreement/", reports.agreement, name="agreement"),
        path("cohort/<int:pk>/export.csv", reports.cohort_export, name="cohort_export"),
        path("review/export/dictionary/", reports.data_dictionary, name="data_dictionary"),
        path(
            "review/export/dictionary.csv",
            reports.data_dictionary_csv,
            name="data_dictionary_csv",
        ),
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
