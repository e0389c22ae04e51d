"""Story clustering across outlets and days; copies counted once (invented fixtures)."""

from __future__ import annotations

from dataclasses import replace

from presswatch.analysis.stories import StoryOptions, cluster_stories
from test_claims_fixtures import BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B, QUOTA_A, Doc, build


def _doc(title: str, body: str, day: str, outlet: str, ents: list[tuple[str, str, str]], dup: str | None = None) -> Doc:
    return Doc(
        title=title,
        paragraphs=[body],
        published=f"2031-05-{day}T08:00:00+00:00",
        outlet=outlet,
        mentions=ents,
        duplicate_of=dup,
    )


def test_same_story_across_outlets_and_days_clusters_and_others_stay_apart() -> None:
    items = [build(d) for d in (BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B, QUOTA_A)]
    stories = cluster_stories(items)
    sets = [set(s.articles) for s in stories]
    border = {items[0][0].id, items[1][0].id}
    bridge = {items[2][0].id, items[3][0].id}
    assert border in sets and bridge in sets
    assert {items[4][0].id} in sets
    story = next(s for s in stories if set(s.articles) == border)
    assert story.outlets == ["Harbour Times", "Morning Ledger"]
    assert (story.first, story.last) == ("2031-04-02", "2031-04-03")
    assert "gpe:dalsk" in story.entities


def test_time_window_separates_the_same_words_weeks_apart() -> None:
    ents = [("Lake Mora", "LOC", "loc:lake-mora")]
    a = _doc("Lake Mora flood warning issued", "Officials issued a flood warning for Lake Mora.", "01", "A", ents)
    b = _doc("Lake Mora flood warning lifted", "Officials lifted the flood warning for Lake Mora.", "02", "B", ents)
    c = _doc("Lake Mora flood warning issued again", "Officials issued a flood warning for Lake Mora.", "28", "C", ents)
    items = [build(d) for d in (a, b, c)]
    stories = cluster_stories(items, StoryOptions(window_days=4))
    assert sorted(s.size for s in stories) == [1, 2]
    stories = cluster_stories(items, StoryOptions(window_days=40))
    assert [s.size for s in stories] == [3]


def test_syndicated_copies_are_counted_once() -> None:
    ents = [("Port Vell", "GPE", "gpe:port-vell")]
    orig = build(
        _doc("Ferry strike in Port Vell", "Ferry crews in Port Vell went on strike on Monday.", "03", "A", ents)
    )
    copy = build(
        _doc(
            "Ferry strike in Port Vell",
            "Ferry crews in Port Vell went on strike on Monday (wire).",
            "03",
            "B",
            ents,
            dup=orig[0].id,
        )
    )
    other = build(
        _doc("Port Vell ferry strike ends", "The ferry strike in Port Vell ended on Tuesday.", "04", "C", ents)
    )
    stories = cluster_stories([orig, copy, other])
    (story,) = stories
    assert story.size == 2 and copy[0].id not in story.articles
    assert story.copies == {copy[0].id: orig[0].id}
    # the copy alone (its original outside the range) still makes one story, not zero
    (alone,) = cluster_stories([copy])
    assert alone.articles == [copy[0].id]


def _filler(n: int) -> str:
    """Invented words that name no one, to push later mentions out of the lead."""
    return " ".join(f"lorvan{i} tesk" for i in range(n)) + "."


def test_one_article_touching_two_stories_does_not_chain_them_together() -> None:
    """Single link joined every story an article touched; the average over all pairs keeps the two apart."""
    port = [("Port Vell", "GPE", "gpe:port-vell"), ("Vell Harbour Board", "ORG", "org:vell-harbour-board")]
    lake = [("Lake Mora", "LOC", "loc:lake-mora"), ("Dalsk", "GPE", "gpe:dalsk")]
    dredging = [
        _doc(f"Port Vell harbour dredging {t}", f"The Vell Harbour Board {b} dredging in Port Vell.", d, o, port)
        for t, b, d, o in (
            ("contract signed", "signed the contract for", "01", "A"),
            ("begins", "began the", "02", "B"),
            ("halted by storm", "halted the", "03", "C"),
            ("resumes", "resumed the", "04", "D"),
        )
    ]
    flood = [
        _doc(f"Lake Mora flood {t} Dalsk", f"The flood at Lake Mora {b} Dalsk.", d, o, lake)
        for t, b, d, o in (
            ("threatens", "threatens", "02", "E"),
            ("reaches", "reached", "03", "F"),
            ("recedes from", "receded from", "04", "G"),
            ("damage counted in", "left damage in", "05", "H"),
        )
    ]
    bridge = _doc(
        "Dredging barges leave Port Vell for Lake Mora flood",
        "Canal crews towed the idle barges from Port Vell to the Lake Mora flood.",
        "03",
        "I",
        [port[0], lake[0]],
    )
    canal = [
        _doc(f"Canal crews leave barges idle {n}", "Canal crews left the barges idle.", "20", "J", []) for n in "ab"
    ]
    items = [build(d) for d in (*dredging, *flood, bridge, *canal)]
    chained = cluster_stories(items, StoryOptions(merge_average=0.0))
    assert sorted(s.size for s in chained) == [2, 9]
    sets = [set(s.articles) for s in cluster_stories(items)]
    dredging_ids = {a.id for a, _ in items[:4]}
    flood_ids = {a.id for a, _ in items[4:8]}
    assert any(dredging_ids <= s for s in sets) and any(flood_ids <= s for s in sets)
    assert not any(dredging_ids <= s and flood_ids <= s for s in sets)


def test_entities_count_when_in_the_title_the_lead_or_named_twice() -> None:
    from presswatch.analysis.stories import describe

    doc = _doc(
        "Port Vell ferry strike",
        f"Ana Keller said the ferry crews of Port Vell would strike. {_filler(60)} Tomas Brin was also there. "
        "Lida Sorn spoke for the crews. Lida Sorn said more.",
        "03",
        "A",
        [
            ("Port Vell", "GPE", "gpe:port-vell"),
            ("Ana Keller", "PERSON", "person:ana-keller"),
            ("Tomas Brin", "PERSON", "person:tomas-brin"),
            ("Lida Sorn", "PERSON", "person:lida-sorn"),
        ],
    )
    article, enriched = build(doc)
    assert article.text.index("Tomas Brin") > StoryOptions().lead_chars
    entities = {k: w for k, w in describe(article, enriched).features.items() if k.startswith("e:")}
    assert entities == {"e:gpe:port-vell": 3.0, "e:person:ana-keller": 2.0, "e:person:lida-sorn": 2.0}


def test_a_long_article_full_of_its_own_names_still_joins_its_story() -> None:
    """Features no other article has are left out of the cosine: they only made long articles look unlike all."""
    ents = [("Port Vell", "GPE", "gpe:port-vell"), ("Vell Ferry Union", "ORG", "org:vell-ferry-union")]
    own = [(f"Dara Vensk{i}a", "PERSON", f"person:dara-vensk{i}a") for i in range(80)]
    passing = " ".join(f"Dara Vensk{i}a and Dara Vensk{i}a spoke." for i in range(80))
    short = _doc(
        "Ferry strike halts Port Vell crossings", "The Vell Ferry Union strike halted Port Vell.", "03", "A", ents
    )
    long = _doc(
        "Port Vell ferry strike enters second day",
        f"The Vell Ferry Union strike in Port Vell entered a second day. {passing}",
        "04",
        "B",
        ents + own,
    )
    other = _doc("Lake Mora flood warning issued", "Officials warned of a flood at Lake Mora.", "04", "C", [])
    items = [build(d) for d in (short, long, other)]
    sets = [set(s.articles) for s in cluster_stories(items)]
    assert {items[0][0].id, items[1][0].id} in sets


_WIRE = [
    "Ferry crews in Port Vell walked off the job at dawn on Monday, stranding hundreds of commuters on both sides "
    "of the strait as the Vell Ferry Union pressed its claim for a shorter working week.",
    "The union said the strike would last until the harbour board agreed to talks, and that no crossings would run "
    "before Wednesday at the earliest, leaving the island towns with only the slow coastal road.",
    "Harbour board officials said they had offered a pay rise of four percent last month and called the walkout "
    "reckless, adding that emergency crossings for the hospital would still be arranged by the coast guard.",
    "Shop owners on the island said deliveries of bread and fuel had already been delayed, and the mayor of Dalsk "
    "asked both sides to meet before the weekend market brings thousands of visitors to the town.",
]
_LOCAL = (
    "In Dalsk itself, the school board closed two schools whose teachers live on the mainland, and parents queued "
    "at the town hall for news of a replacement bus from the northern pier."
)
_OWN_REPORT = [
    "Commuters waited in vain at the northern pier of Port Vell on Monday morning, many of them unaware of the "
    "strike called by the Vell Ferry Union overnight.",
    "A nurse who crosses every day told this paper she had slept at a friend's flat on the mainland, while a "
    "fisherman said the strike was long overdue and that the crews had been ignored for years.",
    "The union said the strike would last until the harbour board agreed to talks.",
    "Taxi drivers on the coastal road doubled their fares by noon, according to passengers at the bus station.",
]


def test_edited_wire_copies_are_counted_once_and_own_reporting_is_not_a_copy() -> None:
    """A copy with a paragraph cut and one with a local paragraph added stay below the near-duplicate threshold of
    dedup; within their story they are copies. An outlet's own report that quotes one sentence of the wire is not."""
    ents = [("Port Vell", "GPE", "gpe:port-vell"), ("Vell Ferry Union", "ORG", "org:vell-ferry-union")]
    docs = [
        _doc("Port Vell ferry strike strands commuters", "", "03", "Wire", ents),
        _doc("Ferry strike strands Port Vell commuters", "", "03", "Cut", ents),
        _doc("Port Vell ferry strike: commuters stranded", "", "03", "Added", ents),
        _doc("Port Vell ferry strike: a long wait at the pier", "", "03", "Own", ents),
        _doc("Port Vell ferry strike", "", "03", "Teaser", ents),
    ]
    paragraphs = [_WIRE, _WIRE[:3], [*_WIRE, _LOCAL], _OWN_REPORT, [_WIRE[0][:60]]]
    for doc, paras in zip(docs, paragraphs, strict=True):
        doc.paragraphs = paras
    items = [build(d) for d in docs]
    wire, cut, added, own, teaser = (a.id for a, _ in items)
    options = StoryOptions(probe_features=64)  # five articles alike: blocking on the 8 rarest features misses pairs
    (story,) = cluster_stories(items, options)
    assert story.copies == {wire: added, cut: added}  # the longest text stands for the copies it holds
    assert sorted(story.articles) == sorted([added, own, teaser])  # own reporting; a few words are never judged
    assert story.size == 3 and story.outlets == ["Added", "Own", "Teaser"]
    # with copy detection off, each is counted
    (apart,) = cluster_stories(items, replace(options, copy_containment=1.01, copy_sentences=1.01))
    assert apart.size == 5 and not apart.copies


def test_containment_of_edited_copies_while_jaccard_stays_below_the_near_duplicate_threshold() -> None:
    from presswatch.dedup import MinHasher, containment, similarity

    hasher = MinHasher()
    full, cut, own = (" ".join(p) for p in (_WIRE, _WIRE[:3], _OWN_REPORT))
    sets = dict(zip(("full", "cut", "own"), hasher.shingle_sets([full, cut, own]), strict=True))
    assert containment(sets["cut"], sets["full"]) == 1.0
    assert containment(sets["full"], sets["cut"]) < 0.8
    assert similarity(hasher.signature(full), hasher.signature(cut)) < 0.8
    assert containment(sets["own"], sets["full"]) < 0.3
    assert containment(hasher.shingle_sets([""])[0], sets["full"]) == 0.0


def test_copies_are_found_through_the_shingle_index_in_a_large_story() -> None:
    """Past 50 originals a stock passage shared by all elects no candidate; cut copies are still found, and only
    they."""
    import random

    from presswatch.analysis.stories import ArticleFeatures, copies_within
    from presswatch.dedup import MinHasher

    rng = random.Random(5)
    words = [f"tesk{i}" for i in range(2000)]
    stock = " ".join(f"lorvan{i}" for i in range(100))
    texts = [" ".join(rng.choice(words) for _ in range(300)) + " " + stock for _ in range(120)]
    for i in range(10, 120, 10):
        texts[i] = " ".join(texts[i - 7].split()[:250])  # the first 250 words of an earlier article
    members = [
        ArticleFeatures(id=f"a{i:03d}", title="", day=None, published=None, outlet=None, features={}, shingles=s)
        for i, s in enumerate(MinHasher().shingle_sets(texts))
    ]
    assert copies_within(members) == {f"a{i:03d}": f"a{i - 7:03d}" for i in range(10, 120, 10)}


_AGENCY = [
    "The port authority of Nereth closed the container terminal on Tuesday after a crane collapsed onto a cargo ship "
    "during the night shift, injuring three dock workers.",
    "Two of the injured were taken to the regional hospital in serious condition, a spokeswoman for the U.S.-owned "
    "terminal operator said, while the third was treated at the scene.",
    '"We are working with the investigators to find out why the crane failed," the spokeswoman said, adding that the '
    "crane had passed its last safety inspection in March.",
    "The dock workers' union called for an independent inquiry and said its members had warned about the ageing "
    "cranes for more than a year.",
    "Shipping lines diverted at least six vessels to the neighbouring port of Calvo, where waiting times rose to two "
    "days by Tuesday evening.",
    "The terminal handles about a third of the country's container traffic and employs some two thousand people.",
    "Officials said it would stay closed at least until the wreckage of the crane has been removed from the ship.",
]
# an outlet's rewrite of the agency story: its own lead, light edits, one paragraph cut, one of its own added
_REWRITE = [
    "Nereth's container terminal has been shut down after a crane fell onto a cargo ship overnight and left three "
    "dock workers hurt, the port authority said on Tuesday.",
    "Two of the injured were taken to the regional hospital in serious condition, a spokeswoman for the US-owned "
    "terminal operator said, while the third was treated at the scene.",
    '"We are working with the investigators to find out why the crane failed," the spokeswoman said, adding that the '
    "crane had passed its last safety inspection in March.",
    "The dock workers' union called for an independent inquiry, saying its members had warned about the ageing "
    "cranes for more than a year.",
    "Shipping lines diverted at least six vessels to the neighbouring port of Calvo, where waiting times rose to two "
    "days by Tuesday evening.",
    "Nereth's mayor said the city would help the families of the injured men with their hospital costs.",
    "Officials said it would stay closed at least until the wreckage of the crane has been removed from the ship.",
]
# a different article on the same story, quoting the same spokeswoman
_FOLLOW_UP = [
    "Investigators at the Nereth container terminal said on Wednesday that a snapped cable brought down the crane "
    "that collapsed onto a cargo ship two nights ago.",
    "The cable had been replaced in January by a contractor whose work is now being examined, the lead investigator "
    "told reporters at the gate of the terminal.",
    '"We are working with the investigators to find out why the crane failed," the spokeswoman said, adding that the '
    "crane had passed its last safety inspection in March.",
    "The union repeated its call for an independent inquiry and said it would hold a rally outside the port offices.",
    "Ships that were diverted to Calvo began returning to Nereth late on Wednesday as two berths reopened.",
]


def test_a_rewritten_wire_copy_with_its_own_lead_is_counted_once_and_a_shared_quote_makes_no_copy() -> None:
    from presswatch.dedup import MinHasher, containment

    ents = [("Nereth", "GPE", "gpe:nereth"), ("Calvo", "GPE", "gpe:calvo")]
    docs = [
        _doc("Crane collapse shuts Nereth container terminal", "", "03", "Agency", ents),
        _doc("Nereth terminal shut after crane falls on ship", "", "03", "Daily", ents),
        _doc("Snapped cable brought down Nereth crane, investigators say", "", "04", "Herald", ents),
    ]
    for doc, paras in zip(docs, (_AGENCY, _REWRITE, _FOLLOW_UP), strict=True):
        doc.paragraphs = paras
    items = [build(d) for d in docs]
    agency, rewrite, follow_up = (a.id for a, _ in items)
    texts = [" ".join(p) for p in (_AGENCY, _REWRITE, _FOLLOW_UP)]
    sets = MinHasher().shingle_sets(texts)
    assert containment(sets[1], sets[0]) < 0.8  # below the containment of an edited copy
    options = StoryOptions(probe_features=64)
    (story,) = cluster_stories(items, options)
    assert story.copies == {rewrite: agency}
    assert sorted(story.articles) == sorted([agency, follow_up]) and story.size == 2
    # published weeks apart, the same sentences are a later article repeating the background, not a copy
    late = replace(docs[1], published="2031-06-20T08:00:00+00:00")
    items_late = [items[0], build(late)]
    (together,) = cluster_stories(items_late, replace(options, window_days=60))
    assert together.size == 2 and not together.copies


def test_sentences_match_across_light_edits_and_a_new_lead_is_not_a_copy() -> None:
    from presswatch.analysis.stories import sentence_profiles
    from presswatch.dedup import MinHasher

    agency, rewrite, follow_up = sentence_profiles(MinHasher(), [" ".join(p) for p in (_AGENCY, _REWRITE, _FOLLOW_UP)])
    assert len(agency.words) == 7  # "U.S.-owned" ends no sentence
    share, lead = rewrite.found_in(agency)
    assert share > 0.65 and lead >= 0.5  # "U.S." = "US", ", saying" for "and said": still found
    share, lead = follow_up.found_in(agency)
    assert share < 0.3 and lead == 0.0
    # the agency story with news put over it: most of its sentences are there, its lead is not
    updated = sentence_profiles(MinHasher(), [" ".join([*_FOLLOW_UP[:2], *_AGENCY[1:]])])[0]
    share, lead = updated.found_in(agency)
    assert share > 0.65 and lead < 0.5


def test_a_single_article_joins_a_story_at_a_lower_average_than_two_grown_stories_merge() -> None:
    import math

    from presswatch.analysis.stories import _AverageLink

    def unit(**v: float) -> dict[str, float]:
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {k: x / norm for k, x in v.items()}

    units = [
        unit(x=1.0),  # 0, 1: one story
        unit(x=0.8, y=0.6),
        unit(z=1.0),  # 2, 3: a neighbouring story
        unit(z=0.8, y=0.6),
        unit(x=0.15, y=0.1, q=0.98),  # 4: a single article, average cosine with story 0-1 about 0.16
    ]
    stories = _AverageLink(units)
    stories.join_if_close(0, 1, 0.21, 0.08)
    stories.join_if_close(2, 3, 0.21, 0.08)
    assert stories.sets.find(0) == stories.sets.find(1) and stories.sets.find(2) == stories.sets.find(3)
    stories.join_if_close(1, 4, 0.21, 0.08)  # a single article: the lower average is enough
    assert stories.sets.find(4) == stories.sets.find(0)
    stories.join_if_close(1, 3, 0.21, 0.08)  # two grown stories (average about 0.07): kept apart
    assert stories.sets.find(0) != stories.sets.find(2)
    low = _AverageLink(units)  # (a refusal is remembered while the stories do not grow: a fresh start)
    for i, j in ((0, 1), (2, 3), (1, 4), (1, 3)):
        low.join_if_close(i, j, 0.05, 0.08)
    assert low.sets.find(0) == low.sets.find(2)
