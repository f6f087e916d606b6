"""The Content-Security-Policy on platform pages, the admin's own policy, the
content origin left to its own, and the report view."""

import json
import logging

import pytest
from django.urls import reverse

from accounts.choices import Role
from tests.accounts.factories import MemberFactory


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/courses/", "/workshops/", "/account/login/", "/verify/"])
def test_platform_pages_forbid_inline_script_framing_plugins_and_base_changes(client, path):
    response = client.get(path)

    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-report/"]


@pytest.mark.django_db
def test_the_player_may_frame_the_content_origin(client, settings):
    settings.SCORM_CONTENT_ORIGIN = "https://scorm.example.net"
    assert "https://scorm.example.net" in directives(client.get("/")["Content-Security-Policy"])["frame-src"]


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_for_wagtails_inline_scripts(client):
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    policy = directives(client.get("/cms/")["Content-Security-Policy"])

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # its own previews
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


@pytest.mark.django_db
def test_the_content_origin_keeps_its_own_policy(client, settings):
    settings.SCORM_CONTENT_ORIGIN = "http://content.testserver"
    response = client.get("/scorm-content/" + "0" * 32 + "/index.html", HTTP_HOST="content.testserver")

    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_report_only_mode_as_in_the_dev_settings(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/")

    assert "Content-Security-Policy" not in response
    assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]


def test_the_report_view_logs_a_violation(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "http://localhost/courses/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
        }
    }
    with caplog.at_level(logging.WARNING, logger="elearning.csp"):
        response = client.post(reverse("csp_report"), json.dumps(report), content_type="application/csp-report")

    assert response.status_code == 204
    assert "CSP violation: script-src-elem blocked inline on http://localhost/courses/" in caplog.text


@pytest.mark.parametrize("body", [b"", b"not json", b"[1, 2]", b'{"csp-report": "x"}', b"{" * 100_000])
def test_the_report_view_takes_any_body_without_failing(client, body):
    assert client.post(reverse("csp_report"), body, content_type="application/csp-report").status_code == 204
