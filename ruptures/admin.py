from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ruptures.models import (
    Attempt,
    Cohort,
    Review,
    ReviewRequest,
    Scenario,
    ScenarioVersion,
    Step,
    StepDraft,
    StepResponse,
    StepReview,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff"]


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["order", "name", "prompt"]
    readonly_fields = fields
    can_delete = False


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "slug",
        "rupture_type",
        "difficulty",
        "setting",
        "status",
        "updated_at",
    ]
    list_filter = ["status", "rupture_type", "difficulty", "setting"]
    search_fields = ["title", "slug"]
    readonly_fields = ["current_version", "created_at", "updated_at"]


@admin.register(ScenarioVersion)
class ScenarioVersionAdmin(admin.ModelAdmin):
    list_display = ["scenario", "number", "rupture_type", "difficulty", "created_at"]
    list_filter = ["rupture_type", "difficulty", "setting"]
    search_fields = ["scenario__slug", "title"]
    list_select_related = ["scenario"]
    inlines = [StepInline]
    readonly_fields = ["content_hash", "created_at"]


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["version", "name", "order"]
    list_filter = ["name"]
    search_fields = ["version__scenario__slug", "prompt"]
    list_select_related = ["version__scenario"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "supervisor", "created_at"]
    list_filter = ["supervisor"]
    search_fields = ["name"]
    filter_horizontal = ["trainees", "scenarios"]
    list_select_related = ["supervisor"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = [
        "trainee",
        "version",
        "status",
        "recognition_score",
        "total_score",
        "started_at",
    ]
    list_filter = ["status", "difficulty_rating", "version__rupture_type", "version__difficulty"]
    search_fields = ["trainee__username", "version__scenario__slug"]
    list_select_related = ["trainee", "version__scenario"]
    date_hierarchy = "started_at"


@admin.register(StepResponse)
class StepResponseAdmin(admin.ModelAdmin):
    list_display = ["attempt", "step", "try_number", "level", "score", "submitted_at"]
    list_filter = ["level", "step__name", "engine_version"]
    search_fields = ["attempt__trainee__username", "text"]
    list_select_related = ["attempt__trainee", "attempt__version__scenario", "step"]
    date_hierarchy = "submitted_at"


@admin.register(StepDraft)
class StepDraftAdmin(admin.ModelAdmin):
    list_display = ["attempt", "step", "updated_at"]
    list_select_related = ["attempt__trainee", "attempt__version__scenario", "step"]


class StepReviewInline(admin.TabularInline):
    model = StepReview
    extra = 0
    fields = ["step", "level", "comment", "version", "updated_by", "updated_at"]
    raw_id_fields = ["step", "response", "updated_by"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["attempt", "updated_by", "version", "seen_version", "updated_at"]
    list_filter = ["updated_by"]
    search_fields = ["comment", "attempt__trainee__username"]
    list_select_related = ["updated_by", "attempt__trainee", "attempt__version__scenario"]
    raw_id_fields = ["attempt", "updated_by"]
    inlines = [StepReviewInline]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ["attempt", "step", "requested_at", "answered_at"]
    list_select_related = ["attempt__trainee", "attempt__version__scenario", "step"]
    raw_id_fields = ["attempt", "step"]
