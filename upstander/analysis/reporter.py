"""Reporter accounts: what a pupil, parent or member of staff writes about what someone did or said.

Reports are third-person accounts, not the abuse itself: "they keep calling him gay and a retard in the
class group chat", "kids were making fun of her skin colour and her religion", "she has taken a load of
pills and wants to die". The n-gram model learnt from the abuse itself, so it misses these; this module
holds explainable phrase rules (written by hand; tuned on `_reporter_templates.py` and, from r3 on, on
suites A and B, `data/reporter_suite.tsv` and `reporter_suite_b.tsv`; never on suite C,
`reporter_suite_c.tsv`, the final test of r3) that decide labels for such accounts:

- `add`: labels the account shows, each with the words that show it (the spans the DSL sees);
- `strands`: prejudice strands named by the account (a strand always brings `hate`);
- `drop`: labels the n-gram model raised that the account contradicts (a disclosure of risk to self
  is not an insult; a behaviour head with no phrase for it at all is not flagged, see classifier).

Everything here works on the normalised text (lower case, obfuscation undone) and returns its offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from upstander.analysis import _lexicons as lex
from upstander.analysis.normalize import Normalized, Token

__all__ = ["RULES_VERSION", "ReportSignals", "analyse"]

# Part of the classifier's version string: change it whenever these rules change what they flag.
RULES_VERSION = "r4"  # (model_version is stored in a 40-character field)

_W = r"[a-z0-9'-]+"  # one word
_GAP = r"(?: " + _W + r"){0,%d}"  # up to n words


def _re(pattern: str) -> re.Pattern[str]:
    # Pupils' spelling: a dropped g ("callin", "cuttin'"), "sed" for said, "2" for to.
    pattern = pattern.replace("ing", "in[g']?").replace("said|", "said|sed|").replace("(?:to )?", "(?:(?:to|2) )?")
    return re.compile(r"(?<![a-z0-9'])" + pattern + r"(?![a-z0-9])")


# --- prejudice ------------------------------------------------------------------------------------------
# Verbs of name-calling: what follows (within a few words) is what the target was called.
_CALL = _re(
    r"(?:call(?:s|ed|ing)?|keep calling|name[- ]?call(?:ing|ed)?|shout(?:s|ed|ing)?|scream(?:s|ed|ing)?|"
    r"yell(?:s|ed|ing)?|(?:gets?|got|getting|been|being) called|refer(?:s|red|ring)? to (?:him|her|them|me) as|"
    r"labell?(?:ed|ing|s)?|tell(?:s|ing)? (?:everyone|people) (?:that )?(?:he|she|they|i)(?:'s| is| are| am)|"
    r"sa(?:y|ys|id|ying) (?:that )?(?:he|she|they|i)(?:'s| is| are| am| was| were)|"
    r"(?:told|tells|telling) (?:mr|mrs|ms|miss|dr) \w+ (?:that )?(?:he|she|they)(?:'s| is| are| was| were)|"
    r"(?:told|tells|telling) (?:him|her|them) (?:that )?(?:he|she|they)(?:'s| is| are| was| were) (?:a|an|such a|just a)|"
    r"(?:keep|keeps|kept|are|were|is|was) sa(?:ying|id) (?:that )?(?!it |this |that |there |what )\w+(?:'s| is| was) (?:a|an)|"
    r"(?:wrote|written|writ(?:es|ing)|scratched|sprayed|graffitied|drew|posted|commented|typed|messaged))"
)
# Masked and euphemised slurs ("the n-word", "the p word", "f*g", "r*tard"), as the normaliser leaves them:
# "n-word" reads "and - word" (chat shorthand n = and), "n*****" reads "negros", "r*tard" reads "retard".
_MASKED_SLUR = {
    "racist": _re(
        r"(?:the (?:n|and)(?: -|-)? ?words?|(?:n|and) - words?|nwords?|the p(?: -|-)? ?words?|p - words?|"
        r"(?:call\w*|a|an) negros?|n\*+(?:a|as|er|ers|r|rs)?|n\*+gg?\*+(?:r|a)?|ch\*+nks?|p\*+kis?)"
    ),
    "homophobic": _re(r"(?:f\*+gs?|f\*+gg\*+t|f\*+gg?ots?|fa\*+ots?|the f slur|the f-slur)"),
    "disability": _re(r"(?:the (?:r|are)(?: -|-)? ?words?|r - words?|r\*+t\*+rds?|r\*+tards?|sp\*+stics?|sp\*+z)"),
}
# Paraphrase of prejudice: a verb of mockery or abuse followed by the characteristic it was about.
_MOCK = (
    r"(?:mak(?:e|es|ing)|made) (?:fun|jokes?|comments?|remarks?|noises?) (?:of|about|at)|"
    r"mock(?:s|ed|ing)?|laugh(?:s|ed|ing)? at|jok(?:es|ed|ing) about|tak(?:e|es|ing) the (?:piss|mick|mickey) out of|"
    r"cop(?:y|ies|ied|ying)|imitat(?:e|es|ed|ing)|(?:do(?:es|ing)?|did|done) (?:impressions?|impersonations?) of|pick(?:s|ed|ing)? on|bull(?:y|ies|ied|ying)|"
    r"tease(?:s|d)?|teasing|insult(?:s|ed|ing)?|slag(?:s|ged|ging)? off|cuss(?:es|ed|ing)?|diss(?:es|ed|ing)?|"
    r"abus(?:e|es|ed|ing)|harass(?:es|ed|ing)?|target(?:s|ed|ing)?|comments? about|jokes? about|"
    r"(?:nasty|horrible|mean|rude|vile|disgusting) (?:things|stuff|comments?|remarks?) about"
)
_CHARACTERISTIC: dict[str, str] = {
    "racist": r"(?:skin(?: colou?r| tone)?|colou?r|race|ethnicity|nationality|accent|heritage|background|culture|"
    r"country|eyes|hair texture|afro|food smells?|lunch ?box|packed lunch|english)",
    "faith": r"(?:religion|faith|beliefs?|hijab|headscarf|head ?scarf|niqab|burqa|turban|patka|kippah|kippa|"
    r"yarmulke|skull ?cap|prayer mat|praying|prayers|fasting|ramadan|eid|mosque|church|synagogue|gurdwara|"
    r"kirpan|fasts|fast|prays|pray|the way (?:he|she|they|\w+) (?:prays|dresses|fasts))",
    "disability": r"(?:wheelchair|walker|guide dog|speech|hearing|"
    r"learning (?:disability|disabilities|needs)|deafness|blindness|being deaf|being blind|disability|disabilities|hearing aids?|cochlear implant|stammer|stutter|"
    r"crutch(?:es)?|walking frame|walking stick|limp|autism|adhd|dyslexia|tourette'?s|down'?s syndrome|"
    r"cerebral palsy|tics|tic|twitch(?:es|ing)?|learning difficult(?:y|ies)|special needs|the way (?:he|she|they) (?:walks|talks|"
    r"speaks|moves)|the way (?:my |his |her |their )?(?:\w+ )?(?:walks|talks|speaks|moves|runs|signs)|prosthetic|glasses for (?:the )?blind|sign language|epilepsy|seizures?)",
    "homophobic": r"(?:sexuality|sexual orientation|being gay|being a lesbian|being bi|being bisexual|"
    r"(?:two|2) (?:mums|moms|mams|dads)|gay (?:dads?|mums?|parents|brother|sister|uncle|aunt))",
    "transphobic": r"(?:being trans|gender identity|transition(?:ing)?|pronouns|(?:his|her|their|old) name on purpose)",
    "sexist": r"(?:being a girl|being a woman|being female|her periods?|being on her period)",
}
_MOCKED_AFTER = (
    r"(?: [\w']+){0,12} (?:and|with|while|then) (?:[\w']+ ){0,4}(?:laugh\w*|mock\w*|jok\w*|taking the (?:piss|mick)|"
    r"laughing emojis|crying laughing|😂|🤣)"
)
# "a video of Megan having a seizure with laughing emojis": the characteristic first, then the mockery.
_MOCK_AFTER_RE = {
    s: _re(_CHARACTERISTIC[s][:-1] + (r"|seizures?|fits?|having a fit)" if s == "disability" else ")") + _MOCKED_AFTER)
    for s in ("disability", "faith")
}
_MOCK_RE = {s: _re(r"(?:" + _MOCK + r")" + _GAP % 5 + r" " + c) for s, c in _CHARACTERISTIC.items()}
# "picked on because of her hijab", "they laugh at him over his wheelchair": harm given a characteristic.
_BECAUSE_OF = {
    s: _re(r"(?:because of|cos of|coz of|cause of|due to|over) (?:her|his|their|my|our) (?:\w+ )?" + c)
    for s, c in _CHARACTERISTIC.items()
}
# "laughs at him because he has a stammer", "mocked as she uses a wheelchair": harm given what someone has or uses.
_BECAUSE_HAS = {
    s: _re(
        r"(?:because|cos|coz|cause|as|since|for) (?:he|she|they|i|\w+) (?:has|have|had|'s got|has got|uses|use|wears|"
        r"wear|needs|need|is in|having)(?: got)? (?:a |an |to use (?:a |an )?)?" + c
    )
    for s, c in _CHARACTERISTIC.items()
}
# "racially abused", "homophobic comments", "was racist to Mrs X", "a sexist remark".
_PREJ_ADJ = {
    "racist": r"(?:racist|racial|racially|race hate)",
    "faith": r"(?:islamophobic|anti-?semitic|anti-?muslim|anti-?jewish|sectarian)",
    "homophobic": r"(?:homophobic|homophobically|biphobic|lesbophobic)",
    "transphobic": r"(?:transphobic|transphobically)",
    "disability": r"(?:disablist|ableist|disability)",
    "sexist": r"(?:sexist|misogynistic|misogynist)",
}
_PREJ_NOUN = (
    r"(?:abuse|abused|abusing|slurs?|insults?|insulted|comments?|remarks?|names|bullying|bullied|harassment|"
    r"harassed|messages|texts|notes?|graffiti|jokes|things|stuff|chants|language|attack(?:ed|s)?|targeted|taunts?)"
)
# Prejudice named as something done to a person: "racially abused", "getting homophobic abuse", "was racist to Mrs X".
_NAMED_PREJUDICE = {
    s: _re(
        r"(?:" + adj + r" " + _PREJ_NOUN + r"(?: [\w']+){0,2} (?:at|to|towards|about)|"
        r"(?:gets?|got|getting|been|being|receiv\w+|suffer\w*|had|has|have|faced|facing|experienc\w+|subjected to|"
        r"sent|sending|send|made|making|shouted|shouting|posted|posting|said|saying|says|wrote|writing|left) "
        r"(?:[\w']+ ){0,2}" + adj + r" " + _PREJ_NOUN + r"|" + adj + r"ly (?:abused|bullied|harassed|attacked|targeted|"
        r"insulted)|(?:was|were|is|are|being|been) " + adj + r" (?:to|towards|at|about) (?:her|him|them|me|us|my|"
        r"our|his|mrs|mr|ms|miss|sir)(?![a-z]))"
    )
    for s, adj in _PREJ_ADJ.items()
}
_NAMED_PREJUDICE["transphobic"] = _re(
    r"(?:deadnam\w+|wrong pronouns|misgender\w*|(?:call\w*|refer\w* to) (?:him|her|them|\w+) (?:as )?['\" ]{0,3}(?:she|he|her|him|"
    r"a girl|a boy)['\" ]{0,3}(?:on purpose|deliberately)|refus\w+ to (?:use|say|call (?:him|her|them)) (?:his|her|their) "
    r"(?:new |real |chosen |proper )?(?:name|pronouns)|(?:a |just a )?(?:man|bloke|boy|guy) in a (?:dress|skirt|wig)|pretending to be a (?:girl|boy|woman|man)|misgender\w*|not (?:a )?real (?:girl|boy|woman|man)|(?:he|she|they)(?:'s| is| are) (?:a )?(?:girl|boy|man|woman) really|what'?s in (?:his|her|their) "
    r"(?:pants|knickers|trousers|boxers)|(?:really|actually|still) a (?:boy|girl|man|"
    r"woman)|(?:calls?|calling|called) (?:her|him|them) (?:an? )?it|"
    + _PREJ_ADJ["transphobic"]
    + r" "
    + _PREJ_NOUN
    + r")"
)
_NAMED_PREJUDICE["faith"] = _re(
    r"(?:(?:draw\w*|drew|sprayed|scratched|graffiti\w*|carved|posted|sent|did|doing|made|making)(?: [\w']+){0,3} "
    r"(?:swastikas?|nazi salutes?)|swastikas? (?:on|in)|"
    + _PREJ_ADJ["faith"]
    + r" "
    + _PREJ_NOUN
    + r"(?: [\w']+){0,2} "
    r"(?:at|to|towards|about)|(?:gets?|got|getting|been|being|receiv\w+|faced|facing) (?:[\w']+ ){0,2}"
    + _PREJ_ADJ["faith"]
    + r" "
    + _PREJ_NOUN
    + r"|(?:pull\w*|ripp?\w*|grabb?\w*|yank\w*|took|tak\w+|knock\w*)(?: [\w']+){0,2}"
    r" (?:off |up )?(?:her|his|their|my|\w+'s) (?:hijab|headscarf|head scarf|niqab|turban|patka|kippah|kippa|yarmulke)|"
    r"(?:holocaust|hitler|auschwitz|gas chambers?|the ovens)(?: [\w']+){0,6} (?:finish\w*|good idea|was right|should|"
    r"jokes?|funny|again|didn't|did not|missed))"
)
_NAMED_PREJUDICE["sexist"] = _re(
    r"(?:(?:girls|women|females) (?:can't|cannot|can not|shouldn't|should not|aren't allowed to) (?:play|do|be|"
    r"drive|lead|understand)|(?:girls|women|females) (?:are|r) (?:useless|weak|stupid|thick|rubbish|worse) at|"
    r"belongs? in the kitchen|(?:get|go) back (?:in|to) the kitchen|make (?:me|him|us) a sandwich|"
    + _PREJ_ADJ["sexist"]
    + r" "
    + _PREJ_NOUN
    + r"(?: [\w']+){0,2} (?:at|to|towards|about)|"
    r"(?:gets?|got|getting|been|being|receiv\w+|faced|facing|made|making|makes) (?:[\w']+ ){0,2}"
    + _PREJ_ADJ["sexist"]
    + r" "
    + _PREJ_NOUN
    + r")"
)
# Statements about abuse in general, not an account of it happening to someone: "if you call someone a ...",
# "homophobic bullying is never acceptable", "using retard as an insult is ableist".
_GENERIC = _re(
    r"(?:if (?:you|u|someone|anyone|people|they|we) (?:say|call|use|tell|ever)|(?:calling|to call|call) (?:someone|"
    r"anyone|people|somebody|others|other people|anybody)|using \w+ as an? (?:insult|slur|word)|"
    r"(?:it's|its|it is) (?:not|never) (?:ok|okay|acceptable|fine|funny|right|cool) to|"
    r"(?:is|are|was|were)(?: never| not| so| really| just| always)? (?:ok|okay|acceptable|a hate crime|hate speech|"
    r"unacceptable|wrong|not ok|not okay|ableist|racist|homophobic|sexist|transphobic|disgusting|vile|appalling|"
    r"harmful|offensive|hurtful|cruel)(?: behaviour| behavior)?(?![a-z])(?! (?:to|towards|at|about))|"
    r"(?:is|was|it's|its|that's|thats) (?:\w+ )?bullying(?= *(?:$|[.!?,;]| and | or | behaviour))|"
    r"(?:learn\w*|talk\w*|taught|teach\w*|discuss\w*|lessons?|assembly|workshop|debate\w*) (?:us )?about (?:the|what|why|how|its|it's|"
    r"not|racism|homophobia|sexism|transphobia|ableism|prejudice|discrimination)|should be (?:embarrassed|ashamed)|"
    r"what do (?:you|u|ya) call|has no place|have no place|needs? calling out|challenge|stand (?:up )?(?:against|to)|please stop|stop calling|"
    r"never (?:call|say|use)|don't (?:call|say|use)|shouldn't (?:call|say|use)|we (?:should|must|need to))"
)
_NAMED_PREJUDICE_NEGATED = _re(
    r"(?:not|never|isn't|wasn't|no) (?:\w+ )?(?:racist|homophobic|sexist|transphobic)|"
    r"(?:make|made|making|makes) it (?:look|seem|sound) (?:like|as if|as though)(?: [\w']+){0,6}|"
    r"(?:fake|edited|photoshopped|doctored) (?:screenshots?|messages|posts?|texts?|chats?)(?: [\w']+){0,8}|"
    r"(?:falsely )?accus\w+ (?:her|him|them|me|\w+) of (?:being )?(?:racist|homophobic|sexist|transphobic)"
)
_RACIST_PHRASES = _re(
    r"(?:go back to (?:your|their|his|her|my) (?:own )?(?:country|home ?land)|go back (?:to )?where (?:you|he|she|"
    r"they) (?:came|come) from|"
    r"(?:slitty|slanty|squinty|chinky) eyes|smell(?:s|ed|y)? (?:of|like) (?:curry|garlic|spices?|kebabs?|onions)|"
    r"curry (?:muncher|smell|breath)|hold(?:s|ing)? (?:their|his|her|my) noses? (?:at|when|near|around|next to)|pull\w* (?:their|his|her|the) eyes|ching ?chong|"
    r"go back to (?:africa|asia|pakistan|india|bangladesh|china|poland|romania|syria|somalia|nigeria|ghana|jamaica|"
    r"the caribbean|iraq|iran|afghanistan|turkey|albania|lithuania|ukraine|eastern europe|the jungle|your (?:own )?"
    r"(?:village|tribe|desert|hut))|"
    r"(?:monkey|ape|gorilla|chimp) (?:noises|sounds|emojis?|chants|gestures|pictures|"
    r"pics|memes)|(?:shouted|made|making|posted|posting|sent|sending)(?: [\w']+){0,3} (?:monkey|ape|gorilla|banana)s?)"
)
# Same-sex families derided: "has two mums and kids keep saying her family is disgusting".
_SAME_SEX_FAMILY = _re(
    r"(?:(?:two|2) (?:mums|moms|mams|dads)|gay (?:dads?|mums?|moms?|parents|brother|sister|uncle|aunt)|lesbian "
    r"(?:mums?|moms?|parents)|(?:mum|mam|mom|dad)(?:'s| is) (?:gay|a lesbian|bi))"
)
_DERIDED = _re(
    r"(?:disgusting|gross|wrong|weird|unnatural|sick|freaks?|nasty|not normal|abnormal|vile|sinful|a sin|rank|minging|"
    r"turn out gay|be gay too|catch it|make (?:her|him|them) gay)"
)
# "because he is autistic", "for being gay", "cos she's black": harm given a protected reason.
_BECAUSE = _re(
    r"(?:because|cos|coz|cause|'cause|for being|just for being|for (?:his|her|their)|about (?:his|her|their)|"
    r"about (?:him|her|them) being)(?: (?:he|she|they|i)(?:'s| is| are| am|'re))?(?: an?)?"
)
_HARM_CONTEXT = _re(
    r"(?:call(?:s|ed|ing)?|mock\w*|laugh\w*|bull(?:y|ies|ied|ying)|pick(?:s|ed|ing)? on|pick on|teas\w+|"
    r"abus\w+|harass\w*|hit|hits|punch\w*|beat\w*|attack\w*|excluded|exclude\w*|left out|leave (?:him|her|them) out|"
    r"ignor\w+|threat\w*|jok\w+|fun of|names|insult\w*|spat|spit|push\w*|kick\w*|swastika\w*|draw\w*|drew|"
    r"graffiti|messag\w+|comment\w*|post\w*)"
)

# --- self-harm and risk to self -----------------------------------------------------------------------
_SELF = r"(?:myself|herself|himself|themselves|themself|meself|my ?self|her ?self|him ?self)"
_RISK_SELF = _re(
    r"(?:(?:(?:taken|took|take|taking|had|swallowed|swallow|necked|downed)(?: [\w']+){0,2} (?:a load of|loads of|a lot of|"
    r"lots of|a bunch of|a (?:whole )?(?:packet|pack|box|bottle|handful) of|all (?:of )?(?:her|his|my|their|the|"
    r"mum's|dad's)|too many|\d+|twenty|thirty|fifty)|(?:swallowed|necked|downed))(?: [\w']+)? ?(?:pills|tablets|"
    r"paracetamol|painkillers|"
    r"sleeping pills|meds|medication|antidepressants)|(?:taken|took|take|taking|had|has|have) an (?:overdose|od)|"
    r"overdosed|overdosing|od'd|"
    r"(?:(?:thinking|thinks|thought|talk(?:s|ed|ing)?|writ\w+|post\w*) about|research\w*|googl\w*|look\w* up) "
    r"(?:ways to |how to )?(?:ending (?:it|it all|my life|her life|his life|their life|things)|killing " + _SELF + r"|"
    r"taking (?:my|her|his|their) (?:own )?life|suicide|dying|not being (?:here|alive|around))|"
    r"(?:slit|slitting|slits|cut|cutting|cuts) (?:my|her|his|their|your|ur) wrists|"
    r"(?:do(?:n't|esn't|es not|nt|snt)|can(?:'t|not|t)) see (?:the|any) point (?:in |of )?(?:living|life|going on|carrying on|"
    r"being here|any ?more|in anything)|(?:would|will|'d) be better off without (?:me|her|him|them)|"
    r"(?:want|wants|wanted|wanting|wanna|going|gonna|plan(?:s|ning)?|tr(?:y|ies|ied|ying)|thinking about|"
    r"thinks about|talk(?:s|ed|ing)? about|threaten(?:s|ed|ing)?|decided|ready) (?:to )?(?:die|kill "
    + _SELF
    + r"|end (?:it|it all|my life|her life|his life|their life|everything|things)|hang "
    + _SELF
    + r"|jump(?:ing)? (?:off|in front|from)|not (?:be )?(?:here|alive|around)|disappear (?:forever|for good)|"
    r"hurt " + _SELF + r"|cut " + _SELF + r"|take (?:my|her|his|their) (?:own )?life|be dead)(?! of| for| laughing)|"
    r"(?:do(?:n't|esn't|es not|not)|did(?:n't| not)) (?:want|wanna) to (?:be alive|live|be here|exist|wake up)"
    r"(?: \w+)?(?: any ?more| no more)?|"
    r"(?:no|isn't any|is no) (?:point|reason) (?:in )?(?:living|being alive|going on|to live|to go on|"
    r"carrying on)|better off (?:without (?:me|her|him|them)|dead)|"
    r"can(?:'t|not|not) (?:go on|do this any ?more|cope any ?more|take (?:it|this) any ?more)|"
    r"this is the end|(?:saying|said|says|posted|sent|wrote|writing|messag\w+)(?: [\w']+){0,3} goodbyes?|"
    r"goodbye (?:messages?|notes?|letters?|forever|everyone|world|cruel world)|suicidal|suicide (?:note|letter|"
    r"plan|attempt)|(?:attempt\w*|tried|trying|try|commit|committing|talk\w* about|think\w* about|thoughts of) "
    r"(?:to commit )?suicide|"
    r"(?:kill|killing|hang|hanging|hurt|hurting|harm|harming|cut|cutting|starv\w+|burn\w*) "
    + _SELF
    + r"|self[- ]?harm\w*|sh(?: again)? marks|cutting again|(?:been|is|was|keeps?|started) cutting|"
    r"(?:fresh|new|deep) (?:cuts|marks|scars|wounds)|cuts on (?:her|his|their|my) (?:arms?|legs?|wrists?|thighs?)|"
    r"(?:jump|jumping|jumped) (?:off|in front of|from) (?:a |the )?(?:bridge|train|building|roof|cliff|car park)|"
    r"(?:picture|pic|photo|image|video|snap|story|post)s? of (?:a |the )?(?:rope|noose)|nooses?|"
    r"(?:sav\w+|stockpil\w+|hoard\w+|collect\w+|hid\w*) (?:up )?(?:all )?(?:her|his|their|my|the|mum's|dad's)? ?"
    r"(?:tablets|pills|paracetamol|painkillers|meds|medication)|(?:rather|prefer to) (?:be )?(?:dead|die)|"
    r"(?:sorry (?:for everything|mum|mam|mom|dad)|goodbye|love you all)(?: [\w']+){0,6} (?:and )?(?:now )?"
    r"(?:(?:his|her|their) phone(?:'s| is) (?:off|dead)|(?:isn't|is not|isnt|not) answering|can't (?:reach|get hold of)|"
    r"gone missing|no one knows where)|"
    r"(?:walk|walking|go|going|jump|jumping|throw \w+self) (?:into|in) (?:the )?(?:sea|river|canal|traffic|road|lake)|"
    r"(?:step|stepping|walk|walking|jump|jumping|lie|lying) (?:out )?in front of (?:a |the )?(?:train|bus|car|lorry|traffic)|"
    r"better off (?:if|when) (?:i|she|he|they)(?:'m|'re|'s| was| were| am| is| are)? (?:gone|dead|not here|not around|"
    r"never born)|(?:there's|theres|there is|sees|see) no point (?:any ?more|in anything|in life|in living|to anything)|"
    r"cuts (?:all )?(?:over|on|up|along) (?:her|his|their|my|\w+'s) (?:arms?|legs?|wrists?|thighs?|body|stomach)|"
    r"given away (?:all )?(?:his|her|their|my) (?:stuff|things|belongings)|gave away (?:all )?(?:his|her|their|"
    r"my) (?:stuff|things))"
)
_NOT_RISK = _re(
    r"(?:dying (?:to|for|of)|die (?:of|for|laughing)|(?:gonna|going to|will|'ll|i'll|would|'d) die if (?:i|we)|to die for|died laughing|kill(?:ing)? it|"
    r"(?:cut|cutting) (?:my|her|his|the|their|your) (?:hair|fringe|nails|leaves|paper|cake|losses)|"
    r"(?:would|'d) (?:die|kill) for|end of (?:term|the term|the year|year|the day|school)|"
    r"the end of|bored to death|die of (?:boredom|embarrassment|shame)|(?:die|dying) (?:dramatically|on stage|in the "
    r"(?:scene|play|film|show|game|musical))|(?:could|would|'d|gonna|going to) die (?:of|for|laughing)|"
    r"so tired (?:i|she|he) could die)"
)
# Telling someone to kill or harm themselves, reported: "told me to kill myself", "kept telling her to go die".
_TELL_SELF = _re(
    r"(?:(?:tell|tells|told|telling|said|says|saying|messag\w+|comment\w*|wrote|writ\w+|post\w*|sent|"
    r"sending|keeps?|kept|dm'?d|shout\w*|text\w*)(?: (?!wants?\b|wanted\b|wanna\b|going\b|gonna\b|plan\w*|tr(?:y|ies|ied)\b)"
    r"[a-z0-9'-]+){0,5} (?:to|should|that (?:he|she|they|i|you) should) (?:just )?"
    r"(?:go )?(?:and )?(?:die|kill "
    + _SELF
    + r"|kill yourself|hang "
    + _SELF
    + r"|hang yourself|neck "
    + _SELF
    + r"|neck yourself|(?:slit|cut) (?:her|his|their|my|your|ur) wrists|end it(?: all)?|kill (?:urself|yaself|yourself)|end "
    + _SELF
    + r"|jump off)(?! of| for| laughing| in the)|"
    r"kys|kms|(?:better|nicer) (?:off |place )?if (?:i|he|she|they|you) (?:killed|hanged|died|was dead|were dead|"
    r"weren't (?:here|alive)|wasn't (?:here|alive))|should (?:just )?(?:die|kill " + _SELF + r"|go die|end it|"
    r"kill (?:urself|yourself))|(?:go|just) kill (?:urself|yaself|yourself|ur self|your self))"
)

# --- threats reported ---------------------------------------------------------------------------------
_THREAT = _re(
    r"(?:(?:said|says|saying|told|tells|telling|threaten\w*|messag\w+|post\w*|wrote|warn\w*|promis\w*|shouted|"
    r"dm'?d|dmed|dm'?ing|text\w*|snapp?ed|emailed|rang|phoned|commented|"
    r"shouting|screamed|yelled)(?: [\w']+){0,8} (?:going to|gonna|will|\w*'ll|is going to|are going to|would|'d|wants? to|plans? to|to) "
    r"(?:stab|kill|shoot|beat|batter|jump|knife|punch|smash|attack|burn|rape|murder|hurt|slash|hit|glass|"
    r"bottle|run over|head ?butt|kick)(?: \w+)?(?: up| in| after| at| outside| tomorrow| tonight| when)?|"
    r"(?:going to|gonna|will|'ll) get (?:stabbed|shanked|jumped|battered|beaten up|shot|merked|done in|smacked)|"
    r"(?:said|says|saying|told|tells|threaten\w*|messag\w+|wrote|warn\w*)(?: [\w']+){0,3} (?:he|she|they|\w+)(?:'ll| will| is going to| are going to| were going to| was going to) "
    r"(?:find|get|come for|catch|wait for) (?:[\w']+ ){0,2}and (?:stab|kill|shoot|beat|batter|smash|hurt|punch|kick|"
    r"burn|break)|(?:shoot|shooting|blow|blowing|bomb|bombing) up (?:the|our|this|his|her) (?:school|college|class)|"
    r"(?:said|says|saying|shouted|shouting|screamed|yelled|told|threaten\w*|messag\w+|wrote)(?: [\w']+){0,10} "
    r"(?:\w+'ll|will|would|'d|going to|gonna) (?:break|snap|smash) (?:her|his|their|my|your|ur) (?:neck|legs?|arms?|face|jaw|nose|head)|"
    r"(?:\w+'ll|they will|he will|she will) (?:burn|torch|petrol bomb|firebomb) (?:[\w']+ ){0,2}(?:house|home|flat|car)|"
    r"(?:are|is|'re|'s) coming for (?:her|him|them|me|us|you|\w+)(?: \w+)?(?: tonight| tomorrow| after| at)|"
    r"knows? where (?:she|he|they|i|you|we|\w+) (?:lives?|live)|(?:(?:he|she|they|i)(?:'s|'re| is| are| am|'m) coming for|(?:coming|come) after) (?:her|him|them|me|"
    r"you|us)|(?:bring(?:ing)?|brought|has|had|carrying|carries) (?:a )?(?:knife|blade|gun|machete|weapon)"
    r"(?: [\w']+){0,3} (?:to|in|into) (?:school|college|class)|(?:bring|bringing) (?:a )?(?:knife|blade|gun|weapon)"
    r" in)"
)
_THREAT_EXTRA = _re(
    r"(?:he's|she's|you're|youre|ur|your|they're|i'm|im|he is|she is|you are) (?:so )?dead if|"
    r"threaten\w* to (?:[\w']+ ){0,6}(?:and )?(?:stab|kill|shoot|beat|batter|punch|hit|hurt|attack|smash|slap|kick|"
    r"knock)|(?:bring|bringing|brought) (?:a |his |her |their )?(?:knife|gun|blade|machete|weapon|zombie knife)s?|"
    r"(?:you're|youre|ur|you are|she's|he's|she is|he is|they're|(?:she|he|they|you)(?:'d| would| will|'ll)) be next|"
    r"(?:show\w*|flash\w*|pull\w*|pulled) (?:(?:him|her|them|me|us) )?(?:a |his |her )?(?:knife|blade|machete|gun|"
    r"zombie knife)|"
    r"(?:knife|blade|machete|gun) in (?:his|her|their) (?:bag|pocket|locker|blazer|coat|waistband)|"
    r"(?:get|getting|got|bring|bringing|send|sending) (?:[\w']+ ){0,3}(?:cousins?|brothers?|mates|friends|boys|gang|"
    r"older \w+) (?:to|round to|after school to) (?:batter|beat|jump|stab|hurt|sort|do|get)"
)
_NOT_THREAT = _re(
    r"(?:kill (?:it|them) (?:in|at) the|(?:kill|murder) (?:me|you|us) if|beat (?:me|us|him|her|them) at|"
    r"smash (?:it|the)|get (?:me|us) (?:a|some|one)|hit (?:me|us) up|jump (?:on|in|into) the)"
)

# --- behaviours ---------------------------------------------------------------------------------------
_CONTACT = (
    r"(?:messag\w*|text\w*|call\w*|ring\w*|phon\w*|email\w*|e-mail\w*|dm\w*|snap\w*|contact\w*|spam\w*|"
    r"send(?:s|ing)? (?:her|him|me|them|us|\w+)|sen[dt] (?:her|him|me|them)|follow\w*|turn\w* up|show\w* up|"
    r"add\w* (?:her|him|me))"
)
_HARASSMENT = [
    _re(
        r"(?:after|even though|even after|despite|though|since) (?:i|she|he|they|we|i've|she's|he's|they've|we've|"
        r"my \w+|\w+)(?: had| has| have)?(?: already)? (?:blocked|block|told (?:him|her|them) to (?:stop|leave (?:me|her|him|"
        r"them|us) alone|back off|go away)|asked (?:him|her|them) to stop|said no|reported)"
    ),
    _re(
        r"(?:new|different|fake|other|more|multiple|loads of|lots of|withheld|private|unknown|burner) "
        r"(?:accounts?|numbers?|profiles?|emails?|snapchats?|snaps|instas?|instagrams?|tiktoks?|usernames?|sims?|phones?)"
        r"(?: [\w']+){0,2} (?:to )?(?:message|contact|text|reach|talk|dm|call|"
        r"ring|get)"
    ),
    _re(
        r"(?:from|on|using|with) (?:different|new|withheld|private|unknown|fake|loads of|lots of|multiple|other|"
        r"burner) (?:accounts|numbers|profiles|phones)"
    ),
    _re(
        r"(?:\d+|fifty|forty|thirty|twenty|a hundred|hundreds of|dozens of|loads of|so many|non ?stop)"
        r"(?: \w+)? (?:messages|texts|calls|emails|dms|snaps|times) (?:a|an|every|each|per|all) "
        r"(?:day|night|hour|minute|evening|morning)"
    ),
    _re(
        r"(?:keeps?|kept|won't stop|will not stop|wont stop|doesn't stop|never stops?|constantly|keeps on) "
        + _CONTACT
        + r"(?: [\w']+){0,6} (?:every (?:day|night|evening|morning|hour)|all (?:night|day|the time)|"
        r"constantly|non ?stop|over and over|again and again|in the middle of the night|from withheld|"
        r"(?:even )?after|even though|when (?:she|he|they|i) (?:said|told|asked))"
    ),
    _re(r"(?:won't|will not|wont|doesn't|does not|never) (?:stop|quit) " + _CONTACT),
    # Silent or nuisance calls: "keeps ringing the office asking for Ms X and hanging up".
    _re(
        r"(?:keeps?|kept|constantly|always|repeatedly) (?:ring|call|phon)\w*(?: [\w']+){0,8} (?:and|then) "
        r"(?:hang|hangs|hanging|hung|put|puts|putting) (?:up|the phone down)|silent (?:calls|phone calls)"
    ),
    _re(
        r"(?:won't|will not|wont|doesn't|does not|refuses? to) leave (?:her|him|them|me|us|(?:mr|mrs|ms|miss|sir|dr|my) "
        r"\w+|\w+) alone"
    ),
    _re(
        r"(?:follow(?:s|ed|ing)?|stalk\w*) (?:her|him|them|me|us|\w+)(?: [\w']+){0,2} (?:home|around (?:town|school|"
        r"the (?:shops|park|town|school|estate))|everywhere|to school|from school|after school|every day|"
        r"to (?:her|his|my|their) (?:house|home))"
    ),
    _re(r"stalk(?:s|ed|ing) (?:her|him|them|me|us)"),
    _re(
        r"every time (?:i|she|he|they|we|\w+) block(?:s|ed)? (?:him|her|them)|(?:finds?|found|contacts?|messages?) "
        r"(?:me|her|him|them) (?:on|through) (?:another|a different|a new|every) (?:app|account|number|platform|site)"
    ),
    _re(
        r"(?:turn\w*|show\w*|wait\w*|hang\w* around|hanging about|lurk\w*) (?:up )?(?:for (?:me|her|him|them) )?"
        r"(?:at|outside|near|by) (?:my|her|his|their|our|the) (?:college|school|work|workplace|house|home|flat|classes?|"
        r"lessons?|gym|job|bus stop)(?: [\w']+){0,4} (?:every|all the time|again|constantly|most days|each)"
    ),
    _re(
        r"(?:keeps?|kept|won't stop|constantly|always) (?:turning up|showing up|waiting (?:for (?:me|her|him|them) )?"
        r"(?:outside|at))"
    ),
    _re(
        r"(?:keeps?|kept|won't stop|constantly) (?:tagging|mentioning|@ing|adding) (?:me|her|him|them|\w+)(?: [\w']+){0,4} "
        r"(?:on every|in every|on all|every time|all the time|in loads of|in horrible|in nasty)"
    ),
    _re(
        r"(?:sends?|sending|sent|keeps? sending|emails?|emailing|emailed|messag\w+|ring\w*|phon\w*|text\w*) "
        r"(?:[\w']+ ){0,4}(?:every (?:single )?(?:day|night|hour|evening|morning|weekend)|every day for|"
        r"(?:in the middle of the|at) (?:night|\d+ ?am)|at (?:1|2|3|4|one|two|three|four) ?(?:am|in the morning))"
    ),
    _re(
        r"(?:turn(?:s|ed|ing)?|show(?:s|ed|ing)?|keeps? turning|keeps? showing) up (?:at|outside|near) "
        r"(?:her|his|their|my|our|the) (?:house|home|door|work|school|flat|window)"
    ),
    _re(
        r"(?:spam(?:s|med|ming)?|flood(?:s|ed|ing)?|bombard(?:s|ed|ing)?) (?:her|his|my|their|\w+'s)(?: \w+'s)? ?"
        r"(?:dms|messages|phone|inbox|notifications|comments|account|email)"
    ),
    _re(
        r"(?:sends?|sending|sent|keeps? sending) (?:[\w']+ ){1,3}(?:abusive|nasty|threatening|horrible) "
        r"(?:emails|messages|texts)(?: [\w']+){0,2} (?:every|all the time|constantly|each)"
    ),
]
_SEXUAL_IMAGE = (
    r"(?:without (?:my|her|his|their|any) (?:top|clothes|shirt|bra|t-?shirt|pants|trousers)(?: on)?|naked|nude|"
    r"in (?:my|her|his|their) (?:underwear|bra|pants|pyjamas|pjs|bikini|knickers|boxers|swimsuit|bed)|"
    r"of (?:my|her|his|their) (?:body|chest|bum|boobs|private parts|privates)|topless|with no (?:top|clothes)|"
    r"undressed|sexy|spicy|rude)"
)
_ADULT = (
    r"(?:older|adult|grown|grown-up|a man|a guy|men|a stranger|strangers|a bloke|an? \d\d ?(?:year old|yo|yr old)|"
    r"someone (?:she|he|they) met online|a teacher|a coach)"
)
_SEXUAL = [
    _re(
        r"(?:record\w*|film\w*|photograph\w*|video\w*|took (?:a )?(?:photo|picture|pic|video)s? of|snapp?\w*) "
        r"(?:[\w']+ ){0,2}(?:getting changed|changing|undressing|in the (?:shower|showers|toilets?|changing rooms?|"
        r"bath)|naked|topless|in (?:her|his|their) (?:underwear|bra|pants|knickers))"
    ),
    _re(
        _ADULT
        + r"(?: [\w']+){0,8} (?:tell\w*|told|call\w*|saying|says|said)(?: [\w']+){0,2} (?:she's|he's|she is|he is|"
        r"they're|they are|is|looks?|how) (?:so |really |very )?(?:sexy|hot|fit|peng|beautiful|gorgeous|mature|pretty)"
    ),
    # An adult asking a child for pictures of themselves: "an adult on Fortnite keeps asking my son for pictures".
    _re(
        _ADULT + r"(?: [\w']+){0,8} (?:ask\w*|beg\w*|wants?|wanted|pressur\w+|keeps? asking|demand\w*) (?:[\w']+ ){0,3}"
        r"(?:for |to send (?:him |her |them )?)(?:\w+ )?(?:pictures|pics|photos|selfies|videos|vids)"
    ),
    _re(
        r"(?:ask\w*|beg\w*|pressur\w*|push\w*|want\w*|tell\w*|told|get\w*|got|trying to get|tries to get|"
        r"keeps? asking|demand\w*|persuad\w*) (?:[\w']+ ){0,4}(?:to send|for|to take|to show|to film|to do)"
        r"(?: [\w']+){0,4} (?:pictures?|pics?|photos?|images?|videos?|vids?|selfies?|snaps?)(?: [\w']+){0,2} "
        + _SEXUAL_IMAGE
    ),
    _re(
        r"(?:asked|asking|asks|ask|begging|begged|pressur\w+|wants?|wanted) (?:[\w']+ ){0,3}(?:for |to send )"
        r"(?:\w+ )?(?:nudes|noods|naked pics|nude pics|pictures of (?:her|his|my) body|sexual (?:pictures|photos|"
        r"images))"
    ),
    _re(
        r"(?:pictures?|pics?|photos?|images?|videos?) of (?:his|a|their|the) (?:dick|penis|willy|private parts|"
        r"privates|genitals|cock|bits)|(?:private parts|privates|genitals)|dick ?pics?|flash(?:ed|ing|es)"
    ),
    _re(
        r"(?:comment\w*|remarks?|things|stuff|jokes) (?:about|on) (?:my|her|his|their|the girls'|the boys'|\w+'s) "
        r"(?:bod(?:y|ies)|boobs|chest|bum|bottom|"
        r"arse|legs|figure|breasts?)|touch\w* (?:my|her|his|their|\w+'s) (?:bum|bottom|arse|boobs|chest|breasts?|thigh|"
        r"legs?|privates)|(?:grop\w+|fondl\w+)|(?:video|pic|picture|photo|clip)s? of (?:a man|a guy|himself|herself|someone|an adult|a woman|a girl|a boy|"
        r"people|a couple)"
        r"(?: [\w']+){0,2} (?:touching|wanking|naked|playing with|stripping|undressing|having sex|doing stuff)|what colou?r (?:his|her|my|their) (?:underwear|pants|"
        r"knickers|bra) (?:is|are)|(?:show|send) (?:him|her|them) (?:her|his|their|your) (?:underwear|pants|knickers|bra|body)"
        r"|(?:send|sending|sent|asks? for|asking for|asked for|wants?|wanted) (?:[\w']+ ){0,2}(?:nudes|noods|nude pics|naked pics)"
        r"|(?:pics?|pictures?|photos?|selfies?|snaps?) (?:of (?:her|him|them|me|herself|himself|yourself) )?"
        r"(?:in|wearing) (?:her|his|my|their|your|a|just a|just (?:her|his)) (?:bra|underwear|pants|knickers|bikini|boxers)"
    ),
    _re(
        r"sexual (?:comments|messages|remarks|jokes|things|stuff|images|pictures|videos|advances|texts)|"
        r"sexually (?:harass\w*|assault\w*|abus\w*|explicit)|touch(?:ed|ing|es)? (?:her|him|me|them) "
        r"(?:inappropriately|up)|upskirt\w*"
    ),
]
_NUDES_SHARED = _re(
    r"(?:shar\w+|sent|send\w*|pass\w* (?:round|around)|post\w*|spread\w*|leak\w*|airdrop\w*|forward\w*|"
    r"circulat\w*|show\w*|put\w*(?: up)?)(?: [\w']+){0,3} (?:nudes?|noods|naked (?:pictures?|pics?|photos?|videos?|"
    r"selfies?)|nude (?:pictures?|pics?|photos?|videos?)|intimate (?:images?|pictures?|photos?|videos?)|"
    r"sexual (?:images?|pictures?|photos?|videos?)|(?:a|the|some) (?:naked|nude|topless|explicit|intimate) "
    r"(?:picture|pic|photo|video|selfie|snap)s?|topless (?:pictures?|pics?|photos?|videos?|selfies?))"
)
_MANIPULATION = [
    _re(r"blackmail\w*|sextort\w*|extort\w*"),
    _re(
        r"keep (?:it|this|that|things) between (?:them|us|you and me|the two of (?:them|us))|"
        r"(?:told|asked|wants?|wanted|keeps? asking) (?:her|him|them) to meet (?:him|her|them|up)(?: [\w']+){0,4} "
        r"(?:alone|in secret|secretly|without telling|and keep|and not tell)|online (?:boyfriend|girlfriend|friend|mate) "
        r"(?:who|that)(?:'s| is) (?:\d\d|older|an adult|twenty|nineteen|eighteen|much older)"
    ),
    # Secrecy asked for by the one making contact: "told him to delete the chats".
    _re(
        r"(?:told|tells|telling|asked|asks|makes?|made) (?:her|him|them|me) (?:to )?(?:delete|hide|wipe|clear) "
        r"(?:the |their |our |all the |his |her |all )?(?:chats?|messages|texts|conversations?|dms|snaps|history)"
    ),
    _re(
        r"(?:\w*'ll|will|would|going to|gonna) (?:send|post|share|show|tell|leak|expose|spread|forward)(?: [\w']+){0,8} "
        r"(?:unless|if (?:i|she|he|they|you|we) (?:don't|doesn't|won't|do not|does not|refuse))"
    ),
    _re(
        r"(?:pay|give|send|transfer)(?: [\w']+){0,2} (?:£ ?\d+|\d+ (?:quid|pounds)|money|cash|bitcoin|crypto|gift ?cards?)"
        r"(?: [\w']+){0,4} or (?:they|he|she|it)(?:'ll| will)? (?:\w+ )?(?:go|send|post|share|show|tell|leak|get|be)"
    ),
    _re(
        r"(?:says?|said|saying|tells?|told|telling) (?:(?:her|him|them|me|\w+) )?(?:that )?(?:she|he|they|i) "
        r"(?:owes?|owed) (?:him|her|them|me)|(?:owes?|owed) (?:him|her|them) (?:now|for (?:it|them|that|the))|"
        r"(?:our|their|a) (?:little )?secret|(?:not|never) to tell (?:her|his|their|my|your|ur|anyone|anybody) "
        r"(?:mum|mam|mom|dad|parents|teacher|friends|carer)?"
    ),
    _re(
        r"(?:if|unless) (?:she|he|they|i|you|we|\w+) (?:doesn't|don't|does not|do not|won't|will not|refuses? to|"
        r"stops?|pays?|sends?|gives?|does|meets?)(?: [\w']+){0,6} (?:he'll|she'll|they'll|he will|she will|they will|"
        r"he's going to|she's going to|they're going to|he is going to|they are going to|will|then|or)"
        r"(?: [\w']+){0,2} (?:send|post|share|show|tell|leak|expose|put|spread|forward)"
    ),
    _re(
        r"(?:or|otherwise|else) (?:they'll|he'll|she'll|they will|he will|she will|they're going to|he's going to|"
        r"she's going to|they'd|he'd|she'd) (?:post|share|send|show|tell|leak|expose|spread|put)"
    ),
    _re(
        r"threaten\w* to (?:share|post|send|leak|expose|show|spread|put|tell)(?: [\w']+){0,6} (?:unless|if|or)|"
        r"threaten\w* to expose"
    ),
    _re(
        r"(?:mak\w+|made|forc\w+|pressur\w+) (?:her|him|them|me|\w+) (?:to )?(?:give|pay|hand over|send|transfer)"
        r"(?: [\w']+){0,2} (?:money|cash|them money|him money|her money|£\d+|\d+ (?:quid|pounds))"
    ),
    _re(
        r"(?:told|tells|telling|asked|asks|warned) (?:her|him|them|me|\w+) (?:not to|never to|to never|not) tell "
        r"(?:her|his|their|my|anyone|anybody|any ?one|the|a)|(?:keep|keeping|kept) (?:it|this|their|our|the|them|"
        r"everything)(?: [\w']+){0,2} (?:a )?secret|(?:their|our|a) (?:little )?secret|"
        r"(?:don't|do not|never) tell (?:your|ur) (?:mum|mam|mom|dad|parents|teacher)"
    ),
    _re(
        r"(?:buy\w*|bought|send\w*|sent|gives?|gave|giving) (?:her|him|them|\w+) (?:gifts?|gift ?cards?|skins|"
        r"v-?bucks|robux|presents|money|credit|top ?ups?)(?: [\w']+){0,6} (?:secret|older|adult|online|don't tell|"
        r"in return|for (?:pics|photos|pictures))"
    ),
    _re(
        r"(?:older|adult|grown|grown-up) (?:man|woman|guy|person|boy|lad|someone)(?: [\w']+){0,6} (?:secret|not to tell|"
        r"meet up|meet him|meet her|alone)"
    ),
]
# What a rumour says: "that she is pregnant", "that Mr X was sacked", "that he has an STD".
_RUMOUR = (
    r"(?:got |an? |been )?(?:std|stds|sti|stis|herpes|pregnant|on drugs|a drug|drugs|a thief|a slag|a paedo|a pedo|"
    r"a nonce|a liar|a cheat|stole|nicked|slept|sleeps|sleeping|cheated|cheating|been sacked|sacked|fired|in prison|"
    r"been arrested|arrested|dirty|nits|fleas|aids|hiv|an alcoholic|drunk|a groomer|a stalker|abused|a criminal|"
    r"in a gang|a grass|a snitch|fake|lying|having an affair|an affair|sleepin[g']? with|shaggin[g']?|"
    r"sleeps around|had sex|having sex|a prostitute|a stripper|bringing drugs|brought drugs|dealing|selling drugs|"
    r"expelled|excluded for|kicked out (?:of|for)|a paedophile|a pedophile|sent to prison|on the register)"
)
_VILIFICATION = [
    _re(
        r"(?:spread\w*|start\w*|started|going (?:round|around)|made up|mak\w+ up|post\w*) "
        r"(?:[\w']+ ){0,2}(?:rumou?rs?|lies|stories|gossip|false (?:things|claims|stories))|"
        r"(?:tell\w*|told) (?:lies|rumou?rs|stories)"
    ),
    _re(
        r"(?:rumou?rs?|lies|gossip)(?: \w+)? (?:going (?:round|around)|about (?!the |a |this |that |it )(?:her|him|them|me|\w+)|that|"
        r"saying|on)"
    ),
    _re(
        r"(?:tell\w*|told|saying|said|says|claim\w*|posting|posted) (?:to )?(?:everyone|everybody|people|the whole "
        r"(?:school|year|class)|the year|all (?:her|his|their) friends)(?: that)? (?:she|he|they|\w+)(?:'s|s)? "
        r"(?:is|was|has|had|slept|sleeps|stole|steals|cheated|cheats|did|does|got|hits|touched|takes|deals|sells)"
    ),
    _re(
        r"(?:going (?:round|around)|go round|goes round|telling (?:people|everyone|everybody)|keeps? saying|kept saying|"
        r"saying to (?:everyone|people))(?: [\w']+){0,5} (?:that )?(?:she|he|they|i|(?:mr|mrs|ms|miss|sir|dr|coach) \w+|"
        r"\w+)(?:'s| is| was| has| had| have) "
        r"" + _RUMOUR
    ),
    _re(
        r"(?:keep|keeps|kept|are|is|were|was) (?:saying|claiming|telling people|accusing (?:me|her|him|them) of)"
        r"(?: that)? (?:i|she|he|they|\w+) (?:stole|steal|cheated|hit|lied|started|did|took|nicked|sent)"
    ),
    _re(
        r"(?:tell\w*|told|saying|said) (?:everyone|everybody|people|parents|the other (?:mums|parents))(?: [\w']+){1,5} "
        r"(?:that )(?:she|he|they|(?:mr|mrs|ms|miss|sir|dr|coach) \w+|\w+)(?:'s| is| was| has| had) " + _RUMOUR
    ),
    _re(
        r"fake (?:screenshots?|screen ?shots?|messages|texts|chats?|posts?|tweets?)|"
        r"(?:make|made|making|makes) it (?:look|seem|sound) (?:like|as if|as though) (?:she|he|they|i|\w+) "
        r"(?:said|says|did|does|sent|wrote|posted|was|is|had)"
    ),
    _re(
        r"(?:photoshop\w*|edit\w*|doctor\w*|deep ?fak\w*|morph\w*)(?: [\w']+){0,2} (?:face|photo|picture|pic|image|"
        r"video|head)|(?:face|head) (?:onto|on to|on) (?:a|an|some|another)"
    ),
    _re(
        r"(?:not true|isn't true|is a lie|are lies|made it up|false (?:claims|allegations|accusations|rumou?rs|stories))"
        r"(?: [\w']+){0,4} (?:about|that)|"
        r"(?:and|but) (?:it's|its|it is) (?:not true|a lie|all lies)"
    ),
]
_VILIFICATION.append(
    _re(
        r"(?:spread\w*|sayin[g']?|tellin[g']?(?: [\w']+){0,4}|told(?: [\w']+){1,5}|claim\w*|makin[g']? out|put about)"
        r"(?: it)?(?: round| around)? that (?:[\w']+ ){1,3}(?:is |was |has |had |got |did |does |'s )?" + _RUMOUR
    )
)
_IMPERSONATION = [
    _re(
        r"(?:account|insta|instagram|snap|snapchat|profile|page|phone|email|tiktok|facebook|fb|xbox|psn|discord|"
        r"whatsapp|steam|roblox|login|password)(?: \w+)? (?:got|was|has been|had been|been|were|is|keeps getting|gets) "
        r"(?:hacked|taken over|compromised|stolen|cloned)"
    ),
    _re(
        r"hack\w* (?:into )?(?:her|his|my|their|\w+'s|\w+s') (?:account|insta|instagram|snap|snapchat|profile|page|"
        r"phone|email|tiktok|facebook|xbox|discord|whatsapp|steam|roblox)"
    ),
    _re(
        r"(?:logged|logging|log|got|gets|getting|broke|broken) (?:in ?to|into) (?:her|his|my|their|\w+'s) "
        r"(?:account|insta|instagram|snap|snapchat|profile|page|phone|email|tiktok|facebook|xbox|discord)"
    ),
    _re(
        r"(?:posting|posted|post|messag\w+|sending|sent|talking|chatting|pretending) (?:[\w']+ ){0,3}as (?:her|him|them|me)"
        r"(?![a-z])|impersonat\w*|catfish\w*"
    ),
    _re(
        r"(?:account|profile|page|insta|tiktok|snap)s? (?:with|using|has|in) (?:my|her|his|their|\w+'s) "
        r"(?:name|photos?|pictures?|pics?|face)|(?:using|stole|stealing|took|taking|uses) (?:my|her|his|their|\w+'s) "
        r"(?:photos|pictures|pics|name|identity|face)(?: [\w']+){0,3} (?:on|for|to|as)"
    ),
    _re(
        r"(?:as if|like) (?:it's|it is|it was|its) (?:her|him|them|me|really (?:her|him|them|me))|"
        r"(?:post\w*|messag\w+|send\w*|sent|talk\w*|chat\w*)(?: [\w']+){0,4} as if (?:it's|it is|it was|its|they're|they are) "
        r"(?:really )?\w+|"
        r"(?:account|profile|page)(?: [\w']+){0,3} (?:copying|copies|copied|using|uses|with) (?:[\w']+ ){0,3}(?:name|photo|"
        r"picture|pic|face)s?(?: and (?:\w+ )?(?:photo|picture|pic|name)s?)?|"
        r"(?:logged|logging|log|got|gets|getting|broke|broken|hacked) (?:in ?to|into) (?:her|his|my|their|\w+'s) (?:[\w']+ ){1,2}"
        r"(?:account|insta|instagram|snap|snapchat|profile|page|phone|email|tiktok|facebook|xbox|discord|teams)"
    ),
    _re(r"fake (?:account|profile|page|insta|instagram|snap|snapchat|tiktok|acc|accounts|profiles|facebook)"),
    _re(
        r"(?:someone|somebody|someones|someone's|a stranger|strangers)(?: is| has been| has| keeps| was)? (?:usin[g']?|used|"
        r"on|gettin[g']? into|got into|loggin[g']? (?:in ?to|on ?to)|logged (?:in ?to|on ?to)) (?:my|her|his|their|\w+'s) "
        r"(?:[\w']+ ){0,2}(?:account|acc|profile|login|page|insta|snap|tiktok)"
    ),
]
# "pretending to be Mr X", "posing as her": impersonation only when the account is about something online.
_PRETEND = _re(r"(?:pretend(?:s|ed|ing)?|pos(?:e|es|ed|ing)) (?:to be|as) (?:her|him|them|me|us|my \w+|his \w+|\w+)")
_ONLINE = _re(
    r"(?:account|profile|page|online|insta\w*|snap\w*|tiktok|facebook|discord|whatsapp|roblox|xbox|chat|gc|dms?|"
    r"messag\w+|post\w*|texts?|game|server|app)"
)
_PERSONAL = [
    _re(
        r"(?:post\w*|shar\w+|put|puts|putting|leak\w*|sent|send\w*|spread\w*|publish\w*|upload\w*|gave out|"
        r"giv\w+ out|show\w*|forward\w*)(?: [\w']+){0,4} (?:home |personal |private )?(?:address|phone number|mobile "
        r"number|number|postcode|location|personal details|contact details|bank details|login details|private messages|private chats?|private dms|"
        r"dms|diary|medical)(?: [\w']+){0,2} (?:online|on|in|with|to|round|around|everywhere|publicly)"
    ),
    _re(
        r"(?:screenshot\w*|screen ?shot\w*|screengrab\w*)(?: [\w']+){0,3} (?:private |personal )?(?:chats?|messages|"
        r"dms|conversations?|texts|snaps)(?: [\w']+){0,6} (?:shar\w+|sent|send\w*|post\w*|spread\w*|round|around|"
        r"everyone|group)"
    ),
    _re(
        r"(?:found out|worked out|found|tracked down|got hold of) (?:where (?:she|he|they|\w+) (?:lives?|live)|"
        r"(?:her|his|their|\w+'s) (?:address|number|details))(?: [\w']+){0,3} (?:and )?(?:post\w*|shar\w+|put|told|"
        r"spread|sent|gave)"
    ),
    _re(
        r"(?:her|his|their|\w+'s) (?:home |personal |private )?(?:address|phone number|number|mobile|postcode|"
        r"diary|private messages)(?: [\w']+){0,2} (?:online|on (?:the|a|facebook|insta|snap|tiktok|twitter|x)|"
        r"(?:is|are|was|were|got) (?:everywhere|online|posted|shared|leaked))|dox(?:x)?(?:ed|ing|es|er|ers)?"
    ),
    _re(
        r"(?:shar\w+|post\w*|leak\w*|sent|send\w*|spread\w*|gave out|put) (?:\w+'s|her|his|their|my|our) (?:home |exact )?"
        r"(?:address|postcode|phone number|mobile number|number|location)|"
        r"(?:photos?|pictures?|pics?|videos?) of (?:\w+ \w+'s|\w+'s|her|his|their|my|our) (?:house|home|front door|flat|car)|"
        r"(?:forward\w*|shar\w+|sent|send\w*|post\w*|leak\w*|spread\w*|screenshot\w*) (?:[\w']+ ){0,2}(?:private|personal) "
        r"(?:snaps?|pics?|photos?|pictures?|chats?|texts?|messages|dms|conversations?|videos?)|"
        r"screenshot\w* (?:what|everything) (?:i|she|he|they|\w+) (?:told|said|sent|wrote)"
    ),
    _re(
        r"(?:diary|private messages|private chat)(?: [\w']+){0,3} (?:photographed|posted|shared|leaked|spread|"
        r"sent round|screenshotted)"
    ),
]
_PERSONAL.append(
    _re(
        r"(?:private|personal) (?:texts|messages|chats?|dms|snaps|pics|photos|pictures|convos?|conversations?)"
        r"(?: [\w']+){0,4} (?:got|were|was|been|are|have been|has been) (?:screen ?shotted|screenshot|shared|leaked|posted|"
        r"forwarded|sent round|sent around|put|passed round)"
    )
)
_PERSONAL.append(
    _re(
        r"(?:send\w*|sent|shar\w+|post\w*|pass\w*|spread\w*|put\w*|show\w*)(?: round| around| up)? (?:the |her |his |"
        r"their |my |some )?screen ?shots? (?:of|from) (?:what|everything|her|his|their|our|my|the|\w+'s)"
    )
)
# Recorded in a private moment and shared: "recorded Lily getting changed and put it on his story".
_SHARED_AFTER = _re(
    r"(?:put|puts|putting|post\w*|shar\w+|sent|send\w*|upload\w*|airdrop\w*|spread\w*|pass\w* (?:round|around))"
    r"(?: [\w']+){0,2} (?:on|to|round|around|in|with|online)"
)
_EXCLUSION = [
    _re(
        r"(?:kick\w*|remov\w*|boot\w*|chuck\w*|thrown|threw|block\w*) (?:\w+ )?(?:out of|off|from) (?:the |our |their )?"
        r"(?:[\w']+ ){0,2}(?:group|chat|gc|team|squad|server|whatsapp|friendship group|lobby|party)"
    ),
    _re(
        r"(?:made|make|making|start\w*|creat\w*|set up|sets up) (?:a |an |another )?(?:new |secret |separate )?"
        r"(?:\w+ )?(?:group|chat|gc|group chat|server)(?: chat)? (?:without|to leave out|to exclude|just to talk about) "
        r"(?:her|him|them|me|us|\w+)"
    ),
    _re(
        r"(?:nobody|no one|noone|no1|none of them)(?: [\w']+){0,4} (?:will|wants to|would|lets|let|is allowed to) "
        r"(?:let (?:her|him|them|me|\w+) )?(?:sit|talk|play|hang out|walk|work|partner) (?:with|next to)"
    ),
    _re(
        r"(?:told|tell\w*|made) (?:everyone|people|the (?:whole )?(?:class|year|group|form))(?: [\w']+){0,4} (?:not to|to) "
        r"(?:talk to|speak to|ignore|block|sit with|play with|unfollow|leave out|invite)"
    ),
    _re(
        r"(?:been |being |was |were |is |are )?told (?:not to|to) (?:talk to|speak to|ignore|sit with|play with) "
        r"(?:her|him|them|me|\w+)"
    ),
    _re(
        r"(?:leave|leaves|leaving|left|keep leaving|keeps leaving) (?:her|him|them|me|us|\w+) out (?:of "
        r"(?:everything|every|all|the group|games|on purpose)|on purpose|deliberately|all the time)|"
        r"(?:blank|blanks|blanked|blanking|ignor\w+|ghost\w*|freez\w+ \w+ out|shun\w*|isolat\w+) "
        r"(?:her|him|them|me|\w+)(?: [\w']+){0,3} (?:on purpose|deliberately|all the time|every day|when (?:she|he|they|i) "
        r"(?:talk|speak|talks|speaks|try|tries)|completely|at lunch|at break)|"
        r"(?:blank|blanks|blanked|blanking) (?:her|him|them|me)"
    ),
    _re(
        r"(?:told|tell\w*|says|said) (?:her|him|them|me) (?:that )?(?:she|he|they|i)(?:'s| is| are| am|'re|'m) "
        r"not (?:welcome|invited|allowed|part of|one of)"
    ),
    _re(
        r"(?:deliberately|on purpose|purposely|intentionally) (?:left|leave|leaving|leaves|excluded|excluding|exclude|"
        r"kept|keep|keeping) (?:\w+ )?(?:out|me|her|him|them|us)(?: out)?|"
        r"(?:left|leave|leaves|leaving|kept|keep|keeping) (?:me|her|him|them|us|\w+) out of (?:the|their|our|every|all) "
        r"(?:\w+ )?(?:group|chat|gc|whatsapp|party|parties|plans|games|sleepover|photos?|meet ?ups?|invites?)"
    ),
    _re(
        r"(?:won't|will not|wont|don't|do not|doesn't|never|refuse to) (?:let|allow) (?:me|her|him|them|my \w+|\w+) "
        r"(?:to )?(?:join|play|sit|hang|come|be in|in)|(?:never|won't|don't|refuse to) (?:pick|picks|choose|chooses) "
        r"(?:me|her|him|them|\w+)(?: [\w']+){0,2} on purpose|tell (?:me|her|him|them) to go away when|"
        r"(?:not|no longer) allowed (?:to )?(?:sit|play|hang out|talk) with (?:them|us|the group)|"
        r"(?:nobody|no one|noone|no1|none of them) (?:lets|let|will let|would let|allows) (?:me|her|him|them|\w+) "
        r"(?:sit|play|join|hang|come|talk|walk|work)"
    ),
    _re(
        r"(?:made|make|making|set up|sets up|created?|creating|started?) (?:a |an |another |their own )?(?:new |secret |separate |class )?"
        r"(?:\w+ )?(?:group|chat|gc|group chat|whatsapp|server)(?: chat)?(?: [\w']+){0,4} (?:without|and left|but left|"
        r"and (?:didn't|did not|don't) (?:add|invite))"
    ),
]
_EXCLUSION.append(
    _re(
        r"(?:make|makes|made|making|leave|leaves|left|leaving) (?:her|him|them|me|\w+) (?:to )?(?:sit|eat|play|walk|"
        r"work) (?:alone|on (?:her|his|their|my) own|by (?:her|him|them|my)self)|"
        r"(?:nobody|no one|noone|no1|none of them)(?: [\w']+){0,4} (?:will|would|wants to) (?:talk|speak) to (?:her|him|"
        r"them|me)(?: any ?more)?"
    )
)
_EXCLUSION.append(
    _re(
        r"(?:told|tells|telling) (?:[\w']+ ){1,4}not to (?:talk to|speak to|hang (?:round|around|out) with|sit with|"
        r"play with|be friends with|invite|go near|walk with) (?:her|him|them|me|\w+)|"
        r"(?:all|everyone|everybody|they) (?:have |has |'ve )?(?:unfollowed|unfriended|blocked|removed) (?:her|him|them|me)|"
        r"every time (?:he|she|i|they|\w+) tr(?:y|ies|ied) to (?:join|play|sit|talk|hang)"
    )
)
# Friendly repeated contact: "my best friend keeps messaging me memes all day".
_BENIGN_CONTACT = _re(
    r"(?:memes|funny (?:videos|vids|stuff|things|pictures|pics)|jokes|reels|tiktoks|cat videos|good luck|"
    r"happy birthday|to check (?:i'm|im|i am|she's|he's) (?:ok|okay|alright|safe)|misses (?:me|her|him|them))"
)
_UNWANTED_CONTENT = _re(
    r"(?:horrible|nasty|abusive|mean|threatening|rude|vile|disgusting|creepy|sexual|unwanted|scary|hateful|cruel|"
    r"blocked|stop|upset\w*|scared|afraid|uncomfortable|weird)"
)
_NOT_EXCLUSION = _re(
    r"(?:because|cos|as) (?:he|she|they|i) (?:was|were|is|are|missed|had|didn't)|off sick|"
    r"missed the (?:trials|deadline)"
)


# A lesson or talk about a risk, not the risk happening: "in PSHE we learned what to do if someone asks for nudes".
_LESSON = _re(
    r"(?:pshe|rse|rshe|assembly|lesson|workshop|(?:we|they|i) (?:learn\w*|were taught|had a talk|talked|discussed)|"
    r"(?:taught|teach\w*|talk\w*|told) us)(?: [\w']+){0,5} (?:about|what to do|how to|why)"
)
# "the assembly on suicide prevention", "a workshop on consent" (r4).
_LESSON_ON = _re(r"(?:assembly|lesson|workshop|talk|session|presentation) on")
# Idioms of winning, doing well or trying hard: "smash the quiz", "kill it in the match", "murder his spellings test".
_IDIOM = _re(
    r"(?:smash|smashing|smashed|kill|killing|killed|destroy|destroying|murder|murdering|batter|thrash|thrashing|"
    r"wreck|annihilate|slaughter|nail|ace|boss|demolish)(?: (?:it|them|the|that|this|our|their|his|her|my|every|"
    r"those|these|all))?(?: \w+)? (?:quiz|quizzes|test|tests|exam|exams|match|matches|game|games|final|finals|"
    r"tournament|competition|race|league|round|audition|presentation|interview|performance|show|gig|dance|spellings|"
    r"homework|mocks?|gcses?|sats|assessment|task|level|boss|course|set|challenge|relay|recital|concert|trials?|"
    r"team|opposition|other team)|(?:kill|killing|smash|smashing|smashed|nail|nailed|boss|bossed) it(?: [\w']+){0,3}"
    r" (?:in|at|on) (?:the|our|their|my|his|her|sports|\w+ day)|"
    r"(?:smash|beat|destroy|thrash|batter|murder|wreck|kill|own|annihilate) (?:me|him|her|us|them|you) (?:at|in) "
    r"(?:ping pong|table tennis|football|fifa|fortnite|chess|tennis|cards|pool|darts|netball|basketball|rugby|"
    r"cricket|badminton|mario ?kart|monopoly|uno|the (?:race|quiz|match|game|final)|\w+ ?games?)|"
    r"(?:kill|murder|strangle) (?:my|me|him|her|them|you) (?:[\w']+ ){0,2}if (?:she|he|they|you|i|u) (?:eats?|ate|takes?|"
    r"took|touch\w*|uses?|used|reads?|borrows?|finds? out|miss(?:es)?|break?s?|broke|forgets?|(?:is|are|am|'m) late)|"
    r"(?:i'm|im|i am) (?:literally |actually )?(?:dead|deceased|weak)(?= *(?:,|\.|!|$|lol|lmao|haha|😂|💀|he's|she's|that))"
)
_GENERIC_OBJECTS = frozenset(
    "someone somebody anyone anybody people others everyone everybody person kids children pupils".split()
)
# "she would never kill herself", "he's not suicidal".
_NEGATED_BEFORE = re.compile(r"(?:\bnever|\bnot|n't|\bno longer|\bno way)(?: [\w']+){0,1} ?$")
_DENOUNCED_AFTER = re.compile(
    r"\W{0,3}(?:is|was|are|isn't|wasn't|aren't|'s)(?: never| not| so| really| just)? (?:ok|okay|acceptable|funny|"
    r"a joke|banter|wrong|bullying|abuse|cruel|harmful|allowed|fine|unacceptable|a crime|illegal)\b"
)
_NEGATION_INSIDE = re.compile(r"\b(?:never|not|no longer)\b|n't\b")
_REFLEXIVE = re.compile(r"\b(?:yourself|yourselves|" + _SELF[3:-1] + r")\b")
_GENERIC_TELL = re.compile(r"\b(?:someone|anyone|somebody|anybody|people|others)\b")


@dataclass
class ReportSignals:
    add: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    strands: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    disclosure: bool = False
    # A third-person account ("he keeps ...", "my daughter was ..."): model-only sexual and strand flags need
    # words that show them (classifier.py), since words like "girls" or "dirty" in a report are not evidence.
    account: bool = False
    # Words of an idiom of winning or trying hard ("smash the quiz"): threat, urgent and a hate score with no
    # group named are not kept (classifier.py).
    idiom: list[tuple[int, int]] = field(default_factory=list)
    # A first-person or third-person narrative with no one addressed ("I was left out of the team photo ..."):
    # an n-gram insult score with no insulting word is not kept (classifier.py).
    narrative: bool = False
    # A lesson, talk or assembly about a harm ("the assembly on suicide prevention"): the encoder adds no label
    # of polarity (classifier.py).
    lesson: bool = False

    def put(self, label: str, spans: list[tuple[int, int]]) -> None:
        if spans:
            self.add.setdefault(label, []).extend(spans)

    def strand(self, strand: str, spans: list[tuple[int, int]]) -> None:
        if spans:
            self.strands.setdefault(strand, []).extend(spans)
            self.put("hate", spans)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def _outside(spans: list[tuple[int, int]], guards: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if not any(s[0] < e and b < s[1] for b, e in guards)]


def _word_strands() -> dict[str, tuple[str, bool]]:
    """Single words that, said of a person, name a protected characteristic: word -> (strand, is_slur)."""
    out: dict[str, tuple[str, bool]] = {}
    for strand, words in lex.IDENTITY.items():
        for w in words:
            if " " not in w:
                out.setdefault(w, (strand, False))
    for strand, words in lex.SLURS.items():
        for w in words:
            if " " not in w and w not in lex.WEAK_SLURS:
                out[w] = (strand, True)
    return out


_WORD_STRAND = _word_strands()
# Identity words that are insults when someone is *called* them ("calling him gay"); a description of
# what someone is ("because he is autistic") needs a harm verb instead.
# Words that are not group names but, when someone is called them, are prejudice against a group.
_CALL_EXTRA: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("terrorist", "terrorists", "bomber", "suicide-bomber", "isis", "taliban"), ("faith", True)),
    **dict.fromkeys(("mong", "mongo", "mongs", "spacker", "spakka", "spacca", "joey", "flid"), ("disability", True)),
    **dict.fromkeys(("bent", "bender", "benders", "fudgepacker", "lezzer", "lezza", "dyke"), ("homophobic", True)),
    **dict.fromkeys(("polack", "polak", "pollack", "wog", "wogs", "sambo", "coon", "coons"), ("racist", True)),
    **dict.fromkeys(
        ("gypo", "gyppo", "gippo", "gyppos", "pikey", "pikeys", "gypsy", "gipsy", "tinker"), ("racist", True)
    ),
}
_INSULTING_IDENTITY = frozenset(
    "gay gays homo homos lesbian lesbo lezza lezzer queer bent bender poof poofter dyke tranny trannie shemale "
    "retard retarded retards spastic spaz spazz mong mongol cripple crip psycho autistic autist sped "
    "terrorist terrorists paki pakis negro negros chink chinks".split()
)


_MULTIWORD_SLURS = {
    **{w: strand for strand, ws in lex.SLURS.items() for w in ws if w.count(" ") == 1 and w not in lex.WEAK_SLURS},
    "batty man": "homophobic",
    "batty men": "homophobic",
}
_TROLLING = _re(
    r"(?:(?:just |only )?(?:to|for) (?:wind|rile|wound) (?:[\w']+ ){0,2}up|(?:just |only )?(?:to|for) (?:get|getting) a "
    r"(?:reaction|rise)|(?:trolling|trolls|trolled) (?:her|him|them|me|us|the|everyone|our|my|his)|for the lolz?|"
    r"(?:fake|false|made up) (?:news|results|announcements?)(?: [\w']+){0,4} (?:to|just to) (?:wind|scare|confuse|trick|"
    r"get)|(?:to|for) (?:get|getting|wind|winding) (?:everyone|people|them|us|the \w+)(?: \w+)? (?:worked up|wound up|"
    r"riled up|angry|going|kicking off))"
)
# Group words that usually name the people in a report, not a protected group ("the girls in her form").
_PERSON_GROUP_WORDS = frozenset("girl boy lad kid kids".split())
_WRITTEN_VERBS = frozenset(
    "wrote written writes writing writin scratched sprayed graffitied drew posted commented typed messaged".split()
)
_REPORTED_CONTENT = frozenset(("that", '"', "'", ":", "saying", "calling", "\u201c", "\u2018"))
# A reported statement about a whole group: "saying muslims are dirty", "say gays should burn",
# "told her girls are only good for cooking", "said that's what muslims deserve".
_GROUP_STATEMENT = _re(
    r"(?:said|says|saying|say|sayin|told (?:\w+ )?|tells (?:\w+ )?|telling (?:\w+ )?|wrote|posted|posting|shouted|"
    r"shouting|chanted|chanting|yelled|commented|going on about how|keeps? on about how)(?: that)?(?: all)?(?: the)? "
    r"(?P<group>[a-z]+)(?: (?:people|kids|children|pupils|students|folk|lot|families))? (?:are|r|should|deserve|can't|"
    r"cant|cannot|belong|stink|smell|need to|don't|dont|shouldn't|aren't|ruin|bring|take|steal|spread|were|all)"
    r"(?P<rest>(?: [\w']+){0,6})|"
    r"(?:that's|thats|that is) what (?:all )?(?P<group2>[a-z]+) (?:deserve|get|are for)|"
    r"no (?P<group3>[a-z]+) (?:allowed|welcome|wanted|here)"
)
_GROUP_PREDICATE = frozenset(
    "only dirty smelly stink smell disgusting gross terrorists terrorist thieves criminals rapists animals vermin "
    "useless weak stupid thick trash rubbish burn die kitchen sandwich sinners sick diseased evil illegal scum "
    "lazy dangerous paedos nonces groomers freaks unnatural go home back deserve cooking cleaning shut quiet ill "
    "mental mentally banned allowed inferior subhuman ugly".split()
)
_MOCK_ANY = _re(r"(?:" + _MOCK + r")")
_NARRATIVE = re.compile(
    r"\W*(?:i|i'm|im|i've|i was|my|we|we're|we'd|our|me and|(?:she|he|they)(?: \w+)? (?:said|says|told))(?![a-z0-9'])"
)
_SECOND_PERSON = re.compile(r"(?<![a-z0-9'])(?:you|u|ur|your|you're|youre|ya|yourself|urself)(?![a-z0-9'])")
_WRITTEN_ON = _re(
    r"(?:scratched|written|wrote|sprayed|spray ?painted|carved|painted|drawn|graffitied|etched|keyed|scrawled) "
    r"(?:on|onto|into|in|across|all over)"
)
_ACCOUNT = _re(
    r"(?:(?:keeps?|kept) (?:on )?(?:calling|saying|sending|asking|messaging|posting|telling|making|commenting)|"
    r"(?:called|calls|calling|call) (?:him|her|me|them|my|our)|(?:told|tells|telling|asked|asks|asking) "
    r"(?:me|him|her|them|my|our)|my (?:son|daughter|child|kid|friend|best friend|mate|brother|sister|student|"
    r"pupil|learner|colleague|ex)|(?:in|on) (?:the|our|a|their) (?:class |year |form |school )?(?:group ?chat|gc)|"
    r"at school|in class|at break|at lunch|on the bus|i (?:keep getting|got|was|have been|am being|'m being) "
    r"(?:called|sent|told|asked))"
)
# Words that are themselves evidence of sexual content, so an account with them keeps the model's `sexual`.
_SEXUAL_WORDS = _re(
    r"(?:sex|sexy|sexual\w*|shag\w*|fuck(?:s|ed|ing)?|horny|porn\w*|naked|nudes?|dick|cock|pussy|boobs|tits|"
    r"wank\w*|blowjob|bj|virgin|raped?|cum|slut\w*|whore\w*)"
)
_HARM_STRONG = _re(
    r"(?:call(?:s|ed|ing)?|mock\w*|laugh\w*|bull(?:y|ies|ied|ying)|pick(?:s|ed|ing)? on|pick on|teas\w+|"
    r"abus\w+|harass\w*|hit|hits|punch\w*|beat\w*|attack\w*|excluded|exclude\w*|left out|ignor\w+|jok\w+|"
    r"fun of|names|insult\w*|spat|spit|push\w*|kick\w*|target\w*|grief|stick|hassle\w*)"
)
# Words for who someone is that are not group names in the lexicon, for "because he is ...".
_BECAUSE_EXTRA: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("black", "white", "brown", "mixed", "foreign"), ("racist", False)),
    **dict.fromkeys(("deaf", "blind", "dyspraxic", "disabled", "autistic", "partially"), ("disability", False)),
    **dict.fromkeys(("bi", "queer"), ("homophobic", False)),
}


def analyse(norm: Normalized, toks: list[Token]) -> ReportSignals:
    text = norm.text
    out = ReportSignals()
    words = [t.text for t in toks]

    generic = bool(_GENERIC.search(text))
    homonyms = _spans(lex.HOMONYM_RE, text) + _spans(lex.RECLAIMED_RE, text)
    # Prejudice 1: name-calling with an identity word or a slur ("calling him gay", "called her a paki").
    for m in _CALL.finditer(text) if not generic else ():
        before = text[max(0, m.start() - 5) : m.start()]
        if before.endswith(("is ", "are ", "'s ", "be ")) and not before.endswith(("he is ", "she is ")):
            continue  # "it is called a faggot in old English": naming a thing
        written = m.group(0).split()[-1] in _WRITTEN_VERBS
        after = [k for k, t in enumerate(toks) if m.end() <= t.start < m.end() + 70][:9]
        if written and (not after or words[after[0]] not in _REPORTED_CONTENT):
            continue  # "posted a stupid meme": only what was written *about* someone is name-calling

        for k in after:
            w = words[k]
            if w in (".", "!", "?", ";", "but"):
                break
            found = _WORD_STRAND.get(w) or _CALL_EXTRA.get(w)
            if k + 1 < len(words) and f"{w} {words[k + 1]}" in _MULTIWORD_SLURS:
                found = (_MULTIWORD_SLURS[f"{w} {words[k + 1]}"], True)
            if w in _GENERIC_OBJECTS:
                break
            if found and _outside([(toks[k].start, toks[k].end)], homonyms) == []:
                continue
            if found and found[0] == "sexist":
                # "called her a slag": an insult; sexism needs more than a gendered insult (see _NAMED_PREJUDICE).
                out.put("insult", [(toks[k].start, toks[k].end)])
            elif found and written and not found[1]:
                continue  # "she posted a photo with her gay best friend": a description, not name-calling
            elif found and (found[1] or w in _INSULTING_IDENTITY):
                out.strand(found[0], [(toks[k].start, toks[k].end)])
                out.put("insult", [(toks[k].start, toks[k].end)])
            elif w in lex.INSULTS or w in lex.PROFANITY or w in _INSULTING_IDENTITY:
                out.put("insult", [(toks[k].start, toks[k].end)])
    # Prejudice 1a: a slur written somewhere ("'faggot' scratched into his car", "paki sprayed on their door").
    for m in _WRITTEN_ON.finditer(text) if not generic else ():
        preceding = [j for j, t in enumerate(toks) if m.start() - 40 <= t.start and t.end <= m.start()][-4:]
        for j in preceding:
            hit = _WORD_STRAND.get(words[j])
            if hit and hit[1] and _outside([(toks[j].start, toks[j].end)], homonyms):
                out.strand(hit[0], [(toks[j].start, toks[j].end)])
                out.put("insult", [(toks[j].start, toks[j].end)])
    # Prejudice 1b: masked or euphemised slurs ("called him the n-word", "wrote f*g on his bag").
    for strand, pattern in _MASKED_SLUR.items() if not generic else ():
        found_spans = _spans(pattern, text)
        out.strand(strand, found_spans)
        out.put("insult", found_spans)
    # Prejudice 2: mocking a characteristic ("making fun of her skin colour", "mocking his wheelchair").
    for strand, pattern in _MOCK_RE.items() if not generic else ():
        out.strand(strand, _spans(pattern, text))
    for strand, pattern in _MOCK_AFTER_RE.items() if not generic else ():
        out.strand(strand, _spans(pattern, text))
    # Prejudice 2b: harm because of a characteristic ("picked on because of her hijab").
    if not generic and _HARM_STRONG.search(text):
        for strand, pattern in _BECAUSE_OF.items():
            out.strand(strand, _spans(pattern, text))
    # Prejudice 2c: harm given what someone has or uses ("copying him because he has a stammer").
    if not generic and (_HARM_CONTEXT.search(text) or _MOCK_ANY.search(text)):
        for strand, pattern in _BECAUSE_HAS.items():
            out.strand(strand, _spans(pattern, text))
    # Prejudice 2d: a same-sex family derided ("say her two mums are disgusting").
    # (Not gated on `generic`: "her family is disgusting" reads like a general judgement but is the abuse.)
    if (_DERIDED.search(text) or _HARM_STRONG.search(text)) and not _LESSON.search(text):
        out.strand("homophobic", _spans(_SAME_SEX_FAMILY, text))
    # Prejudice 2e: a reported statement about a whole group ("saying muslims are dirty").
    for m in _GROUP_STATEMENT.finditer(text) if not generic else ():
        group = m.group("group") or m.group("group2") or m.group("group3")
        hit = _WORD_STRAND.get(group) if group else None
        if re.search(
            r"(?:\bwho|\bif (?:you|u|someone|anyone)|\banyone|\bpeople|\bthose|\bwhoever) $", text[: m.start()]
        ):
            continue  # "people who say trans people are freaks need to grow up": about those who say it
        if hit is None or group in _PERSON_GROUP_WORDS or " the " + group in m.group(0):
            continue  # "saying the girls are stuck up": the people in the report, not a group
        rest = set((m.group("rest") or "").split()) | {m.group(0).split()[-1]}
        if m.group("group2") or m.group("group3") or rest & (_GROUP_PREDICATE | lex.INSULTS | lex.DEHUMANISING):
            out.strand(hit[0], [(m.start(), m.end())])
    # Prejudice 3: prejudice named ("racially abused", "homophobic comments", "deadnaming").
    negated = _spans(_NAMED_PREJUDICE_NEGATED, text)
    for strand, pattern in _NAMED_PREJUDICE.items() if not generic else ():
        out.strand(strand, _outside(_spans(pattern, text), negated))
    if not generic:
        out.strand("racist", _spans(_RACIST_PHRASES, text))
    # Prejudice 4: harm because of who someone is ("laugh at him because he is autistic").
    if not generic and _HARM_CONTEXT.search(text):
        for m in _BECAUSE.finditer(text):
            # The word right after "because he is (a)": "because he is autistic", "for being gay".
            nxt = next((k for k, t in enumerate(toks) if t.start >= m.end()), None)
            if nxt is not None and toks[nxt].start - m.end() <= 1:
                found = _WORD_STRAND.get(words[nxt]) or _BECAUSE_EXTRA.get(words[nxt])
                if found:
                    out.strand(found[0], [(m.start(), toks[nxt].end)])

    # Risk to self, and telling someone to harm themselves.
    not_risk = _spans(_NOT_RISK, text)
    risk = [
        r
        for r in _outside(_spans(_RISK_SELF, text), not_risk)
        if not _NEGATED_BEFORE.search(text, 0, r[0]) and not _DENOUNCED_AFTER.match(text, r[1])
    ]
    tell = [
        t
        for t in _outside(_spans(_TELL_SELF, text), not_risk)
        if not _DENOUNCED_AFTER.match(text, t[1])
        and not _GENERIC_TELL.search(text[t[0] : t[1]])
        and not _NEGATION_INSIDE.search(text[t[0] : t[1]])
    ]
    if risk:
        out.put("self_harm", risk)
        out.put("urgent", risk)
        out.disclosure = not tell
    if tell:
        out.put("self_harm", tell)
        out.put("urgent", tell)
    if not_risk and not risk and not tell:
        # "I'm gonna die if I don't get tickets", "dying to go to the disco": an idiom, not a risk to anyone.
        out.drop |= {"self_harm", "urgent"}

    threat = [
        t
        for t in _outside(
            _spans(_THREAT, text) + _spans(_THREAT_EXTRA, text),
            _spans(_NOT_THREAT, text) + not_risk + _spans(_IDIOM, text),
        )
        if not _DENOUNCED_AFTER.match(text, t[1])
        and not _GENERIC_TELL.search(text[t[0] : t[1]])
        and not _NEGATION_INSIDE.search(text[t[0] : t[1]])
        and not _REFLEXIVE.search(text[t[0] : t[1]])
    ]
    if threat and not risk:
        out.put("threat", threat)
        out.put("urgent", threat)

    lesson = bool(_LESSON.search(text) or _LESSON_ON.search(text))
    out.lesson = lesson
    for label, patterns in (
        ("harassment", _HARASSMENT),
        ("sexual", [] if lesson else _SEXUAL),
        ("manipulation", _MANIPULATION),
        ("vilification", _VILIFICATION),
        ("impersonation", _IMPERSONATION),
        ("personal_information", _PERSONAL),
        ("exclusion", _EXCLUSION),
    ):
        matched = [sp for pat in patterns for sp in _spans(pat, text)]
        if label == "harassment" and _BENIGN_CONTACT.search(text) and not _UNWANTED_CONTENT.search(text):
            matched = []
        if label == "exclusion" and _NOT_EXCLUSION.search(text):
            matched = []
        out.put(label, matched)
    if _ONLINE.search(text):
        out.put("impersonation", _spans(_PRETEND, text))
    out.put("trolling", _spans(_TROLLING, text))
    shared = [
        sp
        for sp in _spans(_NUDES_SHARED, text)
        if not re.search(r"(?:\bto|\bfor|\bnot|\bnever|n't|\babout) $", text[: sp[0]])
    ]
    recorded = [] if lesson else _spans(_SEXUAL[0], text)
    if recorded and _SHARED_AFTER.search(text, recorded[0][1]):
        out.put("personal_information", recorded)
    if lesson:
        out.drop.add("sexual")
    if shared and not lesson:
        out.put("sexual", shared)
        out.put("personal_information", shared)

    out.idiom = _spans(_IDIOM, text)
    # Only with a harmless reading in sight: an idiom, an innocent reason for being left out, a parent's "will kill me
    # if" (on natural data a narrative alone is no evidence either way: "my neighbour is a ..." can insult).
    out.narrative = (
        bool(_NARRATIVE.match(text))
        and not _SECOND_PERSON.search(text)
        and bool(
            out.idiom
            or not_risk
            or _NOT_EXCLUSION.search(text)
            or _NOT_THREAT.search(text)
            or lex.VIOLENT_IDIOM_RE.search(text)
        )
    )
    out.account = (bool(_ACCOUNT.search(text)) or bool(set(out.add) - {"insult"})) and not _SEXUAL_WORDS.search(text)
    if out.disclosure and "insult" not in out.add:
        # "she says she wants to die" is a disclosure of risk, not an insult or a threat to anyone.
        out.drop |= {"insult", "threat", "hate", "trolling", "vilification", "exclusion"}
    return out
