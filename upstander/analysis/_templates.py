"""Synthetic training examples from templates written by hand for Upstander.

How this was made: the frames and fillers below were written by the Upstander team (no text was
copied from any test suite or data set) to cover what the shared data sets lack: behaviours other
than hate (threats to a person, self-harm, harassment, exclusion, impersonation, personal information,
sexual messages, manipulation, trolling, vilification), and the non-hateful cases a classifier
trained on hate data gets wrong (counter-speech, negation, neutral and positive talk about groups,
reclaimed slurs, abuse of objects or non-protected groups, idioms). `generate(seed)` fills the frames
at random with a fixed seed, so training is reproducible. The functional test suite
(`data/functional_suite.jsonl`) was written separately, with different sentences.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["Example", "generate"]


@dataclass
class Example:
    text: str
    labels: dict[str, int]
    strands: tuple[str, ...] | None = None  # None: unknown; () : none
    source: str = "templates"
    weight: float = 1.0
    meta: dict[str, str] = field(default_factory=dict)


GROUPS: dict[str, list[tuple[str, str]]] = {  # (plural, singular)
    "sexist": [
        ("women", "woman"),
        ("girls", "girl"),
        ("females", "female"),
        ("feminists", "feminist"),
        ("wives", "wife"),
        ("female teachers", "female teacher"),
        ("women drivers", "woman driver"),
    ],
    "racist": [
        ("black people", "black person"),
        ("immigrants", "immigrant"),
        ("pakistanis", "pakistani"),
        ("asians", "asian"),
        ("refugees", "refugee"),
        ("gypsies", "gypsy"),
        ("chinese people", "chinese person"),
        ("arabs", "arab"),
        ("polish people", "polish person"),
        ("africans", "african"),
        ("migrants", "migrant"),
        ("romanians", "romanian"),
        ("asylum seekers", "asylum seeker"),
        ("indians", "indian"),
        ("nigerians", "nigerian"),
        ("somalis", "somali"),
        ("travellers", "traveller"),
        ("white people", "white person"),
        ("mexicans", "mexican"),
        ("eastern europeans", "eastern european"),
    ],
    "faith": [
        ("muslims", "muslim"),
        ("jews", "jew"),
        ("sikhs", "sikh"),
        ("hindus", "hindu"),
        ("christians", "christian"),
        ("catholics", "catholic"),
        ("jewish people", "jewish person"),
    ],
    "homophobic": [
        ("gay people", "gay person"),
        ("gays", "gay"),
        ("lesbians", "lesbian"),
        ("bisexual people", "bisexual person"),
        ("gay men", "gay man"),
        ("homosexuals", "homosexual"),
        ("bi people", "bi person"),
        ("same sex couples", "same sex couple"),
    ],
    "transphobic": [
        ("trans people", "trans person"),
        ("trans women", "trans woman"),
        ("trans men", "trans man"),
        ("non-binary people", "non-binary person"),
        ("transgender people", "transgender person"),
        ("trans kids", "trans kid"),
    ],
    "disability": [
        ("disabled people", "disabled person"),
        ("autistic people", "autistic person"),
        ("wheelchair users", "wheelchair user"),
        ("people with down syndrome", "person with down syndrome"),
        ("deaf people", "deaf person"),
        ("blind people", "blind person"),
        ("people with learning disabilities", "person with a learning disability"),
        ("mentally ill people", "mentally ill person"),
    ],
}

SLURS: dict[str, list[str]] = {
    "sexist": ["slut", "whore", "skank", "feminazi", "thot"],
    "racist": ["paki", "nigger", "chink", "gyppo", "wog", "coon", "spic", "pikey"],
    "faith": ["kike", "raghead", "towelhead", "muzzie", "yid"],
    "homophobic": ["faggot", "fag", "dyke", "poof", "batty boy", "lezza"],
    "transphobic": ["tranny", "shemale", "troon", "he-she"],
    "disability": ["retard", "spaz", "spastic", "mong", "cripple", "window licker"],
}
RECLAIMABLE = {
    "homophobic": ["queer", "dyke", "fag", "poof"],
    "disability": ["crip", "cripple"],
    "racist": ["nigga"],
    "sexist": ["bitch", "slut"],
}
INGROUP = {
    "homophobic": ["gay man", "lesbian", "queer person", "bi woman"],
    "disability": ["disabled person", "wheelchair user"],
    "racist": ["black man", "black woman"],
    "sexist": ["woman", "girl"],
}

NEG = [
    "disgusting",
    "filthy",
    "stupid",
    "inferior",
    "evil",
    "dangerous",
    "violent",
    "lazy",
    "worthless",
    "pathetic",
    "vile",
    "repulsive",
    "thick",
    "criminals",
    "a disease",
    "a burden on society",
    "parasites",
    "useless",
    "subhuman",
    "primitive",
    "liars",
    "thieves",
    "dirty",
    "sick in the head",
    "freaks",
    "a plague",
    "degenerates",
    "perverts",
    "vermin",
    "rats",
    "cockroaches",
    "animals",
    "savages",
    "scum",
    "trash",
    "a waste of space",
    "a drain on the country",
    "mentally ill",
    "unnatural",
]
DEHUM = [
    "vermin",
    "rats",
    "cockroaches",
    "animals",
    "parasites",
    "a disease",
    "a plague",
    "filth",
    "scum",
    "subhuman",
    "insects",
    "trash",
    "leeches",
    "a cancer",
    "savages",
    "apes",
    "pigs",
    "maggots",
]
ELIM = [
    "be wiped out",
    "be deported",
    "be locked up",
    "all be shot",
    "be gassed",
    "be banned from this country",
    "die",
    "be exterminated",
    "be put down",
    "be sent back",
    "burn",
    "be kicked out",
    "be hanged",
    "not be allowed to exist",
    "be removed from schools",
    "be sterilised",
]
PLACES = [
    "this country",
    "our school",
    "britain",
    "this town",
    "our street",
    "england",
    "the uk",
    "decent society",
    "the workplace",
    "our class",
    "sport",
    "the army",
]
ACTS = [
    "vote",
    "teach kids",
    "adopt children",
    "work in schools",
    "have kids",
    "get married",
    "be doctors",
    "play sport",
    "use our toilets",
    "live near us",
    "run for office",
    "have rights",
]
POS = [
    "brilliant",
    "amazing",
    "kind",
    "welcome here",
    "valued members of our community",
    "just as smart as anyone",
    "wonderful",
    "strong",
    "talented",
    "part of what makes this country great",
    "loved",
    "equal to everyone",
    "brave",
    "important to us",
    "our friends and neighbours",
    "inspiring",
    "just people",
    "lovely",
]
NEUTRAL = [
    "{G} live all over the UK.",
    "There are {G} in my class.",
    "My best friend's mum works with {G}.",
    "The report looks at how many {G} get jobs after university.",
    "Are there many {G} in your area?",
    "We learned about the history of {G} in Britain today.",
    "Some {G} celebrate in different ways.",
    "The charity helps {G} find housing.",
    "How do {G} feel about the new policy?",
    "Our school has a club run by {G}.",
    "I read an article written by {G}.",
    "{G} can be found in every profession.",
    "The survey asked {G} about their experiences at school.",
    "Lots of {G} are in the film.",
    "I'm doing my project on {G} in the 1950s.",
    "The museum has an exhibition about {G}.",
    "Many {G} I know support the same football team as me.",
    "{G} are people just like everyone else.",
    "Is it true that {G} face more discrimination at work?",
    "A group of {G} spoke at assembly.",
    "my cousin is one of the {G} who helped organise the event",
    "{G} were on the news last night",
    "what is it like for {G} growing up in a small town?",
    "the new teacher said {G} are welcome at the club",
    "Two {G} opened a bakery on the high street.",
    "Our form tutor invited {G} to talk about their lives.",
    "The law protects {G} from discrimination.",
    "Statistics on {G} in the workforce came out today.",
    "Did you know the captain of the team is one of the {G}?",
    "My neighbours are {G} and they have a lovely dog.",
    "We watched a documentary about {G} in history class.",
    "The new book has characters who are {G}.",
    "{G} were the focus of the council's new report.",
    "I asked my mum what life was like for {G} in the 80s.",
    "The youth club has a night for {G} on Fridays.",
    "There's a support group for {G} at the library.",
    "The festival celebrates {G} and their families.",
    "Loads of {G} came to the open evening.",
    "A {S} won the science prize this year.",
    "My friend is a {S} and she's coming to the party.",
    "The {S} in the article talked about their job.",
    "I sat next to a {S} on the train today.",
    "According to the census, the number of {G} in the city went up.",
    "do you know any {G}?",
    "is it ok to ask {G} about their culture?",
    "how should schools support {G}?",
    "{G} often talk about how hard it is to find work",
    "the guest speaker was a {S} who runs a charity",
]
POSITIVE_FRAMES = [
    "{G} are {P}.",
    "I love how {P} {G} are.",
    "{G} deserve respect and equal rights.",
    "So proud of all the {G} at our school.",
    "{G} make our community better.",
    "We stand with {G}.",
    "Nothing wrong with being one of the {G}.",
    "{G} belong here as much as anyone.",
    "Honestly {G} are {P}.",
    "I think {G} are {P}.",
    "{G} are {P} and I'll say it.",
    "Shoutout to all the {G} out there, you are {P}!",
    "I'd be proud to have {G} as neighbours.",
    "Love and respect to {G} everywhere ❤️",
    "{G} should be treated with dignity.",
    "{G} have every right to be here.",
]
HATE_FRAMES = [
    "{G} are {N}.",
    "All {G} are {N}.",
    "{G} are nothing but {D}.",
    "I hate {G}.",
    "I fucking hate {G}.",
    "I can't stand {G}, they're {N}.",
    "{G} disgust me.",
    "{G} make me sick.",
    "{G} should {E}.",
    "All {G} should {E}.",
    "We need to get rid of {G}.",
    "{G} don't belong in {PL}.",
    "{G} can't be trusted.",
    "Never trust a {S}.",
    "Typical {S}, {N} as always.",
    "{G} are a {Dn} on {PL}.",
    "Why are {G} always so {N}?",
    "Why are all {G} {N}?",
    "Isn't it obvious that {G} are {N}?",
    "I think {G} are {N}.",
    "Honestly, {G} are {N}.",
    "In my opinion {G} are {N}.",
    "Let's be honest, {G} are {N}.",
    "{G} are not human.",
    "{G} aren't real people.",
    "A {S} will never be a real person to me.",
    "{G} shouldn't be allowed to {A}.",
    "{G} have no place in {PL}.",
    "I wouldn't let a {S} near my kids.",
    "{G} are ruining {PL}.",
    "{G} are taking over {PL}.",
    "I'm sick of {G}, they are {N}.",
    "Go back to where you came from, {G}.",
    "Kill all {G}.",
    "Death to {G}.",
    "The world would be better without {G}.",
    "{G} deserve to die.",
    "{G} are the worst thing to happen to {PL}.",
    "There are too many {G} in {PL}, they are {N}.",
    "Look at all these {G}, {D} the lot of them.",
    "{G} need to be kept away from {PL}.",
    "{G} breed like {D}.",
    "Every {S} I've met has been {N}.",
    "{G} are genetically {N}.",
    "Being one of the {G} is a disease.",
    "{G}? More like {D}.",
    "I met some {G} yesterday. They were {N}, like all of them.",
    "You can always tell a {S} because they're so {N}.",
    "Imagine being a {S} lol, {N}.",
    "{G} should be ashamed of existing.",
    "Nobody wants {G} in {PL}.",
    "Sharing this because {G} are {N} and people need to know.",
    "Ban {G} from {PL}.",
    "{G} = {D}",
    "{G} are a plague on {PL}.",
    "if you're one of the {G} you're {N}",
    "{G} are all {N} and you know it",
]
THREAT_GROUP_FRAMES = [
    "I'm going to hurt the next {S} I see.",
    "I'm going to kill every {S} I meet.",
    "I'll stab any {S} who comes near me.",
    "We're going to burn down the {PLACE} where the {G} meet.",
    "Someone should shoot all the {G}.",
    "I'll batter that {S} after school.",
    "We're going to make the {G} at our school pay.",
]
GROUP_PLACES = ["mosque", "synagogue", "centre", "club", "church", "temple", "community hall"]
COUNTER_FRAMES = [
    'Saying "{H}" is {DN}.',
    '"{H}" is not ok, it\'s {DN}.',
    'Someone posted "{H}" in the group chat and it\'s {DN}.',
    "I'm so tired of people saying {G} are {N}.",
    "If you think {G} are {N}, you need to educate yourself.",
    "People who say {G} are {N} are the real problem.",
    "Stop saying {G} are {N}. It isn't true.",
    "He called me a {SL} and I reported him.",
    "She keeps calling me a {SL} just because I'm {ID}.",
    'I got called a "{SL}" on the bus today and nobody did anything.',
    "Calling someone a {SL} is never ok.",
    "Using the word {SL} is {DN}, please stop.",
    'The comment "{H}" was removed because it was {DN}.',
    "Why do people think it's fine to say \"{H}\"? It's {DN}.",
    "No one should be called a {SL} for being {ID}.",
    "It's wrong to say {G} are {N}.",
    'When he wrote "{H}" I screenshotted it and told a teacher.',
    "We need to challenge people who claim {G} are {N}.",
    "Claiming that {G} are {N} is just {DN} nonsense.",
    '"{H}" - this is exactly the kind of hate we have to stamp out.',
    "The idea that {G} are {N} is a myth.",
    "You can't go around saying {G} are {N}, that's {DN}.",
    "Reported the account that said {G} should {E}.",
    "The stereotype that {G} are {N} is harmful.",
    "Hate against {G} is on the rise and it has to stop.",
    "Our school stands against abuse of {G}.",
    "I'm disgusted by the way people talk about {G} online.",
    "There is no excuse for bullying {G}.",
    "Jokes about {G} being {N} aren't funny.",
    "Why does everyone keep picking on {G}? Leave them alone.",
    "Imagine hating {G} in this day and age. Grow up.",
    "Abuse aimed at {G} should be reported.",
    "She got messages saying {G} should {E}. The police are involved now.",
    "The teacher told off a boy for calling {G} {N}.",
    "Posting that {G} are {D} is a hate crime.",
    "My mum was called a {SL} in the street and I told the police.",
    "If someone calls you a {SL}, tell a teacher.",
    "The word {SL} is a slur, don't use it.",
    "People who call {G} {D} are the problem, not {G}.",
]
DENOUNCE = [
    "racist",
    "hateful",
    "disgusting",
    "unacceptable",
    "not ok",
    "homophobic",
    "bigoted",
    "wrong",
    "vile",
    "hate speech",
    "out of order",
    "transphobic",
    "sexist",
    "ableist",
    "offensive",
]
NEGATION_FRAMES = [
    "I would never say {G} are {N}.",
    "{G} are not {N}.",
    "{G} aren't {N} at all.",
    "No {S} is {N}.",
    "I don't think {G} are {N}.",
    "It's not true that {G} are {N}.",
    "I don't hate {G}, why would I?",
    "I'd never call a {S} {Nsg}.",
    "Of course {G} aren't {N}.",
    "There's nothing wrong with being one of the {G}.",
    "{G} are not {N}, they're {P}.",
    "Nobody should think {G} are {N}.",
    "I've never thought {G} were {N}.",
    "Not one of the {G} I know is {N}.",
    "It's rubbish to claim {G} are {N}.",
    "{G} aren't {D}, they're people.",
    "I'd never want to hurt {G}.",
    "I refuse to believe {G} are {N}.",
    "Being one of the {G} doesn't make you {N}.",
]
RECLAIMED_FRAMES = [
    "As a {IN}, I'm proud to call myself a {R}.",
    "We {R}s have to stick together.",
    "{R} pride night was amazing!",
    "Proud {R} and happy about it.",
    "My {R} friends are the best people I know.",
    "{R} and proud 🌈",
    "I'm a {R} and I love who I am.",
    "Reclaiming the word {R} feels powerful.",
    "Our {R} book club meets on Thursday.",
    "hey {R} squad, who's coming tonight?",
    "being a {R} is the best thing about me",
]
OBJECTS = [
    "phone",
    "laptop",
    "printer",
    "homework",
    "bus",
    "wifi",
    "game",
    "exam",
    "weather",
    "alarm clock",
    "maths test",
    "controller",
    "update",
    "app",
    "film",
    "song",
    "coffee machine",
    "train",
    "essay",
    "queue",
]
OBJECT_FRAMES = [
    "This {O} is absolute shit.",
    "I fucking hate this {O}.",
    "My stupid {O} broke again, what a piece of crap.",
    "This {O} is so useless.",
    "Worst {O} ever, total garbage.",
    "The {O} is trash today lol.",
    "Ugh this {O} is driving me insane.",
    "Who made this {O}? It's disgusting.",
    "Damn {O}, always failing on me.",
    "Bin the {O}, it's rubbish.",
    "I hate {O}s so much.",
    "that {O} was a load of bollocks",
]
NONPROT = [
    "lawyers",
    "politicians",
    "tories",
    "bankers",
    "referees",
    "estate agents",
    "chelsea fans",
    "vegans",
    "landlords",
    "influencers",
    "journalists",
    "cyclists",
    "year 7s",
    "united fans",
    "gamers",
    "boomers",
]
NONPROT_FRAMES = [
    "{NP} are {N2}.",
    "All {NP} are scum.",
    "I hate {NP}.",
    "{NP} ruin everything.",
    "{NP} are the worst.",
    "Honestly {NP} are so {N2}.",
    "Why are {NP} always so annoying?",
]
NEG2 = ["stupid", "annoying", "scum", "useless", "the worst", "pathetic", "idiots", "clowns", "liars", "greedy"]
INSULTS = [
    "idiot",
    "loser",
    "moron",
    "freak",
    "weirdo",
    "clown",
    "dickhead",
    "twat",
    "knobhead",
    "muppet",
    "waste of space",
    "ugly cow",
    "fat pig",
    "piece of shit",
    "prick",
    "melt",
    "bellend",
    "creep",
    "tramp",
]
NAMES = [
    "Jake",
    "Chloe",
    "Aisha",
    "Tom",
    "Mia",
    "Ryan",
    "Sophie",
    "Kai",
    "Ellie",
    "Josh",
    "Priya",
    "Liam",
    "Zara",
    "Ben",
    "Grace",
    "Callum",
    "Ava",
    "Dylan",
    "Olivia",
    "Harry",
]
SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Patel",
    "Khan",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
    "Green",
]
INSULT_FRAMES = [
    "You are such a {I}.",
    "Shut up you {I}.",
    "{NM} is a {I}.",
    "Nobody likes you, you {I}.",
    "You're a pathetic {I}.",
    "Get lost {I}.",
    "What a {I} you are.",
    "Everyone thinks {NM} is a {I}.",
    "ur such a {I} lol",
    "Honestly you are the biggest {I} in our year.",
    "shut ur mouth {I}",
    "{NM} you absolute {I}",
]
PROFANITY_FRAMES = [
    "Fuck, I missed the bus again.",
    "Holy shit that goal was amazing!",
    "This party is fucking brilliant.",
    "Oh crap, I forgot my PE kit.",
    "Shit, I left my phone at home.",
    "Bloody hell it's cold today.",
    "That was a fucking great match.",
    "Damn, that's a good song.",
    "What the fuck just happened in that episode?",
    "I'm so fucking tired today.",
    "Fucking yes, we won!",
    "Shit happens, we go again.",
    "bollocks, I've got detention",
    "omg that was so fucking funny",
    "pissing it down outside",
]

# Behaviours aimed at one person. Each frame list is positive for the key label.
PERSON_THREATS = [
    "I'm going to kill you.",
    "I will stab you after school.",
    "You're dead tomorrow.",
    "I'll find you and hurt you.",
    "I know where you live, watch your back.",
    "Say that again and I'll smash your face in.",
    "Meet me outside after school, you're getting battered.",
    "I'll put you in hospital.",
    "You won't see Monday.",
    "I'm bringing a knife tomorrow for {NM}.",
    "If you tell anyone I will beat you up.",
    "I swear I'll end you.",
    "{NM} is getting jumped after school today.",
    "I'll punch you so hard you'll need stitches.",
    "I'm going to shoot you.",
    "I'll break your legs.",
    "Next time I see you I'm going to hurt you bad.",
    "You'd better sleep with one eye open.",
    "I'm coming to your house tonight and you'll regret it.",
    "we're gonna get you at the park",
    "im gonna batter u",
    "ill kill u",
    "i will hurt you and your family",
    "youre dead meat",
    "I'm going to burn your house down.",
    "I'll slit your throat.",
    "keep talking and see what happens",
    "You're getting stabbed on Friday.",
    "I'm gonna make you bleed.",
    "I'll wait for you by the gates and batter you.",
    "one more message and I'll knock your teeth out",
    "i'm coming round yours to sort you out",
    "My brother's going to shank you.",
    "I'll hunt you down.",
    "You'll end up in A&E after I'm done with you.",
]
SELF_HARM = [
    "I want to kill myself.",
    "I don't want to be alive anymore.",
    "I'm going to end it tonight.",
    "I've been cutting myself again.",
    "I keep thinking about suicide.",
    "Nobody would miss me if I was gone.",
    "I'm going to take all my pills tonight.",
    "I can't do this anymore, I just want to die.",
    "This is goodbye, I won't be here tomorrow.",
    "i wanna die",
    "kms honestly",
    "I wrote a suicide note.",
    "I feel like there's no reason to live.",
    "I'm thinking of jumping off the bridge.",
    "I hurt myself again last night.",
    "Everyone would be better off without me.",
    "I wish I was dead.",
    "I'm planning to end my life.",
    "I've saved up my tablets, tonight's the night.",
    "I don't see the point in living any more.",
    "I want to go to sleep and never wake up.",
    "I'm going to hurt myself again.",
    "Life isn't worth it, I'm out.",
    "I've got a rope.",
    "Tonight I'm going to jump.",
    "I started self harming again.",
]
TELL_SELF_HARM = [
    "Kill yourself.",
    "kys",
    "Go kill yourself, nobody would miss you.",
    "You should just die.",
    "Do everyone a favour and die.",
    "Why are you still alive?",
    "The world would be better without you.",
    "Go hang yourself.",
    "Drink bleach.",
    "Nobody would care if you died.",
    "just kys already",
    "you should end it lol",
    "neck yourself",
    "go jump off a bridge",
    "Your family would be happier if you were dead.",
    "Honestly just die.",
    "Go slit your wrists.",
    "Why haven't you killed yourself yet?",
    "off yourself",
    "Go die in a hole.",
    "Nobody wants you alive.",
]
HARASSMENT = [
    "Why are you ignoring me? Answer me.",
    "I'll keep messaging you until you reply.",
    "I made a new account since you blocked me.",
    "I saw you at the shops with your mum today.",
    "I'm outside your house.",
    "You can't hide from me.",
    "I've been watching you all week.",
    "Pick up the phone. Pick up. PICK UP.",
    "Unblock me now or I'll keep making accounts.",
    "I know which bus you get every day.",
    "I'll never leave you alone.",
    "I followed you home yesterday.",
    "Answer my messages or else.",
    "I've messaged you 50 times, reply!",
    "I can see your location on snap map.",
    "You're mine whether you like it or not.",
    "I'll be waiting outside school for you again tomorrow.",
]
EXCLUSION = [
    "Nobody wants you here.",
    "You're not invited to the party.",
    "Don't sit with us.",
    "Everyone agreed to ignore {NM}.",
    "We removed you from the group chat because no one likes you.",
    "Don't let {NM} join the team.",
    "Unfollow {NM} everyone.",
    "You have no friends, just leave.",
    "Don't talk to her, she's not one of us.",
    "We're making a new group without {NM}.",
    "Leave the group, nobody asked you to be here.",
    "We all decided to freeze {NM} out.",
    "You can't sit with us.",
    "{NM} isn't allowed in our squad anymore.",
]
IMPERSONATION = [
    "I made a fake account pretending to be {NM}.",
    "Someone is posing as me on Instagram.",
    "We hacked {NM}'s account and posted embarrassing stuff.",
    "That account isn't me, someone is using my photos.",
    "I'm going to make a profile with her name and photos.",
    "He logged into my Snapchat and sent messages as me.",
    "There's a fake TikTok page with {NM}'s pictures on it.",
    "Someone impersonated me and messaged my friends.",
    "lets make a fake insta of {NM} lol",
    "I pretended to be {NM} and texted her boyfriend.",
]
PERSONAL_INFO = [
    "{NM} lives at {NUM} {STREET}, everyone go round.",
    "Her number is {PHONE}, spam her.",
    "Here's his address: {NUM} {STREET}.",
    "{FULL} goes to {SCHOOL}, find her.",
    "Her email is {EMAIL}, send her what you think.",
    "He lives on {STREET} near the park.",
    "Posted her address in the group chat.",
    "Leaked his number: {PHONE}",
    "{FULL}, {SCHOOL}, year 9, lives at {NUM} {STREET}.",
    "this is {FULL}'s number {PHONE} call her and tell her what a slag she is",
    "Her postcode is {POSTCODE}, let's pay her a visit.",
    "We doxxed him, his home address is all over the server.",
    "Ring {NM} on {PHONE}, tell him he's a loser.",
    "{EMAIL} - that's her, flood her inbox.",
    "{FULL} at {SCHOOL} is the one who snitched.",
    "The house at {NUM} {STREET} is where {NM} lives.",
    "Text this number {PHONE} and say what you really think of her.",
    "Found his address, {NUM} {STREET}, {POSTCODE}.",
]
SEXUAL = [
    "Send me nudes.",
    "Send pics of you in your bra.",
    "What are you wearing right now? 😏",
    "I want to have sex with you.",
    "Show me your body.",
    "Get naked for me on video.",
    "I'll send you a dick pic.",
    "Send something spicy 🍆💦",
    "You're so sexy, take your top off.",
    "Let's sext tonight.",
    "I want to touch you.",
    "send noods",
    "Everyone has seen her nudes now.",
    "Your bum looks good in that, send me more pics.",
    "Come round mine, my parents are out, we can have some fun 😏",
    "Show me what's under your school jumper.",
]
MANIPULATION = [
    "If you don't send more pics I'll post the ones I have.",
    "Don't tell your parents about our chats.",
    "This is our little secret.",
    "You owe me after everything I've done for you.",
    "If you loved me you would do it.",
    "Nobody will believe you if you tell.",
    "Send me £50 or I'll share your messages.",
    "You're so mature for your age.",
    "Do what I say or everyone sees the video.",
    "Meet me alone, don't tell anyone.",
    "Unless you send it, I'm telling everyone your secret.",
    "Delete these messages after reading.",
    "I've got screenshots of you, so you'd better do what I say.",
]
TROLLING = [
    "Cry more lol.",
    "Stay mad.",
    "L + ratio.",
    "Cope and seethe.",
    "Imagine being this triggered over a game.",
    "Nobody asked.",
    "Touch grass.",
    "Go cry to your mummy.",
    "u mad bro?",
    "skill issue tbh",
    "who asked lmao",
    "keep crying, your tears are delicious",
    "ok snowflake",
    "get rekt noob",
]
VILIFICATION = [
    "Everyone knows {NM} slept with half the year.",
    "Tell everyone that {NM} has nits.",
    "Spread the rumour that he steals.",
    "Apparently {NM} got pregnant, pass it on.",
    "I heard {NM} is a paedo.",
    "Let's tell the whole school {NM} cheated.",
    "I photoshopped her face onto a nude and sent it round.",
    "Post the edited video of {NM} to the group.",
    "Rumour has it {NM} sells drugs.",
    "She's been lying about everyone, expose her.",
    "made up a story about {NM} for a laugh",
]
# Near misses: violent or alarming words with no harm meant.
BENIGN = [
    "My mum is going to kill me if I'm late again.",
    "I killed it in the exam today!",
    "This homework is killing me.",
    "I'm dying of laughter 😂",
    "I'd kill for a pizza right now.",
    "We smashed the quiz.",
    "Shoot me a message later.",
    "That comedian absolutely murdered it.",
    "I'm going to destroy you at FIFA tonight.",
    "Break a leg in the play!",
    "The new album slays.",
    "I could murder a burger.",
    "We're going to beat you at football tomorrow.",
    "Can you send me the homework pics?",
    "Send me the notes from maths please.",
    "I'm so tired I could die lol.",
    "I'm going to cut my hair short.",
    "Our teacher said the test will be hard.",
    "Who wants to come to the cinema?",
    "Happy birthday! Hope you have an amazing day.",
    "Can't wait for the holidays.",
    "The bus was late again.",
    "Does anyone have the answers for question 4?",
    "Thanks for helping me today.",
    "Anyone want to play Minecraft later?",
    "I love my dog so much.",
    "What time is practice tomorrow?",
    "I'm dead 💀 that video is too funny",
    "Her address for the party invites is on the form, ask her mum.",
    "My phone number changed, text me.",
    "I live near the park.",
    "Our school is Oakfield Academy.",
    "I need a number for the plumber.",
    "He shot a great video for media studies.",
    "Let's knock on his door and ask if he's coming out.",
    "The film was about a gang but it was really good.",
    "I fought with my brother over the remote.",
    "You're killing me with these jokes.",
    "Kill the lights please.",
    "Don't tell mum about the surprise party!",
    "It's our little secret what we're getting her for her birthday.",
    "This is goodbye for the summer, see you in September!",
    "Ignore him, he's just joking.",
    "I saw you at the shops, you looked great!",
    "The group chat is so quiet today.",
    "I made a new account for my art.",
    "We're making a group for the science project.",
    "Nobody asked for homework on a Friday!",
]

STREETS = [
    "Acacia Avenue",
    "Park Road",
    "Church Lane",
    "Mill Street",
    "Oak Close",
    "Station Road",
    "Victoria Drive",
    "Elm Grove",
    "Queens Crescent",
    "High Street",
]
SCHOOLS = ["Oakfield Academy", "St Mary's School", "Hillside High School", "Riverside College", "Kingsway Academy"]

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def _obfuscate(text: str, rng: random.Random) -> str:
    """One random obfuscation, as people use to get past filters."""
    words = text.split(" ")
    if not words:
        return text
    k = max(range(len(words)), key=lambda i: (len(words[i].strip(".,!?")), rng.random()))
    w = words[k]
    core = w.strip(".,!?\"'")
    if len(core) < 4:
        return text
    kind = rng.choice(["leet", "swap", "drop", "space", "join", "repeat", "star"])
    if kind == "leet":
        new = "".join(LEET.get(c, c) if rng.random() < 0.6 else c for c in core)
    elif kind == "swap":
        i = rng.randrange(1, len(core) - 2)
        new = core[:i] + core[i + 1] + core[i] + core[i + 2 :]
    elif kind == "drop":
        i = rng.randrange(1, len(core) - 1)
        new = core[:i] + core[i + 1 :]
    elif kind == "space":
        new = " ".join(core)
    elif kind == "repeat":
        i = rng.randrange(1, len(core))
        new = core[:i] + core[i - 1] * rng.randint(2, 4) + core[i:]
    elif kind == "star":
        i = rng.randrange(1, len(core) - 1)
        new = core[:i] + "*" + core[i + 1 :]
    else:
        if k + 1 < len(words):
            words[k] = w + words[k + 1]
            del words[k + 1]
            return " ".join(words)
        new = core
    words[k] = w.replace(core, new)
    return " ".join(words)


def _fill(frame: str, rng: random.Random, strand: str, plural: str, singular: str) -> str:
    neg = rng.choice(NEG)
    return frame.format(
        G=plural,
        S=singular,
        N=neg,
        Nsg=neg,
        D=rng.choice(DEHUM),
        Dn=rng.choice(["plague", "disease", "cancer", "drain"]),
        E=rng.choice(ELIM),
        PL=rng.choice(PLACES),
        A=rng.choice(ACTS),
        P=rng.choice(POS),
        PLACE=rng.choice(GROUP_PLACES),
    )


def _cap(text: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return text.lower().rstrip(".")
    if r < 0.3:
        return text.upper()
    return text[0].upper() + text[1:] if text else text


NO_BEHAVIOUR = {
    "threat": 0,
    "harassment": 0,
    "vilification": 0,
    "exclusion": 0,
    "impersonation": 0,
    "personal_information": 0,
    "sexual": 0,
    "manipulation": 0,
    "trolling": 0,
    "self_harm": 0,
    "urgent": 0,
}


def _ex(text: str, labels: dict[str, int], strands: tuple[str, ...] | None, kind: str, group: str = "") -> Example:
    """An example; `group` names the frame it came from, so a frame's examples share one split."""
    full = dict(NO_BEHAVIOUR)
    full.update(labels)
    return Example(text=text, labels=full, strands=strands, meta={"kind": kind, "group": f"{kind}:{group or text}"})


def _person_fill(frame: str, rng: random.Random) -> str:
    first = rng.choice(NAMES)
    return frame.format(
        NM=first,
        FULL=f"{first} {rng.choice(SURNAMES)}",
        NUM=rng.randint(1, 220),
        STREET=rng.choice(STREETS),
        PHONE=rng.choice(["07700 900", "07911 123", "07456 789"]) + f"{rng.randint(100, 999)}",
        EMAIL=f"{first.lower()}{rng.randint(1, 99)}@example.com",
        SCHOOL=rng.choice(SCHOOLS),
        POSTCODE=rng.choice(["LS6 2AB", "M1 1AE", "B15 2TT", "SW1A 1AA", "NE1 4ST"]),
    )


PREFIXES = ["", "", "", "omg ", "lol ", "seriously ", "{NM} ", "ok so ", "listen ", "honestly ", "bro ", "hey "]
SUFFIXES = ["", "", "", " lol", " !!", " x", " 😂", " tbh", " seriously", " {NM}", " ok?", " 🙄"]


def _wrap(text: str, rng: random.Random) -> str:
    """Chat-style variation around a sentence, so near-identical frames stay distinct examples."""
    name = rng.choice(NAMES)
    return (rng.choice(PREFIXES) + text + rng.choice(SUFFIXES)).replace("{NM}", name)


def generate(seed: int = 13, per_frame: int = 6) -> list[Example]:
    """All template examples, in a fixed order for a given seed."""
    rng = random.Random(seed)
    out: list[Example] = []
    strands = list(GROUPS)
    for frame in HATE_FRAMES:
        for _ in range(per_frame):
            strand = rng.choice(strands)
            plural, singular = rng.choice(GROUPS[strand])
            text = _cap(_fill(frame, rng, strand, plural, singular), rng)
            threat = int(any(w in frame for w in ("Kill", "Death", "{E}", "die")))
            if rng.random() < 0.3:
                text = _obfuscate(text, rng)
            out.append(_ex(text, {"hate": 1, "insult": 1, "threat": threat}, (strand,), "hate", frame))
    for frame in THREAT_GROUP_FRAMES:
        for _ in range(per_frame):
            strand = rng.choice(strands)
            plural, singular = rng.choice(GROUPS[strand])
            text = _cap(_fill(frame, rng, strand, plural, singular), rng)
            out.append(_ex(text, {"hate": 1, "insult": 0, "threat": 1, "urgent": 1}, (strand,), "hate_threat", frame))
    for strand, slurs in SLURS.items():
        for slur in slurs:
            for frame in (
                "Shut up you {SL}.",
                "Look at that {SL} over there.",
                "Get out of here you dirty {SL}.",
                "{SL}s everywhere in this town.",
                "my teacher is a {SL}",
                "ur such a {SL}",
                "No {SL}s allowed in our group.",
                "That {SL} should be banned.",
            ):
                if rng.random() < 0.6:
                    text = _cap(frame.format(SL=slur), rng)
                    if rng.random() < 0.3:
                        text = _obfuscate(text, rng)
                    out.append(_ex(text, {"hate": 1, "insult": 1}, (strand,), "slur", frame))
    for frame in NEUTRAL + POSITIVE_FRAMES:
        for _ in range(per_frame * 3):
            strand = rng.choice(strands)
            plural, singular = rng.choice(GROUPS[strand])
            text = _cap(
                _fill(frame.replace("{G}", plural).replace("{S}", singular), rng, strand, plural, singular), rng
            )
            out.append(_ex(text, {"hate": 0, "insult": 0}, (), "identity_neutral", frame))
    for frame in COUNTER_FRAMES:
        for _ in range(per_frame * 2):
            strand = rng.choice(strands)
            plural, singular = rng.choice(GROUPS[strand])
            hateful = _fill(rng.choice(HATE_FRAMES[:12]), rng, strand, plural, singular).rstrip(".")
            slur = rng.choice(SLURS[strand])
            text = frame.format(
                H=hateful,
                G=plural,
                N=rng.choice(NEG),
                DN=rng.choice(DENOUNCE),
                SL=slur,
                ID=singular.split()[-1],
                E=rng.choice(ELIM),
                D=rng.choice(DEHUM),
            )
            out.append(_ex(_cap(text, rng), {"hate": 0, "insult": 0}, (), "counter", frame))
    for frame in NEGATION_FRAMES:
        for _ in range(per_frame * 2):
            strand = rng.choice(strands)
            plural, singular = rng.choice(GROUPS[strand])
            text = _cap(_fill(frame, rng, strand, plural, singular), rng)
            out.append(_ex(text, {"hate": 0, "insult": 0}, (), "negation", frame))
    for strand, words in RECLAIMABLE.items():
        for word in words:
            for frame in RECLAIMED_FRAMES:
                if rng.random() < 0.5:
                    text = frame.format(R=word, IN=rng.choice(INGROUP[strand]))
                    out.append(_ex(_cap(text, rng), {"hate": 0, "insult": 0}, (), "reclaimed", frame))
    for frame in OBJECT_FRAMES:
        for _ in range(per_frame // 2):
            out.append(
                _ex(_cap(frame.format(O=rng.choice(OBJECTS)), rng), {"hate": 0, "insult": 0}, (), "object", frame)
            )
    for frame in NONPROT_FRAMES:
        for _ in range(per_frame):
            text = frame.format(NP=rng.choice(NONPROT), N2=rng.choice(NEG2))
            out.append(_ex(_cap(text, rng), {"hate": 0, "insult": 1}, (), "nonprotected", frame))
    for frame in INSULT_FRAMES:
        for _ in range(per_frame):
            text = frame.format(I=rng.choice(INSULTS), NM=rng.choice(NAMES))
            out.append(_ex(_cap(text, rng), {"hate": 0, "insult": 1}, (), "insult", frame))
    for text in PROFANITY_FRAMES:
        out.append(_ex(_cap(text, rng), {"hate": 0, "insult": 0}, (), "profanity", text))
    behaviour_sets: list[tuple[list[str], dict[str, int], str]] = [
        (PERSON_THREATS, {"threat": 1, "urgent": 1, "hate": 0, "insult": 0}, "threat"),
        (SELF_HARM, {"self_harm": 1, "urgent": 1, "hate": 0, "insult": 0}, "self_harm"),
        (TELL_SELF_HARM, {"self_harm": 1, "urgent": 1, "insult": 1, "hate": 0}, "tell_self_harm"),
        (HARASSMENT, {"harassment": 1, "hate": 0, "insult": 0}, "harassment"),
        (EXCLUSION, {"exclusion": 1, "hate": 0, "insult": 0}, "exclusion"),
        (IMPERSONATION, {"impersonation": 1, "hate": 0, "insult": 0}, "impersonation"),
        (PERSONAL_INFO, {"personal_information": 1, "hate": 0, "insult": 0}, "personal_information"),
        (SEXUAL, {"sexual": 1, "hate": 0, "insult": 0}, "sexual"),
        (MANIPULATION, {"manipulation": 1, "hate": 0, "insult": 0}, "manipulation"),
        (TROLLING, {"trolling": 1, "hate": 0, "insult": 1}, "trolling"),
        (VILIFICATION, {"vilification": 1, "hate": 0, "insult": 0}, "vilification"),
        (BENIGN, {"hate": 0, "insult": 0}, "benign"),
    ]
    for frames, labels, kind in behaviour_sets:
        for frame in frames:
            for _ in range(5):
                text = _cap(_wrap(_person_fill(frame, rng), rng), rng)
                if kind != "benign" and rng.random() < 0.2:
                    text = _obfuscate(text, rng)
                out.append(_ex(text, labels, (), kind, frame))
    return out
