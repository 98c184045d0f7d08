"""The access log and server messages never carry a person's acknowledgement link or a survey's address."""

from __future__ import annotations

from upstander.core.accesslog import private_path, scrub


def test_acknowledgement_tokens_and_survey_addresses_are_left_out_of_the_access_log() -> None:
    assert private_path("/acknowledge/AbC_d-123/") == "/acknowledge/-/"
    assert private_path("/acknowledge/") == "/acknowledge/"
    assert private_path("/pupil-voice/hill/Tok3n_x/") == "/pupil-voice/hill/-/"
    assert private_path("/pupil-voice/hill/Tok3n_x/thank-you/") == "/pupil-voice/hill/-/thank-you/"
    assert scrub("Not Found: /acknowledge/AbC_d-123/") == "Not Found: /acknowledge/-/"
    assert scrub("Gone: /pupil-voice/hill/Tok3n_x/") == "Gone: /pupil-voice/hill/-/"
