"""Table-driven tests of the ISCO-08 occupation vocabulary."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from matching.occupations import LANGS, OccupationVocabulary, TermEntry


@pytest.fixture(scope="module")
def vocab() -> OccupationVocabulary:
    return OccupationVocabulary.default()


def test_default_is_cached() -> None:
    assert OccupationVocabulary.default() is OccupationVocabulary.default()


def test_every_code_is_well_formed_and_labelled_in_all_languages(
    vocab: OccupationVocabulary,
) -> None:
    codes = vocab.all_codes()
    assert len(codes) >= 60
    for code in codes:
        assert re.fullmatch(r"[1-9]\d{3}", code), code
        for lang in LANGS:
            assert vocab.label(code, lang), (code, lang)
            assert vocab.terms_for(code, lang), (code, lang)


def test_one_preferred_label_per_code_and_language(vocab: OccupationVocabulary) -> None:
    counts = Counter((e.isco08, e.lang) for e in vocab.entries if e.preferred)
    assert set(counts.values()) == {1}
    assert all(e.lang in LANGS for e in vocab.entries)


def test_no_duplicate_rows(vocab: OccupationVocabulary) -> None:
    rows = Counter((e.isco08, e.lang, e.term.casefold()) for e in vocab.entries)
    assert [r for r, n in rows.items() if n > 1] == []


def test_every_term_finds_its_own_code(vocab: OccupationVocabulary) -> None:
    missing = [e for e in vocab.entries if e.isco08 not in vocab.codes(e.term)]
    assert missing == []


def test_terms_for_lists_preferred_first(vocab: OccupationVocabulary) -> None:
    assert vocab.terms_for("5120", "ru")[0] == vocab.label("5120", "ru") == "повар"
    assert vocab.terms_for("8322", "ky")[0] == "айдоочу"
    assert set(vocab.terms_for("5120")) >= {"повар", "ашпозчу", "cook"}


LOOKUPS = [
    # Kyrgyz
    ("Тигүүчү керек", "8153"),
    ("айдоочу керек, Бишкек", "8322"),
    ("ашпозчу болуп иштейм", "5120"),
    ("сатуучулар керек", "5223"),
    ("курулушчу", "7111"),
    ("дарыгер", "2211"),
    ("мектептин мугалими", "2330"),
    ("башталгыч класстын мугалими", "2341"),
    ("эсепчи", "2411"),
    ("күзөтчү", "5414"),
    ("тазалоочу аял керек", "9112"),
    ("ширетүүчү", "7212"),
    ("наабайчы", "7512"),
    ("чачтарач", "5141"),
    ("бала багуучу", "5311"),
    ("автобустун айдоочусу", "8331"),
    ("жүк ташуучу", "9333"),
    ("малчы", "6121"),
    ("медайым", "3221"),
    # Kyrgyz typed on a Russian keyboard
    ("тигуучу", "7533"),
    ("кузотчу", "5414"),
    ("ширетуучу", "7212"),
    # Latin-script Kyrgyz
    ("aidoochu", "8322"),
    ("tiguuchu kerek", "8153"),
    ("ashpozchu", "5120"),
    ("satuuchu", "5223"),
    ("kuzotchu", "5414"),
    ("mugalim", "2330"),
    ("tazaloochu", "9112"),
    # Russian
    ("Требуется швея-мотористка", "8153"),
    ("водитель", "8322"),
    ("таксист", "8322"),
    ("шофёр", "8322"),
    ("дальнобойщик", "8332"),
    ("водитель маршрутки", "8331"),
    ("повар горячего цеха", "5120"),
    ("официантка", "5131"),
    ("продавщица в продуктовый", "5223"),
    ("кассир", "5230"),
    ("уборщица", "9112"),
    ("охранник", "5414"),
    ("сварщика", "7212"),
    ("грузчики", "9333"),
    ("портной", "7531"),
    ("закройщица", "7532"),
    ("вязальщица", "7318"),
    ("помощник повара", "9412"),
    ("посудомойщица", "9412"),
    ("программист 1С", "2514"),
    ("оператор call-центра", "4222"),
    ("воспитатель детского сада", "2342"),
    # Russian in Latin letters
    ("voditel", "8322"),
    ("shveya", "7533"),
    ("povar", "5120"),
    ("gruzchik", "9333"),
    # English
    ("driver", "8322"),
    ("bus driver", "8331"),
    ("truck drivers", "8332"),
    ("seamstress", "7533"),
    ("cook", "5120"),
    ("waiter", "5131"),
    ("cashier", "5230"),
    ("security guard", "5414"),
    ("web developer", "2513"),
    ("translator", "2643"),
    # One language's word in the other's sentence
    ("Швея керек", "7533"),
    ("требуется тигүүчү", "8153"),
    ("бала керек, бала багуучу", "5311"),
    ("повар керек", "5120"),
    # Typos (one edit in a word of six letters or more)
    ("электирик", "7411"),
    ("сантехникк", "7126"),
    ("офицант", "5131"),
    ("бухгалтерь", "2411"),
    ("uborshitsa", "9112"),
    ("svarshik", "7212"),
]


@pytest.mark.parametrize(("text", "code"), LOOKUPS)
def test_codes_finds_occupation(vocab: OccupationVocabulary, text: str, code: str) -> None:
    assert code in vocab.codes(text)


NOT_CONFLATED = [
    ("тигүүчү", "токуучу"),
    ("швея", "вязальщица"),
    ("швея", "закройщик"),
    ("повар", "официант"),
    ("повар", "пекарь"),
    ("ашпозчу", "официант"),
    ("водитель автобуса", "водитель такси"),
    ("таксист", "дальнобойщик"),
    ("автобус айдоочу", "такси айдоочу"),
    ("кассир", "продавец"),
    ("бухгалтер", "помощник бухгалтера"),
    ("учитель", "учитель начальных классов"),
    ("уборщица", "домработница"),
    ("продавец", "реализатор на рынке"),
    ("кладовщик", "грузчик"),
]


@pytest.mark.parametrize(("a", "b"), NOT_CONFLATED)
def test_close_occupations_are_not_conflated(vocab: OccupationVocabulary, a: str, b: str) -> None:
    codes_a, codes_b = vocab.codes(a), vocab.codes(b)
    assert codes_a and codes_b
    assert codes_a != codes_b
    assert not codes_a & codes_b


def test_phrase_wins_over_its_words(vocab: OccupationVocabulary) -> None:
    assert vocab.codes("водитель автобуса") == {"8331"}
    assert vocab.codes("помощник повара") == {"9412"}
    assert vocab.codes("водитель автобуса и повар") == {"8331", "5120"}


@pytest.mark.parametrize(
    "text", ["", "любая работа", "ищу работу", "Бишкек", "товар", "врач" + "!" * 3 + "грач"]
)
def test_no_false_codes(vocab: OccupationVocabulary, text: str) -> None:
    found = vocab.codes(text)
    assert found <= {"2211"}


def test_short_words_get_no_typo_tolerance(vocab: OccupationVocabulary) -> None:
    assert vocab.codes("товар") == frozenset()  # not повар
    assert vocab.codes("грач") == frozenset()  # not врач


def test_typo_tolerance_is_for_cyrillic_words_only(vocab: OccupationVocabulary) -> None:
    # English words one letter from a job word are other real words, not typos.
    assert vocab.codes("script writer") == frozenset()  # not waiter (5131)
    assert "5131" in vocab.codes("waiter")
    # Phone typos in Kyrgyz/Russian, and Latin-script Kyrgyz, are still forgiven.
    assert vocab.codes("водителл") == {"8322"}
    assert vocab.codes("aydoochu") == {"8322"}


@pytest.mark.parametrize(
    ("text", "sure", "guessed"),
    [
        # An unknown English modifier makes a lone head word's code a guess.
        ("python developer", set(), {"2512"}),
        ("Maths teacher", set(), {"2330"}),
        ("Python developer, Django", set(), {"2512"}),
        # "X of Y" is the same construction as "Y X" (ESCO: "lecturer of physics").
        ("lecturer of physics", set(), {"2310"}),
        ("physics lecturer", set(), {"2310"}),
        ("teacher of dance", set(), {"2330"}),
        ("teacher of a dance school", set(), {"2330"}),
        # A vocabulary word that is not itself part of the job term found still modifies
        # it ("tourist" of "tourist guide"), and so does a word read as Latin-script
        # Kyrgyz ("psychology"); a whole phrase under a modifier is a guess too.
        ("tourist receptionist", set(), {"4226"}),
        ("psychology lecturer", set(), {"2310"}),
        ("grocery shop manager", set(), {"1420"}),
        # A whole phrase, a word the vocabulary knows, or a qualifier keeps the code sure.
        ("truck driver", {"8332"}, set()),
        ("school bus driver", {"8331"}, set()),
        ("experienced driver", {"8322"}, set()),
        ("senior software developer", {"2512"}, set()),
        ("part-time cook", {"5120"}, set()),
        ("hard-working cook", {"5120"}, set()),
        ("need driver", {"8322"}, set()),
        ("I am a driver", {"8322"}, set()),
        ("Russian speaking driver", {"8322"}, set()),
        ("English teacher", {"2330"}, set()),
        ("driver", {"8322"}, set()),
        # A place is where the job is, not a kind of it; "in" and "for" say where or for
        # whom more often than what of ("cook in cafe", "driver for company").
        ("Bishkek driver", {"8322"}, set()),
        ("Osh cook", {"5120"}, set()),
        ("cook in cafe", {"5120"}, set()),
        ("nurse in hospital", {"3221"}, set()),
        ("driver for company", {"8322"}, set()),
        ("teacher of Russian", {"2330"}, set()),
        ("cook waiter", {"5120", "5131"}, set()),
        # A word written in Cyrillic before an English head is no English modifier.
        ("опытный driver", {"8322"}, set()),
        ("Бишкек taxi driver", {"8322"}, set()),
        # Only English is judged so: Russian and Kyrgyz put the head first and inflect.
        ("опытный водитель", {"8322"}, set()),
        ("тажрыйбалуу айдоочу", {"8322"}, set()),
    ],
)
def test_english_head_word_under_unknown_modifier_is_a_guess(
    vocab: OccupationVocabulary, text: str, sure: set[str], guessed: set[str]
) -> None:
    assert vocab.scan(text) == (sure, guessed)
    # codes() still names every code, guesses included.
    assert vocab.codes(text) == sure | guessed


@pytest.mark.parametrize(
    "word",
    [
        *("female", "male", "woman", "women", "man", "men", "girl", "boys", "lady"),
        *("young", "old", "elderly", "teenage", "student", "pensioner", "retired"),
        *("married", "single", "mother", "pregnant", "disabled"),
        *("tajik", "uzbek", "dungan", "uyghur", "korean", "russian", "kyrgyz", "muslim"),
    ],
)
def test_who_the_worker_is_never_changes_a_code(vocab: OccupationVocabulary, word: str) -> None:
    for job in ("cook", "waiter", "driver"):
        assert vocab.scan(f"{word} {job}") == vocab.scan(job)


@pytest.mark.parametrize(
    ("a", "b", "related"),
    [
        ("7531", "7533", True),
        ("8331", "8332", True),
        ("5120", "5131", False),
        ("2341", "2342", True),
        ("9112", "9111", True),
        # Other minor groups, the same trade (related_occupations.tsv):
        ("7533", "8153", True),
        ("8322", "8331", True),
        ("5211", "5223", True),
        ("5120", "9412", True),
        # Other trades in one sub-major group stay apart.
        ("5120", "5141", False),
        ("9333", "9313", False),
        ("2411", "2512", False),
    ],
)
def test_related(vocab: OccupationVocabulary, a: str, b: str, related: bool) -> None:
    assert vocab.related(a, b) is related
    assert vocab.related(b, a) is related


def test_label_falls_back_and_rejects_unknown(vocab: OccupationVocabulary) -> None:
    assert vocab.label("8322", "ky") == "айдоочу"
    assert vocab.label("8322", "en") == "car driver"
    assert vocab.label("8322", "de") == "car driver"
    with pytest.raises(KeyError):
        vocab.label("0000", "en")


def test_custom_vocabulary() -> None:
    vocab = OccupationVocabulary(
        [
            TermEntry("9999", "en", "widget polisher", True),
            TermEntry("9999", "ru", "полировщик", True),
        ]
    )
    assert vocab.codes("Senior widget polishers wanted") == {"9999"}
    assert vocab.codes("полировщика") == {"9999"}
    assert vocab.codes("widget") == frozenset()
