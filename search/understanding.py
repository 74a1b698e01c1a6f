"""What a typed query means, before the engine sees it: its meaningful words, its intent,
whether it is a question, and its words in the other language.

"combien de jours puis-je travailler de chez moi ?" holds two words that a page can contain
("jours", "travailler"); the others only make it a question. Keyword queries go through
unchanged: the strict tier (query.py) still searches every typed word first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma

from search import dictionary
from search.synonyms import fold


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that carry no subject in French or English queries: articles, pronouns, prepositions,
# auxiliaries and the question words themselves. Written folded (no accents, lower case).
FRENCH_STOP_WORDS = word_set(
    """
    a au aux avec ce ceci cela ces cet cette chez comme d dans de des du elle elles en est
    et etre eux il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne
    nos notre nous on ou par pas pour qu que qui quoi s sa se ses si son sur t ta te tes toi
    ton tu un une vos votre vous y ai as avons avez ont suis es sommes etes sont fait faire
    faut peut peux puis pouvez pouvons doit dois devons devez dont ou quel quelle quels
    quelles combien comment pourquoi quand lequel laquelle c ca cela ici
    avoir aussi tres bien plus moins tout tous toute toutes depuis vers entre sans sous
    chaque autre autres
    """
)
ENGLISH_STOP_WORDS = word_set(
    """
    a an and are as at be been being by can could did do does doing for from had has have
    he her here him his how i if in into is it its me my no not of on or our ours she
    should so some than that the their them then there these they this those to too us
    was we were what when where which who whom whose why will with would you your yours
    am any get got i'm let may might must shall about also just please there's want need
    """
)
STOP_WORDS = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS

# Who can help, who handles, who knows: the answer is a person or a team.
PEOPLE_OPENINGS = ("qui", "who", "a qui", "aupres de qui", "whom", "expert", "experts")
PEOPLE_WORDS = word_set(
    """
    expert experts expertise referent referente contact contacter interlocuteur specialiste
    """
)
# Words that, in a question about people, say what the asker wants from them, not the topic.
PEOPLE_FILLERS = word_set(
    """
    aider aide help helps parler talk speak contacter contact demander ask connait connaitre
    knows know occupe handles handle gere manages responsable charge
    """
)
# How do I…, how many…, where…: the answer is a guide or an information page.
HOWTO_OPENINGS = (
    "comment",
    "how",
    "combien",
    "ou",
    "where",
    "procedure",
    "guide",
    "tutoriel",
    "tutorial",
)
QUESTION_OPENINGS = (
    "combien",
    "comment",
    "pourquoi",
    "quand",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "qui",
    "ou",
    "est-ce",
    "a qui",
    "what",
    "how",
    "why",
    "when",
    "where",
    "who",
    "which",
    "can",
    "do",
    "does",
    "is",
    "are",
    "i",
)
WORD = re.compile(r"\w+(?:['’-]\w+)*")
ELISION = re.compile(r"^(?:[lmtnsjdc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
# Words of a query whose language is unclear are looked up both ways.
LANGUAGE_SHARE = 0.6
# Prefixes French builds compounds with, written folded; words shorter than this are not
# extended (too many would turn into other words).
FRENCH_PREFIXES = ("tele", "cyber", "visio", "auto", "eco", "micro", "multi", "inter", "video")
COMPOUND_MIN_LENGTH = 6
COMPOUNDED_WORDS = 2
# Each word reached becomes a clause per field: the engine refuses more than 1,024 clauses, so
# a long query keeps the first translations and related words only.
MAX_REACHED_WORDS = 12
MAX_MEANINGFUL_WORDS = 8
MAX_PAIRS = 6
# Past the first few, words reached through the other language drift away from the meaning.
RELATED_PER_WORD = 3


@dataclass(frozen=True)
class Understanding:
    text: str
    meaningful: list[str] = field(default_factory=list)
    intent: str | None = None  # "people", "howto" or None
    is_question: bool = False
    language: str | None = None  # "fr", "en" or None when unclear
    # The meaningful words in the other language, one translation per entry.
    translations: list[str] = field(default_factory=list)
    # Neighbouring meaningful words translated together ("first day" -> "premier jour"): a
    # text holding both translations side by side says what the query says.
    translated_pairs: list[str] = field(default_factory=list)
    # Words of the same language the translations lead back to ("vacances" -> "holidays" ->
    # "congé"): the paraphrases a small bilingual dictionary knows.
    related: list[str] = field(default_factory=list)

    @property
    def meaningful_text(self) -> str:
        return " ".join(self.meaningful)

    @property
    def drops_words(self) -> bool:
        """Whether the query holds words that content need not contain."""
        return len(self.meaningful) < len(words_of(self.text))

    @property
    def translated_text(self) -> str:
        return " ".join(self.translations)

    @property
    def related_text(self) -> str:
        return " ".join(self.related)


def words_of(text: str) -> list[str]:
    """The words as typed, with French elisions taken off ("l'usine" -> "usine")."""
    words = []
    for match in WORD.finditer(text):
        for piece in re.split(r"-(?=(?:je|tu|il|elle|on|nous|vous|ils|elles|t|ce)\b)", match[0]):
            piece = ELISION.sub("", piece)
            if piece:
                words.append(piece)
    return words


def without_stop_words(text: str) -> str:
    """The text's words without French and English stop words (for highlighting)."""
    words = words_of(text)
    return " ".join(w for w in words if fold(w) not in STOP_WORDS) or " ".join(words)


def _opens_with(folded: str, openings: tuple[str, ...]) -> bool:
    return any(folded == start or folded.startswith(start + " ") for start in openings)


def guess_language(words: list[str]) -> str | None:
    if not words:
        return None
    text = " ".join(words)
    french = simplemma.in_target_language(text, lang="fr")
    english = simplemma.in_target_language(text, lang="en")
    if french >= LANGUAGE_SHARE and french > english:
        return "fr"
    if english >= LANGUAGE_SHARE and english > french:
        return "en"
    return None


def lemma(word: str, language: str) -> str:
    return str(simplemma.lemmatize(word, lang=language))


def _directions(language: str | None) -> list[tuple[str, str]]:
    if language:
        return [(language, "en" if language == "fr" else "fr")]
    return [("fr", "en"), ("en", "fr")]


def _translate(word: str, source: str, target: str) -> list[str]:
    """A word's translations, or its lemma's ("embauchés" is found as "embaucher")."""
    return dictionary.translate(word, source, target) or dictionary.translate(
        lemma(word, source), source, target
    )


def _add(found: list[str], candidates: list[str], exclude: set[str]) -> None:
    """Add the candidates not seen yet, without their stop words ("en premier lieu" is
    searched as "premier lieu": "en" would match every French text)."""
    for candidate in candidates:
        words = [word for word in words_of(candidate) if fold(word) not in STOP_WORDS]
        folded = fold(" ".join(words))
        if words and folded not in exclude:
            found.append(" ".join(words))
            exclude.add(folded)


def translated_pairs(words: list[str], language: str | None) -> list[str]:
    """Each pair of neighbouring words, each word by its first translation."""
    pairs: list[str] = []
    for first, second in zip(words, words[1:], strict=False):
        for source, target in _directions(language):
            one, other = _translate(first, source, target), _translate(second, source, target)
            if one and other:
                _add(pairs, [f"{one[0]} {other[0]}"], set())
    return pairs[:MAX_PAIRS]


def translations_of(words: list[str], language: str | None) -> list[str]:
    """Each word's translations into the other language (both ways when unclear)."""
    found: list[str] = []
    seen = {fold(word) for word in words}
    for word in words:
        for source, target in _directions(language):
            _add(found, _translate(word, source, target), seen)
    return found


def compounds_of(words: list[str], language: str | None) -> list[str]:
    """French compounds built on the words with a productive prefix: "travailler" is
    what "télétravailler" is about, "sécurité" what "cybersécurité" is, and a page says the
    compound when the question says the plain word."""
    if language == "en":
        return []
    longest = sorted(words, key=len, reverse=True)[:COMPOUNDED_WORDS]
    return [
        f"{prefix}{fold(word)}"
        for word in longest
        if len(word) >= COMPOUND_MIN_LENGTH and not fold(word).startswith(FRENCH_PREFIXES)
        for prefix in FRENCH_PREFIXES
    ]


def related_words(words: list[str], language: str | None) -> list[str]:
    """Words of the same language reached through the other one and back."""
    found: list[str] = []
    seen = {fold(word) for word in words} | {fold(lemma(word, language or "fr")) for word in words}
    for word in words:
        for source, target in _directions(language):
            back: list[str] = []
            for translation in _translate(word, source, target):
                back += _translate(translation, target, source)
            _add(found, back[:RELATED_PER_WORD], seen)
    return found


@lru_cache(maxsize=2048)
def understand(text: str) -> Understanding:
    """Meaningful words, intent, question or not, and translations of a typed query."""
    words = words_of(text)
    folded = fold(" ".join(words))
    intent = None
    if _opens_with(folded, PEOPLE_OPENINGS) or any(fold(w) in PEOPLE_WORDS for w in words):
        intent = "people"
    elif _opens_with(folded, HOWTO_OPENINGS):
        intent = "howto"
    fillers = PEOPLE_WORDS | PEOPLE_FILLERS if intent == "people" else frozenset()
    meaningful = [w for w in words if fold(w) not in STOP_WORDS and fold(w) not in fillers]
    if not meaningful:
        # A query made only of common words ("qui", "how") is searched as typed.
        meaningful = words
    if len(meaningful) > MAX_MEANINGFUL_WORDS:
        # The longest words say most; the query keeps their order.
        longest = set(sorted(meaningful, key=len, reverse=True)[:MAX_MEANINGFUL_WORDS])
        meaningful = [word for word in meaningful if word in longest][:MAX_MEANINGFUL_WORDS]
    is_question = text.rstrip().endswith("?") or (
        len(words) > 2 and _opens_with(folded, QUESTION_OPENINGS)
    )
    language = guess_language(words)
    return Understanding(
        text=text,
        meaningful=meaningful,
        intent=intent,
        is_question=is_question or intent == "people",
        language=language,
        translations=translations_of(meaningful, language)[:MAX_REACHED_WORDS],
        translated_pairs=translated_pairs(meaningful, language),
        related=(related_words(meaningful, language) + compounds_of(meaningful, language))[
            :MAX_REACHED_WORDS
        ],
    )


def warm_up() -> None:
    """Load the lemmatiser's French and English data and the dictionaries now (about 0.8 s
    and 50 MB), so that the first search a web process answers is not the slow one."""
    understand.__wrapped__("combien de jours de congés how many days off")
