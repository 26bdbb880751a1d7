from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from ruptures.views import common, reports, supervisor, trainee, trainee_review
from ruptures.views.authoring import imports, library, people, rubric, versions

authoring_patterns = [
    path("", library.authoring_home, name="authoring_home"),
    path("new-scenario/", library.scenario_create, name="scenario_create"),
    path("new-scenario/preview/", library.scenario_preview, name="scenario_create_preview"),
    path("new-scenario/check/", library.scenario_check, name="scenario_create_check"),
    path("scenarios/<slug:slug>/", library.scenario_edit, name="scenario_edit"),
    path("scenarios/<slug:slug>/preview/", library.scenario_preview, name="scenario_preview"),
    path("scenarios/<slug:slug>/check/", library.scenario_check, name="scenario_check"),
    path("scenarios/<slug:slug>/status/", versions.scenario_status, name="scenario_status"),
    path("scenarios/<slug:slug>/history/", versions.scenario_history, name="scenario_history"),
    path(
        "scenarios/<slug:slug>/versions/<int:number>/",
        versions.scenario_version,
        name="scenario_version",
    ),
    path(
        "scenarios/<slug:slug>/versions/<int:number>/restore/",
        versions.scenario_restore,
        name="scenario_restore",
    ),
    path("scenarios/<slug:slug>/export/", versions.scenario_export, name="scenario_export"),
    path("export/", versions.library_export, name="library_export"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/<uuid:pk>/", imports.import_batch, name="import_batch"),
    path("rubric/", rubric.rubric_home, name="rubric_home"),
    path("rubric/pitfalls/", rubric.rubric_pitfalls, name="rubric_pitfalls"),
    path("rubric/scoring/", rubric.rubric_scoring, name="rubric_scoring"),
    path("rubric/versions/<int:number>/", rubric.rubric_version, name="rubric_version"),
    path("rubric/versions/<int:number>/restore/", rubric.rubric_restore, name="rubric_restore"),
    path("rubric/<str:step>/", rubric.rubric_step, name="rubric_step"),
    path("rubric/<str:step>/preview/", rubric.rubric_step_preview, name="rubric_step_preview"),
    path("rubric/<str:step>/check/", rubric.rubric_step_check, name="rubric_step_check"),
    path("people/", people.people_home, name="people_home"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/active/", people.person_active, name="person_active"),
    path("people/<int:pk>/link/", people.person_link, name="person_link"),
    path("people/<int:pk>/role/", people.person_role, name="person_role"),
    path("people/<int:pk>/export/", people.person_export, name="person_export"),
    path("people/<int:pk>/delete/", people.person_delete, name="person_delete"),
    path("cohorts/", people.cohorts_home, name="cohorts_home"),
    path("cohorts/new/", people.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", people.cohort_edit, name="cohort_edit"),
]

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
        path("journal/", trainee_review.journal_page, name="journal"),
        path("journal/<int:pk>/share/", trainee_review.journal_share, name="journal_share"),
        path(
            "attempts/<int:pk>/steps/<str:step>/review-request/",
            trainee_review.review_request,
            name="review_request",
        ),
        path("cohort/", supervisor.cohort_home, name="cohort_home"),
        path("authoring/", include(authoring_patterns)),
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
    # The one-time link a new user chooses their password with (no login needed).
    path(
        "accounts/set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/set_password.html",
            success_url=reverse_lazy("password_set_done"),
        ),
        name="password_set",
    ),
    path(
        "accounts/set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/set_password_done.html"
        ),
        name="password_set_done",
    ),
    path("admin/", admin.site.urls),
]

# A database outage met outside a view (reading the session) is a 503, not a 500.
handler500 = "ruptures.views.errors.server_error"
