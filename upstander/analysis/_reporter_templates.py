"""Reporter-account templates: third-person accounts of what someone did or said, as reporters write them.

How this was made: written by hand by the Upstander team on 2026-12-01, after the reporter-account
evaluation suite (`data/reporter_suite.tsv`) had been written and committed, and without reusing its
names, platforms or sentences (none of the names below appears there). These frames are the
*development* data for reporter accounts: the reporter rules (`reporter.py`) were tuned against them,
and they are added to the n-gram model's training data. The evaluation suite was never tuned against.

Each frame gives the labels it must raise (`expect`) and the labels it may raise (`allow`); "-" frames
are benign look-alikes that must raise nothing. `generate_reports(seed)` fills the slots at random with
a fixed seed; `split_of(frame)` puts whole frames in dev or train by a hash, so a rule tuned on
one fill is also checked on other fills of frames held back.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass

from upstander.analysis._templates import Example
from upstander.taxonomy import BEHAVIOURS, HATE, PREJUDICE_STRANDS, URGENT

__all__ = ["FRAMES", "FRAMES_V4", "ReportCase", "generate_reports", "training_examples"]

# None of these names appears in data/reporter_suite.tsv.
GIRLS = ["Ella", "Amira", "Jade", "Lily", "Chloe", "Zara", "Hannah", "Ruby", "Evie", "Niamh", "Sana", "Megan"]
BOYS = ["Noah", "Kacper", "Tyler", "Mohammed", "Dylan", "Ryan", "Kai", "Alfie", "Josh", "Harry", "Ibrahim", "Liam"]
STAFF_F = ["Mrs Evans", "Miss Brown", "Ms Clarke", "Mrs Ahmed", "Miss Taylor"]
STAFF_M = ["Mr Shah", "Mr Jones", "Mr Wright", "Mr Nowak", "Mr Green"]
PLATFORMS = [
    "Insta",
    "Snap",
    "snapchat",
    "the class group chat",
    "the year group chat",
    "the gc",
    "Fortnite",
    "TikTok",
    "YouTube comments",
    "the Teams chat",
    "a Minecraft server",
    "WhatsApp",
    "Facebook",
    "the football group chat",
]
WHO = [
    "they",
    "some kids",
    "a group of boys",
    "the girls in her form",
    "people in my year",
    "some year 10s",
    "a couple of lads",
    "two girls in our class",
    "older kids",
    "people online",
]

# (functionality, expect, allow, frame). Slots: {G} girl, {B} boy, {SF}/{SM} staff, {P} platform,
# {W} a group of perpetrators; {X} a pronoun set, picked per fill with the name it refers to.
FRAMES: list[tuple[str, str, str, str]] = [
    # prejudice: reported name-calling and paraphrased prejudice
    ("prejudice", "insult,hate,homophobic", "harassment", "{W} keep calling {B} gay on {P}"),
    ("prejudice", "insult,hate,homophobic", "harassment", "{W} call him a faggot every day"),
    ("prejudice", "insult,hate,homophobic", "harassment", "they said {G} is a lesbian and a dyke in front of everyone"),
    ("prejudice", "insult,hate,disability", "harassment", "{W} keep calling {B} a retard"),
    ("prejudice", "insult,hate,disability", "harassment", "{B} gets called a spaz and a mong at lunch"),
    ("prejudice", "hate,disability", "insult,harassment", "{W} were making fun of {G}'s hearing aids"),
    ("prejudice", "hate,disability", "insult,harassment", "people laugh at {B} because he is autistic"),
    ("prejudice", "hate,disability", "insult,harassment", "they keep mocking her stammer and her crutches"),
    ("prejudice", "hate,racist", "insult,harassment", "{W} were making fun of her skin colour on {P}"),
    ("prejudice", "hate,racist", "insult,harassment", "{B} keeps getting racially abused on {P}"),
    ("prejudice", "hate,racist", "insult,harassment", "{W} said {B} should go back to where he came from"),
    ("prejudice", "hate,racist,insult", "harassment", "someone called {B} a paki in PE"),
    ("prejudice", "hate,racist", "insult,harassment", "they keep making monkey noises at {B}"),
    ("prejudice", "hate,racist", "insult,harassment", "they mock her accent and say she smells of curry"),
    ("prejudice", "hate,faith", "insult,harassment", "{W} keep mocking {G}'s religion"),
    ("prejudice", "hate,faith", "insult,harassment", "{W} pulled her headscarf off and called her a terrorist"),
    ("prejudice", "hate,faith", "insult,harassment", "they draw swastikas on {B}'s books because he is jewish"),
    ("prejudice", "hate,faith", "insult,harassment", "people keep making jokes about {B}'s turban"),
    ("prejudice", "hate,racist,faith", "insult,harassment", "{W} were making fun of her skin colour and her religion"),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "{W} keep saying {G} is not a real girl because she is trans",
    ),
    ("prejudice", "hate,transphobic", "insult,harassment", "they call {B} a tranny and use his old name on purpose"),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "the boys keep telling {G} that girls can't play football and belong in the kitchen",
    ),
    ("prejudice", "hate,sexist", "insult,harassment", "{SF} keeps getting sexist comments from year 11 boys"),
    ("prejudice", "hate,homophobic", "insult,harassment", "{SM} has been getting homophobic abuse on {P}"),
    ("prejudice", "hate,racist", "insult,harassment", "a parent was racist to {SF} at the gate"),
    ("prejudice", "insult,hate,homophobic", "harassment", "they call {G} a lezza and a lesbo"),
    ("prejudice", "hate,faith,insult", "harassment", "{B} gets called a terrorist because he's muslim"),
    ("prejudice", "hate,disability", "insult,harassment", "{W} bully {B} because he is deaf"),
    ("prejudice", "hate,racist", "insult,harassment", "{SM} got racist messages from a parent on {P}"),
    # self-harm and risk to self
    ("self_harm", "self_harm,urgent", "", "she has taken a load of pills and wants to die"),
    ("self_harm", "self_harm,urgent", "", "{G} says she wants to die"),
    ("self_harm", "self_harm,urgent", "", "my friend {B} said he's going to end it tonight"),
    ("self_harm", "self_harm,urgent", "", "{G} has been cutting herself and showed me the marks"),
    ("self_harm", "self_harm,urgent", "", "{B} posted goodbye messages to everyone on {P}"),
    ("self_harm", "self_harm,urgent", "", "i think {G} has taken an overdose"),
    ("self_harm", "self_harm,urgent", "", "he said there's no point living anymore"),
    ("self_harm", "self_harm,urgent", "", "i don't want to be here anymore"),
    ("self_harm", "self_harm,urgent", "", "i want to kill myself"),
    ("self_harm", "self_harm,urgent", "", "she keeps self harming and hiding it with long sleeves"),
    ("self_harm", "self_harm,urgent", "", "{B} wrote a suicide note in his planner"),
    ("self_harm", "self_harm,urgent", "", "she said everyone would be better off without her"),
    ("self_harm", "self_harm,urgent", "", "{G} said this is the end and she can't go on"),
    ("self_harm", "self_harm,urgent", "", "he's been talking about jumping in front of a train"),
    ("self_harm", "self_harm,urgent", "threat,insult,harassment", "{W} told me to kill myself"),
    ("self_harm", "self_harm,urgent", "threat,insult,harassment", "people keep telling {G} to go die on {P}"),
    ("self_harm", "self_harm,urgent", "threat,insult,harassment", "someone messaged {B} saying he should hang himself"),
    ("self_harm", "self_harm,urgent", "threat,insult,harassment", "they wrote kys under her post"),
    ("self_harm", "self_harm,urgent", "", "{G} has been saying she wants to end her life"),
    ("self_harm", "self_harm,urgent", "", "my friend said she's going to take all her mum's tablets tonight"),
    ("self_harm", "self_harm,urgent", "", "{B} tried to hang himself at the weekend"),
    ("self_harm", "self_harm,urgent", "", "she's suicidal and won't talk to anyone"),
    # threats reported
    ("threat", "threat,urgent", "harassment", "{B} said he is going to stab {B2} after school"),
    ("threat", "threat,urgent", "harassment", "they said they'll beat him up when he walks home"),
    ("threat", "threat,urgent", "harassment", "a man online said he knows where {G} lives and he is coming for her"),
    # harassment: repeated, unwanted contact
    (
        "harassment",
        "harassment",
        "",
        "she messages me fifty times a day from different accounts even after I blocked her",
    ),
    ("harassment", "harassment", "", "{B} keeps messaging {G} after she told him to stop"),
    ("harassment", "harassment", "", "he won't stop texting her even though she has blocked him"),
    ("harassment", "harassment", "", "{W} keep ringing her from withheld numbers in the middle of the night"),
    ("harassment", "harassment", "", "he keeps making new accounts to contact her after every block"),
    ("harassment", "harassment", "", "someone has been following {G} around town"),
    ("harassment", "harassment", "", "he turns up outside her house every evening"),
    ("harassment", "harassment", "", "a parent keeps sending {SF} abusive emails every day"),
    ("harassment", "harassment", "insult", "they spam her DMs constantly with nasty messages"),
    # sexual
    ("sexual", "sexual", "manipulation", "an older boy keeps asking me to send him pictures without my top on"),
    ("sexual", "sexual", "manipulation", "{B} asked {G} for nudes on {P}"),
    ("sexual", "sexual", "manipulation", "a man keeps asking her to send photos in her underwear"),
    ("sexual", "sexual", "manipulation,harassment", "someone sent {G} a picture of his dick"),
    ("sexual", "sexual", "manipulation,harassment", "he keeps making sexual comments about her body"),
    (
        "sexual",
        "sexual,personal_information",
        "manipulation,vilification",
        "{W} are sharing nudes of {G} round the school",
    ),
    (
        "sexual",
        "sexual,manipulation",
        "",
        "an adult on {P} told {G} to keep it secret and asked for pictures of her body",
    ),
    # manipulation, blackmail, grooming-like secrecy
    ("manipulation", "manipulation", "sexual,threat", "he is blackmailing her with her photos"),
    (
        "manipulation",
        "manipulation",
        "sexual,threat",
        "he said if she doesn't send more he will send the pics to her parents",
    ),
    ("manipulation", "manipulation", "threat", "they're making {B} give them money or they'll post the video"),
    ("manipulation", "manipulation", "sexual", "an older man told {G} not to tell her mum about their chats"),
    ("manipulation", "manipulation", "sexual", "someone online keeps buying {B} skins and says it's their secret"),
    (
        "manipulation",
        "manipulation",
        "threat,personal_information",
        "they are threatening to expose {G} unless she pays them",
    ),
    # vilification: rumours, lies
    ("vilification", "vilification", "", "{W} are spreading rumours that {G} is pregnant"),
    ("vilification", "vilification", "", "someone started a rumour that {SM} hits kids"),
    ("vilification", "vilification", "insult", "they are telling everyone {B} is a thief"),
    ("vilification", "vilification", "", "people are saying {G} cheated on her boyfriend and it's not true"),
    ("vilification", "vilification", "", "there are lies going round about {B} on {P}"),
    ("vilification", "vilification", "impersonation", "someone photoshopped {G}'s face onto a picture and posted it"),
    # impersonation: fake and hacked accounts
    ("impersonation", "impersonation", "", "someone made a fake account of {G} on {P}"),
    ("impersonation", "impersonation", "", "{B}'s account got hacked and they posted stuff as him"),
    ("impersonation", "impersonation", "", "there's a fake profile pretending to be {SF}"),
    ("impersonation", "impersonation", "", "someone is using {G}'s pictures on a fake page"),
    ("impersonation", "impersonation", "", "they logged into her account and changed her password"),
    # personal information: doxxing, shared private messages
    ("personal_information", "personal_information", "harassment", "someone posted {G}'s address on {P}"),
    ("personal_information", "personal_information", "vilification", "{B} shared her private messages with everyone"),
    ("personal_information", "personal_information", "", "they put {SM}'s home phone number online"),
    (
        "personal_information",
        "personal_information",
        "vilification",
        "someone screenshotted our private chat and sent it round the year",
    ),
    ("personal_information", "personal_information", "harassment", "they found out where {B} lives and posted it"),
    # exclusion
    ("exclusion", "exclusion", "", "{W} kicked {G} out of the group chat and told everyone to ignore her"),
    ("exclusion", "exclusion", "", "nobody will let {B} sit with them any more"),
    ("exclusion", "exclusion", "", "they made a new group without her on purpose"),
    ("exclusion", "exclusion", "", "the whole class has been told not to talk to {B}"),
    ("exclusion", "exclusion", "insult", "they all blank her and leave her out of everything"),
    # insult, plain name-calling reported
    ("insult", "insult", "harassment", "{W} keep calling {G} a slag on {P}"),
    ("insult", "insult", "harassment", "{B} called {SF} a stupid bitch in class"),
    ("insult", "insult", "harassment", "they call him fat and disgusting every day"),
    # benign look-alikes
    ("benign", "", "", "we'd kill it in the match"),
    ("benign", "", "", "I'm dying to go to the disco"),
    ("benign", "", "", "{G} is killing it in the school play"),
    ("benign", "", "", "I'd die for a pizza right now"),
    ("benign", "", "", "{B} keeps messaging me about the homework"),
    ("benign", "", "", "I blocked a spam account on {P}"),
    ("benign", "", "", "my friend made a new account for her art"),
    ("benign", "", "", "{G} sent me pictures of her new puppy"),
    ("benign", "", "", "we talked about different religions in class today"),
    ("benign", "", "", "{B} told everyone he's gay and we are proud of him"),
    ("benign", "", "", "my mum said she'll kill me if I don't tidy my room"),
    ("benign", "", "", "the end of term is nearly here, goodbye year 9"),
    ("benign", "", "", "I had to cut my hair because of the nits"),
    ("benign", "", "", "{SF} asked us to send pictures of our projects"),
    ("benign", "", "", "we left {B} out of the team photo because he was off sick"),
    ("benign", "", "", "I heard that {SM} is leaving at Christmas"),
    ("benign", "", "", "{G} said she was dying of laughter"),
    ("benign", "", "", "we killed it at the concert last night"),
    ("benign", "", "", "my friend is autistic and she's amazing at art"),
    ("benign", "", "", "we were talking about racism in PSHE today"),
    ("benign", "", "", "the assembly on suicide prevention was really useful"),
    ("benign", "", "", "{B} keeps calling me to ask about football practice"),
    ("benign", "", "", "someone hacked the school website and the IT team fixed it"),
    ("benign", "", "", "I told {G} the rumour about the trip was not true and she was relieved"),
]

# Wave 2 (issue 14, second engineer, 2026-12-01): more varied frames written AFTER suite B
# (data/reporter_suite_b.tsv) had been written and baselined, without reading its failures and without
# reusing its names or sentences: masked and euphemised slurs, "because of her ...", more ways to say
# exclusion, image requests, harassment, manipulation, rumours, hacked accounts, doxxing, trolling, staff
# and adult targets, pupils' spelling, and more benign look-alikes. Development data for the rules.
FRAMES_V2: list[tuple[str, str, str, str]] = [
    ("prejudice", "hate,racist", "insult,harassment", "{W} said the n word to {B} and laughed"),
    ("prejudice", "hate,racist", "insult,harassment", "{B} was called the N-word on {P} last night"),
    ("prejudice", "hate,racist", "insult,harassment", "{W} keep using the p word about {B} and his family"),
    ("prejudice", "hate,racist", "insult,harassment", "they called {SM} a n***** on the way out of the gates"),
    ("prejudice", "hate,homophobic", "insult,harassment", "{W} keep calling {B} a f*g in {P}"),
    ("prejudice", "hate,homophobic", "insult,harassment", "someone wrote f*ggot on {B}'s locker"),
    ("prejudice", "hate,disability", "insult,harassment", "{W} keep calling {G} a r*tard because of her ADHD"),
    ("prejudice", "hate,disability", "insult,harassment", "people in our year use the r word about {B} all the time"),
    ("prejudice", "hate,faith", "insult,harassment", "{G} is being picked on because of her headscarf"),
    ("prejudice", "hate,disability", "insult,harassment", "{B} gets laughed at because of his hearing aids"),
    ("prejudice", "hate,racist", "insult,harassment", "{SF} gets grief from a parent because of her accent"),
    ("prejudice", "hate,faith", "insult,harassment", "{W} are bullying {B} over his kippah"),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "they keep taking the mick out of {G}'s lunchbox and saying it stinks",
    ),
    ("prejudice", "hate,transphobic", "insult,harassment", "{W} keep saying {G} is just a bloke in a wig"),
    ("prejudice", "hate,homophobic", "insult,harassment", "{W} keep saying {B} is a batty man"),
    ("prejudice", "hate,sexist", "insult,harassment", "a lad in my class tells the girls they belong in the kitchen"),
    ("prejudice", "hate,racist", "insult,harassment", "{W} keep making monkey noises when {SM} walks in"),
    ("prejudice", "hate,faith", "insult,harassment", "someone drew swastikas all over {B}'s planner"),
    ("self_harm", "self_harm,urgent", "", "{G} has been slitting her wrists again, I saw it in the toilets"),
    ("self_harm", "self_harm,urgent", "", "{B} keeps googling ways to end it all"),
    ("self_harm", "self_harm,urgent", "", "my mate says he cant see the point in living any more"),
    ("self_harm", "self_harm,urgent", "", "{G} wrote in her book that everyone would be better off without her"),
    ("self_harm", "self_harm,urgent", "", "a learner in my class told me she has been thinking about ending her life"),
    ("self_harm", "self_harm,urgent", "insult,harassment,threat", "{W} keep telling {B} he should just end it"),
    ("self_harm", "self_harm,urgent", "insult,harassment,threat", "someone replied go kill urself to {G}'s post"),
    ("self_harm", "self_harm,urgent", "insult,harassment,threat", "they told {G} to slit her wrists on {P}"),
    ("threat", "threat,urgent", "harassment", "{B} was told he is going to get jumped after school"),
    ("threat", "threat,urgent", "harassment", "a lad messaged {B} saying they'll find him and batter him"),
    ("threat", "threat,urgent", "harassment,insult", "a boy in year 9 keeps talking about shooting up the school"),
    ("threat", "threat,urgent", "harassment", "a parent told {SF} he would break her legs"),
    ("threat", "threat,urgent", "harassment", "{W} said they'll burn down {G}'s house"),
    ("threat", "threat,urgent", "harassment", "some boys from another school are coming for {B} tonight"),
    ("harassment", "harassment", "", "every time {G} blocks him he makes another account"),
    ("harassment", "harassment", "", "he keeps finding me on a different app after I block him"),
    ("harassment", "harassment", "", "{SF}'s ex keeps waiting outside her work every evening"),
    ("harassment", "harassment", "insult", "someone keeps tagging {G} in nasty posts on every video she uploads"),
    ("harassment", "harassment", "", "a parent rings {SM} at 2am most nights"),
    ("harassment", "harassment", "insult", "{W} keep flooding {G}'s phone with messages"),
    ("sexual", "sexual", "manipulation", "a stranger on {P} asked {G} for a photo in her underwear"),
    ("sexual", "sexual", "manipulation", "{B} keeps begging {G} to send nudes"),
    ("sexual", "sexual", "manipulation,harassment", "he keeps making comments about her boobs in class"),
    ("sexual", "sexual", "manipulation,harassment", "a boy touched {G}'s bum on the stairs and his mates laughed"),
    ("sexual", "sexual", "manipulation,harassment", "a man sent my son a video of himself naked"),
    ("sexual", "sexual", "manipulation", "an older lad wants {G} to send pics in her bikini"),
    ("manipulation", "manipulation", "sexual,threat", "he said he'll send the pics to her dad unless she meets him"),
    ("manipulation", "manipulation", "sexual,threat", "they want £50 or they'll post the video"),
    ("manipulation", "manipulation", "sexual,threat", "{B} has to pay them money or they'll show everyone the photo"),
    ("manipulation", "manipulation", "sexual", "an older girl keeps giving {G} free vapes and now says she owes her"),
    ("manipulation", "manipulation", "sexual", "a man online keeps telling {G} it's their little secret"),
    ("vilification", "vilification", "insult", "{W} are going round saying {G} is pregnant"),
    ("vilification", "vilification", "insult", "people keep saying {B} stole from the tuck shop"),
    ("vilification", "vilification", "insult", "a parent is telling everyone in the playground that {SM} is a paedo"),
    ("vilification", "vilification", "insult", "someone edited a photo of {SF} to make her look drunk"),
    ("impersonation", "impersonation", "insult,vilification", "someone made a page using {SF}'s name and photo"),
    (
        "impersonation",
        "impersonation",
        "insult,vilification",
        "they got into {G}'s school email and sent messages as her",
    ),
    ("impersonation", "impersonation", "insult,vilification", "someone is posting on {P} as if it's {B}"),
    (
        "impersonation",
        "impersonation",
        "insult,vilification",
        "{B}'s Roblox account got hacked and his items were given away",
    ),
    ("personal_information", "personal_information", "harassment,threat", "someone shared {G}'s address on {P}"),
    (
        "personal_information",
        "personal_information",
        "harassment,threat",
        "a parent posted pictures of {SM}'s house online",
    ),
    (
        "personal_information",
        "personal_information",
        "harassment,vilification",
        "she forwarded {G}'s private pics to the group",
    ),
    (
        "personal_information",
        "personal_information",
        "harassment,vilification",
        "{B} screenshotted what {G} told him and sent it round",
    ),
    ("exclusion", "exclusion", "", "{W} won't let {G} join in at break"),
    ("exclusion", "exclusion", "", "they deliberately left {B} out of the party chat"),
    ("exclusion", "exclusion", "", "{B} got kicked out of the squad on {P}"),
    ("exclusion", "exclusion", "harassment", "{G} told the whole class not to speak to {G2}"),
    ("exclusion", "exclusion", "", "the other parents made a whatsapp group and didn't add me"),
    ("exclusion", "exclusion", "", "nobody lets {B} sit with them in the canteen"),
    (
        "trolling",
        "trolling",
        "insult,harassment",
        "someone keeps posting fake news about the school just to wind people up",
    ),
    ("trolling", "trolling", "insult,harassment", "{B} says stuff in the gc just to get a reaction"),
    ("insult", "insult", "harassment", "{W} keep calling {G} a fat cow on {P}"),
    ("insult", "insult", "harassment", "a pupil told {SF} she is a useless teacher"),
    ("benign", "", "", "the lads will smash it at the tournament"),
    ("benign", "", "", "my mum will kill me if I miss the bus"),
    ("benign", "", "", "{G} sent me loads of photos from her holiday"),
    ("benign", "", "", "we learned about the n word and its history in English"),
    ("benign", "", "", "{B} uses a wheelchair and he's on the school council"),
    ("benign", "", "", "our class made a group chat for the revision session"),
    ("benign", "", "", "{SF} told us about Diwali and we tried some sweets"),
    ("benign", "", "", "my phone keeps getting messages from the dentist"),
    ("benign", "", "", "{G} was off sick so she missed the school trip"),
    ("benign", "", "", "we had a talk about not sharing nudes and staying safe online"),
    ("benign", "", "", "I'm gonna die if I don't get tickets lol"),
    ("benign", "", "", "{B} is a great shot at basketball"),
]
FRAMES += FRAMES_V2

# Release r3 (wave 2, session 3): 125 accounts (three rounds of 42, 41 and 42) written as development probes after suite C had been written and
# baselined, in new wordings for the families of the issue (gestures, group statements, misgendering, same-sex
# families, silent calls, adults asking for pictures, deleting chats, risk signs, idioms of winning). No slots:
# each is one sentence. The r3 rules were tuned on these, so they are development data, not a test.
FRAMES_V3: list[tuple[str, str, str, str]] = [
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "the boys at the back of the bus call Deshawn a golliwog every morning",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "a lad keeps doing slitty eyes at my daughter because she's Chinese",
    ),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "someone left a pork sausage on Amir's chair and said that's what muslims deserve",
    ),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "kids keep mocking how Bilal fasts and throwing food at him during ramadan",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "people in my year call me a batty boy and say gays should burn",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment,exclusion",
        "since Rhys came out the boys wont let him in the changing room and call him a poof",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "they keep calling Archie a mong and pretending to have fits like him",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "year 7s keep making fun of my son's autism and calling him weird",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        'a supply teacher kept calling Sam "she" on purpose after he asked to be called he',
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "the boys keep saying girls are only good for cooking and cleaning",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "a man at the chip shop called our teaching assistant a dirty immigrant and told her to go home",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "kids in his class keep calling him a gypo and saying his family live in a caravan",
    ),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "a boy from year 11 dm'd Leon that he'll knife him if he comes to the party",
    ),
    ("threat", "threat,urgent", "harassment", "my ex told me he would hurt my mum if I didn't answer"),
    ("threat", "threat,urgent", "harassment", "someone in the gc said they are going to shoot up the school on monday"),
    ("self_harm", "self_harm,urgent", "", "she's been writing that she wants to be dead in her planner"),
    ("self_harm", "self_harm,urgent", "", "my brother told me he's been planning how to kill himself"),
    ("self_harm", "self_harm,urgent", "", "Maddie texted me at midnight saying she's taken all her mum's tablets"),
    ("self_harm", "self_harm,urgent", "", "he said there's no point anymore and he's going to walk into the sea"),
    (
        "self_harm",
        "self_harm",
        "urgent,manipulation",
        "I saw cuts all over Jess's arms in PE and she made me promise not to tell",
    ),
    ("self_harm", "self_harm,urgent", "", "my friend keeps saying everyone would be better off if she was gone"),
    ("harassment", "harassment", "", "he keeps messaging me from new numbers every time I block one"),
    ("harassment", "harassment", "", "she won't stop texting Mr Doyle's personal phone late at night"),
    (
        "exclusion",
        "exclusion",
        "",
        "nobody in her friendship group will talk to her anymore since they fell out and they make her sit alone",
    ),
    ("exclusion", "exclusion", "", "they removed Tia from the netball group chat and made a new one without her"),
    ("vilification", "vilification", "", "someone is telling people Ms Green is having an affair with a pupil's dad"),
    ("vilification", "vilification", "", "a rumour is going round that Kyle brought drugs into school"),
    (
        "impersonation",
        "impersonation",
        "",
        "someone set up a fake snapchat using my daughter's name and is adding her friends",
    ),
    ("impersonation", "impersonation", "", "my instagram got hacked and whoever it is keeps posting as me"),
    (
        "personal_information",
        "personal_information",
        "",
        "someone shared Mr Fox's mobile number on the year 10 group chat",
    ),
    ("personal_information", "personal_information", "", "she posted screenshots of my private messages on her story"),
    (
        "sexual",
        "sexual",
        "manipulation,harassment",
        "a man on snapchat keeps asking my 12 year old to send him photos of her body",
    ),
    ("sexual", "sexual", "harassment", "a boy sent my daughter a picture of his penis on snap"),
    (
        "sexual",
        "sexual,manipulation",
        "harassment",
        "an adult on fortnite keeps asking my son for pictures and told him to delete the chats",
    ),
    (
        "manipulation",
        "manipulation",
        "sexual,threat",
        "they're saying they'll share the video with the whole school unless she pays them",
    ),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "a man online told my daughter their chats are a secret and not to tell her parents",
    ),
    ("benign", "", "", "we're going to batter them in the final on saturday"),
    ("benign", "", "", "I'm dead, he's so funny"),
    ("benign", "", "", "my mum keeps ringing me to check I'm ok on the school trip"),
    ("benign", "", "", "our teacher taught us about online grooming and what to do"),
    ("benign", "", "", "I'm gonna kill my sister if she eats my chocolate again lol"),
    ("benign", "", "", "Sophie's going to nail her audition tomorrow"),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "a girl in 8R keeps telling Ayesha she smells of curry and holding her nose",
    ),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "they ripped up Ezra's kippah and said the holocaust should of finished the job",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "my son's mates found out his uncle is gay and now they keep asking if it runs in the family and calling him bent",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "someone posted a video of Megan having a seizure with laughing emojis",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "kids keep asking Charlie what's in his pants and saying he's a girl really",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "Mr Hughes keeps telling the girls in his class they're too emotional to do physics",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "people on the team keep saying Tomasz only got picked because of quotas and calling him a polack",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "my daughter is in a wheelchair and a group of kids keep blocking the ramp and laughing",
    ),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "she told my daughter she's getting her older cousins to batter her on the way home",
    ),
    ("threat", "threat,urgent", "harassment", "someone left a note in Mrs Wood's pigeonhole saying she'd be next"),
    ("threat", "threat,urgent", "harassment", "Kian keeps showing people a knife in his bag and says it's for Jordan"),
    ("self_harm", "self_harm,urgent", "", "Amelia told me she's been saving up her tablets"),
    ("self_harm", "self_harm,urgent", "", "my son sent me a text saying sorry mum I love you and now his phone is off"),
    ("self_harm", "self_harm,urgent", "", "she keeps burning herself with a lighter and says it helps"),
    ("self_harm", "self_harm,urgent", "", "a boy in my form said he'd rather be dead than go home"),
    (
        "harassment",
        "harassment",
        "",
        "my ex keeps making new snapchats to talk to me even though I've told him to leave me alone",
    ),
    (
        "harassment",
        "harassment",
        "",
        "a parent emails Mr Osei every night about the same thing and copies in the whole governing body",
    ),
    (
        "harassment",
        "harassment",
        "",
        "the same lad keeps waiting for her at the bus stop every morning and wont leave her alone",
    ),
    ("exclusion", "exclusion", "", "they've all unfollowed her and told the new girl not to hang round with her"),
    ("exclusion", "exclusion", "", "every time he tries to join in football they say the teams are full"),
    ("vilification", "vilification", "", "somebody told the whole netball team that Maya's mum is a prostitute"),
    (
        "vilification",
        "vilification",
        "",
        "they're spreading that Josh got expelled from his old school for hitting a teacher",
    ),
    ("impersonation", "impersonation", "", "someones using my son's roblox account and buying stuff with our card"),
    ("impersonation", "impersonation", "", "a page called rate_westfield_girls is posting as if it's run by Katie"),
    (
        "personal_information",
        "personal_information",
        "",
        "someone posted a picture of Ms Bright's car and reg plate and which street she parks on",
    ),
    (
        "personal_information",
        "personal_information",
        "",
        "he's sending round the screenshots of what she told him about her parents divorce",
    ),
    ("sexual", "sexual", "harassment", "a man keeps messaging my 14 year old daughter telling her she's sexy"),
    ("sexual", "sexual", "manipulation", "my son was sent a video of a woman stripping by someone he was gaming with"),
    (
        "sexual",
        "sexual,personal_information",
        "vilification,harassment",
        "a boy recorded Lily getting changed and put it on his story",
    ),
    (
        "manipulation",
        "manipulation",
        "sexual,threat",
        "someone says they've got pics of Ben and will send them to his mum if he doesn't pay",
    ),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "her online boyfriend who is 20 told her to meet him and keep it between them",
    ),
    (
        "trolling",
        "trolling",
        "insult",
        "a lad keeps making fake announcements on the year chat to get everyone worked up",
    ),
    ("benign", "", "", "my little sister keeps calling my phone because she misses me"),
    ("benign", "", "", "we're going to kill it at sports day"),
    ("benign", "", "", "I could murder a pizza right now"),
    ("benign", "", "", "the whole class unfollowed the old school account because it's not used any more"),
    ("benign", "", "", "Mrs Hale shared the trip details in the parents' group"),
    ("benign", "", "", "I think she fancies him, she keeps messaging him about homework"),
    ("benign", "", "", "he said he'd smash the ball over the fence"),
    ("benign", "", "", "our drama teacher told us to die dramatically in the scene"),
    ("benign", "", "", "i'm so tired i could die"),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment,faith",
        "they keep calling my son a terrorist and a paki at football training",
    ),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "a group of year 8s were mocking Hamza's religion and saying allah isn't real in a horrible way",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "Finn keeps getting called gay boy and queer by the lads in his PE class",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "people keep doing impressions of my brother's tics and filming it",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "the boys rate the girls out of ten and say girls should shut up in debates",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        'someone wrote "no blacks allowed" on the door of the common room',
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "some of the parents are saying trans kids are mentally ill and shouldn't be allowed in the toilets",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "Mr Adeyemi keeps getting racist comments from a year 10 about his accent",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "the boys call Toby a retard because he goes to the learning support base",
    ),
    ("threat", "threat,urgent", "harassment", "a girl messaged Holly saying she's going to slash her face"),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "my son says a gang of older lads told him he's dead if he walks past the shop again",
    ),
    ("threat", "threat,urgent", "harassment", "a parent threatened to come into school and punch Mr Reid"),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "someone posted that they're going to bring a gun to the leavers' assembly",
    ),
    ("self_harm", "self_harm,urgent", "", "Gracie says she wants to kill herself and she has a plan"),
    ("self_harm", "self_harm,urgent", "", "my mate keeps saying he's going to end it all after the exams"),
    ("self_harm", "self_harm,urgent", "", "she showed me the marks on her legs where she's been cutting"),
    ("self_harm", "self_harm,urgent", "harassment,insult", "he keeps getting messages telling him to kill himself"),
    ("self_harm", "self_harm,urgent", "", "i cant cope anymore and i just want it all to stop"),
    ("self_harm", "self_harm,urgent", "", "Ollie has been googling how to tie a noose"),
    ("harassment", "harassment", "", "she gets about 100 messages a day from the same boy"),
    (
        "harassment",
        "harassment",
        "",
        "he won't leave Mrs Patel alone and keeps coming to her classroom after she's asked him not to",
    ),
    ("harassment", "harassment", "", "someone keeps adding me to horrible group chats every time I leave"),
    (
        "exclusion",
        "exclusion",
        "",
        "the girls in my dance class made a new group chat without me and talk about me in it",
    ),
    ("exclusion", "exclusion", "", "they won't let my daughter sit with them at lunch anymore"),
    ("vilification", "vilification", "", "someone started a rumour that Mr Clark hits his kids"),
    ("vilification", "vilification", "", "a boy is going round saying I have nits and no one should sit near me"),
    ("impersonation", "impersonation", "", "someone made a fake account of Mrs Jenkins and is posting stupid things"),
    (
        "impersonation",
        "impersonation",
        "",
        "my daughter's snap got hacked and they're messaging her friends asking for money",
    ),
    (
        "personal_information",
        "personal_information",
        "",
        "a lad posted Jade's address on tiktok and told people to go round",
    ),
    (
        "personal_information",
        "personal_information",
        "",
        "my private texts to my girlfriend got screenshotted and put in the year group chat",
    ),
    ("sexual", "sexual", "manipulation,harassment", "a boy in year 11 keeps asking my daughter for nudes"),
    ("sexual", "sexual", "harassment", "some man sent my son a video of himself naked on instagram"),
    ("sexual", "sexual", "harassment", "a teacher keeps making comments about the girls' bodies"),
    (
        "manipulation",
        "manipulation",
        "sexual,threat",
        "he says if she doesn't send more pics he'll send the first one to her dad",
    ),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "a man she met on tiktok keeps buying her things and told her it's their secret",
    ),
    ("benign", "", "", "we're going to annihilate year 9 in the tug of war"),
    ("benign", "", "", "my best friend keeps messaging me memes all day"),
    ("benign", "", "", "I'm dying of laughter at this"),
    ("benign", "", "", "he shot the winning goal in the last minute"),
    ("benign", "", "", "our teacher posted the test results in the class group chat"),
    ("benign", "", "", "can someone help me reset my password, I got logged out"),
    ("benign", "", "", "she said the film was so sad she wanted to cry"),
]
FRAMES += FRAMES_V3


# Encoder-only frames (not in FRAMES: the rules were not tuned on them, and the template test does not
# check them). Written for the encoder heads in session 6 (issue 14), after suite E had been written, committed and run once
# (figures only), from the kinds of miss on suites A-D (development data now). No sentence of suites A-E.
FRAMES_V4: list[tuple[str, str, str, str]] = [
    # prejudice carried by a stereotype, an object, a gesture or a paraphrase
    ("prejudice", "hate,racist", "insult,harassment", "{W} keep telling {B} his skin is the colour of dirt"),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "someone stuck a note on {B}'s bag saying go home to your own country",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "they laugh at {G}'s accent and ask if her family came over on a boat",
    ),
    ("prejudice", "hate,racist", "insult,harassment", "{W} told {B} that black people are thick and laughed at him"),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "a parent said in the playground that {SM} only got the job because he's asian",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "people on {P} keep posting that gypsies are dirty and tagging {G}",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "they keep imitating a chinese accent at {G} and asking if she eats dogs",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "my son gets asked every day if his dad sells drugs because he's black",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "someone threw a banana skin at {B} during the match and the crowd laughed",
    ),
    (
        "prejudice",
        "hate,racist",
        "insult,harassment",
        "{W} said romanians are all beggars and wouldnt let {G} near their bags",
    ),
    ("prejudice", "hate,racist,faith", "insult,harassment", "{W} mock {B}'s colour and his religion all the time"),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "they keep asking {B} if he has a bomb in his bag because he's muslim",
    ),
    ("prejudice", "hate,faith", "insult,harassment", "someone scribbled hitler was right on {G}'s jewish studies book"),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "{W} keep pulling at {G}'s headscarf and saying she looks like a ninja",
    ),
    ("prejudice", "hate,faith", "insult,harassment", "a boy said all muslims are terrorists and pointed at {B}"),
    ("prejudice", "hate,faith", "insult,harassment", "they put bacon in {B}'s lunchbox to see if he'd eat it"),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "people keep making jokes about ovens and gas to {B} because he is jewish",
    ),
    ("prejudice", "hate,faith", "insult,harassment", "{W} laugh at {B}'s turban and call him a bin head"),
    (
        "prejudice",
        "hate,faith",
        "insult,harassment",
        "my daughter gets told christians are stupid for believing in god and they rip up her bible",
    ),
    ("prejudice", "hate,homophobic", "insult,harassment", "{W} keep saying {B} walks like a girl and must be a poof"),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "since {G} said she was bi people keep saying she's greedy and disgusting",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "someone wrote gay boy across {B}'s locker and everyone laughed",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "they say {B}'s two dads are perverts who shouldnt be allowed kids",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "a group wont sit near {G} in the changing rooms because they say lesbians stare",
    ),
    (
        "prejudice",
        "hate,homophobic",
        "insult,harassment",
        "kids in year 8 use gay as an insult at {B} every lesson and say he's a queer",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "people keep calling {G} he and his on purpose since she came out as trans",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "{W} keep asking {B} if he's had the op yet and calling him a girl",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "someone posted that trans kids are just confused and should be banned from the toilets, tagging {B}",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "they keep using {B}'s dead name in the register and laughing",
    ),
    (
        "prejudice",
        "hate,transphobic",
        "insult,harassment",
        "a teacher keeps saying there are only two genders and looks at {G} when he says it",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "{W} pretend to have fits and then point at {B} because he has epilepsy",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "they keep hiding {G}'s walking stick and saying she's faking it",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "people do the blind person walk behind {B} with their eyes shut",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "they call {B} special needs and ask if he rides the short bus",
    ),
    ("prejudice", "hate,disability", "insult,harassment", "{W} copy {G}'s tics in lessons and film her reaction"),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "a lad keeps flapping his hands at {B} and calling him autistic like it's an insult",
    ),
    (
        "prejudice",
        "hate,disability",
        "insult,harassment",
        "my son who is deaf gets people mouthing words at him and laughing when he cant follow",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "the boys tell {G} girls are rubbish at computing and shouldnt take the option",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "{W} keep saying women belong in the kitchen whenever {SF} teaches",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "in the online game they kicked {G} out once they heard she was a girl and called her a whore",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "a lad said girls who play rugby are all butch and nobody will want them",
    ),
    (
        "prejudice",
        "hate,sexist",
        "insult,harassment",
        "they told {SF} that a woman shouldn't be telling men what to do",
    ),
    # insults reported
    ("insult", "insult", "harassment", "{W} keep telling {G} she's a fat pig and nobody fancies her"),
    ("insult", "insult", "harassment", "someone commented on {B}'s photo that he's the ugliest kid in the school"),
    ("insult", "insult", "harassment", "a pupil called {SM} a useless idiot to his face"),
    ("insult", "insult", "harassment", "they said {G}'s mum is a tramp and her house is a dump"),
    ("insult", "insult", "harassment", "{B} gets called a smelly rat every morning"),
    # threats worded as plans or consequences
    ("threat", "threat,urgent", "harassment", "{W} are planning to jump {B} after school on friday"),
    ("threat", "threat,urgent", "harassment", "someone sent {G} a voice note saying she better watch her back tonight"),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "a lad told {B} he's got a knife in his bag and he's going to use it on him",
    ),
    ("threat", "threat,urgent", "harassment", "they said they'd burn {SF}'s house down with her in it"),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "{B} was told if he comes to school tomorrow he's getting his head kicked in",
    ),
    ("threat", "threat,urgent", "harassment", "a message on {P} said they're going to find {G} and hurt her"),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "a man messaged my son that he knows what school he goes to and will be waiting for him",
    ),
    (
        "threat",
        "threat,urgent",
        "harassment",
        "he said he would get his mates to beat {B} up so bad he ends up in a wheelchair",
    ),
    # risk to self: disclosures, signs, goodbyes, and telling someone to die
    (
        "self_harm",
        "self_harm,urgent",
        "",
        "my friend says she has swallowed loads of paracetamol and doesn't want help",
    ),
    ("self_harm", "self_harm,urgent", "", "{G} messaged me saying she doesn't see the point in living anymore"),
    ("self_harm", "self_harm,urgent", "", "{B} said he is going to end his life tonight"),
    (
        "self_harm",
        "self_harm,urgent",
        "",
        "my son keeps saying everyone would be better off without him and he wants to go to sleep and not wake up",
    ),
    ("self_harm", "self_harm,urgent", "", "{G} has fresh cuts on her wrists and says she's going to do it again"),
    ("self_harm", "self_harm,urgent", "", "my mate posted goodbye forever on {P} and has turned her location off"),
    (
        "self_harm",
        "self_harm,urgent",
        "",
        "one of my students wrote a note saying sorry to everyone and that she won't be here next week",
    ),
    ("self_harm", "self_harm,urgent", "", "{B} told me he took a whole packet of tablets an hour ago"),
    ("self_harm", "self_harm,urgent", "", "she has been hurting herself with a razor and says she wants to die"),
    ("self_harm", "self_harm,urgent", "", "my friend says she's standing on the roof and wants it all to be over"),
    ("self_harm", "self_harm,urgent", "", "{B} has been googling ways to end it and says he has it all planned"),
    ("self_harm", "self_harm,urgent", "", "my daughter wrote in her diary that she wants to kill herself"),
    (
        "self_harm",
        "self_harm,urgent",
        "",
        "my cousin said this is the last time anyone will hear from her and said goodbye",
    ),
    (
        "self_harm",
        "self_harm,urgent",
        "",
        "{G} hasn't eaten in days and keeps saying she wants to disappear and never come back",
    ),
    ("self_harm", "self_harm,urgent", "", "he's tied a belt round his neck before and says next time he'll finish it"),
    ("self_harm", "self_harm,urgent", "harassment,insult", "{W} keep telling {G} to go kill herself"),
    (
        "self_harm",
        "self_harm,urgent",
        "harassment,insult",
        "someone messaged {B} saying the world would be better if he was dead and to go do it",
    ),
    ("self_harm", "self_harm,urgent", "harassment,insult", "they spam kys under every post {G} makes"),
    ("self_harm", "self_harm,urgent", "harassment,insult", "a boy told me to go and drink bleach"),
    (
        "self_harm",
        "self_harm,urgent",
        "harassment,insult",
        "people in the chat told {B} to hang himself and nobody would miss him",
    ),
    # harassment: repeated, unwanted contact
    ("harassment", "harassment", "", "my ex messages me nonstop even after i blocked him on everything"),
    ("harassment", "harassment", "", "{B} keeps ringing {G} over and over even though she said to stop"),
    ("harassment", "harassment", "", "someone keeps making new accounts to message {G} every time she blocks one"),
    (
        "harassment",
        "harassment",
        "",
        "a parent sends {SF} emails all day and night about the same complaint and wont stop",
    ),
    ("harassment", "harassment", "", "he waits outside her house every night and follows her to the shop"),
    ("harassment", "harassment", "", "{W} bombard {B}'s phone with messages all night so he cant sleep"),
    (
        "harassment",
        "harassment",
        "",
        "a man keeps turning up wherever {SF} goes and sending her flowers after she said no",
    ),
    ("harassment", "harassment", "insult", "she comments on everything i post and messages me a hundred times a day"),
    ("harassment", "harassment", "", "they keep calling my daughter from private numbers and breathing down the phone"),
    # exclusion
    ("exclusion", "exclusion", "", "{W} told everyone not to speak to {G} and now nobody does"),
    ("exclusion", "exclusion", "", "they made a group chat with the whole class except {B}"),
    ("exclusion", "exclusion", "", "{G}'s friends keep leaving her out on purpose and blanking her at break"),
    (
        "exclusion",
        "exclusion",
        "",
        "nobody will let {B} sit with them and they put bags on the seats when he comes over",
    ),
    ("exclusion", "exclusion", "", "the team kicked {B} out of the {P} party and blocked him from joining again"),
    ("exclusion", "exclusion", "", "whenever {G} comes over the girls walk off and whisper about her"),
    ("exclusion", "exclusion", "", "they said anyone who is friends with {B} will get dropped too"),
    ("exclusion", "exclusion", "", "they invited the whole form to the party apart from {G} and posted the photos"),
    ("exclusion", "exclusion", "", "every time {B} asks to play they say the game is full"),
    ("exclusion", "exclusion", "", "she has been frozen out of her friendship group and they pretend she isnt there"),
    # vilification: rumours and lies
    ("vilification", "vilification", "", "{W} are telling everyone {G} has nits and smells"),
    ("vilification", "vilification", "", "someone is going round saying {B}'s dad is in prison which is a lie"),
    ("vilification", "vilification", "", "a rumour on {P} says {SM} got caught drunk in school"),
    ("vilification", "vilification", "", "people are saying {G} got pregnant and had an abortion, none of it is true"),
    (
        "vilification",
        "vilification",
        "",
        "they made up a story that {B} wet himself on the trip and told the whole year",
    ),
    ("vilification", "vilification", "", "{G} is spreading lies that {G2} is a thief"),
    ("vilification", "vilification", "sexual", "people keep saying {G} is easy and has been with loads of boys"),
    # impersonation: fake and hacked accounts
    ("impersonation", "impersonation", "", "someone made a fake account with {G}'s pictures and is messaging boys"),
    ("impersonation", "impersonation", "", "my daughter's {P} was hacked and they changed her password"),
    ("impersonation", "impersonation", "", "someone is pretending to be {SM} on {P} and posting rude things"),
    ("impersonation", "impersonation", "", "{B} logged into {B2}'s account and sent messages as him"),
    (
        "impersonation",
        "impersonation",
        "",
        "there's a copy of my son's profile with his name sending friend requests to his mates",
    ),
    ("impersonation", "impersonation", "", "somebody got into {G}'s school email and sent messages to her teachers"),
    # personal information: doxxing and shared private messages
    (
        "personal_information",
        "personal_information",
        "harassment",
        "someone posted {G}'s address on {P} and told people to go round",
    ),
    ("personal_information", "personal_information", "", "{B} shared my private messages with the whole group"),
    (
        "personal_information",
        "personal_information",
        "",
        "they screenshotted {G}'s private chat about her parents' divorce and sent it round",
    ),
    (
        "personal_information",
        "personal_information",
        "harassment",
        "someone put {SF}'s phone number online and she keeps getting calls",
    ),
    (
        "personal_information",
        "personal_information",
        "",
        "a girl told everyone about {G}'s medical condition that she told her in secret",
    ),
    ("personal_information", "personal_information", "", "{W} posted where {B} lives and a picture of his house"),
    ("personal_information", "personal_information", "", "my friend forwarded the secret i told her to the whole year"),
    # sexual: image requests, comments, unwanted touching, images shared
    ("sexual", "sexual", "manipulation,harassment", "a boy in year 11 keeps asking {G} for nudes"),
    (
        "sexual",
        "sexual",
        "manipulation,harassment",
        "a man online keeps asking my daughter to send photos of herself in her bra",
    ),
    ("sexual", "sexual", "manipulation,harassment", "someone on {P} asked {B} to take his clothes off on camera"),
    ("sexual", "sexual", "harassment", "a lad keeps touching {G} in class and trying to put his hand up her skirt"),
    ("sexual", "sexual", "harassment", "{SM} keeps making comments about {G}'s chest"),
    ("sexual", "sexual", "personal_information,harassment", "a naked photo of {G} is going round {P}"),
    ("sexual", "sexual", "harassment", "someone sent {G} a video of a man exposing himself"),
    ("sexual", "sexual", "manipulation,harassment", "a year 11 girl keeps pestering {B} for shirtless photos on {P}"),
    ("sexual", "sexual", "harassment", "a man in the park asked {G} if she wanted to see his private parts"),
    # manipulation: grooming, secrecy, gifts, blackmail, coercion
    (
        "manipulation",
        "manipulation",
        "sexual",
        "a man online keeps buying {G} presents and tells her not to tell her mum",
    ),
    ("manipulation", "manipulation", "sexual", "an adult on {P} told {B} to delete their chats so nobody finds out"),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "someone says they'll show {G}'s parents the pictures unless she sends more",
    ),
    ("manipulation", "manipulation", "", "they said they'll tell everyone {B}'s secret if he doesn't give them money"),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "he told her it's their special secret and she'd get in trouble if she told anyone",
    ),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "a 20 year old has been giving my son free weed and says he owes him now",
    ),
    ("manipulation", "manipulation", "", "the older boys make {B} carry packages for them or they'll hurt his family"),
    (
        "manipulation",
        "manipulation",
        "sexual",
        "a stranger on {P} is paying {G} in robux and asked to meet up without her parents knowing",
    ),
    ("manipulation", "manipulation", "", "{G} says if {G2} doesn't do what she says she'll make everyone hate her"),
    ("manipulation", "manipulation", "sexual", "someone is threatening to post a video of {B} unless he pays them"),
    # trolling
    ("trolling", "trolling", "insult", "{W} keep posting stupid comments on the school page to start arguments"),
    ("trolling", "trolling", "", "someone keeps joining the online lesson and playing loud noises to annoy {SF}"),
    ("trolling", "trolling", "insult", "a boy keeps posting made-up news in the chat just to wind everyone up"),
    ("trolling", "trolling", "", "they keep spamming the class chat with the same meme to get a reaction"),
    # benign look-alikes
    ("benign", "", "", "we're going to destroy the other team in the final"),
    ("benign", "", "", "{G} said she's dying to see the new film"),
    ("benign", "", "", "my dad said he'll kill me if I'm late home again haha"),
    ("benign", "", "", "{B} keeps messaging me about the school trip, we're so excited"),
    ("benign", "", "", "the girls made a group chat to organise {G}'s birthday surprise"),
    ("benign", "", "", "our class did a project on racism and how to report it"),
    ("benign", "", "", "{G} came out as gay and her friends were really supportive"),
    ("benign", "", "", "I cut my knee falling off my bike but I'm fine"),
    ("benign", "", "", "we watched a film about a boy who was bullied for having autism"),
    ("benign", "", "", "{SF} taught us about staying safe online and not sending pictures to strangers"),
    ("benign", "", "", "{B} is killing it at the tournament, he's unbeatable"),
    ("benign", "", "", "my friend said goodbye because she's going on holiday for two weeks"),
    ("benign", "", "", "we laughed so hard I nearly died"),
    ("benign", "", "", "{B} said he would never hurt anyone and he's really kind"),
    ("benign", "", "", "my mum rings me every day at lunch to check I've eaten"),
    ("benign", "", "", "the teacher told us not to share our address online"),
    ("benign", "", "", "{G} made a new account for her art and all her friends follow it"),
    ("benign", "", "", "our muslim friends invited us to the eid party and it was brilliant"),
    ("benign", "", "", "I'm so tired I could die, this homework is never ending"),
    ("benign", "", "", "the drama club is putting on a play about a trans teenager"),
    ("benign", "", "", "{B} asked {G} to the prom and she said yes"),
    ("benign", "", "", "the coach told us we'd smash them if we keep passing like that"),
    ("benign", "", "", "my son wants a new phone because his old one keeps dying"),
    ("benign", "", "", "{G} was upset because she lost her necklace but we found it"),
    ("benign", "", "", "there was an assembly about not leaving people out at lunch"),
    ("benign", "", "", "my daughter's friend lent her a jumper because she was cold"),
    ("benign", "", "", "the class was asked to write a letter to their future selves"),
    ("benign", "", "", "the boys were having a water fight and we all got soaked"),
    ("benign", "", "", "{SM} is deaf in one ear and taught us some sign language"),
    ("benign", "", "", "we were playing zombies and {B} shot me in the game"),
]


@dataclass(frozen=True)
class ReportCase:
    functionality: str
    expect: frozenset[str]
    allow: frozenset[str]
    text: str
    frame: str


def _fill(frame: str, rng: random.Random) -> str:
    out = frame
    b = rng.choice(BOYS)
    out = out.replace("{B2}", rng.choice([n for n in BOYS if n != b]))
    g = rng.choice(GIRLS)
    out = out.replace("{G2}", rng.choice([n for n in GIRLS if n != g]))
    for slot, pool in (("{G}", [g]), ("{B}", [b]), ("{SF}", STAFF_F), ("{SM}", STAFF_M), ("{P}", PLATFORMS)):
        out = out.replace(slot, rng.choice(pool))
    out = out.replace("{W}", rng.choice(WHO))
    if rng.random() < 0.25:
        out = out.lower()
    elif out[0].islower():
        out = out[0].upper() + out[1:]
    if rng.random() < 0.15:
        # Pupils' spelling: a few common shortenings.
        out = re.sub(r"\byou\b", "u", out)
        out = re.sub(r"\bpeople\b", "ppl", out)
        out = re.sub(r"\bbecause\b", "cos", out)
    return out


def split_of(frame: str) -> str:
    """'dev' or 'train' by a hash of the frame: dev frames are held out of the n-gram training."""
    return "dev" if zlib.crc32(frame.encode("utf-8")) % 100 < 30 else "train"


def generate_reports(
    seed: int = 13, per_frame: int = 4, frames: list[tuple[str, str, str, str]] | None = None
) -> list[ReportCase]:
    rng = random.Random(seed)
    out: list[ReportCase] = []
    for func, expect, allow, frame in FRAMES if frames is None else frames:
        seen: set[str] = set()
        for _ in range(per_frame):
            text = _fill(frame, rng)
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            out.append(
                ReportCase(
                    func,
                    frozenset(x for x in expect.split(",") if x),
                    frozenset(x for x in allow.split(",") if x),
                    text,
                    frame,
                )
            )
    return out


_LABELS = (*BEHAVIOURS, HATE, URGENT)  # the one list (upstander/taxonomy.py), in its order
_STRANDS = PREJUDICE_STRANDS


def training_examples(seed: int = 13, per_frame: int = 8) -> list[Example]:
    """Fills of the *train* frames (never the dev frames) as n-gram training examples: an expected label is 1,
    an allowed one unknown (left out of that head), any other 0; strands as expected when hate is."""
    out: list[Example] = []
    for case in generate_reports(seed=seed, per_frame=per_frame):
        if split_of(case.frame) == "dev":
            continue
        labels = {k: int(k in case.expect) for k in _LABELS if k not in case.allow}
        strands = tuple(s for s in _STRANDS if s in case.expect) if "hate" in case.expect else ()
        out.append(
            Example(
                text=case.text,
                labels=labels,
                strands=strands,
                meta={"kind": "reporter", "group": f"reporter:{case.frame}"},
            )
        )
    return out
