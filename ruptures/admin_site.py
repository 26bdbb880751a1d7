"""The Django admin's site, open to superusers only.

The admin edits any row directly (an answer, a score, a group), so it is kept
for data repair by superusers. Program admins author in the studio's own pages,
which never let them change their own permissions; staff status alone neither
signs anyone in here nor opens a page.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpRequest


class SuperuserAuthenticationForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user: object) -> None:
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class SuperuserAdminSite(admin.AdminSite):
    site_header = "Rupture & Repair Studio: data repair"
    login_form = SuperuserAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser
