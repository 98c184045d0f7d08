"""Curated word lists for the rules, written by hand for Upstander (see MODEL_CARD.md).

Everything here is lower-case and accent-free, as `normalize` produces. Lists name the words that a
DSL will see highlighted, so they hold only words and phrases whose meaning is clear on their own.
The slur lists exist only so that abuse can be recognised; they are not exhaustive.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from upstander.taxonomy import PREJUDICE_STRANDS

DATA_DIR = Path(__file__).resolve().parent / "data"

STRANDS = PREJUDICE_STRANDS  # the one list (upstander/taxonomy.py), in its order


def _plurals(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        out.append(w)
        if " " not in w and not w.endswith("s"):
            out.append(w + "s")
    return out


# Group nouns that name people by a protected characteristic (targets of hate, or of neutral talk).
IDENTITY: dict[str, list[str]] = {
    "sexist": _plurals(
        [
            "woman",
            "women",
            "girl",
            "female",
            "lady",
            "ladies",
            "wife",
            "wives",
            "feminist",
            "mother",
            "mum",
            "mom",
            "daughter",
            "sister",
            "girlfriend",
            "womankind",
            "man",
            "men",
            "male",
            "boy",
        ]
    ),
    "racist": _plurals(
        [
            "black people",
            "black person",
            "black man",
            "black men",
            "black woman",
            "black women",
            "black folk",
            "black kid",
            "blacks",
            "african",
            "asian",
            "pakistani",
            "indian",
            "bangladeshi",
            "chinese",
            "arab",
            "immigrant",
            "migrant",
            "refugee",
            "asylum seeker",
            "foreigner",
            "gypsy",
            "gypsies",
            "traveller",
            "roma",
            "romanian",
            "polish",
            "pole",
            "mexican",
            "latino",
            "latina",
            "hispanic",
            "nigerian",
            "somali",
            "jamaican",
            "caribbean",
            "eastern european",
            "white people",
            "white person",
            "whites",
            "brown people",
            "people of colour",
            "people of color",
            "ethnic minorities",
            "ethnic minority",
            "non-white",
            "non whites",
            "albanian",
            "turk",
            "kurd",
            "syrian",
            "afghan",
            "iraqi",
            "iranian",
            "japanese",
            "korean",
            "vietnamese",
            "filipino",
            "irish",
            "scot",
            "welsh",
            "native american",
            "aborigine",
            "aboriginal",
            "mixed race",
            "black",
            "brown people",
        ]
    ),
    "faith": _plurals(
        [
            "muslim",
            "moslem",
            "islam",
            "islamic",
            "jew",
            "jewish people",
            "jewish person",
            "jewish",
            "christian",
            "catholic",
            "protestant",
            "hindu",
            "sikh",
            "buddhist",
            "atheist",
            "mormon",
            "religious people",
            "mosque",
            "synagogue",
            "church",
            "temple",
            "gurdwara",
        ]
    ),
    "homophobic": _plurals(
        [
            "gay",
            "gay people",
            "gay person",
            "gay man",
            "gay men",
            "gay guy",
            "gay woman",
            "gay women",
            "gay couple",
            "lesbian",
            "bisexual",
            "bi people",
            "bi person",
            "homosexual",
            "lgbt",
            "lgbtq",
            "lgbtq+",
            "lgb",
            "same sex couple",
            "same-sex couple",
            "gay kid",
            "queer people",
            "pansexual",
            "asexual",
        ]
    ),
    "transphobic": _plurals(
        [
            "trans",
            "trans people",
            "trans person",
            "trans woman",
            "trans women",
            "trans man",
            "trans men",
            "trans kid",
            "transgender",
            "transgender people",
            "transwoman",
            "transwomen",
            "transman",
            "non-binary",
            "non binary",
            "nonbinary",
            "enby",
            "enbies",
            "genderqueer",
            "transsexual",
        ]
    ),
    "disability": _plurals(
        [
            "disabled",
            "disabled people",
            "disabled person",
            "the disabled",
            "disabled kid",
            "wheelchair user",
            "autistic",
            "autistic people",
            "autistic person",
            "blind people",
            "deaf people",
            "deaf person",
            "blind person",
            "people with disabilities",
            "mentally ill people",
            "the mentally ill",
            "people with down syndrome",
            "down syndrome",
            "downs syndrome",
            "learning disabilities",
            "learning disability",
            "special needs",
            "sen kid",
            "adhd",
            "dyslexic",
            "amputee",
            "handicapped",
            "mentally disabled",
            "physically disabled",
            "people with autism",
            "neurodivergent",
        ]
    ),
}

# Slurs, by strand. "weak" ones are also everyday insults or reclaimed words: they count less.
SLURS: dict[str, list[str]] = {
    "racist": _plurals(
        [
            "nigger",
            "niger",
            "nigga",
            "niggah",
            "nigguh",
            "negro",
            "paki",
            "chink",
            "gook",
            "spic",
            "spick",
            "wetback",
            "coon",
            "jigaboo",
            "raghead",
            "towelhead",
            "sand nigger",
            "gyppo",
            "gippo",
            "pikey",
            "wog",
            "golliwog",
            "darkie",
            "darky",
            "sambo",
            "jungle bunny",
            "porch monkey",
            "kaffir",
            "chinky",
            "slope",
            "beaner",
            "half breed",
            "halfbreed",
            "coolie",
            "monkey",
            "ape",
            "gorilla",
            "nignog",
            "nig nog",
            "polack",
            "bogtrotter",
            "wop",
            "dago",
            "spade",
            "tar baby",
        ]
    ),
    "faith": _plurals(
        [
            "kike",
            "yid",
            "hymie",
            "muzzie",
            "muzzy",
            "mozzie",
            "muzrat",
            "christ killer",
            "heeb",
            "sheeny",
            "sand monkey",
            "camel jockey",
            "goatfucker",
            "goat fucker",
            "paedo prophet",
        ]
    ),
    "homophobic": _plurals(
        [
            "faggot",
            "fag",
            "faggit",
            "dyke",
            "poof",
            "poofter",
            "poofta",
            "batty boy",
            "battyboy",
            "bender",
            "homo",
            "queer",
            "lezza",
            "lezzer",
            "lesbo",
            "fairy",
            "pansy",
            "rug muncher",
            "carpet muncher",
            "fudge packer",
            "shirt lifter",
            "bum boy",
            "sodomite",
        ]
    ),
    "transphobic": _plurals(
        [
            "tranny",
            "trannie",
            "shemale",
            "she-male",
            "he-she",
            "heshe",
            "ladyboy",
            "troon",
            "trap",
            "tranny freak",
            "dude in a dress",
            "man in a dress",
            "trannies",
        ]
    ),
    "disability": _plurals(
        [
            "retard",
            "retarded",
            "tard",
            "spaz",
            "spastic",
            "spacker",
            "mong",
            "mongo",
            "mongoloid",
            "cripple",
            "crippled",
            "window licker",
            "sped",
            "downie",
            "vegetable",
            "psycho",
            "schizo",
            "short bus",
            "libtard",
        ]
    ),
    "sexist": _plurals(
        [
            "bitch",
            "slut",
            "whore",
            "skank",
            "hoe",
            "thot",
            "slag",
            "feminazi",
            "cunt",
            "sket",
            "tart",
            "hooker",
            "sloot",
            "wench",
            "breeder",
            "femoid",
            "foid",
            "roastie",
        ]
    ),
}
# Words on the lists above that are also everyday words or insults with no group meaning.
WEAK_SLURS = frozenset(
    _plurals(
        [
            "nigga",
            "niggah",
            "nigguh",
            "queer",
            "fairy",
            "pansy",
            "bender",
            "it",
            "trap",
            "slope",
            "spade",
            "monkey",
            "ape",
            "gorilla",
            "vegetable",
            "psycho",
            "schizo",
            "bitch",
            "hoe",
            "cunt",
            "slag",
            "tart",
            "wench",
            "breeder",
            "homo",
            "mong",
            "tard",
            "libtard",
            "sped",
            "negro",
            "coolie",
            "dago",
            "wop",
            "polack",
            "niger",
        ]
    )
)

# Group nouns with no protected characteristic: abuse of them is abuse, not hate.
NON_PROTECTED_GROUPS = frozenset(
    _plurals(
        [
            "lawyer",
            "politician",
            "banker",
            "tory",
            "tories",
            "labour voter",
            "liberal",
            "conservative",
            "leftie",
            "lefty",
            "remoaner",
            "brexiteer",
            "vegan",
            "gamer",
            "fan",
            "referee",
            "ref",
            "teacher",
            "estate agent",
            "journalist",
            "celebrity",
            "influencer",
            "tiktoker",
            "youtuber",
            "landlord",
            "boomer",
            "zoomer",
            "millennial",
            "cyclist",
            "driver",
            "footballer",
            "chelsea fan",
            "united fan",
            "city fan",
            "arsenal fan",
            "spurs fan",
            "liverpool fan",
            "everton fan",
            "plumber",
            "doctor",
            "nurse",
            "cop",
            "police",
            "copper",
            "traffic warden",
            "billionaire",
            "ceo",
            "nerd",
            "geek",
            "emo",
            "goth",
            "chav",
            "year 7",
            "year sevens",
            "year 8",
            "year nines",
            "prefect",
            "cat person",
            "dog person",
            "morning person",
            "republican",
            "democrat",
            "communist",
            "capitalist",
            "landlady",
            "mp",
            "minister",
            "pundit",
            "critic",
            "hater",
            "troll",
            "bot",
            "people who chew loudly",
            "nazi",
            "neo-nazi",
            "racist",
            "bigot",
            "homophobe",
            "transphobe",
            "fascist",
        ]
    )
)

# Words that dehumanise when said of people.
DEHUMANISING = frozenset(
    _plurals(
        [
            "vermin",
            "rat",
            "cockroach",
            "roach",
            "parasite",
            "animal",
            "beast",
            "ape",
            "monkey",
            "pig",
            "dog",
            "insect",
            "lice",
            "louse",
            "plague",
            "disease",
            "cancer",
            "virus",
            "filth",
            "scum",
            "trash",
            "garbage",
            "rubbish",
            "subhuman",
            "sub-human",
            "savage",
            "barbarian",
            "leech",
            "maggot",
            "swine",
            "cattle",
            "infestation",
            "invader",
            "horde",
            "pest",
            "tumour",
            "tumor",
            "abomination",
            "mutant",
            "freak",
            "creature",
            "thing",
            "waste of space",
            "waste of oxygen",
            "sewer rat",
            "bacteria",
            "germ",
            "slug",
            "worm",
            "snake",
            "hyena",
            "gorilla",
            "chimp",
            "baboon",
        ]
    )
)

# Strongly negative attributes (the core of derogation when said of a group).
NEGATIVE = frozenset(
    _plurals(
        [
            "weaker",
            "dumber",
            "stupider",
            "worse",
            "less intelligent",
            "less capable",
            "lesser",
            "thug",
            "commit crimes",
            "always commit",
            "waste of money",
            "a threat to",
            "a danger to",
            "a menace",
            "live off",
            "living off",
            "sponge off",
            "disgusting",
            "dirty",
            "filthy",
            "stupid",
            "dumb",
            "thick",
            "inferior",
            "evil",
            "dangerous",
            "violent",
            "criminal",
            "terrorist",
            "rapist",
            "thief",
            "thieves",
            "lazy",
            "worthless",
            "pathetic",
            "sick",
            "pervert",
            "paedophile",
            "pedophile",
            "pedo",
            "paedo",
            "groomer",
            "degenerate",
            "unnatural",
            "useless",
            "burden",
            "drain",
            "joke",
            "ugly",
            "smelly",
            "stinky",
            "greedy",
            "liar",
            "sneaky",
            "backward",
            "primitive",
            "uncivilised",
            "uncivilized",
            "vile",
            "gross",
            "repulsive",
            "revolting",
            "nasty",
            "horrible",
            "awful",
            "idiot",
            "moron",
            "freak",
            "weirdo",
            "deviant",
            "mentally ill",
            "delusional",
            "brainwashed",
            "hysterical",
            "emotional",
            "irrational",
            "incompetent",
            "parasitic",
            "untrustworthy",
            "shady",
            "sly",
            "cunning",
            "hateful",
            "scum",
            "trash",
            "scummy",
            "crap",
            "shit",
            "shite",
            "rubbish",
            "losers",
            "loser",
            "whiny",
            "brainless",
            "mindless",
            "illiterate",
            "uneducated",
            "ignorant",
            "barbaric",
            "bloodthirsty",
            "predator",
            "predatory",
            "sinful",
            "sinners",
            "wicked",
            "cursed",
            "diseased",
            "infected",
            "mental",
            "nutters",
            "nutter",
            "crazy",
            "insane",
            "worthless",
            "second class",
            "second-class",
            "inbred",
            "retarded",
            "good for nothing",
            "cannot be trusted",
            "can't be trusted",
            "not to be trusted",
            "a plague",
            "a disease",
            "a drain on",
            "a burden on",
            "ruin everything",
            "ruining",
            "ruined",
            "destroying",
            "destroy",
            "invading",
            "taking over",
            "breed like",
            "spreading",
            "infesting",
            "overrunning",
            "scrounger",
            "scrounging",
            "benefit cheat",
            "freeloader",
            "freeloading",
            "sponger",
            "bludger",
        ]
    )
)

# Hostile verbs and feelings when aimed at a group.
HOSTILE = frozenset(
    [
        "disgust",
        "fill me with disgust",
        "angrier",
        "angry at",
        "furious at",
        "repulsed by",
        "revolted by",
        "hate",
        "hates",
        "hated",
        "hating",
        "despise",
        "despises",
        "detest",
        "detests",
        "loathe",
        "loathes",
        "can't stand",
        "cant stand",
        "cannot stand",
        "sick of",
        "fed up with",
        "tired of",
        "disgusted by",
        "disgust me",
        "disgusts me",
        "make me sick",
        "makes me sick",
        "make me vomit",
        "makes me vomit",
        "make me want to vomit",
        "make me puke",
        "makes me puke",
        "vomit",
        "puke",
        "sick",
        "vomiting",
        "can't bear",
        "cant bear",
        "abhor",
        "abhors",
        "resent",
        "fear",
    ]
)

# Exclusion or loss of rights for a group.
EXCLUDE_GROUP_RE = re.compile(
    r"\b(?:should(?:n't| not| never)|must(?:n't| not| never)|cannot|can't|cant|ought not to|need to stop)"
    r" (?:be )?(?:allowed|permitted|let) (?:to|near|in|into|around|out|anywhere near|anywhere)\b"
    r"|\b(?:don't|dont|do not|doesn't|does not|never) belong\b"
    r"|\b(?:go|send (?:them|em|'em)|sent|get (?:them|em)|shipped) back (?:to|home|where)\b"
    r"|\bback (?:to|where) (?:your|their|they|you) (?:own )?(?:country|countries|came from|belong)\b"
    r"|\b(?:should|must|need to|needs to|ought to) (?:all )?(?:be )?(?:deported|banned|kicked out|thrown out|"
    r"removed|locked up|segregated|sterilised|sterilized|rounded up|sent home|expelled|excluded|fired|"
    r"kept out|kept away|put in camps|banned from|barred from)\b"
    r"|\b(?:deport|ban|kick out|throw out|lock up|round up|get rid of|keep out|remove) (?:all |the |every |"
    r"these |those )?(?:of )?(?:them|they|\w+s)\b"
    r"|\bnot (?:welcome|wanted) (?:here|in|anywhere)\b|\bno place (?:in|for)\b|\bhave no (?:place|rights|right)\b"
    r"|\b(?:shouldn't|should not|should never|must not|don't deserve to|do not deserve to) "
    r"(?:have|get|be given) (?:rights|the vote|a vote|jobs|kids|children|equal rights)\b"
    r"|\b(?:shouldn't|should not|should never|must not) (?:be )?(?:teach|teaching|vote|voting|adopt|adopting|"
    r"marry|marrying|work|working|have kids|have children|exist|existing|breed|breeding)\b"
    r"|\bkeep (?:them|those|these) (?:out|away)\b|\bclose the borders\b|\bstop (?:them|letting)\b",
)

# Violence or elimination aimed at a group (threats phrased as wishes or duties).
ELIMINATE_RE = re.compile(
    r"\b(?:kill|gas|hang|lynch|shoot|burn|exterminate|eradicate|wipe out|slaughter|murder|butcher|"
    r"stab|nuke|bomb|behead|drown|castrate|sterilise|sterilize|beat|bash) (?:all|every|the|them|those|these|"
    r"each|any|some|more)\b"
    r"|\b(?:should|must|need to|needs to|ought to|deserve to|deserves to|have to|has to|gotta|will|are going to|"
    r"hope(?: they| all)?|wish(?: they| all)?) (?:all )?(?:be )?(?:die|dead|killed|shot|hanged|hung|gassed|burned|"
    r"burnt|exterminated|wiped out|wiped off|eradicated|executed|lynched|beaten|murdered|slaughtered|raped|"
    r"thrown off (?:a |the )?(?:building|buildings|roof|roofs|bridge|cliff)|stabbed|tortured|hurt|attacked|"
    r"put down|culled|drowned|purged|eliminated|erased|destroyed|stoned|euthanised|euthanized)\b"
    r"|\bdeath to\b|\b(?:final solution|gas chamber|gas chambers|ethnic cleansing|genocide|holocaust 2|"
    r"race war|day of the rope|purge them|better off dead|deserve to die|deserves to die|deserve death|"
    r"should be shot|should be hanged|be put down|send them to the ovens|into the ovens|ovens)\b",
)

PERSON_THREAT_RE = re.compile(
    r"\b(?:i|we|ima|imma|ill|i'll|we'll|i'm|im|we're|were|gonna|gunna|gna)(?:'ll| will| shall| am| are|'m|'re|m| is)?"
    r"(?: (?:going to|gonna|gunna|gna|about to|bout to|finna|fixing to|want to|wanna|would love to|'d love to|"
    r"d love to|will|shall|go|come|come and|come round and|come over and|find you and|wait for you and|"
    r"get you and|catch you and|actually|literally|fucking|fkn|fuckin|really|definitely|honestly|so|just|"
    r"personally|happily|gladly|swear i'll|swear i will|swear to god i'll|and))*"
    r" (?:kill|murder|stab|shoot|hurt|beat|batter|punch|smash|strangle|choke|rape|burn|slit|cut|break|bash|"
    r"knife|hang|destroy|end|kick|slap|jump|deck|glass|shank|bottle|run over|fuck up|mess up|beat up|"
    r"beat the|knock|put|send|bury|drown|set fire to|torch|acid|throw acid|leather|lamp|paste|bang|"
    r"break your|snap|cave|wreck|hunt|find|come for|come after|get)"
    r"(?:s|ed|ing)? (?:you|u|ya|yer|your|ur|him|her|them|that|this|every|all|his|their|y'all|yall|you all|"
    r"ye|em|'em|up|out|down|in|the|off|round|to|teeth|face|head|house|legs|neck)\b"
    r"|\b(?:you|u|ur|you're|youre|your|ya)(?: are| r|'re|re)? (?:dead|dead meat|gonna die|going to die|next|"
    r"finished|done for|getting stabbed|getting jumped|getting battered|getting shot|getting hurt|"
    r"gonna get it|gonna get hurt|going to get hurt|gonna regret|going to regret|will regret|'ll regret|"
    r"won't live|wont live|won't survive|won't make it|will pay|'ll pay|ll pay|better watch|better run|"
    r"better hide|better sleep|are a dead|a dead man|a dead woman)\b"
    r"|\b(?:you're|youre|you are|ur|you) (?:getting|gonna get|going to get) (?:knifed|stabbed|shot|jumped|battered|"
    r"merked|shanked|hurt|beaten|smashed|done in|bottled|glassed)\b"
    r"|\b(?:i'm|im|i am|we're|we are) coming (?:round|over|for you|to get you|after you|to your)\b"
    r"|\b(?:end up|put you|land you) in (?:hospital|a&e|a coffin|the ground|a wheelchair)\b"
    r"|\b(?:and|then) (?:kill|hurt|stab|shoot|beat|batter|smash|murder|knife|strangle|rape) (?:you|u|ya|your)\b"
    r"|\b(?:watch your back|watch ur back|i know where you live|i know where u live|i know where you sleep|"
    r"know where your (?:mum|mam|family|house|school) |sleep with one eye open|see what happens|"
    r"coming for you|coming for u|dead meat|i'll find you|ill find you|i will find you|i'll get you|"
    r"i will get you|gonna get you|put you in (?:hospital|the ground|a coffin|a wheelchair)|"
    r"bring (?:a|my) (?:knife|gun|blade|bat)|(?:knife|gun|blade|machete) (?:to|into) school|"
    r"shoot up the school|shoot up (?:the|this|our)|bomb the school|you're getting (?:stabbed|shot|jumped)|"
    r"count your days|your days are numbered|you won't see (?:tomorrow|monday|next week)|"
    r"after school (?:you're|your|ur) dead|meet me (?:after school|outside)|"
    r"i hope (?:you|u) (?:die|get|burn|rot|choke|drown|get raped|get hit|get cancer)|"
    r"hope (?:you|u|she|he|they) (?:die|dies|dead|burn|burns|rot|rots|gets? raped|gets? hit by|chokes?)|"
    r"deserves? to (?:die|be (?:killed|raped|shot|stabbed|hurt|beaten))|should be (?:raped|killed|shot|stabbed)|"
    r"(?:i'll|ill|i will|gonna|going to) make (?:you|u|sure you) (?:pay|suffer|regret|bleed))\b",
)

# Idioms that use violent words without any threat.
VIOLENT_IDIOM_RE = re.compile(
    r"\b(?:kill(?:ing|ed|s)? (?:it|time|the vibe|the mood|the game|me with|me lol|me 😂)|"
    r"(?:would|could|'d|d) kill for|(?:killing|kills|killed|kill) me(?: lol| lmao| haha|,| 😂|$)|"
    r"(?:mum|mom|mam|dad|teacher|sir|miss|parents|nan|gran) (?:is |'s |will |would |'ll |gonna |going to )"
    r"(?:literally |actually )?kill me|dying (?:of|with|to) (?:laughter|laughing|embarrassment)|"
    r"killed (?:the|that) (?:exam|test|performance|game|solo)|slay(?:ed|ing)?|murder(?:ed|ing)? (?:a|that|the) "
    r"(?:pizza|burger|song|tune|karaoke|exam)|shoot (?:a|the) (?:video|film|photo|scene|hoops|ball|shot)|"
    r"shooting (?:a|the) (?:video|film|photo|scene|hoops)|beat (?:you|u|me|him|her) (?:at|in) |"
    r"smash(?:ed|ing)? (?:it|the exam|the test|that)|break a leg|cut (?:the|my) hair|"
    r"(?:destroy|destroyed|destroying|wreck|wrecked|battered|thrash|thrashed) (?:you|u|him|her|them|us) "
    r"(?:at|in|on) (?:fifa|fortnite|chess|football|tennis|the game|the match|cod|minecraft|mario kart|"
    r"this game|that game|the quiz)|(?:in|at) (?:fifa|fortnite|chess|cod|minecraft|the game)|"
    r"(?:i'll|i will|gonna|going to|i'm going to) (?:kill|destroy|beat|smash|wreck) (?:you|u|ya) "
    r"(?:at|in) |(?:smash|destroy|batter|thrash|beat|hammer|murder|wreck|kill)(?:ed|ing)? (?:them|you|u|him|her|us|"
    r"it) (?:in|at|on) (?:the )?(?:final|semi|semis|semi-final|match|game|league|cup|quiz|exam|test|race|tournament|"
    r"derby|mock|mocks)|shoot (?:me|us) (?:a|an) (?:text|message|email|dm|line|snap)|(?:he|she|it|that)(?:'s| is) "
    r"dead (?:funny|good|nice|easy|hard|serious)|dead (?:funny|good|nice|easy)|(?:will|would|gonna|going to) "
    r"(?:murder|kill) (?:me|us) (?:for|if|when))",
)

SELF_HARM_RE = re.compile(
    r"\b(?:i|im|i'm|i am|ive|i've|i have|ill|i'll|i will|i just|gonna|going to|want to|wanna|need to)"
    r"(?: (?:really|just|seriously|honestly|actually|literally|am|have|gonna|going to|want to|wanna|need to|"
    r"plan to|planning to|planning on|decided to|thinking about|thinking of|think about|keep thinking about|"
    r"might|will|tried to|try to|trying to|feel like|about to|ready to|so close to|been|started))*"
    r" (?:kill(?:ing)? myself|kms|end(?:ing)? (?:it all|it|my life|things|everything)|die|"
    r"hurt(?:ing)? myself|cut(?:ting)? myself|cut again|harm(?:ing)? myself|hang(?:ing)? myself|overdose|"
    r"od|jump(?:ing)? off|take all (?:my|the|of my) (?:pills|tablets|meds)|disappear forever|not wake up|"
    r"not be here|stop living|starve myself|burn(?:ing)? myself|suicide|suicidal|self harm|self-harm)\b"
    r"|\b(?:(?:pills|tablets|rope|blade|razor) (?:is |are )?(?:ready|saved up|sorted)|"
    r"saved up (?:my|the) (?:pills|tablets)|"
    r"i'm done with (?:life|everything|it all|living)|(?:nobody|no one|noone) (?:would|will) (?:even )?(?:notice|care) "
    r"if i (?:died|was gone|were gone|disappeared|was dead)|jump(?:ing)? in front of (?:a|the) (?:train|bus|car|lorry)|"
    r"(?:planning|plan|going|decided) to end (?:it|it all|my life|things)|never wake up|no point (?:in )?(?:living|"
    r"going on|being alive)|life (?:isn't|is not|isnt) worth (?:it|living)|tonight's the night|"
    r"kms|suicidal|suicide note|i want to die|i wanna die|want to be dead|wanna be dead|"
    r"(?:don't|dont|do not) want to (?:live|be alive|be here|exist|wake up|go on)|"
    r"(?:don't|dont|do not) wanna (?:live|be alive|be here|exist|wake up)|no reason to (?:live|go on|keep going)|"
    r"(?:better off|be better) (?:dead|without me)|can't go on|cant go on|can't do this anymore|"
    r"cant do this anymore|goodbye forever|this is goodbye|won't be here tomorrow|wont be here tomorrow|"
    r"nobody would miss me|no one would miss me|no one will miss me|nobody will miss me|"
    r"wish i (?:was|were) dead|wish i (?:wasn't|was not|weren't) (?:alive|born|here)|end it all|"
    r"cutting again|started cutting|been cutting|self harming|self-harming|hurting myself)\b",
)

TELL_SELF_HARM_RE = re.compile(
    r"\b(?:kill|hang|neck|shoot|stab|off|end|cut|drown|hurt|unalive|delete) (?:yourself|urself|yourselves|ur self|"
    r"your self|ya self|yaself|yerself|yo self|themselves|herself|himself)\b"
    r"|\bkys\b|\bkys+\b|\bkill ys\b|(?:^|[.!?,] ?|\b(?:you|u|just|pls|please|plz|now) )(?:go|just|pls|please|plz) "
    r"(?:go )?(?:die|jump off (?:a|the) (?:bridge|cliff|building|roof)|drink bleach|slit (?:your|ur) wrists|"
    r"jump in front of a (?:train|bus)|rot|disappear|end it|stop breathing|stop existing)\b"
    r"|\b(?:you|u|ur|she|he|they) (?:should|shud|need to|better|ought to|must|can) (?:just |go |literally |honestly )?"
    r"(?:die|kill (?:yourself|urself|herself|himself|themselves)|end it|not exist|disappear)\b"
    r"|\b(?:nobody|no one|noone|no1) (?:would|will|is going to|gonna) (?:miss|care about|cry for) (?:you|u|her|him)\b"
    r"|\b(?:everyone|everybody|we|the world|your family|your mum|people) (?:would|will) be (?:happier|better off|"
    r"glad) if (?:you|u) (?:died|were dead|was dead|disappeared|killed yourself|weren't here)\b"
    r"|\bwhy (?:don't|dont|do not|haven't|havent) (?:you|u) (?:just )?(?:die|kill (?:yourself|urself)|killed "
    r"(?:yourself|urself)|end it)\b|\bjust end it\b|\bgo die in a (?:hole|ditch|fire)\b|\b(?:nobody|no one) wants "
    r"(?:you|u) alive\b"
    r"|\b(?:nobody|no one|noone|no1) (?:would|will) care if (?:you|u|she|he) (?:died|die|were dead|was dead|"
    r"killed)\b|\b(?:world|everyone|everybody|we|life|the school|school) (?:would|will|is)(?: be)? "
    r"better (?:off )?without (?:you|u|her|him)\b|\bdo (?:us|everyone|everybody|the world|yourself) a favou?r and "
    r"(?:die|disappear|kill yourself|end it|leave|jump)\b|\b(?:drink bleach|slit your wrists|slit ur wrists|"
    r"go hang yourself|get cancer and die|hope you die|hope u die|why are you still alive|why r u still alive|"
    r"why do you even exist|why are you alive)\b",
)

# --- Reported speech and third-person risk (reports to the safeguarding lead, OCR of screenshots). ---
# A threat reported by its target or a witness: "he said he's going to stab me", "she told me she'd
# hurt my sister", "they threatened to kill us". The chain between the speaker and the verb holds only
# modal and filler words, so "he said he would never hurt anyone" does not match.
_R_SPEAKER = (
    r"(?:he|she|they|someone|somebody|people|he's|she's|they're|hes|shes|theyre|he'd|she'd|they'd|hed|shed|"
    r"theyd|he'll|she'll|they'll|hell|shell|theyll|his (?:mates|friends|brother|cousin|dad|gang)|"
    r"her (?:mates|friends|brother|cousin|dad|boyfriend))"
)
_R_SAY = (
    r"(?:said|says|say|saying|told (?:me|us|her|him|them|my \w+|everyone|people)|tells (?:me|us|her|him|everyone)|"
    r"telling (?:me|us|her|him|everyone|people)|keeps? saying|kept saying|keeps? telling (?:me|us|her|him)|"
    r"kept telling (?:me|us|her|him)|messaged(?: me| us| her| him)?|texted(?: me| us| her| him)?|dm'd(?: me)?|"
    r"dmed(?: me)?|snapped(?: me)?|wrote|posted|shouted|yelled|swore|warned(?: me| us| her| him)?|"
    r"promised|reckons|said to (?:me|us|her|him)|sent (?:me|us|her|him) (?:a message|messages|a text|a snap) "
    r"(?:saying|that said))"
)
_R_CHAIN = (
    r"(?: (?:would|will|shall|is|are|was|were|'s|'re|going to|gonna|gunna|gna|about to|bout to|want to|wants to|"
    r"wanted to|wanna|plan to|plans to|planned to|planning to|actually|really|definitely|literally|honestly|"
    r"seriously|proper|fucking|come|come and|come round and|wait for (?:me|us|her|him) and|find (?:me|us|her|him) "
    r"and|get (?:me|us|her|him) and|catch (?:me|us|her|him) and|and))*"
)
_R_VIOLENCE = (
    r"(?:kill|murder|stab|shoot|hurt|beat|batter|punch|smash|strangle|choke|rape|burn|slit|knife|hang|kick|slap|"
    r"jump|deck|glass|shank|bottle|run over|fuck up|mess up|beat up|knock out|bury|drown|set fire to|torch|"
    r"acid|throw acid at|leather|break|attack|hit|kidnap|merk|end|cut)"
)
_R_VICTIM = r"(?:me|us|her|him|them|you|u|my (?:\w+)|our (?:\w+)|his (?:\w+)|everyone|everybody|people at)"
REPORTED_THREAT_RE = re.compile(
    rf"\b{_R_SAY}(?: that)?(?: if [^.!?]{{1,40}}?,?)? {_R_SPEAKER}{_R_CHAIN} {_R_VIOLENCE}(?:s|ed|ing)? "
    rf"{_R_VICTIM}\b(?! at\b| in (?:the )?(?:exam|test|game|match|final|quiz))"
    r"|\bthreat(?:en|ened|ening|ens)(?: me| us| her| him| them)?(?: that)?(?: (?:he|she|they)(?:'d|'ll| would| will)"
    r"| to)? (?:kill|murder|stab|shoot|hurt|beat|batter|beat up|punch|smash|strangle|rape|burn|knife|jump|attack|"
    r"shank|hit|kidnap|acid|throw acid at|set fire to|torch|bomb|shoot up|come round and)\b"
    rf"|\b{_R_SAY}(?: that)? (?:i'm|im|i am|i was|we're|we are|we were|she's|he's|she was|he was|i'd|i'll|ill|"
    r"i will|we'll|i would) (?:dead|dead meat|next|gonna die|going to die|getting (?:stabbed|jumped|battered|shot|"
    r"knifed|merked|shanked|beaten up|hurt)|gonna get (?:stabbed|jumped|battered|shot|knifed|hurt|it)|going to get "
    r"(?:stabbed|jumped|battered|shot|knifed|hurt)|(?:better|should) watch (?:my|our|her|his) back|"
    r"(?:regret|pay for) (?:it|this|that))\b"
    r"|\b(?:he|she|they|someone|somebody|he's|she's|they're)(?: (?:is|are|was|were|'s|'re|going to|gonna|gunna|"
    r"about to|planning to|plans to|bringing|brought|has|have|got))+ (?:a |his |her |their )?(?:knife|gun|blade|"
    r"machete|weapon)s? (?:to|into|in) school\b"
    r"|\b(?:he|she|they|someone|somebody)(?:'s|'re| is| are|'ll| will| was| were)(?: (?:going to|gonna|gunna|"
    r"about to|planning to|actually|really))+ (?:stab|shoot|knife|shank|rape|strangle|batter|jump|beat up|"
    r"kidnap) (?:me|us|her|him|my \w+)\b"
    r"|\b(?:they|he|she|someone|somebody)(?: (?:said|says|say|saying|messaged|texted|told me|told us|"
    r"know|knows|knew|found out|find out))* (?:that )?(?:they|he|she|they'll|he'll|she'll)?"
    r"(?: (?:know|knows|knew|found out))? where (?:i|we|my family|she|he) (?:live|lives|sleep|sleeps)\b"
)
# A threat to share intimate images (sextortion) or other private material: a threat, not urgent.
THREAT_TO_EXPOSE_RE = re.compile(
    r"\b(?:threat(?:en|ened|ening|ens)(?: me| us| her| him)?(?: that)?(?: (?:he|she|they)(?:'d|'ll| would| will)"
    r"| to)?|(?:he|she|they|someone)(?:'s|'ll|'d| will| would| is| was| are)(?: (?:going to|gonna|gunna))?|"
    rf"{_R_SAY}(?: that)? (?:he|she|they|he'd|she'd|they'd|he'll|she'll|they'll)(?:'d|'ll| would| will| is going to"
    r"| was going to| are going to| were going to| gonna)?) "
    r"(?:post|share|leak|send|spread|show|upload|put|expose)(?: out)? (?:my|her|his|our|their|the) "
    r"(?:\w+ )?(?:nudes|nude|naked|pics|pictures|photos|photo|videos|video|snaps|private)\b"
)
# Someone else's intent to self-harm, as a friend, parent or witness reports it: "my friend says she
# wants to kill herself", "he's been cutting himself". "He said he would never kill himself" does not
# match (the chain holds no negation).
_R_SELF = r"(?:herself|himself|themselves|themself|themselfs)"
REPORTED_SELF_HARM_RE = re.compile(
    r"\b(?:(?:says|said|saying|told (?:me|us|her|him|everyone)|tells (?:me|us)|keeps? saying|kept saying|"
    r"messaged(?: me| us)?|texted(?: me| us)?|posted|wrote|admitted|confided)(?: that)? )?"
    r"(?:she|he|they|she's|he's|they're|shes|hes|theyre|she'd|he'd|they'd|she'll|he'll|they'll|my (?:friend|mate|"
    r"best friend|bestie|sister|brother|cousin|girlfriend|boyfriend|classmate)|someone|somebody)"
    r"(?: (?:is|are|was|were|'s|'re|has|have|had|been|keeps|kept|just|really|seriously|actually|going to|gonna|"
    r"gunna|about to|wants to|want to|wanted to|wanna|plans to|planning to|planned to|planning on|decided to|"
    r"thinking about|thinking of|thinks about|talking about|talks about|talked about|tried to|trying to|"
    r"will|would|might|ready to|feels like|felt like|needs to|started|starting))*"
    rf" (?:kill(?:ing)? {_R_SELF}|end(?:ing)? (?:it all|it|her life|his life|their life|things|everything)|"
    rf"hurt(?:ing)? {_R_SELF}|cut(?:ting)? {_R_SELF}|harm(?:ing)? {_R_SELF}|hang(?:ing)? {_R_SELF}|"
    rf"starv(?:e|ing) {_R_SELF}|burn(?:ing)? {_R_SELF}|overdos(?:e|ing)|take (?:all )?(?:her|his|their) "
    r"(?:pills|tablets|meds)|suicide|suicidal|self harm(?:ing)?|self-harm(?:ing)?|cutting again|"
    r"jump(?:ing)? off (?:a|the) (?:bridge|roof|building|cliff|car park))\b"
    r"|\b(?:she|he|they|my friend|my mate)(?: (?:says|said|told me|keeps saying))?(?: that)? "
    r"(?:doesn't|does not|don't|didn't|did not) want to (?:live|be alive|be here|exist|wake up|go on)\b"
    r"|\b(?:she|he|they) (?:wants|want|wanted) to die\b(?! (?:of|from|laughing) )"
    r"|\b(?:talk(?:s|ing|ed)? about|think(?:s|ing)? about|thought about|tried to|trying to|threaten(?:s|ed|ing)? to|"
    rf"going to|gonna) (?:kill(?:ing)?|hurt(?:ing)?|cut(?:ting)?|harm(?:ing)?|hang(?:ing)?) {_R_SELF}\b"
)
# Someone being told to kill themselves, as the target or a witness reports it: "they keep telling me
# to kill myself", "he told everyone I should die".
REPORTED_TELL_SELF_HARM_RE = re.compile(
    r"\b(?:tell|tells|told|telling|keep telling|keeps telling|kept telling|messaged|messaging|texted|texting|"
    r"dm'd|dmed|said to|saying to|say to|says to|commented|posted|wrote|sent (?:me|her|him|us) (?:a message|"
    r"messages|a text) saying)(?: (?:me|her|him|us|them|my \w+|everyone|everybody|people|the group|the chat))?"
    r"(?: that)?(?: (?:to|i|she|he|they|we|you|u)(?: (?:should|ought to|need to|needs to|must|better|"
    r"deserve to|deserves to|'d be better|would be better off))?)?(?: go| just| literally| actually)*"
    r" (?:kill (?:myself|herself|himself|themselves|ourselves|yourself|urself)|kms|kys|die|hang (?:myself|"
    r"herself|himself|yourself)|neck (?:myself|herself|himself|yourself)|end it|end (?:my|her|his) life|"
    r"cut (?:myself|herself|himself|yourself)|drink bleach|slit (?:my|her|his|your) wrists|"
    r"jump off (?:a|the) (?:bridge|cliff|building|roof)|unalive (?:myself|herself|himself|yourself)|"
    r"be dead|dead)\b(?! (?:of|with) (?:laughter|laughing|embarrassment))"
    r"(?! (?:is|was|are|isn't|wasn't|is never|was never|is not|is wrong|is bullying|is abuse|can be|can)\b)"
    r"|\b(?:said|says|saying|posted|wrote|commented|reckons)(?: on (?:my|her|his|their|our) (?:post|story|video|"
    r"pic|photo|tiktok|snap|status))?(?: that)? (?:i|she|he|they|we|you|u) (?:should|"
    r"ought to|need to|needs to|must|better|deserve to|deserves to)(?: go| just| literally| actually)* "
    r"(?:die|kill (?:myself|herself|himself|themselves|ourselves|yourself)|hang (?:myself|herself|himself)|"
    r"end it|drink bleach|be dead)\b"
)
# Hyperbole about a parent or teacher: "my mum said she'd kill me if I was late" (not a threat).
REPORTED_IDIOM_RE = re.compile(
    r"\b(?:mum|mom|mam|dad|mother|father|parents|nan|gran|grandma|teacher|sir|miss|coach|sister|brother)"
    r"(?: (?:said|says|told me|told us|warned me|warned us|keeps saying))?(?: that)? (?:she|he|they)?"
    r"(?:'d|'ll|'s| would| will| is| was| is going to| was going to|'s going to|'s gonna| was gonna| is gonna)"
    r"(?: (?:literally|actually|going to|gonna))* (?:kill|murder) (?:me|us)\b"
    r"(?=(?: (?:if|when|for|cos|because|lol|lmao|haha)|[.!,?]|$))"
    r"|\bhit (?:me|us|her|him|them) up\b"
    r"|\b(?:smash|destroy|thrash|wreck|annihilate|batter)(?:ed|ing|s|es)? (?:me|us|her|him|them|you) (?:at|in) "
    r"(?!(?:school|lunch|break|home|town|pe|the (?:park|toilets|gates|bus stop|shops|changing rooms))\b)"
)

# Counter-speech: denouncing or reporting abuse rather than making it.
COUNTER_RE = re.compile(
    r"\b(?:is|was|are|were|that's|thats|it's|its|so|how|sounds|totally|being|is just|is so|that is|this is)"
    r" (?:so |really |completely |totally |just |absolutely |deeply |incredibly |very |pure |plain |blatant(?:ly)? )?"
    r"(?:hateful|racist|sexist|homophobic|transphobic|biphobic|bigoted|ableist|misogynistic|misogynist|"
    r"xenophobic|islamophobic|antisemitic|anti-semitic|unacceptable|not ok|not okay|not on|never ok|"
    r"never okay|wrong|vile|disgraceful|shameful|hate speech|not acceptable|out of order|bang out of order|"
    r"discrimination|discriminatory|offensive|abuse|abusive|prejudice|prejudiced|harmful|hurtful|a slur|"
    r"not funny|never funny|disgusting behaviour|cruel|horrible thing|awful thing|ignorant|bullying|a hate crime|"
    r"hate crime|problematic|dehumanising|dehumanizing|false|not true|untrue|a lie|a myth|nonsense|rubbish)\b"
    r"|\b(?:stop|quit|don't|dont|do not|never|please stop|you can't|you cant|you cannot|we don't|we dont|"
    r"no one should|nobody should|shouldn't|should not|isn't ok to|is not ok to|not ok to|wrong to)"
    r" (?:ever )?(?:saying|calling|call|say|use|using|post|posting|tweeting|spread|spreading|joke about|"
    r"joking about|be called|be talked about|talk about|treat|treating|bully|bullying|use the word|"
    r"write|writing|repeat|repeating)\b"
    r"|\b(?:said|says|saying|wrote|writes|posted|posts|shouted|shouting|tweeted|commented|messaged|texted|yelled|"
    r"screamed|claimed|claims|claiming|chanted|chanting|called (?:me|her|him|them|us|my \w+)|calling (?:her|him|me|"
    r"them|us)) (?:that )?\"|\b(?:told|tell|telling) (?:a|the|my|our) (?:teacher|head|headteacher|parent|parents|mum|"
    r"dad|police|dsl|staff|tutor|form tutor|head of year|adult)|\b(?:i|we) (?:reported|screenshotted|flagged|blocked)|"
    r"\b(?:how dare|shame on|not cool|no place for|there's no place|there is no place|has no place|"
    r"stand against|stand up to|stand up against|call out|calling out|called out|reported (?:him|her|them|it|this|"
    r"that|the|these|those)|report (?:him|her|them|this|that|these)|i reported|we reported|blocked (?:him|her|them)|"
    r"speak out|speaking out|won't tolerate|will not tolerate|zero tolerance|don't tolerate|do not tolerate|"
    r"not tolerated|stop the hate|end the hate|say no to|stamp out|kick it out|show racism the red card|"
    r"challenge (?:it|this|that|racism|sexism|homophobia|transphobia|hate)|i'm (?:tired|sick) of (?:people|"
    r"hearing|seeing|you|them|him|her)|sick of (?:people|hearing|seeing) (?:saying|calling|call|say|use)|"
    r"tired of (?:people|hearing|seeing) (?:saying|calling|call|say|use)|people who (?:say|said|think|call|use|"
    r"post|write|believe) |anyone who (?:says|said|thinks|calls|uses|believes) |if you (?:think|believe|say|said|"
    r"call|honestly think|really think)|the idea that|the claim that|the myth that|the lie that|the stereotype that|"
    r"stereotype|stereotypes|stereotyping|(?:racism|sexism|homophobia|transphobia|biphobia|islamophobia|"
    r"antisemitism|ableism|bigotry|hate speech|misogyny|xenophobia|discrimination|hatred|bullying) "
    r"(?:is|has|needs|must|should|in|at|against|towards|like|and|of|was|like this|like that)|"
    r"(?:against|fight|fighting|tackle|tackling|challenge|challenging|report|reporting|combat|combating|"
    r"combatting|end|ending|stop|stopping|oppose|opposing|condemn|condemning) (?:racism|sexism|homophobia|"
    r"transphobia|biphobia|islamophobia|antisemitism|ableism|bigotry|hate|hatred|misogyny|discrimination|"
    r"hate speech|prejudice|bullying)|(?:racist|sexist|homophobic|transphobic|ableist|bigoted|hateful) "
    r"(?:comments|remarks|abuse|language|slur|slurs|jokes|chants|messages|posts|tweets|bullshit|rubbish|nonsense|"
    r"crap|views|people|idiots|trolls)|(?:she|he|they|someone|somebody|people|a boy|a girl|a man|a woman|"
    r"he|she|some kid|a kid|they've|they have|he has|she has|he's|she's|they're) "
    r"(?:called|call|calls|keep calling|kept calling|keeps calling|have been calling|has been calling|been calling|"
    r"said|says|wrote|posted|shouted|yelled|messaged|texted|told) (?:me|us|my|our|him|her|them|that|i was|we were)|"
    r"(?:was|were|got|get|being|been|keep getting) called (?:a |an )?|call(?:ed|ing)? me (?:a |an )|"
    r"called (?:me|us|him|her|them|my) |what (?:he|she|they) said|was told (?:that|i)|"
    r"(?:just because|simply because|only because) (?:i'm|im|i am|she's|he's|they're|you're|we're)|"
    r"for being (?:gay|black|trans|muslim|jewish|disabled|a girl|a woman|asian|lesbian|bi|autistic|deaf|blind|"
    r"brown|a refugee|an immigrant|foreign|different)|because (?:i'm|i am|im|she's|he's|they're|we're) "
    r"(?:gay|black|trans|muslim|jewish|disabled|a girl|asian|lesbian|bi|autistic)|"
    r"no one deserves|nobody deserves|no one should be|nobody should be|everyone deserves|everyone should be|"
    r"(?:sick|tired) of (?:the|all the|all this|this) (?:abuse|hate|racism|bullying|comments|jokes|slurs|insults|"
    r"harassment|bigotry|homophobia|transphobia|sexism|misogyny)|(?:abuse|hate|harassment|bullying|discrimination|"
    r"racism|prejudice|slurs|insults) (?:that )?(?:\w+ ){1,3}(?:get|gets|face|faces|receive|receives|suffer|"
    r"suffers|experience|experiences|put up with|deal with)|"
    r"no (?:\w+ ){1,3}(?:deserves|should have) to be (?:called|treated|abused|bullied|attacked|hurt|mocked)|"
    r"it's not okay|its not okay|it is not okay|it's not ok|its not ok|it is not ok|not okay to|"
    r"i can't believe (?:people|someone|he|she|they|you) (?:still |would |actually )?(?:say|said|think|call|post)|"
    r"can't believe (?:people|someone|anyone) (?:still |would |actually )?(?:say|think|believe|post)|"
    r"(?:words|comments|posts|messages|language|slurs|jokes) like (?:that|this|these|those)|"
    r"using (?:that|the|this) word|that word|the (?:n|f|p|r|t|k|d)[- ]word|"
    r"(?:you|u) (?:can't|cant|cannot|shouldn't|should not|don't|dont) (?:just )?(?:say|call|go around|post|use|"
    r"write|make jokes))\b",
)

# Quotation: reported words inside quote marks.
QUOTE_RE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]|(?:^|\s)'([^']{6,})'(?:\s|$|[.,!?])")

# Negation that undoes a derogatory claim ("I would never say ...", "... are not disgusting").
_NEGATION_PATTERN = (
    r"\b(?:would|will|could|should|do|did|i'd|id|i) (?:never|not|n't)"
    r" (?:ever )?(?:say|said|think|thought|call|believe|claim|agree|suggest|joke|write|post|use|hate|hurt|"
    r"treat|tell|mock|laugh at|dislike|discriminate)\b"
    r"|\b(?:i|we)(?: really| honestly| just| absolutely| simply| totally| genuinely| certainly)?"
    r" (?:don't|dont|do not|never|didn't|did not|cannot|can't|cant|won't|wont|will not|refuse to)"
    r" (?:hate|despise|dislike|think|believe|agree|say|call|mind|have a problem with|have an issue with|"
    r"care that|judge|fear|want to hurt|wish|hope|see|support|get why|understand why|buy)\b"
    r"|\b(?:it's|it is|its|that's|that is) (?:not true|untrue|false|a lie|a myth|wrong|nonsense|rubbish|"
    r"ridiculous|absurd|not fair|unfair|never ok|not ok|not okay) (?:that|to say|to think|to claim|to call|"
    r"to believe|to assume)\b"
    r"|\b(?:aren't|are not|arent|isn't|is not|isnt|not|never|no|none|nothing|nobody|no one|none of)"
    r" (?:all |really |at all |even |remotely |in any way |that |so |more |any more |any less |less )?"
    r"(?:NEGWORDS)\b"
    r"|\b(?:no|not|never|nothing|none) (?:\w+ ){0,2}(?:wrong with|problem with|shame in|bad about)\b"
    r"|\b(?:it|that|this) (?:isn't|is not|isnt|wasn't|was not|ain't) (?:true|fair|right|ok|okay) (?:that|to)\b"
    r"|\b(?:i|we)(?: have| had|'ve|'d)? (?:never|not) (?:hated|despised|hurt|insulted|mocked|bullied|"
    r"discriminated|called)\b"
    r"|\b(?:of course|obviously|clearly) (?:not|they're not|they are not|we're not|we are not)\b"
    r"|\bthere(?:'s| is) nothing wrong with\b|\bthere(?:'s| is) no (?:problem|shame|issue) (?:with|in)\b"
)

# First-person identity statements ("I'm gay", "as a Muslim girl", "we're trans and proud").
SELF_IDENTITY_RE = re.compile(
    r"\b(?:i'm|im|i am|i've been|ive been|we're|were|we are|as a|as an|being|i'm a|im a|i am a|i came out as|"
    r"came out as|coming out as|proud to be|i identify as|identify as|i'm proud to be|my identity as|"
    r"me and my|us|we|fellow|i'm also|i am also|i'm not straight|i'm just|as someone who is|"
    r"as someone who's|as a proud|as an openly|openly)"
    r"(?: (?:a|an|the|proud|openly|out|young|happy|black|white|disabled|gay|trans|queer|muslim|jewish|bi|"
    r"bisexual|lesbian|deaf|blind|autistic|asian|british|christian|sikh|hindu|nonbinary|non-binary|"
    r"mixed race|brown|girl|woman|man|boy|kid|student|teenager|teen|person|also|fully|really|just|very|"
    r"and|pansexual|asexual|hijabi|wheelchair|user|immigrant|refugee|polish|pakistani|indian|chinese|"
    r"african|caribbean|jamaican|nigerian|somali|lgbt|lgbtq|masc|femme|butch|ace|aro|dyslexic|adhd|"
    r"neurodivergent|mum|dad|daughter|son|teacher|dyke|dykes|fag|fags|faggot|faggots|queers|poof|poofs|"
    r"tranny|trannies|nigga|niggas|crip|crips|cripple|cripples|bitch|bitches|slut|sluts|homo|homos|"
    r"paki|pakis|spaz|trans|people|folk|folks|ones|community|proud))+\b",
)
# Reclaimed in-group use of slurs: "queer", "dyke", "crip" in a community, pride or self sense.
RECLAIMED_RE = re.compile(
    r"\b(?:queer|queers|dyke|dykes|crip|crips|fag|fags|faggot|faggots|poof|nigga|niggas|tranny|homo|homos|"
    r"bitch|bitches|slut|sluts|spaz|paki|lesbo)"
    r" (?:pride|culture|community|joy|art|artists|theory|studies|bar|bars|night|nights|collective|club|"
    r"history|kids|youth|folk|folks|friends|friend|family|fam|squad|crew|mates|pals|sisters|brothers|siblings|"
    r"and proud|and proud of it|for life|4 life|forever|rights|love|icon|icons|solidarity|visibility|"
    r"disco|book club|choir|film festival|elders|ancestors|power|march|march on|club night|space|spaces|"
    r"support group|society|soc|alliance|network|activism|activist|activists)\b"
    r"|\b(?:my|our|fellow|proud|proudly|happily|unapologetically|openly|reclaiming|reclaim|reclaimed)"
    r" (?:the word |the term )?(?:queer|queers|dyke|dykes|crip|crips|fag|fags|poof|poofs|nigga|niggas|homo|"
    r"homos|lesbo|tranny|slut|sluts|bitches|bitch)\b"
    r"|\b(?:queer|dyke|crip|nigga|fag|homo|tranny|slut|bitch) (?:and|&) (?:proud|happy|thriving|loving it|"
    r"fabulous|loud)\b"
    r"|\b(?:what's up|whats up|wassup|sup|hey|yo|love you|love ya|miss you|morning|night night|hiya|hi) "
    r"(?:my )?(?:nigga|niggas|bitches|bitch|sluts|homos|queers|dykes|fags|gays|hoes)\b",
)

# Nouns for things, not people: "this stupid phone is shit" attacks no one.
OBJECTS = frozenset(
    _plurals(
        [
            "phone",
            "computer",
            "laptop",
            "game",
            "homework",
            "weather",
            "bus",
            "train",
            "printer",
            "wifi",
            "internet",
            "app",
            "update",
            "song",
            "film",
            "movie",
            "book",
            "exam",
            "test",
            "lesson",
            "car",
            "chair",
            "table",
            "door",
            "pen",
            "pencil",
            "bag",
            "shoe",
            "keyboard",
            "mouse",
            "console",
            "xbox",
            "playstation",
            "switch",
            "controller",
            "tv",
            "telly",
            "show",
            "episode",
            "series",
            "season",
            "level",
            "boss",
            "map",
            "server",
            "lag",
            "connection",
            "signal",
            "battery",
            "charger",
            "headphones",
            "food",
            "pizza",
            "burger",
            "sandwich",
            "dinner",
            "lunch",
            "breakfast",
            "coffee",
            "tea",
            "uniform",
            "timetable",
            "rule",
            "policy",
            "website",
            "site",
            "video",
            "photo",
            "picture",
            "camera",
            "rain",
            "snow",
            "traffic",
            "queue",
            "monday",
            "mondays",
            "tuesday",
            "weekend",
            "alarm",
            "alarm clock",
            "job",
            "shift",
            "assignment",
            "essay",
            "coursework",
            "maths",
            "math",
            "physics",
            "chemistry",
            "biology",
            "history",
            "french",
            "spanish",
            "german",
            "geography",
            "spelling",
            "grammar",
            "code",
            "bug",
            "software",
            "windows",
            "printer",
            "microwave",
            "fridge",
            "kettle",
            "toaster",
            "bike",
            "scooter",
            "ball",
            "pitch",
            "stadium",
            "kit",
            "referee's decision",
            "decision",
            "result",
            "score",
            "match",
            "weather",
            "week",
            "day",
            "morning",
            "meeting",
            "zoom",
            "teams",
            "email",
            "password",
            "login",
            "account settings",
            "lock",
            "key",
            "keys",
            "umbrella",
            "jumper",
            "coat",
            "hoodie",
            "trainers",
            "socks",
            "sock",
            "glue",
            "tape",
            "paper",
            "ink",
            "sandwich",
            "crisps",
            "chocolate",
            "broccoli",
            "sprouts",
            "vegetable",
            "vegetables",
            "soup",
            "song",
            "playlist",
            "album",
            "lyrics",
            "beat",
            "track",
            "cold",
            "flu",
            "headache",
            "hayfever",
            "cough",
        ]
    )
)

PROFANITY = frozenset(
    _plurals(
        [
            "fuck",
            "fucking",
            "fucked",
            "fucker",
            "fuckin",
            "fking",
            "fkin",
            "fck",
            "fcking",
            "shit",
            "shite",
            "shitty",
            "crap",
            "crappy",
            "damn",
            "dammit",
            "bloody",
            "bollocks",
            "bugger",
            "arse",
            "ass",
            "piss",
            "pissed",
            "bastard",
            "hell",
            "christ",
            "goddamn",
            "motherfucker",
            "motherfucking",
            "wtf",
            "ffs",
            "omfg",
            "sod",
            "sodding",
            "frigging",
            "friggin",
            "effing",
            "bullshit",
            "horseshit",
            "arsehole",
            "asshole",
            "twat",
            "prick",
            "dick",
            "cock",
            "knob",
            "wank",
            "wanker",
            "tosser",
            "cunt",
            "bellend",
        ]
    )
)

INSULTS = frozenset(
    _plurals(
        [
            "stink",
            "stinks",
            "idiot",
            "moron",
            "loser",
            "stupid",
            "dumb",
            "dumbass",
            "ugly",
            "fat",
            "fatty",
            "fatso",
            "pathetic",
            "worthless",
            "useless",
            "freak",
            "weirdo",
            "scum",
            "trash",
            "clown",
            "twat",
            "dickhead",
            "knobhead",
            "bellend",
            "wanker",
            "prick",
            "tosser",
            "muppet",
            "div",
            "melt",
            "neek",
            "minger",
            "slag",
            "cunt",
            "arsehole",
            "asshole",
            "piece of shit",
            "waste of space",
            "nobody likes you",
            "cow",
            "bitch",
            "imbecile",
            "cretin",
            "dunce",
            "pillock",
            "numpty",
            "plonker",
            "git",
            "wazzock",
            "bozo",
            "nonce",
            "creep",
            "creepy",
            "disgusting",
            "gross",
            "smelly",
            "stinky",
            "loner",
            "virgin",
            "incel",
            "simp",
            "peasant",
            "brokie",
            "tramp",
            "pig",
            "dog",
            "rat",
            "snake",
            "liar",
            "fake",
            "attention seeker",
            "sad",
            "cringe",
            "cringey",
            "embarrassing",
            "ugly",
            "hideous",
            "skank",
            "whore",
            "slut",
            "hoe",
            "dumbo",
            "thicko",
            "airhead",
            "bimbo",
            "nerd",
            "geek",
            "dweeb",
            "retard",
            "spaz",
            "mong",
            "psycho",
            "nutter",
            "headcase",
            "shitbag",
            "scumbag",
            "dirtbag",
            "douche",
            "douchebag",
            "jerk",
            "fool",
            "buffoon",
            "donkey",
            "goon",
            "gimp",
            "wally",
            "plank",
            "doughnut",
            "donut",
            "weapon",
            "wasteman",
        ]
    )
)

POSITIVE = frozenset(
    [
        "love",
        "loved",
        "loves",
        "lovely",
        "proud",
        "pride",
        "amazing",
        "great",
        "wonderful",
        "brilliant",
        "beautiful",
        "respect",
        "respected",
        "admire",
        "admirable",
        "valued",
        "valuable",
        "welcome",
        "welcomed",
        "support",
        "supported",
        "supporting",
        "equal",
        "equally",
        "celebrate",
        "celebrating",
        "strong",
        "brave",
        "inspiring",
        "inspirational",
        "talented",
        "kind",
        "smart",
        "clever",
        "fantastic",
        "awesome",
        "rights",
        "ally",
        "allies",
        "belong",
        "safe",
        "happy",
        "glad",
        "thank",
        "thanks",
        "grateful",
        "welcoming",
        "friendly",
        "helpful",
        "generous",
        "caring",
        "honest",
        "hardworking",
        "hard-working",
        "important",
        "contribute",
        "contribution",
        "contributions",
        "enrich",
        "enriches",
        "diverse",
        "diversity",
        "inclusive",
        "included",
        "accepted",
        "accepting",
        "valid",
        "beautiful",
        "gorgeous",
        "fabulous",
        "incredible",
        "best",
        "good",
        "nice",
        "cool",
        "human",
        "heroes",
        "legends",
        "icons",
        "stunning",
        "cute",
        "adore",
        "protect",
        "protected",
        "dignity",
        "equality",
        "freedom",
    ]
)

# Phrases that call a behaviour even with no hateful word. Each is matched on whole words.
BEHAVIOUR_PATTERNS: dict[str, list[str]] = {
    "harassment": [
        r"(?:why (?:are|r) (?:you|u) ignoring me|answer (?:me|my (?:messages|texts|calls))|reply to me|"
        r"pick up (?:the|your) phone|stop ignoring me|i(?:'ll| will) (?:keep|never stop) (?:messaging|texting|"
        r"calling|following|watching)|i(?:'m| am) watching you|i see you|i saw you (?:at|in|with|leave|walk)|"
        r"i know where you (?:are|go|walk|live)|i(?:'ve| have) been (?:following|watching)|following you home|"
        r"i(?:'ll| will) (?:never|not) leave you alone|can't escape me|cant escape me|you can't hide|"
        r"you cant hide|stop blocking me|unblock me|(?:made (?:a|another) )?new account to (?:message|"
        r"talk to|reach|contact|text)|keep(?:s)? messaging (?:me|her|him|you|u) (?:after|even|when|though|every|all)|won't stop (?:messaging|texting|calling|following)|"
        r"messag(?:ed|ing) (?:me|her|him) (?:100|a hundred|fifty|all night|every day|nonstop|non stop|constantly)|"
        r"every (?:day|night|hour|minute)|again and again|over and over|all the time|nonstop|non-stop|"
        r"outside your (?:house|school|window|door)|waiting outside|turned up at|showed up at|tracked your|"
        r"track(?:ing)? (?:your|her|his) (?:location|phone)|snap ?map|you're mine|ur mine|you belong to me)",
    ],
    "exclusion": [
        r"(?:(?:nobody|no one|noone|no1) (?:wants|likes|invited|asked|wanted|cares about|will sit with|talks to) "
        r"(?:you|u|her|him|them)|(?:you're|youre|ur|you are|she's|he's|you r) not (?:invited|welcome|"
        r"allowed|coming|in the group|one of us|part of)|don't (?:sit|talk|play|hang out) with (?:us|her|him|them)|"
        r"(?:can't|cant|cannot) sit with us|leave (?:the|our) (?:group|chat|gc|table|team)|"
        r"(?:kicked|removed|booted|blocked|left) (?:you |her |him |them )?(?:out of|from) (?:the|our) "
        r"(?:group|chat|gc|team|squad|server)|(?:everyone|we all|all of us|the whole class) "
        r"(?:agreed to|is going to|are going to|decided to|should|will) (?:ignore|block|unfollow|not talk to|"
        r"leave out|exclude|ghost)|(?:ignore|block|unfollow|exclude|ghost) (?:her|him|them) (?:everyone|guys|"
        r"all)|don't (?:invite|add|let) (?:her|him|them|that)|(?:go|just) away nobody wants you|"
        r"(?:you|u) (?:have|got) no friends|no friends|friendless|(?:no|not) room for (?:you|u)|we don't want "
        r"(?:you|u)|(?:you|u) don't belong (?:here|with us)|(?:she|he|you) can't come|uninvited|"
        r"left out|leaving (?:her|him|you|me) out|freeze (?:her|him|them) out)",
    ],
    "impersonation": [
        r"(?:fake (?:account|profile|page|insta|instagram|snap|tiktok|acc)|pretend(?:ing|ed)? to be (?:her|him|"
        r"you|me|them|someone|a)|pos(?:ing|ed|e) as|impersonat\w*|(?:hacked|got into|logged into|took over) "
        r"(?:her|his|my|your|their) (?:account|insta|snap|phone|tiktok|profile|email)|using (?:her|his|my) "
        r"(?:name|photos|pictures|pics) (?:to|on|for)|(?:account|profile|page) (?:pretending|posing|claiming) to|"
        r"(?:that|this) (?:account|profile|page) (?:is not|isn't|isnt|aint) (?:me|her|him)|catfish\w*|"
        r"(?:made|set up|created|making) (?:an? )?(?:account|profile|page) (?:of|as|in the name of|with (?:her|his) "
        r"(?:name|photo|pics)))",
    ],
    "personal_information": [
        r"(?:(?:she|he|they|this girl|this boy|that kid) (?:lives?|is living|stays) (?:at|on|in|near|round)|"
        r"(?:her|his|their|your) (?:home )?(?:address|postcode|phone number|number|mobile|email|location) "
        r"(?:is|=|:)|here(?:'s| is) (?:her|his|their|your) (?:address|number|phone|details|location|postcode|"
        r"email|socials|insta|snap)|(?:posted|shared|leaked|sent round|spread|put up|doxx?ed|dox(?:x)?ing) "
        r"(?:her|his|their|my|your) (?:address|number|phone number|details|location|nudes|pics|photos|"
        r"pictures|private|personal|messages|dms|chats|postcode|email)|doxx?\w*|(?:address|number) "
        r"(?:is )?(?:everywhere|online|on the group)|go round (?:to )?(?:her|his) house|"
        r"(?:her|his) (?:mum|dad|parents)(?:'s)? (?:address|number|work)|goes to \w+ (?:school|academy|college)"
        r"|(?:at|attends|goes to) \w+(?: \w+)? (?:school|academy|college|high)\b)",
    ],
    "sexual": [
        r"(?:send (?:me )?(?:nudes|noods|n00ds|feet pics|something spicy)|send me (?:pics|pictures|a pic|a picture|"
        r"photos|more|a video|vids|them)|nudes|noods|dick pic|d pic|nude pic|naked|get naked|take (?:it|your top|your "
        r"clothes|them) off|show me (?:your|ur) (?:body|boobs|tits|bum|ass|pussy|dick|chest|bra|underwear)|"
        r"what (?:are|r) (?:you|u) wearing|sex with (?:you|u|me)|have sex|sext\w*|horny|sexy|wanna fuck|"
        r"want to fuck|fuck you hard|suck my|blow ?job|boobs|tits|pussy|penis|vagina|cock|dick|cum|"
        r"porn|onlyfans|wank(?:ing)? (?:over|to|about)|touch (?:you|u|yourself|urself|me)|in bed with|"
        r"sleep with (?:you|u|me)|let me see (?:you|u|your|ur)|bend (?:you|u) over|slut|whore|"
        r"(?:leaked|leak|spread|share|post|send (?:round|around)) (?:her|his|your|ur|the) (?:nudes|pics|photos|"
        r"videos)|rape|raped|grope|groped|groping|lick|sucking|moan)",
    ],
    "manipulation": [
        r"(?:if (?:you|u) (?:don't|dont|do not|won't|wont|refuse to) (?:send|do|give|pay|meet|come|tell|delete|"
        r"stop|answer|reply)|(?:or|otherwise) (?:i(?:'ll| will)|ill|i'm gonna|im gonna|i am going to) "
        r"(?:send|post|share|show|tell|leak|spread|expose|put)|unless (?:you|u) (?:send|pay|do|give|meet|come)|"
        r"(?:i'll|ill|i will|gonna) (?:send|post|share|show|leak|spread|expose) (?:them|it|these|those|the "
        r"(?:pics|photos|screenshots|video|chats|messages)|your (?:pics|photos|nudes|secret|messages)) "
        r"(?:to|unless|if)|(?:don't|dont|do not|never) tell (?:your|ur|anyone|anybody|the|a) (?:mum|mam|mom|dad|"
        r"parents|teacher|anyone|anybody|friends|police|school)?|our (?:little )?secret|between (?:you and me|us)|"
        r"(?:you|u) owe me|if (?:you|u) (?:really )?(?:loved|love|liked|trusted|cared about) me (?:you|u)|"
        r"(?:no one|nobody) (?:will|would) believe (?:you|u)|(?:you'll|youll|you will) (?:get in|be in) trouble "
        r"(?:if|too)|(?:do|send) (?:it|what i say) or (?:else|i)|pay (?:me|up) or|(?:i've|ive|i have) got "
        r"(?:pics|photos|screenshots|a video) of (?:you|u)|delete (?:this|these|the) messages|"
        r"(?:you're|youre|you are|ur) so mature for (?:your|ur) age|meet (?:up|me) (?:alone|in secret|without)|"
        r"(?:it'll|it will) be (?:our|a) secret|no one has to know|nobody has to know|prove (?:you|u) (?:love|trust))",
    ],
    "trolling": [
        r"(?:cry (?:more|about it)|stay mad|seethe|cope (?:harder|more)?|mald|ratio(?:ed|'d)?|l \+ ratio|"
        r"(?:you|u) mad|u mad bro|triggered|snowflake|imagine being|get rekt|rekt|touch grass|go cry to (?:your|ur) "
        r"(?:mum|mam|mom|mummy)|nobody asked|no one asked|who asked|didn't ask|skill issue|cry baby|crybaby|"
        r"baited|bait|just trolling|only trolling|trolling|lol (?:you're|ur|your) so (?:mad|triggered)|"
        r"keep crying|tears are delicious|salty|sit down|take the l|massive l|fatherless behaviour|"
        r"ok boomer|owned|get owned|clown emoji|ur a clown|you're a clown|clown)",
    ],
    "vilification": [
        r"(?:everyone knows (?:she|he|that|they)|(?:spread|spreading|started|starting) (?:a |the )?(?:rumour|rumor|"
        r"lie|lies|story)|tell (?:everyone|everybody|the whole school|the year|people) (?:that|she|he|they)|"
        r"(?:she|he) (?:slept with|shagged|cheated|steals|stole|is a (?:paedo|pedo|nonce|thief|liar|slag|"
        r"whore)|has (?:an std|std|herpes|aids|chlamydia|nits|lice)|is pregnant|got pregnant|had an abortion|"
        r"sells drugs|deals drugs|touched)|apparently (?:she|he|they)|(?:heard|hear) (?:that|she|he) |"
        r"(?:rumour has it|rumor has it|word is|people are saying)|(?:i heard|heard) (?:that )?(?:she|he|they|u|you) "
        r"(?:slept|sleeps|shagged|cheated|stole|steals|is pregnant|got pregnant|has an? |is a |sent|touched|fancies)|(?:made up|lies) about (?:her|him|me|you)|"
        r"(?:post|posted|send|sent|share|shared) (?:it|this|that|a video|a pic|a screenshot) (?:to|in|on) "
        r"(?:the group|everyone|the gc|the year|insta|tiktok|snap)|(?:edited|photoshopped|deepfake\w*) "
        r"(?:her|his|a|the) (?:photo|pic|picture|face|video)|(?:screenshot|screenshotted) (?:her|his) "
        r"(?:messages|chats|dms|story)|(?:expose|exposed|exposing) (?:her|him|them|you))",
    ],
}

EMOJI: dict[str, str] = {
    "🔪": "knife",
    "🗡": "dagger",
    "🔫": "gun",
    "💣": "bomb",
    "🪓": "axe",
    "⚰": "coffin",
    "💀": "skull",
    "☠": "skull",
    "🔥": "fire",
    "🪢": "rope",
    "🐀": "rat",
    "🐁": "mouse",
    "🐭": "mouse",
    "🐒": "monkey",
    "🐵": "monkey",
    "🙈": "monkey",
    "🦍": "gorilla",
    "🦧": "ape",
    "🐷": "pig",
    "🐖": "pig",
    "🐽": "pig",
    "🐗": "pig",
    "🐍": "snake",
    "🪳": "cockroach",
    "🐛": "bug",
    "🦟": "insect",
    "🪰": "insect",
    "🦠": "virus",
    "🐕": "dog",
    "🐶": "dog",
    "🐩": "dog",
    "🐄": "cow",
    "🐮": "cow",
    "🐑": "sheep",
    "🐐": "goat",
    "🐫": "camel",
    "🐪": "camel",
    "🦨": "skunk",
    "🤮": "vomit",
    "🤢": "sick",
    "💩": "shit",
    "🗑": "trash",
    "🚮": "trash",
    "🤡": "clown",
    "🖕": "fuck you",
    "😡": "angry",
    "🤬": "swearing",
    "👿": "evil",
    "😈": "evil",
    "🏳️‍🌈": "gay pride",
    "🏳‍🌈": "gay pride",
    "🌈": "rainbow",
    "🏳️‍⚧️": "trans pride",
    "🏳‍⚧": "trans pride",
    "🏳️‍⚧": "trans pride",
    "⚧": "trans",
    "✡": "jewish",
    "🕎": "jewish",
    "☪": "muslim",
    "🕌": "mosque",
    "🕋": "mecca",
    "✝": "christian",
    "⛪": "church",
    "🕍": "synagogue",
    "🛕": "temple",
    "👳": "turban man",
    "🧕": "hijab woman",
    "👲": "chinese man",
    "👩": "woman",
    "👧": "girl",
    "👨": "man",
    "👦": "boy",
    "👱‍♀️": "woman",
    "👸": "woman",
    "💃": "woman",
    "🙋‍♀️": "woman",
    "♀": "female",
    "♂": "male",
    "🏿": "black",
    "🏾": "black",
    "♿": "disabled",
    "🦽": "wheelchair disabled",
    "🦼": "wheelchair disabled",
    "🧑‍🦽": "wheelchair disabled",
    "👨‍🦽": "wheelchair disabled",
    "👩‍🦽": "wheelchair disabled",
    "🧑‍🦯": "blind",
    "🦯": "blind",
    "🦻": "deaf",
    "🧏": "deaf",
    "👬": "gay couple",
    "👭": "lesbian couple",
    "👨‍❤️‍👨": "gay couple",
    "👩‍❤️‍👩": "lesbian couple",
    "🍆": "penis",
    "🍑": "bum",
    "💦": "cum",
    "👅": "lick",
    "😘": "kiss",
    "😍": "love",
    "❤": "love",
    "💕": "love",
    "💖": "love",
    "💗": "love",
    "💜": "love",
    "💙": "love",
    "💚": "love",
    "🧡": "love",
    "💛": "love",
    "🖤": "love",
    "🤍": "love",
    "💞": "love",
    "🥰": "love",
    "😻": "love",
    "👍": "good",
    "👏": "clap",
    "🙌": "praise",
    "😂": "lol",
    "🤣": "lol",
    "😆": "lol",
    "💯": "totally",
    "🙄": "eyeroll",
    "😭": "crying",
    "😢": "sad",
    "🍌": "banana",
    "🧠": "brain",
    "🤰": "pregnant",
    "🚫": "no",
    "❌": "no",
    "⛔": "no",
    "✅": "yes",
    "🪦": "grave",
    "🩸": "blood",
    "🤕": "hurt",
    "🚀": "rocket",
    "🎯": "target",
    "🔨": "hammer",
    "🥊": "punch",
    "👊": "punch",
    "🤜": "punch",
    "⚡": "lightning",
    "🪤": "trap",
    "⛓": "chains",
    "🔗": "chain",
    "🥵": "hot",
    "😏": "smirk",
    "😤": "angry",
    "👀": "eyes",
    "🤫": "secret",
    "🔞": "adult",
    "🙏": "please",
}

LEET_WORDS = {
    "h8": "hate",
    "h8e": "hate",
    "h8s": "hates",
    "h8ed": "hated",
    "h8er": "hater",
    "h8ers": "haters",
    "h8ing": "hating",
    "gr8": "great",
    "m8": "mate",
    "m8s": "mates",
    "l8r": "later",
    "sk8": "skate",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2nite": "tonight",
    "4ever": "forever",
    "b4": "before",
    "k1ll": "kill",
    "d13": "die",
    "d1e": "die",
    "4ll": "all",
}

SHORTHAND = {
    "u": "you",
    "ur": "your",
    "ya": "you",
    "yu": "you",
    "yh": "yeah",
    "ppl": "people",
    "pple": "people",
    "peeps": "people",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "tho": "though",
    "thru": "through",
    "wat": "what",
    "wot": "what",
    "gonna": "gonna",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "youre": "you're",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "hes": "he's",
    "shes": "she's",
    "ive": "i've",
    "dat": "that",
    "dis": "this",
    "dem": "them",
    "muzlims": "muslims",
    "muzlim": "muslim",
    "fags": "fags",
    "ppls": "people",
    "r": "are",
    "n": "and",
    "b": "be",
    "2": "to",
    "4": "for",
    "y": "why",
    "kno": "know",
    "noone": "no one",
    "evry1": "everyone",
    "every1": "everyone",
    "some1": "someone",
    "any1": "anyone",
    "no1": "no one",
    "luv": "love",
    "wanna": "wanna",
    "gotta": "gotta",
    "pls": "please",
    "plz": "please",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "wen": "when",
    "wiv": "with",
    "wid": "with",
    "gurl": "girl",
    "grl": "girl",
    "gurls": "girls",
    "grls": "girls",
    "bruv": "bro",
}


def _all_phrases() -> set[str]:
    out: set[str] = set()
    for words in IDENTITY.values():
        out.update(words)
    for words in SLURS.values():
        out.update(words)
    out.update(DEHUMANISING, NEGATIVE, HOSTILE, PROFANITY, INSULTS, NON_PROTECTED_GROUPS, OBJECTS, POSITIVE)
    return out


# Words worth restoring when they are misspelt, masked or run together with others.
KEY_WORDS: frozenset[str] = frozenset(
    w for w in _all_phrases() - OBJECTS - POSITIVE - NON_PROTECTED_GROUPS if " " not in w and len(w) >= 3
) | frozenset(
    [
        "kill",
        "kills",
        "murder",
        "stab",
        "shoot",
        "rape",
        "die",
        "hang",
        "myself",
        "yourself",
        "suicide",
        "disgusting",
        "hate",
        "hates",
        "women",
        "muslims",
        "jews",
        "gays",
        "blacks",
        "immigrants",
        "refugees",
        "transgender",
        "lesbians",
        "disabled",
        "retards",
        "should",
        "all",
        "are",
        "you",
        "your",
        "kys",
        "nudes",
        "people",
    ]
)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@functools.cache
def _delete_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for w in sorted(KEY_WORDS, key=lambda x: (-len(x), x)):
        if len(w) >= 5:
            for d in _deletes(w):
                index.setdefault(d, w)
    return index


@functools.cache
def vocabulary() -> dict[str, int]:
    """Word counts from the training corpora (data/vocab.txt), written by `train`."""
    path = DATA_DIR / "vocab.txt"
    counts: dict[str, int] = {}
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                word, _, count = line.rstrip("\n").partition("\t")
                if word:
                    counts[word] = int(count or 1)
    for w in _all_phrases() | set(SHORTHAND) | set(SHORTHAND.values()) | KEY_WORDS | {"i", "a"}:
        for part in w.split(" "):
            counts.setdefault(part, 5)
    return counts


def is_known(word: str) -> bool:
    return word in vocabulary()


def fuzzy_key_word(word: str) -> str:
    """A key word one edit away from an unknown word (dropped, doubled or swapped letter), or ''."""
    if not word.isalpha() or word in KEY_WORDS:
        return ""
    index = _delete_index()
    if word in index:  # a letter was dropped: "muslms" -> "muslims"
        return index[word]
    for i in range(len(word) - 1):  # two letters swapped: "muslmis" -> "muslims"
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if swapped in KEY_WORDS and len(swapped) >= 4:
            return swapped
    for i in range(len(word)):  # a letter was added: "kiill", "womeen"
        cand = word[:i] + word[i + 1 :]
        if cand in KEY_WORDS and (len(cand) >= 5 or (i > 0 and word[i] == word[i - 1])):
            return cand
    return ""


@functools.cache
def _mask_candidates() -> tuple[str, ...]:
    slurs = {w for ws in SLURS.values() for w in ws if " " not in w}
    first = sorted(slurs | (PROFANITY - {"it"}), key=lambda w: (len(w), w))
    rest = sorted(KEY_WORDS - set(first), key=lambda w: (len(w), w))
    return tuple(first + rest)


def unmask(word: str) -> str:
    """The key word a masked spelling stands for ("f*ck", "n****r", "f#ggot"), or ''.

    Slurs and swear words come first: they are what people mask. A word of the same length wins over
    a longer one (each mask character usually hides one letter).
    """
    if not word.strip("*#"):
        return ""
    pattern = re.compile("^" + "".join("[a-z]{1,2}" if c in "*#" else re.escape(c) for c in word) + "$")
    same_len = [c for c in _mask_candidates() if len(c) == len(word) and pattern.match(c)]
    if same_len:
        return same_len[0]
    for cand in _mask_candidates():
        if len(cand) >= 3 and pattern.match(cand):
            return cand
    return ""


@functools.cache
def _total() -> float:
    return float(sum(vocabulary().values()) or 1)


def segment(word: str) -> str:
    """Split a run-together word into known words when one of them is a key word ("ihatemuslims")."""
    n = len(word)
    if n < 6 or n > 40 or not word.isalpha():
        return ""
    counts = vocabulary()
    total = _total()
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 18), end):
            piece = word[start:end]
            if len(piece) == 1 and piece not in ("i", "a"):
                continue
            c = counts.get(piece)
            if not c:
                continue
            cost = best[start][0] + math.log(total / c) + 2.0
            if cost < best[end][0]:
                best[end] = (cost, start)
    if best[n][0] == math.inf:
        return ""
    parts: list[str] = []
    end = n
    while end > 0:
        start = best[end][1]
        parts.append(word[start:end])
        end = start
    parts.reverse()
    if len(parts) < 2 or not any(p in KEY_WORDS and len(p) >= 3 for p in parts):
        return ""
    return " ".join(parts)


NEGATION_RE = re.compile(
    _NEGATION_PATTERN.replace(
        "NEGWORDS", "|".join(re.escape(w) for w in sorted(NEGATIVE | DEHUMANISING, key=len, reverse=True))
    )
)


# A positive word negated about a group ("X are not welcome", "will never be real women"): hateful.
NEGATED_POSITIVE_RE = re.compile(
    r"\b(?:not|never|n't|no longer|nothing but|hardly|less than|isn't|aren't|ain't|can't|cannot|won't)"
    r" (?:\w+ ){0,2}(?:welcome|wanted|human|humans|people|normal|natural|real|equal|worth|as (?:good|smart|"
    r"intelligent|capable|clever|strong|valuable|important)|trusted|trustworthy|safe|belong|deserve|allowed|"
    r"british|english|one of us|proper|valid|(?:real|proper|actual|true) (?:women|men|woman|man|girls|boys))\b"
)

# Everyday senses of words that are also slurs: a cigarette, a meatball, a female dog, a spree.
HOMONYM_RE = re.compile(
    r"\b(?:(?:a|for a|having a|have a|smoke a|smoking a|light a|lit a|pack of|packet of|box of|quick|cheeky) "
    r"fags?\b|fags? (?:break|packet|butt|butts|end|ends)\b"
    r"|faggots? (?:and|with|in) (?:peas|gravy|mash|onion|chips)|(?:make|makes|made|cook|cooks|cooked|eat|eats|ate|"
    r"brains|pork) faggots?\b|faggots? (?:of|bundle)|bundle of (?:sticks|wood)|"
    r"(?:dog|puppies|puppy|pup|pups|litter|breed|breeding|kennel|whelp|whelped|greyhound|spaniel|terrier|lab|"
    r"collie|labrador|retriever)\b(?:\W+\w+){0,6}\W+bitch(?:es)?\b|bitch(?:es)? (?:had|has|gave birth|whelped)"
    r"|(?:went|go|going|been|big|massive|huge|mad|weekend) (?:on )?(?:a |an )?(?:massive |big |huge |mad )?bender\b"
    r"|pouffe|poof (?:seat|stool))"
)
