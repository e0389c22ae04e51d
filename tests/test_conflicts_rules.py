"""The rules that decide whether a denial rejects another account: who denies, what the denial points back at, and
which uses of "denied" / "refused" are no denial at all (sentences invented for these tests)."""

from __future__ import annotations

from presswatch.analysis.claims import (
    ClaimFeatures,
    _names_statement,
    _points_back,
    extract_claims,
    is_source,
    statement_features,
)
from presswatch.analysis.conflicts import (
    classify_pair,
    classify_sentences,
    find_conflicts,
    is_assertion,
    one_passage,
)
from presswatch.analysis.text import (
    CONTRADICTION_WORDS,
    content_stems,
    find_cue,
    first_sentence,
    negation_count,
    polarity,
    words,
)
from presswatch.models import Span, Speaker
from test_claims_fixtures import Doc, Q, build


def test_passive_counterfactual_and_refused_actions_are_no_denial_cue() -> None:
    assert find_cue("Only two permits denied under the old rules were appealed.", CONTRADICTION_WORDS) is None
    assert find_cue("Visitors were denied entry to the harbour.", CONTRADICTION_WORDS) is None
    assert find_cue("His sentence would have been longer had he denied the theft.", CONTRADICTION_WORDS) is None
    assert find_cue("The council refused to disavow her charges.", CONTRADICTION_WORDS) is None
    m = find_cue("The mayor flatly denied the charges.", CONTRADICTION_WORDS)
    assert m is not None and m.group(0) == "denied"


def test_a_denial_points_back_at_the_account_it_rejects() -> None:
    account = "Inspectors accused the ferry company of dumping oil in the bay last winter."
    for denial in (
        "The ferry company denied involvement in the spill.",
        "The ferry company rejected the inspectors' account of the winter.",
        "The ferry company denied, though the inspectors said they had photographs.",
        "The ferry company denied it had dumped oil in the bay and promised an inquiry.",
    ):
        verdict = classify_sentences(account, denial)
        assert verdict.conflict, denial


def test_a_refused_request_or_a_one_word_overlap_is_no_rejected_account() -> None:
    account = "The harbour board said it had asked the ferry company to publish its safety reports."
    refused = "The ferry company rejected the request to publish its safety reports."
    assert not classify_sentences(account, refused).conflict
    assert not classify_sentences(account, "The ferry company dismissed the board.").conflict


def _harbour(denier: str, denier_key: str, denier_name: str) -> Doc:
    text = f"{denier} denied that the ferry company had dumped oil in the bay."
    return Doc(
        title="Oil in the bay",
        published="2031-05-02T08:00:00+00:00",
        outlet="Harbour Times",
        paragraphs=[
            "Inspector Jana Holm said the ferry company had dumped oil in the bay last winter, according to a report.",
            text,
        ],
        mentions=[("Jana Holm", "PERSON", "person:jana-holm")],
        quotes=[
            Q(
                "Inspector Jana Holm",
                "person",
                "person:jana-holm",
                "said",
                "the ferry company had dumped oil in the bay last winter",
                "indirect",
                "Jana Holm",
            ),
            Q(
                denier,
                "person",
                denier_key,
                "denied",
                "the ferry company had dumped oil in the bay.",
                "indirect",
                denier_name,
            ),
        ],
    )


def test_the_denier_must_be_the_other_side() -> None:
    other = build(_harbour("Manager Olaf Berg", "person:olaf-berg", "Olaf Berg"))
    found = find_conflicts([other])
    assert len(found) == 1 and {found[0].article_a} == {other[0].id}
    # the parser gave the denial to someone else, but the words before "denied" name the inspector: one side twice
    article, enriched = build(_harbour("Later Holm herself", "person:someone-else", "Someone Else"))
    said, denied = extract_claims(article, enriched)
    assert not classify_pair(said, denied).conflict


def test_negated_asked_for_or_undecided_denials_are_no_denial_cue() -> None:
    for text in (
        "The suspicion is one the ferry company has not denied.",
        "The harbour board would neither confirm nor deny the sale.",
        "The board has yet to confirm or deny the sale.",
        "The mayor urged the council to reject the charter.",
        "The captain failed to deny the report.",
        "Ferry crews were systematically denied their wages.",
        "The captain didn't deny it.",
    ):
        assert find_cue(text, CONTRADICTION_WORDS) is None, text


def test_that_after_a_cue_opens_the_rejected_clause_and_points_at_no_one() -> None:
    assert not _points_back(["that", "inspectors", "were", "paid"])
    assert _points_back(["that", "claim"])
    assert _points_back(["him"]) and _points_back(["it"]) and _points_back(["her", "account"])


def test_a_denial_that_answers_its_own_sentence_rejects_no_other_account() -> None:
    account = "Inspectors accused the ferry company of dumping oil in the bay last winter."
    denial = "The mayor accused the harbour board of hiding its accounts, a charge the board denies."
    assert not classify_sentences(account, denial).conflict


def test_a_claim_noun_that_names_its_content_is_read_like_a_that_clause() -> None:
    account = "Inspectors said the ferry company had dumped oil in the bay."
    assert classify_sentences(account, "The ferry company dismissed claims that it had dumped oil in the bay.").conflict
    other = "The mayor dismissed claims by the opposition that the pier will close in winter."
    assert not classify_sentences(account, other).conflict


def test_rejecting_a_thing_is_not_rejecting_an_account() -> None:
    account = "The harbour board said the new pier charter would cost the town a fortune."
    assert not classify_sentences(account, "The council rejected the new pier charter.").conflict
    assert not classify_sentences(account, "A late tackle denied the town a certain goal.").conflict


def test_the_rejected_clause_decides_the_polarity_not_the_rest_of_the_sentence() -> None:
    account = "Inspectors said the captain had an affair with the harbour master."
    denial = "The captain denied he had an affair with the harbour master, saying there was no truth in it."
    assert classify_sentences(account, denial).conflict


def test_a_title_is_no_sentence_end_and_a_possessive_meets_its_noun() -> None:
    assert first_sentence('Sen. Holm, I was not aware of it," she said. "I never was.') == (
        'Sen. Holm, I was not aware of it," she said.'
    )
    assert "dam" in content_stems("the dam's gates") and "inspector" in content_stems("the inspectors' account")


def test_statements_that_share_only_names_do_not_oppose_each_other() -> None:
    seen = statement_features("The ferry captain Olaf Berg was seen at Skerry Harbour Station on Monday.", id="a")
    unconfirmed = statement_features(
        "Officials could not confirm reports about Olaf Berg at Skerry Harbour Station.", id="b"
    )
    seen.claim.speaker, unconfirmed.claim.speaker = "person:witness", "anon:officials"
    verdict = classify_pair(seen, unconfirmed)
    assert not verdict.conflict and "names" in verdict.explanation


def test_any_after_a_denial_is_a_claim_after_a_rejection_a_thing_refused() -> None:
    account = "Inspectors said the ferry company had links with the smugglers in the bay."
    assert classify_sentences(account, "The ferry company denied any links with the smugglers in the bay.").conflict
    tariffs = "The ferry company said higher harbour tariffs would keep the ferries running."
    assert not classify_sentences(tariffs, "The mayor rejected any harbour tariff increases.").conflict


def test_an_idea_dismissed_does_not_point_back_at_an_account() -> None:
    account = "Inspectors reported that the ferry company had dumped oil in the bay."
    assert not classify_sentences(account, "The mayor has dismissed the idea.").conflict


def test_an_aside_with_a_negation_does_not_oppose_the_fact_it_follows() -> None:
    told = statement_features(
        "Harbour master Olaf Berg met the ferry owners twice in May, the port office said.", id="a"
    )
    aside = statement_features(
        "Olaf Berg met the ferry owners twice in May, meetings he did not disclose to the council.", id="b"
    )
    told.claim.speaker, aside.claim.speaker = "org:port-office", "outlet:harbour-times"
    assert not classify_pair(told, aside).conflict


def test_a_bare_denial_of_involvement_answers_only_an_accusation() -> None:
    denial = "The ferry company denies any involvement, and its owners blamed the storm for the closures."
    assert not classify_sentences("The harbour will reopen after the repairs, the mayor said.", denial).conflict
    assert classify_sentences("Inspectors accused the ferry company of dumping oil in the bay.", denial).conflict


def test_an_account_named_by_its_owner_is_that_owners_account() -> None:
    denial = "The ferry company rejected the inspectors' account of the spill."
    assert classify_sentences("Inspectors said the ferry company had dumped oil in the bay.", denial).conflict
    other = "The harbour board said the ferry company should repaint its boats."
    assert not classify_sentences(other, denial).conflict


def test_the_rejecters_own_words_after_the_cue_point_at_no_other_speaker() -> None:
    doc = Doc(
        title="Harbour visas",
        published="2031-05-02T08:00:00+00:00",
        outlet="Harbour Times",
        paragraphs=[
            "Visitors from the islands will need a visa from June, according to the state news agency.",
            "The island council denies responsibility, and its state media blamed the harbour board.",
        ],
        quotes=[
            Q(
                "the state news agency",
                "organization",
                None,
                "according to",
                "Visitors from the islands will need a visa from June",
                "indirect",
            ),
            Q("its state media", "unknown", None, "blamed", "the harbour board", "indirect"),
        ],
    )
    claims = extract_claims(*build(doc))
    assert not any(c.rebuts for c in claims)


def test_a_content_that_opens_with_a_preposition_is_a_fragment() -> None:
    fragment = statement_features("into question the harbour board's plans for the northern pier", id="a")
    assert not is_assertion(fragment)


def test_an_unattributed_passage_that_repeats_a_quote_at_length_is_that_quote() -> None:
    quoted = statement_features(
        "She did not mislead anyone when she was asked about the harbour contracts at the meeting of the council.",
        id="a",
    )
    again = statement_features(
        "Last week she was asked about the harbour contracts at the meeting of the council and answered.", id="b"
    )
    quoted.claim.speaker, again.claim.speaker = "person:kari-holm", "unknown:"
    assert not classify_pair(quoted, again).conflict
    again.claim.speaker = "person:olaf-berg"  # two named speakers: one may quote the other to refute it
    assert classify_pair(quoted, again).conflict


# ---------------------------------------------------------------------------------------------------------------------
# What the product pairs in bulk on a whole store (issue #4): claims with no source, one passage read twice, statements
# that take no stance, negations outside what two statements share, cues that belong to someone else.


def test_a_speaker_with_no_plausible_source_head_is_no_source() -> None:
    for kind, label, name, entity in (
        ("pronoun", "that", "any arguments", None),  # a relative pronoun resolved to a thing
        ("pronoun", "few", None, None),
        ("pronoun", "he", None, None),  # left unresolved
        ("unknown", "his website", "his website", None),
        ("unknown", "no evidence", "no evidence", None),
        ("unknown", "bloodshed", "bloodshed", None),
        ("person", '"?He', '"?He', "person:he"),  # a pronoun the recogniser took for a name
        ("unknown", "", None, None),
    ):
        assert not is_source(Speaker(kind=kind, label=label, name=name, entity=entity)), label or name
    for kind, label, name, entity in (
        ("pronoun", "he", "Olaf Berg", "person:olaf-berg"),
        ("pronoun", "who", "senior figures in the port authority", None),
        ("pronoun", "which", "the Skerry Observatory for Harbour Rights", None),
        ("unknown", "the harbour master's wife, Jana", "harbour master's wife, Jana", None),
        ("unknown", "prosecutors", "prosecutors", None),
        ("unknown", "a new report", "new report", None),
        ("unknown", "the 57-year-old", "57-year-old", None),
        ("anonymous", "a port official", "port official", None),
        ("organization", "the council", "council", None),
    ):
        assert is_source(Speaker(kind=kind, label=label, name=name, entity=entity)), label


def _pier(*quotes: Q, paragraphs: list[str]) -> list[ClaimFeatures]:
    doc = Doc(title="Pier", published="2031-05-02T08:00:00+00:00", outlet="Harbour Times", paragraphs=paragraphs)
    doc.quotes = list(quotes)
    return extract_claims(*build(doc))


def test_a_claim_needs_a_source() -> None:
    claims = _pier(
        Q("The court", "organization", None, "has acknowledged", "the ferry company lacks any arguments"),
        Q("any arguments", "pronoun", None, "reject", "the claimant's reasons about the pier debt"),
        paragraphs=[
            "The court has acknowledged the ferry company lacks any arguments that reject the claimant's "
            "reasons about the pier debt."
        ],
    )
    assert [c.claim.speaker_name for c in claims] == ["The court"]


def test_one_passage_read_twice_never_conflicts_with_itself() -> None:
    text = "The port office dismissed a fake online report that claims the ferry will stop running to Skerry in May."
    dismissed, report = _pier(
        Q(
            "The port office",
            "organization",
            None,
            "dismissed",
            "a fake online report that claims the ferry will stop running to Skerry in May",
        ),
        Q("a fake online report", "unknown", None, "claims", "the ferry will stop running to Skerry in May"),
        paragraphs=[text],
    )
    assert one_passage(dismissed, report)
    verdict = classify_pair(dismissed, report)
    assert not verdict.conflict and "one passage" in verdict.explanation


def test_declining_to_comment_and_an_open_question_take_no_stance() -> None:
    for text in (
        "The ferry company declined to comment on the pending lawsuit over the pier.",
        "the port office does not comment on pending litigation about the pier",
        "he had no information on whether the building was a warehouse of the port",
        "to comment on the pending litigation about the pier",  # what someone declined to do
        "was across the street from the old warehouse of the port",  # a clause that lost its subject
    ):
        assert not is_assertion(statement_features(text, id="a")), text
    assert is_assertion(statement_features("the ferry company dumped oil in the bay last winter", id="a"))


def test_polarity_is_read_from_the_clause_that_holds_what_both_say() -> None:
    for negated, plain in (
        (
            "The council had decided not to oppose the charter and wanted to support longer ferry hours in winter.",
            "It wanted to support longer ferry hours in the winter season.",
        ),
        (
            "she would tell the harbour board about the leaking tanks if he did not pay her",
            "she threatened to tell the harbour board about the leaking tanks",
        ),
        (
            "No more delays. The new pier has reopened to the island ferries this week.",
            "The new pier reopened to the island ferries this week, officials said.",
        ),
        (
            "ferry crews who had trained at the school had higher rates of accidents than those who had not",
            "the crews trained at the school actually had higher rates of accidents",
        ),
        (
            "neighbours described him as a quiet, serious man who nobody really knew",
            "he was a quiet, serious man according to the neighbours",
        ),
    ):
        a, b = statement_features(negated, id="a"), statement_features(plain, id="b")
        a.claim.speaker, b.claim.speaker = "org:council", "person:olaf-berg"
        assert a.claim.polarity != b.claim.polarity  # the whole statements differ in polarity ...
        assert not classify_pair(a, b).conflict, negated  # ... not what they say of the same thing


def test_a_contrastive_or_hedged_negation_negates_nothing() -> None:
    assert negation_count("much better to talk to one another and not about one another") == 0
    assert negation_count("We are not saying that the pier is closed to ferries") == 0
    assert negation_count("She never said the pier was closed") == 1
    assert negation_count("He failed to disclose the meetings") == 1
    assert negation_count("there is no question the pier budget is a hard one; a no brainer") == 0
    assert polarity('he didn"t want to close the pier') == -1  # a mangled apostrophe is one


def test_doubting_holds_the_opposite() -> None:
    (doubt,) = _pier(
        Q("Councillors", "anonymous", None, "doubt", "the ferry company has proof of the leak"),
        paragraphs=["Councillors doubt the ferry company has proof of the leak."],
    )
    assert doubt.rejects and doubt.claim.polarity == -1


def test_a_cue_that_introduces_another_speakers_statement_is_theirs() -> None:
    tourism, police, mother = _pier(
        Q("the tourism office", "organization", None, "according to", "six million tourists visited the islands"),
        Q("Police", "organization", None, "initially said", "the boy drowned after a fall from the pier"),
        Q("his mother", "unknown", None, "rejected", "that account"),
        paragraphs=[
            "Last year six million tourists visited the islands, according to the tourism office.",
            "Police initially said the boy drowned after a fall from the pier, but his mother rejected that account.",
        ],
    )
    assert police.rebuts == [] and mother.rebuts == [police.claim.id]


def test_what_follows_a_cue_is_read_past_the_start_of_its_content() -> None:
    _, denial = _pier(
        Q("The ministry", "organization", None, "said", "the talks had covered the pier and the harbour dues"),
        Q("Ms Holm", "person", "person:jana-holm", "denied", "she had discussed money for her party"),
        paragraphs=[
            "The ministry said the talks had covered the pier and the harbour dues.",
            "Ms Holm denied that she had discussed money for her party.",
        ],
    )
    assert denial.rebuts == []  # "denied that <clause>" points at no one


def test_a_named_target_is_the_speaker_or_their_statement() -> None:
    holm, label = {"holm"}, {"foreign", "minister", "jana", "holm"}
    assert _names_statement(words("Holm's account of the spill"), holm, label)
    assert _names_statement(words("Foreign Minister Holm, saying"), holm, label)
    assert _names_statement(words("the claims by Holm"), holm, label)
    assert not _names_statement(words("Holm's bid for an emergency stay"), holm, label)
    assert not _names_statement(words("a motion by attorneys for Holm"), holm, label)
    assert not _names_statement(words("the North's suggestion to co-host the games"), {"north"}, {"north"})
    assert _points_back(["this", "as", "nonsense"]) and _points_back(["those", "claims"])
    assert not _points_back(["her", "lawyer's", "second", "request"])


def test_an_explicit_cue_whose_target_shares_nothing_ranks_below_one_that_does() -> None:
    said = statement_features("The dispute over the pier would not be settled without the council.", id="a")
    other = statement_features("The ferry company was being pushed into insolvency by the harbour dues.", id="b")
    close = statement_features("The dispute over the pier was settled last week by the ferry owners.", id="c")
    said.claim.speaker, other.claim.speaker, close.claim.speaker = "person:jana-holm", "person:olaf-berg", "x:y"
    other.rebuts = close.rebuts = ["a"]
    assert classify_pair(said, other).confidence == 0.7
    assert classify_pair(said, close).confidence >= 0.85


def test_a_publication_is_an_account_to_reject() -> None:
    account = "The Harbour Times published a long interview with a man it identified as the missing captain."
    assert classify_sentences(account, "The captain later disputed he had given the interview.").conflict


def test_a_suspicion_a_charge_or_a_fear_is_an_account_a_denial_can_answer() -> None:
    for account, denial in (
        ("The coastguard suspects the ferry captain of dumping fuel in the bay.", "The captain denied any wrongdoing."),
        ("The captain faces charges of dumping fuel in the bay.", "The captain has denied the allegations."),
        (
            "Fishermen voiced fears of a second spill in the bay.",
            "The ferry company denied there was any risk of a second spill.",
        ),
        ("The board accused the mayor of rigging the tender.", "The mayor rejected the other accusations."),
        ("There was speculation that the mayor had sold the pier.", "The mayor denied the speculation."),
        ("The board accused the ferry firm of closing the pier.", "The ferry firm denies having any role."),
    ):
        verdict = classify_sentences(account, denial)
        assert verdict.conflict, denial


def test_a_denial_that_answers_its_own_sentence_or_is_not_made_answers_no_other() -> None:
    assert not classify_sentences(
        "Inspectors said at least 40 boats were damaged in the storm.",
        "Fishermen say the port never paid them, something the port denies.",
    ).conflict
    assert not classify_sentences(
        "The harbour board said the tender would be ratified by the council next spring.",
        "The mayor insisted the pier will be sold even if the council rejects it.",
    ).conflict
    assert not classify_sentences(
        "The mayor's allies are accused of rigging the pier tender.",
        "The mayor has done very little to dismiss the rumours.",
    ).conflict


def test_a_court_that_dismisses_a_claim_rules_and_gives_no_account() -> None:
    account = "The fisherman claimed the port had broken his lease and sued for damages."
    assert not classify_sentences(account, "A district court sided with the port and dismissed the claims.").conflict
    lawyer = "A lawyer for the port said outside court the port strenuously denied the claims."
    assert classify_sentences(account, lawyer).conflict


def test_a_denial_that_names_another_matter_answers_no_account_of_this_one() -> None:
    account = "The harbour master said the new pier was a very interesting project for the town."
    denial = "The harbour master's deputy denied all allegations concerning ferry tickets sold to tourists twice."
    assert not classify_sentences(account, denial).conflict


def test_coordinated_passives_and_rejections_not_made_are_no_cue() -> None:
    assert find_cue("Our requests for access are consistently delayed or denied.", CONTRADICTION_WORDS) is None
    assert find_cue("The mayor has done very little to dismiss the rumours.", CONTRADICTION_WORDS) is None
    assert find_cue("The mayor delayed and denied the sale.", CONTRADICTION_WORDS) is not None


def test_a_name_that_modifies_a_noun_is_no_named_target() -> None:
    assert not _names_statement(["a", "trump", "lawsuit", "attempting"], {"trump"}, {"trump"})
    assert _names_statement(["trump's", "claims", "about"], {"trump"}, {"trump"})
    assert _names_statement(["the", "kremlin", "and", "its", "allies"], {"kremlin"}, {"kremlin"})


def test_a_bare_thing_rejected_is_no_proposition() -> None:
    from presswatch.analysis.conflicts import _is_proposition

    for obj in ("he had an affair", "ever meeting the envoy", "knowledge of any plot", "NATO as obsolete"):
        assert _is_proposition(obj, "denied"), obj
    assert _is_proposition("Karlsson's view of the country", "rejects")
    for obj in ("independence from the UK in 2014", "India access for years"):
        assert not _is_proposition(obj, "rejected"), obj


def test_a_report_contradicting_denials_answers_a_denial_not_an_account() -> None:
    account = statement_features("The mayor and the developer met twice on Friday, an official said.", id="x")
    report = statement_features("The report contradicted repeated denials from officials, including the mayor.", id="y")
    assert not classify_pair(account, report).conflict


def test_a_denial_given_to_the_accuser_by_the_parser_is_still_read() -> None:
    account = statement_features("Harbour chief Jones accused Smith of selling the pier to a friend.", id="art")
    denial = statement_features("Smith denied, though Jones said there were emails.", id="art")
    for c in (account, denial):
        c.claim.speaker, c.claim.speaker_name, c.speaker_kind = "person:jones", "Jones", "person"
    denial.claim.content = Span(200, 250, denial.claim.content.text)
    verdict = classify_pair(account, denial)
    assert verdict.conflict and verdict.reason == "explicit_cue"
    plain = statement_features("Jones said the pier would be sold to a friend.", id="art")
    plain.claim.speaker, plain.claim.speaker_name, plain.speaker_kind = "person:jones", "Jones", "person"
    plain.claim.content = Span(300, 350, plain.claim.content.text)
    assert not classify_pair(account, plain).conflict  # one speaker, no denial by another


def test_one_word_names_an_account_only_when_it_accuses_someone_of_it() -> None:
    account = "The mayor, who was accused of having an affair with his aide, spoke on Monday."
    assert classify_sentences(account, "The mayor denied he had an affair and refused to resign.").conflict
    plain = "The mayor said the affair of the pier was closed."
    assert not classify_sentences(plain, "The harbour board denied it was an affair.").conflict


def test_what_a_denier_says_instead_is_asserted_not_rejected() -> None:
    doc = Doc(
        title="The port",
        published="2031-05-02T08:00:00+00:00",
        outlet="Harbour Times",
        paragraphs=["The ministry denied that it would close the port, saying it had plans to keep it open all year."],
        quotes=[Q("The ministry", "organization", None, "denied", "it had plans to keep it open all year", "indirect")],
    )
    (claim,) = extract_claims(*build(doc))
    assert not claim.rejects and claim.claim.polarity == 1
    doc.paragraphs = ["The ministry denied that it had plans to keep it open all year, officials said."]
    (claim,) = extract_claims(*build(doc))
    assert claim.rejects


def test_a_cue_that_says_what_it_rejects_answers_only_a_statement_that_says_it() -> None:
    said = statement_features("The dispute over the pier would not be settled without the council.", id="a")
    said.claim.speaker, said.claim.speaker_name = "person:jana-holm", "Jana Holm"
    rejecting = statement_features("Olaf Berg rejected Ms Holm's assertion that the ferry firm was insolvent.", id="b")
    rejecting.claim.speaker, rejecting.rebuts = "person:olaf-berg", ["a"]
    assert not classify_pair(said, rejecting).conflict
    insolvent = statement_features("Jana Holm said the ferry firm was insolvent and would close the pier.", id="c")
    insolvent.claim.speaker, insolvent.claim.speaker_name = "person:jana-holm", "Jana Holm"
    rejecting.rebuts = ["c"]
    assert classify_pair(insolvent, rejecting).conflict


def test_calling_a_claim_false_negates_it_like_not() -> None:
    assert polarity("The harbour board said the claims were simply false.") == -1
    assert polarity("He was wrongly accused of dumping oil in the bay.") == -1
    assert polarity("The report was not false.") == 1
    assert polarity("The captain used a false name at the port.") == 1
    innocent = statement_features("The captain said he was wrongly accused of dumping oil in the bay.", id="a")
    denial = statement_features("The captain's lawyer denied that he had dumped oil in the bay.", id="b")
    innocent.claim.speaker, denial.claim.speaker = "person:captain", "person:lawyer"
    assert not classify_pair(innocent, denial).conflict


def test_ruling_out_negates_and_not_ruling_out_hedges() -> None:
    assert polarity("The harbour master ruled out a second ferry this year.") == -1
    assert polarity("An aide said he cannot rule out that the mayor spoke about the sale.") == 1


def test_a_verdict_with_no_verb_rejects_the_account_just_given() -> None:
    account = "The harbour board said the ferry company had dumped oil in the bay."
    for verdict in (
        '"It is absolutely not true," the ferry company told the radio.',
        "The ferry company said these claims were ridiculous and should be ignored.",
        "That's not true, the ferry company said.",
    ):
        assert classify_sentences(account, verdict).conflict, verdict
    # a verdict on its own sentence's claim, or on a named object, answers no other account
    own = "The board's claim that the bay was clean is false, campaigners said."
    assert not classify_sentences(account, own).conflict
    assert not classify_sentences(account, "It is not true that the pier was sold, the mayor said.").conflict
    assert not classify_sentences("The pier opened in May.", '"It is absolutely not true," the mayor said.').conflict


def test_a_verdict_sentence_is_the_rejecting_side_of_a_pair() -> None:
    account = statement_features("The harbour board said the ferry company had dumped oil in the bay.", id="art")
    verdict = statement_features('"It is absolutely not true," the ferry company told the radio.', id="art")
    account.claim.speaker, verdict.claim.speaker = "org:harbour-board", "org:ferry-company"
    verdict.claim.content = Span(100, 160, verdict.claim.content.text)
    assert classify_pair(account, verdict).conflict


def test_a_dispute_asked_of_someone_else_is_an_account_not_a_rejection() -> None:
    account = "The mayor asked the police to publicly dispute reports that the pier had been sold to his friend."
    assert classify_sentences(account, "The police denied those reports.").conflict
    own = "The mayor continues to dispute reports that the pier had been sold to his friend."
    assert not classify_sentences(own, "The police denied those reports.").conflict  # two rejections agree


def test_a_rejection_answers_the_clause_that_tells_an_account() -> None:
    account = (
        "The council is not backing away from plans that could change the harbour, even after allegations that the"
        " mayor tried to sell the pier."
    )
    assert classify_sentences(account, "The mayor has denied trying to sell the pier.").conflict
