"""The development corpus: every event folder holds together, and on all of it every
reason the engine gives quotes only words the texts say, highlighted exactly."""

import io
import json
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from factcheck.corpus import CorpusError, load_corpus, load_event
from factcheck.management.commands.evaluate_corpus import score_split

CORPUS = settings.BASE_DIR / "tests/data/corpus"


@pytest.fixture(scope="module")
def scores():
    """The whole corpus, both splits, analysed once for the module's tests."""
    return score_split(load_corpus(CORPUS))


def test_every_event_folder_is_valid_and_split():
    events = load_corpus(CORPUS)
    splits = {event.split for event in events}
    assert splits == {"dev", "heldout"}
    assert len(events) >= 12


def test_every_reason_quotes_only_what_the_texts_say(scores):
    ungrounded = [miss for miss in scores.misses if miss.startswith("ungrounded reason")]
    assert ungrounded == []
    assert scores.figures()["reasons grounded"] == 1.0


def test_highlights_mark_exactly_what_the_reasons_quote(scores):
    stray = [miss for miss in scores.misses if miss.startswith("highlight no reason quotes")]
    assert stray == []


def test_a_folder_with_an_article_not_listed_is_refused(tmp_path):
    folder = tmp_path / "event"
    shutil.copytree(CORPUS / "hotel-strike", folder)
    (folder / "99-stray.txt").write_text("An article nobody annotated.\n")
    with pytest.raises(CorpusError, match=r"99-stray\.txt is not listed"):
        load_event(folder)


def test_a_conflict_between_mentions_of_one_outlet_is_refused(tmp_path):
    folder = tmp_path / "event"
    shutil.copytree(CORPUS / "hotel-strike", folder)
    annotation = json.loads((folder / "annotation.json").read_text())
    first = annotation["mentions"][0]
    same_article = next(
        mention for mention in annotation["mentions"][1:] if mention["article"] == first["article"]
    )
    annotation["conflicts"].append(
        {"mentions": [first["id"], same_article["id"]], "kind": "figure"}
    )
    (folder / "annotation.json").write_text(json.dumps(annotation))
    with pytest.raises(CorpusError):
        load_event(folder)


def test_the_command_prints_each_split_against_its_targets():
    out = io.StringIO()
    call_command("evaluate_corpus", "--event", "hotel-strike", "--split", "dev", stdout=out)
    text = out.getvalue()
    assert "== dev: 1 events" in text
    assert "contradiction precision" in text and "(target 0.85:" in text


def test_the_command_never_lists_held_out_misses():
    out = io.StringIO()
    call_command("evaluate_corpus", "--split", "heldout", "--misses", stdout=out)
    assert "false contradiction" not in out.getvalue()


def test_an_unknown_event_is_an_error():
    with pytest.raises(CommandError, match="no-such-event"):
        call_command("evaluate_corpus", "--event", "no-such-event")
