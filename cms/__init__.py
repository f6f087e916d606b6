"""The Wagtail site: home page, standard pages, site settings, navigation."""
