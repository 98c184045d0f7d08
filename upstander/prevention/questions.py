"""The pupil-voice question bank: our own questions, in words a child of 11 reads easily.

Every answer is a choice from a list: no free text, because a sentence can name or identify a pupil.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_GROUP = 5  # survey results of fewer pupils than this are never shown (selectors, insights)


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    hint: str
    choices: tuple[tuple[str, str], ...]
    multiple: bool = False


BANK: tuple[Question, ...] = (
    Question(
        "how_often",
        "This term, how often has someone been unkind to you online or by message?",
        "For example calling you names, leaving you out, sharing things about you, or threatening you.",
        (
            ("never", "Never"),
            ("once_twice", "Once or twice"),
            ("monthly", "About once a month"),
            ("weekly", "Every week"),
            ("daily", "Most days"),
            ("rather_not", "I'd rather not say"),
        ),
    ),
    Question(
        "seen_others",
        "This term, have you seen someone else being treated unkindly online?",
        "",
        (("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")),
    ),
    Question(
        "where",
        "Where did it happen? Choose all that apply.",
        "If nothing happened, choose 'Nothing happened'.",
        (
            ("group_chats", "Group chats (WhatsApp, Snapchat and similar)"),
            ("social_media", "Social media posts (TikTok, Instagram and similar)"),
            ("games", "Online games (Roblox, Fortnite and similar)"),
            ("video_calls", "Video calls or live streams"),
            ("texts", "Text messages or phone calls"),
            ("school_systems", "School email or learning apps"),
            ("somewhere_else", "Somewhere else"),
            ("nothing", "Nothing happened"),
        ),
        multiple=True,
    ),
    Question(
        "what_kind",
        "What kind of thing happened? Choose all that apply.",
        "",
        (
            ("names", "Being called names or insulted"),
            ("left_out", "Being left out of a group on purpose"),
            ("rumours", "Rumours or lies spread about me"),
            ("photos", "Photos or videos of me shared without asking"),
            ("pretending", "Someone pretending to be me"),
            ("threats", "Threats"),
            ("about_who_i_am", "Mean things about my race, religion, body, disability, or who I am or love"),
            ("pressure", "Being pressured to send pictures or do things"),
            ("nothing", "Nothing happened"),
        ),
        multiple=True,
    ),
    Question(
        "told",
        "Did you tell anyone? Choose all that apply.",
        "",
        (
            ("parent", "A parent or carer"),
            ("staff", "Someone at school"),
            ("friend", "A friend"),
            ("helpline", "A helpline such as Childline"),
            ("reported_app", "I reported it on the app or game"),
            ("no_one", "I didn't tell anyone"),
            ("nothing", "Nothing happened"),
        ),
        multiple=True,
    ),
    Question(
        "helped",
        "If you told someone at school, did you feel helped?",
        "",
        (
            ("yes", "Yes, it got better"),
            ("a_bit", "A bit"),
            ("no", "No"),
            ("did_not_tell", "I didn't tell anyone at school"),
        ),
    ),
    Question(
        "know_how",
        "Do you know how to report online bullying at school?",
        "",
        (("yes", "Yes"), ("not_sure", "I'm not sure"), ("no", "No")),
    ),
    Question(
        "feel_safe",
        "How safe do you feel online?",
        "",
        (
            ("very", "Very safe"),
            ("mostly", "Mostly safe"),
            ("not_very", "Not very safe"),
            ("unsafe", "Not safe at all"),
        ),
    ),
)
BY_KEY = {question.key: question for question in BANK}
DEFAULT_QUESTIONS = [question.key for question in BANK]
