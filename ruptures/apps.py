from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class RupturesConfig(AppConfig):
    name = "ruptures"
    verbose_name = "Rupture & Repair Studio"


class RupturesAdminConfig(AdminConfig):
    """django.contrib.admin with a site that lets superusers in and nobody else."""

    default_site = "ruptures.admin_site.SuperuserAdminSite"
