from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "sitesearch"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The search's results are cached (cms.site_cache.content_cached) until anything they show
        # changes: pages, organisations and resources are forgotten by cms.apps; workshops here.
        from django.db.models.signals import post_delete, post_save

        from cms.site_cache import content_cache_clear
        from workshops.models import Session, Workshop

        for model in (Workshop, Session):
            post_save.connect(content_cache_clear, sender=model, dispatch_uid=f"site-search-{model.__name__}-save")
            post_delete.connect(content_cache_clear, sender=model, dispatch_uid=f"site-search-{model.__name__}-delete")
