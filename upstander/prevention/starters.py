"""Starter texts for each policy, written for Upstander from what the seeds ask policies to cover.

Each starts with a notice that it is a template: the organisation adapts it, names its people and
gets it approved before it is published. `{organisation}` is replaced with the organisation's name.
"""

from __future__ import annotations

from upstander.prevention.models import PolicyKind

NOTICE = (
    "> **Template to adapt.** Upstander's starter text. Change it to fit {organisation}, name the people "
    "responsible, and have it approved before it is published.\n\n"
)

STARTERS: dict[str, str] = {
    PolicyKind.ANTI_BULLYING: """## What we mean by bullying
Bullying is behaviour meant to hurt, frighten or humiliate someone, usually repeated, by a person or
group with more power in that moment. **Online bullying counts exactly as much as bullying in person**:
messages, group chats, posts, games, fake accounts, shared photos or videos, and leaving someone out
of an online group on purpose. It can follow someone home and reach a large audience in minutes.

Bullying about race, religion, sex, sexuality, gender identity or disability is taken especially
seriously, and some of it may be a crime.

## What we do
- Every report is taken seriously, whoever makes it and however it reaches us.
- We support the person targeted first, and tell them they were right to tell us.
- We keep evidence (screenshots with dates and names) and never ask anyone to forward an image.
- We talk to those responsible, apply the sanctions in our behaviour policy and help them change.
- We record every incident and what we did, and review this policy after incidents.

## Outside school
We act on online bullying that happens outside school hours or off site when it affects a pupil's
wellbeing or life at school.

## How to report
Tell any member of staff, use the online report form (you can stay anonymous), or email our
reporting address. The details are on our public page.
""",
    PolicyKind.BEHAVIOUR: """## Online behaviour
The standards in this policy apply online as well as in person, including outside school when it
affects members of our community.

## Sanctions for online bullying
Sanctions are proportionate and explained to the pupil and their parents or carers. They may include:
- a conversation and an agreed plan to put things right;
- removing content the pupil posted, and an apology where the person harmed wants one;
- loss of privileges, detention or time out of lessons;
- suspension or, for the most serious or repeated cases, permanent exclusion.

Where a crime may have been committed we may involve the police. We also use education and
restorative approaches, so the behaviour stops and does not return.

## Making sanctions known
We share these sanctions with pupils, staff, parents and carers at the start of each year, and they
are on our public policies page at all times.
""",
    PolicyKind.ONLINE_SAFETY: """## Our online safety lead
[Name] leads on online safety and works with the designated safeguarding lead.

## What we do
- Teach pupils to stay safe online, in a planned curriculum that builds year by year, supported by
  assemblies, displays, peer support and the pupil council.
- Filter and monitor our networks and devices, and check that this works.
- Train all staff every year in what online bullying is, how it happens, its impact and our procedures.
- Help parents and carers protect their children online through sessions and information.
- Ask pupils regularly how much online bullying happens and where, and act on what they tell us.
- Keep acceptable-use policies for pupils, staff, parents and carers and volunteers.

## Incidents
Incidents are reported and logged, and after each one we look again at our policies, procedures and
teaching to see what could prevent it happening again.
""",
    PolicyKind.SAFEGUARDING: """This section adds to the organisation's full safeguarding policy.

- Our designated safeguarding lead is [name]; our deputy is [name].
- Every member of staff passes any concern about online harm to the safeguarding lead the same day.
- If anyone is in immediate danger, call 999.
- Staff never view, copy or forward indecent images of children: they secure the device and tell the
  safeguarding lead.
- All staff know their duties under Prevent and how to raise a concern about radicalisation.
- Allegations about adults who work with children are passed to the LADO.
""",
    PolicyKind.AUP_PUPILS: """When I use technology, in school or at home, I will:
- be kind and respectful, online as well as in person;
- think before I post, because things online can spread quickly and last a long time;
- never share photos or videos of other people without asking them;
- keep my passwords private, and log out when I finish;
- not pretend to be someone else online;
- tell an adult I trust if something online worries or upsets me, or if I see someone being unkind;
- not reply to nasty messages, but save them and tell someone.

I understand that the school can act on online bullying that happens outside school.
""",
    PolicyKind.AUP_STAFF: """As a member of staff I will:
- keep professional boundaries online: I will not accept friend requests from pupils or service users,
  past or present, without guidance from a senior leader;
- use work accounts and devices for work contact, never my personal number or accounts;
- lock my devices when I step away, use a strong password or PIN, and keep them to myself;
- check my privacy settings and my online presence regularly;
- model positive, respectful behaviour online;
- report online bullying I see or am told about to the safeguarding lead, and never investigate images myself;
- if I am bullied online, not reply or retaliate, keep evidence and tell my line manager.

I understand that my conduct online, including outside work, may breach the code of conduct.
""",
    PolicyKind.AUP_PARENTS: """We ask parents and carers to:
- help their child follow the pupils' acceptable use agreement at home;
- raise concerns about the school or its staff with us directly, through our complaints procedure,
  and not on social media;
- never post photos or videos of other people's children without permission;
- tell us if their child is being bullied online, or is bullying someone, so we can work together.

Abuse of staff online is not acceptable, in the same way it is not acceptable face to face.
""",
    PolicyKind.AUP_VOLUNTEERS: """As a volunteer I will:
- not contact the children, young people or adults I work with on personal accounts or numbers;
- not take or share photos or videos of them unless the organisation has asked me to and consent is in place;
- keep what I learn about people private;
- pass any concern about online bullying or harm to the safeguarding lead straight away.
""",
    PolicyKind.AUP_ADULT_LEARNERS: """As a learner I will:
- treat other learners, tutors and staff with respect online and in person;
- not share other people's personal information, photos or videos without their agreement;
- use group chats for the course kindly, and leave them if asked;
- tell a tutor or the safeguarding lead if I am bullied or harassed online, or see it happen.

Bullying or harassment of other learners or staff, online or face to face, may lead to removal from
the course and, where it may be a crime, to the police.
""",
    PolicyKind.COMPLAINTS: """1. **Talk to us first.** Most concerns are settled quickly by speaking to the member of staff or the
   safeguarding lead. Tell us in person, by phone or by our reporting email.
2. **Write to the head or manager** if you are not satisfied. We will reply within [10] working days.
3. **Ask for a panel** of governors or trustees to look at it if you are still not satisfied.

Please use this procedure rather than social media: we cannot respond to concerns posted online, and
posts about staff or pupils can cause real harm. We share this procedure with everyone every year.
""",
    PolicyKind.CODE_OF_CONDUCT: """We value working with families and visitors. We ask everyone to:
- speak and write to staff, pupils and each other with respect, in person and online;
- raise concerns through our complaints procedure, not on social media or in group chats;
- not post photos, names or comments that identify staff or other people's children.

**Abuse of staff or volunteers is unacceptable**, whether face to face, by phone, email or online.
If it happens we will first invite the person to talk, ask for posts to be removed, and, if needed,
restrict contact, report content to the site, or involve the police.
""",
}

CHILD_FRIENDLY: dict[str, str] = {
    PolicyKind.AUP_PUPILS: """## Our online promise

- I am kind online, like I am in person.
- I ask before I share a photo of someone.
- I keep my passwords secret.
- If something online upsets me, I tell an adult I trust.
- If I see someone being unkind, I tell someone.
""",
}


def starter_text(kind: str, *, organisation: str) -> str:
    return NOTICE.format(organisation=organisation) + STARTERS[kind]


def starter_child_friendly(kind: str, *, organisation: str) -> str:
    text = CHILD_FRIENDLY.get(kind, "")
    return NOTICE.format(organisation=organisation) + text if text else ""
