"""The legal and guidance references the escalation rules cite, each taken from shared/reference/uk-facts.md.

Only what uk-facts.md records (verified against stored public pages) is cited here, worded to say
what the provision covers in plain terms. Phone numbers and opening hours are deliberately left out:
they change, and the guidance app keeps them as editable data (uk-facts.md, first paragraph).
"""

from __future__ import annotations

__all__ = ["ALL_REFERENCES"]

# Offences (England and Wales).
PHA_S2 = "Protection from Harassment Act 1997 s.2 (harassment, including alarming a person or causing distress)"
PHA_S4 = "Protection from Harassment Act 1997 s.4 (putting people in fear of violence)"
PHA_S2A_S4A = (
    "Protection from Harassment Act 1997 ss.2A and 4A (stalking; stalking involving fear of violence or serious alarm "
    "or distress)"
)
PHA_S7 = "Protection from Harassment Act 1997 s.7 (a course of conduct means conduct on at least two occasions)"
MCA_S1 = (
    "Malicious Communications Act 1988 s.1 (indecent or grossly offensive messages sent to cause distress or anxiety)"
)
CA_S127 = "Communications Act 2003 s.127 (grossly offensive, indecent, obscene or menacing messages; persistent misuse)"
OSA_S181 = "Online Safety Act 2023 s.181 (threatening communications: a threat of death or serious harm)"
OSA_S184 = "Online Safety Act 2023 s.184 (encouraging or assisting serious self-harm)"
OSA_S187 = "Online Safety Act 2023 s.187 (cyberflashing, Sexual Offences Act 2003 s.66A)"
SOA_S66B_66D = "Sexual Offences Act 2003 ss.66B-66D (intimate image offences)"
CMA_S1 = "Computer Misuse Act 1990 s.1 (unauthorised access, e.g. into someone's account)"
OPA_1959 = "Obscene Publications Act 1959 (publishing obscene material; named in seed 004's list of offences)"
PCA_S1 = "Protection of Children Act 1978 s.1 (indecent images of under-18s)"
CDA_S29_32 = "Crime and Disorder Act 1998 ss.29-32 (racially or religiously aggravated offences)"
SA_S66 = (
    "Sentencing Act 2020 s.66 (hostility on race, religion, disability, sexual orientation or transgender identity "
    "aggravates an offence)"
)
POA_PARTS_3_3A = "Public Order Act 1986 Parts 3 and 3A (stirring up racial, religious or sexual-orientation hatred)"

# Statutory guidance and duties.
CTSA_S26 = (
    "Counter-Terrorism and Security Act 2015 s.26 (the Prevent duty: schools, further and adult education providers "
    "and local authorities must have due regard to the need to prevent people being drawn into terrorism)"
)
KCSIE_PART_4 = (
    "Keeping Children Safe in Education (2025 edition) Part 4 (allegations that a person who works with children has "
    "harmed a child, committed an offence against or related to a child, behaved towards a child in a way that "
    "indicates a risk of harm, or behaved in a way that indicates they may not be suitable to work with children)"
)
UKCIS_IMMEDIATE = (
    "UKCIS 'Sharing nudes and semi-nudes' (updated March 2024): refer to the police and children's social care at "
    "once where an adult is involved; there is coercion, blackmail or grooming; there are concerns about capacity to "
    "consent; the acts are extreme, violent or unusual for the child's development; a child under 13 is shown in "
    "sexual acts; or a young person is at immediate risk of harm"
)
HMICFRS_2017 = (
    "HMICFRS 'Living in fear' (2017): police information notices (first-instance harassment warnings) have no "
    "statutory basis, and chief constables were recommended to stop using them"
)
EMPLOYER_PROCEDURES = "The employer's own disciplinary and grievance procedures (seeds 002 and 003)"
CARE_ACT_S42 = "Care Act 2014 s.42 (local-authority safeguarding enquiries for adults at risk)"
KCSIE = "Keeping Children Safe in Education (2025 edition)"
WORKING_TOGETHER = "Working Together to Safeguard Children 2023 (a child is anyone under 18)"
UKCIS_NUDES = "UKCIS 'Sharing nudes and semi-nudes' (updated March 2024)"
EDUCATION_ACT_2011 = (
    "Education Act 2011 (staff may examine data on a seized device with good reason, but never delete evidence of an "
    "offence or indecent images)"
)
EIA_S89 = "Education and Inspections Act 2006 s.89 (behaviour policy; may regulate conduct off the premises)"
DFE_CYBERBULLYING = "DfE 'Cyberbullying: advice for headteachers and school staff' (2014)"
DFE_BULLYING = "DfE 'Preventing and tackling bullying' (2017)"

# Services named in uk-facts.md (where the duty is carried out).
POLICE = (
    "Police: 999 or 112 in an emergency (textphone via Relay UK: 18000, emergencies only); 101 otherwise (textphone: "
    "18001 101)"
)
TRUE_VISION = "True Vision (report-it.org.uk): police hate-crime reporting, anonymous and third-party reports accepted"
CEOP = "CEOP Safety Centre (National Crime Agency): grooming and online sexual abuse; reports are not anonymous"
REPORT_REMOVE = "Report Remove (IWF and Childline): under-18s get nude images of themselves removed"
REPORT_HARMFUL_CONTENT = (
    "Report Harmful Content (SWGfL): anyone 13+ in the UK, after reporting to the platform: mainly when the platform "
    "has declined to act, or has not responded for over a week"
)
POSH = (
    "Professionals Online Safety Helpline (UK Safer Internet Centre): for the children's workforce, professionals and "
    "volunteers working with children and young people"
)
OFCOM_NUISANCE_CALLS = "Ofcom: ask your mobile provider's nuisance or malicious calls team"
PLATFORM_TERMS = "The platform's terms of service or community rules (see the platform directory)"

ALL_REFERENCES: frozenset[str] = frozenset(
    value for name, value in dict(globals()).items() if name.isupper() and isinstance(value, str)
)
