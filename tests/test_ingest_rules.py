"""Furniture, datelines and dates on text of our own: each rule takes what it should and
never a sentence of the story (pure Python, no database)."""

from datetime import date

import pytest

from articles.ingest import IngestError, read_article, read_pasted_article

STORY = "The council voted 7-2 on Tuesday to close the pool for the summer."
MORE = "It opens again in May, the clerk said after the meeting."


def parse(text: str, name: str = "story.txt"):
    return read_article(text.encode(), name=name, max_bytes=100_000)


def removed_kinds(article) -> dict[str, str]:
    return {item.text: item.kind for item in article.boilerplate}


class TestWireFootersAndCredits:
    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("The Associated Press contributed to this report.", "wire footer"),
            ("Associated Press writer Jo Park in Salem contributed to this report.", "wire footer"),
            ("Reporting by Jo Park; Editing by Sam Lee", "wire footer"),
            ("(Reporting by Jo Park in Bonn; Writing by Ana Ruiz; Editing by Al)", "wire footer"),
            ("Contributing: Kristine Phillips", "wire footer"),
            ("This story was originally published by the Milltown Courier.", "wire footer"),
            (
                "Copyright 2024 The Associated Press. All rights reserved. This material may not "
                "be published, broadcast, rewritten or redistributed.",
                "copyright line",
            ),
            ("© 2024 Milltown Courier", "copyright line"),
            ("Reprinted with permission from the Milltown Courier.", "copyright line"),
            ("Follow AP's coverage of the vote at https://apnews.com/hub/vote", "coverage link"),
            ("Follow Jo Park on Twitter: @jopark", "coverage link"),
        ],
    )  # fmt: skip
    def test_leaves_the_body_and_stays_in_the_raw_text(self, line, kind):
        text = f"{STORY}\n\n{MORE}\n\n{line}"
        article = parse(text)
        assert article.body == f"{STORY}\n\n{MORE}"
        assert removed_kinds(article) == {line: kind}
        assert line in article.raw_text

    @pytest.mark.parametrize(
        "sentence",
        [
            "Reporting by the Milltown Courier in 2019 revealed the contracts.",
            "Copyright law, the judge wrote, does not protect the pool's design.",
        ],
    )
    def test_sentences_that_open_like_a_footer_stay(self, sentence):
        article = parse(f"{STORY}\n\n{sentence}\n\n{MORE}")
        assert article.body == f"{STORY}\n\n{sentence}\n\n{MORE}"

    def test_a_tweet_signature_leaves_and_the_tweet_stays(self):
        tweet = "We are on it and will not stop. #pool"
        signature = "— Milltown Council (@MilltownCouncil) November 19, 2019"
        article = parse(f"{STORY}\n\n{tweet}\n{signature}\n\n{MORE}")
        assert article.body == f"{STORY}\n\n{tweet}\n\n{MORE}"
        assert removed_kinds(article) == {signature: "tweet signature"}

    def test_a_tweet_signature_on_its_own_line(self):
        signature = "— Jo Park (@jopark) March 5, 2024"
        article = parse(f"{STORY}\n{signature}\n{MORE}")
        assert signature not in article.body
        assert removed_kinds(article) == {signature: "tweet signature"}

    def test_a_wire_agency_signing_off_is_a_credit_not_text(self):
        article = parse(f"{STORY}\n\n{MORE} PTI")
        assert article.body == f"{STORY}\n\n{MORE}"
        assert removed_kinds(article) == {"PTI": "wire credit"}
        assert article.outlet_cues[0].name == "Press Trust of India"


class TestPrompts:
    @pytest.mark.parametrize(
        "line",
        [
            "Sign up for our Morning Brief newsletter.",
            "Download the Courier app for breaking news alerts",
            "Get the latest headlines delivered to your inbox.",
            "Click here to watch live",
            "If you're on the Courier app, click here to watch live",
            "Forwarded this email? Subscribe to The Morning Brief.",
        ],
    )
    def test_prompts_leave_the_body(self, line):
        article = parse(f"{STORY}\n\n{line}\n\n{MORE}")
        assert article.body == f"{STORY}\n\n{MORE}"
        assert removed_kinds(article) == {line: "app prompt"}

    @pytest.mark.parametrize(
        "sentence",
        [
            "Click here to read the full court ruling, which runs to 212 pages.",
            "Residents can sign up for flood alerts on the county's website, officials said.",
            "People are encouraged to book appointments with the clinic's mobile app.",
        ],
    )
    def test_sentences_that_mention_links_and_apps_stay(self, sentence):
        article = parse(f"{STORY}\n\n{sentence}\n\n{MORE}")
        assert article.body == f"{STORY}\n\n{sentence}\n\n{MORE}"
        assert article.boilerplate == ()


class TestCaptions:
    @pytest.mark.parametrize(
        "sentence",
        [
            "The photos, courtesy of the county archive, show the pier in 1931.",
            "Video by a bystander shows the car leaving the road before the crash.",
            "The agency, which sells pictures through Getty Images, declined to comment.",
            "She said the image was taken by a staff photographer for the Courier.",
        ],
    )
    def test_running_text_with_credit_words_stays(self, sentence):
        article = parse(f"{STORY}\n\n{sentence}\n\n{MORE}")
        assert sentence in article.body
        assert article.boilerplate == ()

    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("pablohart/Getty Images", "photo credit"),
            ("Photo by Sam Lee for The Courier", "photo credit"),
            ("Courtesy of the Milltown Historical Society", "photo credit"),
            (
                "A firefighter sprays a burning roof in Alder Bay on Tuesday. (AP Photo/Jo Smith)",
                "photo caption",
            ),
            ("Photo: Volunteers count ballots at the county annex.", "photo caption"),
            (
                "Workers picket outside the clinic in Denver. Photo: Jo Smith/Bloomberg via "
                "Getty Images",
                "photo caption",
            ),
        ],
    )
    def test_captions_and_credits_leave(self, line, kind):
        article = parse(f"{STORY}\n\n{line}\n\n{MORE}")
        assert article.body == f"{STORY}\n\n{MORE}"
        assert removed_kinds(article) == {line: kind}


class TestMoreStories:
    LINKS = "Storm knocks out power\nRail talks resume\nCouncil passes budget\nFerry fares rise"
    REST = (
        "Pool manager Dana Kovac said the pumps had failed twice since the council voted last "
        "spring to delay the repair.\n\n"
        "The council said the closed pool would save the town about $40,000 over the summer, "
        "and that the pool would reopen in May."
    )

    def test_a_heading_in_the_middle_takes_only_its_links(self):
        text = f"{STORY}\n\n{MORE}\n\nMost read in world news\n\n{self.LINKS}\n\n{self.REST}"
        article = parse(text)
        assert article.body == f"{STORY}\n\n{MORE}\n\n{self.REST}"
        (block,) = article.boilerplate
        assert block.kind == "more stories block"
        assert block.text.startswith("Most read in world news Storm knocks out power")
        assert "Pool manager" not in block.text

    def test_a_heading_at_the_end_takes_the_rest(self):
        teasers = (
            "A bakery opened on Main Street with a line out the door.\n\n"
            "Minor hockey registration opens next week for the season."
        )
        article = parse(f"{STORY}\n\n{MORE}\n\nMore stories\n\n{teasers}")
        assert article.body == f"{STORY}\n\n{MORE}"
        assert [item.kind for item in article.boilerplate] == ["more stories block"]

    def test_a_heading_that_is_a_sentence_of_the_story_stays(self):
        sentence = "Most read the notice twice before signing it, the clerk said."
        article = parse(f"{STORY}\n\n{sentence}\n\n{MORE}")
        assert article.body == f"{STORY}\n\n{sentence}\n\n{MORE}"


class TestBylinesTimestampsAndHeadlines:
    @pytest.mark.parametrize(
        "line",
        [
            "By Jane Doe, Reuters",
            "By JANE DOE and SAM LEE, Associated Press",
            "By Jane Doe | Staff writer",
            "Published 5:04 PM ET Nov. 19, 2019",
            "Updated: Nov. 19, 2019 at 3:40 p.m.",
            "Monday, November 18, 2019",
            "date 05/03/2024",
        ],
    )
    def test_never_the_headline_never_the_body(self, line):
        article = parse(f"{line}\nPool to close for the summer\n{STORY}")
        assert article.headline == "Pool to close for the summer"
        assert article.body == STORY
        assert line in article.raw_text

    def test_a_byline_names_the_author_and_the_agency(self):
        article = parse(f"By Jane Doe, Reuters\n\n{STORY}")
        assert article.author == "Jane Doe"
        assert article.outlet_cues[0].name == "Reuters"

    def test_a_date_line_that_cannot_be_misread_dates_the_article(self):
        assert parse(f"date 25/03/2024\n{STORY}").published == date(2024, 3, 25)
        assert parse(f"Date: March 5, 2024\n{STORY}").published == date(2024, 3, 5)
        assert parse(f"date 05/03/2024\n{STORY}").published is None  # May 3 or March 5?

    def test_a_figure_on_its_own_line_is_not_a_timestamp(self):
        article = parse(f"{STORY}\n\n85%\n\n{MORE}")
        assert "85%" in article.body


class TestDatelines:
    @pytest.mark.parametrize(
        ("opening", "place", "agency"),
        [
            ("BERLIN, March 5 (Reuters) - Germany's", "BERLIN", "Reuters"),
            ("WASHINGTON—The", "WASHINGTON", ""),
            ("Washington (CNN) — The", "Washington", "CNN"),
            ("Hong Kong (CNN Business) — Asian", "Hong Kong", "CNN Business"),
            ("(Reuters) — The", "", "Reuters"),
            ("SALEM, Ore. (AP) — Deckhands", "SALEM, Ore.", "Associated Press"),
            ("DUBAI, United Arab Emirates — Dubai's", "DUBAI, United Arab Emirates", ""),
        ],
    )
    def test_wire_and_broadcast_forms(self, opening, place, agency):
        article = parse(f"{opening} council voted on Tuesday.\n\n{MORE}")
        assert article.dateline == place
        assert article.body.startswith(opening)  # the dateline stays in the story's text
        if agency:
            assert article.outlet_cues[0].name == agency

    def test_a_date_in_the_dateline_dates_the_article(self):
        text = "NEW YORK, Nov. 19, 2019 /PRNewswire/ -- Acme Corp. said on Tuesday it would close."
        article = parse(text)
        assert (article.dateline, article.published) == ("NEW YORK", date(2019, 11, 19))

    def test_a_stated_date_wins_over_the_datelines(self):
        text = "date 2019-11-20\nNEW YORK, Nov. 19, 2019 /PRNewswire/ -- Acme Corp. said so."
        assert parse(text).published == date(2019, 11, 20)

    def test_a_day_without_its_year_dates_nothing(self):
        assert parse("BERLIN, March 5 (Reuters) - Germany said so.").published is None

    @pytest.mark.parametrize(
        "opening",
        ["NASA - the agency - said on Tuesday it would wait.", "Kaiser - the largest - said so."],
    )
    def test_capitals_before_a_dash_mid_sentence_are_not_a_dateline(self, opening):
        assert parse(opening).dateline == ""


class TestPastedText:
    def paste(self, text: str):
        return read_pasted_article(text, outlet="Courier", published=None, max_bytes=10_000)

    @pytest.mark.parametrize("text", ["date 2024-05-01", "date 2024-05-01\n\n", "March 5, 2024"])
    def test_a_date_line_alone_is_refused(self, text):
        with pytest.raises(IngestError, match="no article text: there is only a date line"):
            self.paste(text)

    def test_a_stated_outlet_with_the_site_that_carried_it(self):
        article = read_pasted_article(
            STORY, outlet="Associated Press via Times Union", published=None, max_bytes=10_000
        )
        assert (article.outlet_cues[0].name, article.via) == ("Associated Press", "Times Union")
