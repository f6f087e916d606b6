from django.apps import AppConfig


def _forget_deleted_page(sender: type, instance: object, **kwargs: object) -> None:
    from cms.site_cache import site_cache_clear

    site_cache_clear()


def _forget_changed_settings(sender: type, instance: object, created: bool = False, **kwargs: object) -> None:
    from cms.site_cache import site_cache_clear

    # A settings row is created with its defaults on first read: nothing shown has changed.
    if not created:
        site_cache_clear()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Cache invalidation only: the menu, the footer and the listings are cached
        # (cms/site_cache.py) and must be forgotten whenever what they show may have changed.
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from cms.models import Organisation, Resource, SiteSettings
        from cms.site_cache import content_cache_clear, site_cache_clear

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(site_cache_clear, dispatch_uid=f"site-cache-{signal}")
        post_save.connect(_forget_changed_settings, sender=SiteSettings, dispatch_uid="site-cache-settings-save")
        # Connected to Page only: a receiver without a sender would stop Django fast-deleting
        # any model, so every bulk delete (a quiz's ticked choices) would first SELECT its rows.
        # Deleting a specific page sends post_delete for its Page row too, so this hears every page.
        post_delete.connect(_forget_deleted_page, sender=Page, dispatch_uid="site-cache-page-delete")
        post_save.connect(site_cache_clear, sender=Site, dispatch_uid="site-cache-site-save")
        # A page made private must be private at once: the "no page is private" shortcut is cached.
        post_save.connect(site_cache_clear, sender=PageViewRestriction, dispatch_uid="site-cache-restriction-save")
        post_delete.connect(site_cache_clear, sender=PageViewRestriction, dispatch_uid="site-cache-restriction-del")
        post_delete.connect(site_cache_clear, sender=Site, dispatch_uid="site-cache-site-delete")
        # The directory's and the site search's listings (content_cached) read every organisation
        # and resource, and link to resources' documents; any change to one must show at once.
        for model in (Organisation, Resource, get_document_model()):
            post_save.connect(content_cache_clear, sender=model, dispatch_uid=f"site-cache-{model.__name__}-save")
            post_delete.connect(content_cache_clear, sender=model, dispatch_uid=f"site-cache-{model.__name__}-delete")
