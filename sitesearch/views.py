from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from cms.middleware import for_all_visitors
from sitesearch.selectors import SearchWordsMissing, search_words, site_search


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: everything the visitor may see that matches, grouped by kind."""
    text = request.GET.get("q", "")
    context: dict[str, object] = {"q": text.strip()[:200], "results": None, "problem": ""}
    if text.strip():
        try:
            context["results"] = site_search(q=search_words(text), request=request)
        except SearchWordsMissing as problem:
            context["problem"] = str(problem)
    # The results are the same for everyone (summaries only); kept whole for visitors not signed in.
    return for_all_visitors(TemplateResponse(request, "sitesearch/search.html", context))
