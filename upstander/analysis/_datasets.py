"""Loading the shared training data (../shared/data) and mapping each set onto Upstander's labels.

A label missing from an example's `labels` is unknown for that example and it is left out of that
label's training; `strands=None` means the targeted strand is unknown. See MODEL_CARD.md for the
mapping in words.
"""

from __future__ import annotations

import ast
import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

from upstander.analysis._templates import Example

__all__ = ["DATASETS", "default_data_dir", "load_all"]

BEHAVIOURS_RARE = (
    "harassment",
    "vilification",
    "exclusion",
    "impersonation",
    "personal_information",
    "manipulation",
    "trolling",
    "self_harm",
    "urgent",
)


def default_data_dir() -> Path:
    env = os.environ.get("UPSTANDER_TRAINING_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared" / "data"
        if cand.is_dir():
            return cand
    return Path("../shared/data")


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def _rare_zero(labels: dict[str, int]) -> dict[str, int]:
    out = dict.fromkeys(BEHAVIOURS_RARE, 0)
    out.update(labels)
    return out


_STRAND_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("transphobic", ("trans", "non-binary", "nonbinary")),
    ("homophobic", ("gay", "lesbian", "bisexual", "lgb", "homosexual", "queer")),
    (
        "disability",
        (
            "disab",
            "mental",
            "autis",
            "down syndrome",
            "blind",
            "deaf",
            "wheelchair",
            "special needs",
            "handicap",
            "retard",
        ),
    ),
    (
        "faith",
        (
            "jew",
            "muslim",
            "islam",
            "christian",
            "holocaust",
            "hindu",
            "sikh",
            "buddh",
            "catholic",
            "relig",
            "mormon",
            "atheist",
        ),
    ),
    (
        "racist",
        (
            "black",
            "african",
            "asian",
            "latino",
            "latina",
            "mexican",
            "native",
            "arab",
            "immigrant",
            "ethiop",
            "indian",
            "chinese",
            "people of color",
            "minorit",
            "white",
            "syria",
            "refugee",
            "hispanic",
            "caucasian",
            "japanese",
            "korean",
            "pakistan",
            "somali",
            "middle east",
            "migrant",
            "romani",
            "gypsy",
            "travel",
            "irish",
            "polish",
            "jamaica",
        ),
    ),
    ("sexist", ("women", "woman", "feminis", "girl", "female", "wives", "lady", "ladies")),
)


def _strand_from_words(text: str) -> set[str]:
    """Strands named by a list of target groups ("lesbian women, gay men" -> homophobic only)."""
    found: set[str] = set()
    for item in text.lower().split(","):
        for strand, keys in _STRAND_KEYS:
            if any(k in item for k in keys):
                found.add(strand)
                break
    return found


def load_davidson(root: Path) -> Iterator[Example]:
    for r in _rows(root / "davidson" / "labeled_data.csv"):
        cls = r["class"]
        if cls == "0":
            yield Example(r["tweet"], {"hate": 1, "insult": 1}, None, "davidson", 0.5)
        elif cls == "1":
            yield Example(r["tweet"], {"hate": 0, "insult": 1}, None, "davidson", 0.5)
        else:
            yield Example(r["tweet"], _rare_zero({"hate": 0, "insult": 0, "threat": 0, "sexual": 0}), (), "davidson")


def load_edos(root: Path) -> Iterator[Example]:
    for r in _rows(root / "edos" / "edos_labelled_aggregated.csv"):
        if r["label_sexist"] == "sexist":
            threat = int(r["label_category"].startswith("1."))
            labels = {"hate": 1, "threat": threat} if threat else {"hate": 1}
            yield Example(r["text"], labels, ("sexist",), "edos")
        else:
            yield Example(r["text"], _rare_zero({"hate": 0}), (), "edos", 0.5)


def load_hatemoji(root: Path) -> Iterator[Example]:
    codes = {
        "bla": "racist",
        "asi": "racist",
        "arab": "racist",
        "immig": "racist",
        "trav": "racist",
        "ref": "racist",
        "hisp": "racist",
        "ethmin": "racist",
        "mix": "racist",
        "african": "racist",
        "nat": "racist",
        "indig": "racist",
        "for": "racist",
        "ind": "racist",
        "asy": "racist",
        "abo": "racist",
        "mex": "racist",
        "europe": "racist",
        "mus": "faith",
        "jew": "faith",
        "sikh": "faith",
        "hind": "faith",
        "wom": "sexist",
        "gay": "homophobic",
        "lgbtqa": "homophobic",
        "bis": "homophobic",
        "trans": "transphobic",
        "dis": "disability",
    }
    for split in ("train", "validation", "test"):
        for r in _rows(root / "hatemojibuild" / f"{split}.csv"):
            if r["label_gold"] == "1":
                found: set[str] = set()
                for target in ast.literal_eval(r["target"]):
                    t = str(target)
                    for code, strand in codes.items():
                        if t.startswith(code):
                            found.add(strand)
                    if t.endswith("wom") and t != "wom":
                        found.add("sexist")
                threat = int(r["type"] == "threateninglanguage")
                yield Example(r["text"], {"hate": 1, "threat": threat}, tuple(sorted(found)) or None, "hatemoji")
            else:
                yield Example(r["text"], _rare_zero({"hate": 0, "threat": 0}), (), "hatemoji")


def load_hatexplain(root: Path) -> Iterator[Example]:
    table = {
        "African": "racist",
        "Arab": "racist",
        "Asian": "racist",
        "Hispanic": "racist",
        "Caucasian": "racist",
        "Indian": "racist",
        "Refugee": "racist",
        "Islam": "faith",
        "Jewish": "faith",
        "Christian": "faith",
        "Hindu": "faith",
        "Buddhism": "faith",
        "Women": "sexist",
        "Men": "sexist",
        "Homosexual": "homophobic",
        "Disability": "disability",
    }
    for r in _rows(root / "hatexplain" / "hatexplain_val_test_clean.csv"):
        label = r["majority_label"]
        strands = tuple(sorted({table[t] for t in r["targets_2plus"].split("|") if t in table}))
        if label == "hatespeech":
            yield Example(r["text"], {"hate": 1, "insult": 1}, strands or None, "hatexplain")
        elif label == "offensive":
            yield Example(r["text"], {"hate": 0, "insult": 1}, None, "hatexplain")
        else:
            yield Example(r["text"], _rare_zero({"hate": 0, "insult": 0, "threat": 0}), (), "hatexplain")


def load_sbic(root: Path) -> Iterator[Example]:
    protected = {"race", "gender", "culture", "disabled"}
    for name in ("SBIC.v2.agg.dev.csv", "SBIC.v2.agg.tst.csv"):
        for r in _rows(root / "sbic" / name):
            text = r["post"].strip()
            if not text:
                continue
            offensive = float(r["offensiveYN"] or 0)
            sexual = int(float(r["sexYN"] or 0) >= 0.5)
            group = float(r["whoTarget"] or 0) >= 0.5
            cats = set(json.loads(r["targetCategory"]))
            minorities = ", ".join(json.loads(r["targetMinority"]))
            if offensive < 0.5:
                yield Example(text, _rare_zero({"hate": 0, "insult": 0, "sexual": sexual}), (), "sbic")
            elif group and cats & protected:
                strands = _strand_from_words(minorities)
                yield Example(text, {"hate": 1, "sexual": sexual}, tuple(sorted(strands)) or None, "sbic")
            elif group:
                yield Example(text, {"hate": 0, "sexual": sexual}, (), "sbic")
            else:
                yield Example(text, {"insult": 1, "sexual": sexual}, None, "sbic")


def load_stormfront(root: Path) -> Iterator[Example]:
    for r in _rows(root / "stormfront" / "stormfront_sentences.csv"):
        if r["label"] == "hate":
            yield Example(r["text"], {"hate": 1}, None, "stormfront")
        elif r["label"] == "noHate":
            # Forum sentences judged not hateful are mostly not abusive either: they teach the
            # insult head what ordinary text looks like (its other data is mostly abusive).
            yield Example(r["text"], _rare_zero({"hate": 0, "insult": 0}), (), "stormfront", 0.5)


def load_toxic_spans(root: Path) -> Iterator[Example]:
    for name in ("tsd_train.csv", "tsd_trial.csv", "tsd_test.csv"):
        for r in _rows(root / "toxic_spans" / name):
            if r["spans"].strip() not in ("", "[]"):
                yield Example(r["text"], {"insult": 1}, None, "toxic_spans", 0.5)
    votes: dict[str, list[bool]] = {}
    for r in _rows(root / "toxic_spans" / "raw_annotations.csv"):
        votes.setdefault(r["comment_id"], []).append(r["not toxic"] == "True")
    for r in _rows(root / "toxic_spans" / "raw_comments.csv"):
        v = votes.get(r["comment_id"], [])
        if v and all(v) and len(r["comment_text"]) < 600:
            yield Example(r["comment_text"], _rare_zero({"hate": 0, "insult": 0, "threat": 0}), (), "toxic_spans", 0.5)


def load_toxigen(root: Path) -> Iterator[Example]:
    table = {
        "asian": "racist",
        "black": "racist",
        "chinese": "racist",
        "latino": "racist",
        "mexican": "racist",
        "middle_east": "racist",
        "native_american": "racist",
        "immigrant": "racist",
        "jewish": "faith",
        "muslim": "faith",
        "lgbtq": "homophobic",
        "bisexual": "homophobic",
        "trans": "transphobic",
        "women": "sexist",
        "physical_disability": "disability",
        "mental_disability": "disability",
    }
    for r in _rows(root / "toxigen_prompts" / "toxigen_prompt_sentences_unique.csv"):
        strand = table.get(r["target_group"])
        if r["label"] == "hate":
            yield Example(r["text"], {"hate": 1}, (strand,) if strand else None, "toxigen")
        else:
            yield Example(r["text"], _rare_zero({"hate": 0, "insult": 0, "threat": 0}), (), "toxigen")


def load_wiegand(root: Path) -> Iterator[Example]:
    table = {"Muslims": "faith", "Jews": "faith", "Women": "sexist", "Gays": "homophobic"}
    for r in _rows(root / "wiegand2022_identity_groups" / "sentences.english.csv", delimiter="\t"):
        text = r["#SENTENCE_FROM_TWEET"]
        strand = table.get(r["TARGET"])
        if r["LABEL"] == "ABUSE":
            yield Example(text, {"hate": 1}, (strand,) if strand else None, "wiegand2022")
        else:
            yield Example(text, _rare_zero({"hate": 0, "threat": 0, "insult": 0}), (), "wiegand2022")


DATASETS = {
    "davidson": load_davidson,
    "edos": load_edos,
    "hatemojibuild": load_hatemoji,
    "hatexplain": load_hatexplain,
    "sbic": load_sbic,
    "stormfront": load_stormfront,
    "toxic_spans": load_toxic_spans,
    "toxigen_prompts": load_toxigen,
    "wiegand2022_identity_groups": load_wiegand,
}


def load_all(root: Path | None = None, names: list[str] | None = None) -> list[Example]:
    root = root or default_data_dir()
    out: list[Example] = []
    for name in names or list(DATASETS):
        out.extend(DATASETS[name](root))
    return out
