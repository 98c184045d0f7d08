"""Receipt references and passphrases.

A reference is short and easy to read out (no 0/O or 1/I/L confusion). A passphrase is words a
child can type: six words from 256 (48 bits) plus the throttling on the status page make guessing
hopeless. Only a slow hash of it is stored (see `PASSPHRASE_HASHER`).
"""

from __future__ import annotations

import functools
import secrets

from django.contrib.auth.hashers import Argon2PasswordHasher

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8

WORDS = """
acorn actor agent album alley amber angle apple apron arrow atlas badge baker bamboo banana banjo barn basin
beach beard berry bicycle biscuit blanket blossom border bottle bounce branch bread breeze brick bridge bucket
bugle butter button cabin cactus camel candle canoe canyon carpet carrot castle cattle cedar cereal chalk
cherry chess chimney circle circus cliff clock cloud clover cobweb comet copper coral cotton cousin crayon
cricket crystal cushion daisy dancer desert diamond dinner dolphin donkey dragon drum eagle echo elbow engine
falcon feather fence ferry fiddle finger fossil fountain fox garden garlic ginger giraffe glacier glove goose
grape gravel guitar hammer harbour harvest hazel helmet honey hopper horizon island ivory jacket jelly jigsaw
jungle kettle kitten koala ladder lantern lemon letter lizard lobster locket magnet mango maple marble meadow
melon mirror mitten monkey moose muffin mushroom needle nest noodle number nutmeg oak ocean olive onion orange
orbit otter owl paddle panda parrot pebble pencil pepper piano pickle pillow pirate planet plum pocket pony
potato puddle puffin pumpkin puppet quilt rabbit radio rainbow raven ribbon river robin rocket saddle salmon
sandal scarf shadow shell signal silver skate sled snail spider spoon squirrel star stone sugar summer sunset
swan table teapot tiger timber toast tomato torch tractor trumpet tulip tunnel turtle umbrella valley velvet
violin wagon walnut walrus whistle willow window winter wizard wombat yacht yogurt zebra zipper acrobat anchor
beacon bramble breadcrumb bubble cupcake dandelion emerald firefly flamingo gecko hedgehog iceberg jellybean
kayak lighthouse marigold narwhal origami pancake pinecone quokka raindrop sapphire snowflake sparrow
sunflower teacup thunder toffee treetop unicorn volcano waffle waterfall
""".split()
PASSPHRASE_WORDS = 6


class PassphraseHasher(Argon2PasswordHasher):
    """Argon2id, tuned lighter than account passwords (which use Django's defaults).

    A passphrase is 48 random bits, not a human choice, so the hash need only make offline guessing
    hopeless, not make up for a weak secret: at about 1.5 ms and 2 MiB a guess, trying them all would
    take one core some 13,000 years. Online guessing is throttled (reports.views_public). Heavier
    settings would cap how many reports a small server takes in a burst (the load test asks for
    150 a second on two cores)."""

    algorithm = "argon2pp"
    time_cost = 1
    memory_cost = 2048  # KiB
    parallelism = 1


PASSPHRASE_HASHER = PassphraseHasher()


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def format_reference(reference: str) -> str:
    return f"{reference[:4]}-{reference[4:]}"


def normalise_reference(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_passphrase() -> str:
    return "-".join(secrets.choice(WORDS) for _ in range(PASSPHRASE_WORDS))


def normalise_passphrase(text: str) -> str:
    return "-".join(text.lower().replace("-", " ").split())


def hash_passphrase(passphrase: str) -> str:
    return PASSPHRASE_HASHER.encode(normalise_passphrase(passphrase), PASSPHRASE_HASHER.salt())


@functools.cache
def unknown_reference_hash() -> str:
    """A hash of a random passphrase nobody knows, made once per process: what a lookup of an
    unknown reference checks against, so it does the same work as a lookup of a real one."""
    return hash_passphrase(new_passphrase())


def check_passphrase(passphrase: str, encoded: str) -> bool:
    try:
        return PASSPHRASE_HASHER.verify(normalise_passphrase(passphrase), encoded)
    except ValueError:  # not one of our hashes (damaged row): never a match
        return False
