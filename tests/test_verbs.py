"""Swedish verb forms behind the reported-work cues: which words are deeds, which only look like them."""

from __future__ import annotations

import pytest

from kvcli.checks.verbs import has_past, has_perfect, is_present_passive, is_supine, words

PAST = [
    "Riskanalysen genomfördes i mars.",  # -de passive
    "Vi startade ett nytt team.",  # -ade
    "Handläggarna läste in sig på rutinen.",  # -te
    "Det skedde två gånger.",  # -dde
    "Vi gjorde en kartläggning.",  # strong
    "Tre rapporter inkom.",  # strong
    "Vi har vidareutvecklat avvikelsehanteringen.",  # har + supine
    "Under året har det totalt inkommit 60 synpunkter.",  # inverted subject between
    "Kommunen har därefter ändrat rutinerna.",  # an adverb between
    "Arbetet har lett till ökad kompetens.",  # strong supine
    "Handläggningstiden har förkortats.",  # passive supine
]
NOT_PAST = [
    "Helhetssyn utgår från den enskildes samlade livssituation.",  # genitive "-des"
    "Detta område är viktigt.",  # noun in "-de"
    "Vi har ett gott samarbete med primärvården.",  # "har" + noun phrase: having, not perfect
    "Alla verksamheter har upprättade rutiner.",  # "-ade" as an adjective after "har"
    "Ett av de prioriterade målen är trygghet.",  # "-ade" as an adjective after "de"
    "I dagsläget har de drygt 90 % av insatserna på beslut.",  # "drygt" is no supine
    "Vi har ett strukturerat arbetssätt.",  # neuter adjective after an article
    "Kortaste tiden är åtta dagar.",  # superlative in "-ste"
    "Vi har intensivt fokus på bemötande.",  # adverb in "-vt"
    "Revisionen utgår från nationellt reglerade krav.",  # "-ade" as an adjective after an adverb
    "Insatserna ges utifrån klientrelaterade behov.",  # "-ade" as an adjective after a preposition
]


@pytest.mark.parametrize("sentence", PAST)
def test_deeds_are_past(sentence: str) -> None:
    assert has_past(sentence)


@pytest.mark.parametrize("sentence", NOT_PAST)
def test_look_alikes_are_not(sentence: str) -> None:
    assert not has_past(sentence)


def test_supines_and_their_look_alikes() -> None:
    assert all(map(is_supine, ["arbetat", "genomfört", "skrivit", "lett", "genomförts", "byggt", "behövt"]))
    assert not any(map(is_supine, ["resultat", "stort", "tidigt", "samt", "procent", "arbetsplats", "ett", "året"]))


def test_perfect_needs_the_supine_close_to_har() -> None:
    assert has_perfect(words("Vi har under året genomfört två granskningar"))
    assert not has_perfect(words("Vi har många medarbetare som arbetat länge"))  # "många" opens a noun phrase


def test_present_passive_of_the_handling_verbs() -> None:
    assert all(map(is_present_passive, ["dokumenteras", "analyseras", "följs", "genomförs", "utreds"]))
    assert not any(map(is_present_passive, ["mas", "kommunens", "finns", "avvikelser", "fältarnas", "brukarnas"]))
