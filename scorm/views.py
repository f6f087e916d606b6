"""The player page, and the commit endpoint it posts the runtime's CMI to.

scorm-again's final commit goes with `navigator.sendBeacon` as text/plain with
no custom headers, so there is no CSRF header to check: instead the body
carries the signed per-attempt token, the session must be the token's member,
and the `Origin` header must be the platform's own origin.
"""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from courses.api import module_live
from scorm.selectors import scorm_placements
from scorm.services import AttemptError, attempt_commit, player_launch, suspend_data_limit
from scorm.tokens import commit_token_read

# How often the player commits while the learner works (scorm-again's autocommit
# after a value changes); the final commit goes when the page is hidden or closed.
AUTOCOMMIT_SECONDS = 15


@login_required
@require_GET
def player(request: HttpRequest, module_id: int, package_id: int) -> HttpResponse:
    module = module_live(module_id)
    # A module places a package once; the first placement is the one played.
    placement = next((p for p in scorm_placements(module) if p.package_id == package_id), None) if module else None
    if module is None or placement is None:
        raise Http404
    assert isinstance(request.user, User)  # guaranteed by @login_required
    try:
        launch = player_launch(
            member=request.user, module=module, placement=placement, sco_identifier=request.GET.get("sco", "")
        )
    except AttemptError as error:
        messages.error(request, str(error))
        return redirect(module.url)
    folder = launch.package.folder
    runtime_url = f"{settings.SCORM_CONTENT_ORIGIN}/scorm-runtime/{folder}/?" + urlencode(
        {"launch": launch.sco["launch"]}
    )
    config = {
        "version": launch.package.version,
        "commitUrl": reverse("scorm:commit"),
        "token": launch.token,
        "sequence": launch.sequence,
        "sco": launch.sco["identifier"],
        "session": launch.session,
        "resume": launch.resume,
        "contentOrigin": settings.SCORM_CONTENT_ORIGIN,
        "runtimeUrl": runtime_url,
        "autocommitSeconds": AUTOCOMMIT_SECONDS,
        "suspendDataLimit": suspend_data_limit(),
        "moduleUrl": module.url,
        # SCORM 2004 sequencing: the engine's settings and the state it left (see docs/scorm.md).
        "sequencing": launch.package.sequencing or None,
        "sequencingState": launch.attempt.sequencing_state,
        "globalObjectives": launch.global_objectives,
        "resumeAttempt": launch.resume_attempt,
        "fresh": launch.fresh,
    }
    return render(
        request,
        "scorm/player.html",
        {"module": module, "launch": launch, "config": config, "attempt": launch.attempt},
    )


def _refuse(message: str, status: int) -> JsonResponse:
    return JsonResponse({"result": "false", "errorCode": 101, "message": message}, status=status)


@csrf_exempt  # sendBeacon cannot send the CSRF header: the token, the session and Origin stand in for it
@login_required
@require_POST
def commit(request: HttpRequest) -> JsonResponse:
    own_origin = f"{request.scheme}://{request.get_host()}"
    if request.headers.get("Origin") != own_origin:
        return _refuse("Commits are accepted from the platform's own pages only.", 403)
    try:
        body = json.loads(request.body)
        token, sequence, sco = body["token"], body["sequence"], body["sco"]
        session, cmi = body.get("session", ""), body["cmi"]
        sequencing_state = body.get("sequencing")
        activity_attempt = body.get("activity_attempt")
    except (ValueError, KeyError, TypeError):
        return _refuse("The commit could not be read.", 400)
    sequence_ok = isinstance(sequence, int) and not isinstance(sequence, bool) and 0 < sequence < 2**53
    if not (isinstance(token, str) and sequence_ok and isinstance(sco, str) and isinstance(cmi, dict)):
        return _refuse("The commit could not be read.", 400)
    if sequencing_state is not None and not isinstance(sequencing_state, str):
        return _refuse("The commit could not be read.", 400)
    attempt_ok = isinstance(activity_attempt, int) and not isinstance(activity_attempt, bool)
    if activity_attempt is not None and not (attempt_ok and 0 <= activity_attempt < 2**31):
        return _refuse("The commit could not be read.", 400)
    grant = commit_token_read(token, member_id=int(request.user.pk or 0))
    if grant is None:
        return _refuse("This attempt is not yours, or the page has been open too long: reload it.", 403)
    try:
        outcome = attempt_commit(
            attempt_id=grant.attempt_id,
            member=request.user,  # type: ignore[arg-type]
            sequence=sequence,
            sco=sco,
            session=session if isinstance(session, str) else "",
            cmi=cmi,
            placement=grant,
            sequencing_state=sequencing_state,
            activity_attempt=activity_attempt,
        )
    except AttemptError as error:
        return _refuse(str(error), 403)
    # An element refused (suspend data over the limit) leaves the rest of the commit stored.
    return JsonResponse({"result": "true", "errorCode": 0, "stored": outcome.stored, "refused": outcome.refused})
