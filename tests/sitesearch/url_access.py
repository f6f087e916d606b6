# Site search shows only what a visitor may already see; it names no object.
PUBLIC = {"sitesearch.views.search"}
