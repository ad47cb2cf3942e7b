"""Outlets as a newsroom knows them: one name, many domains and aliases; what an article
states wins over a guess; wire copy is the agency's; editors and admins rename and merge."""

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, Outlet, OutletAlias, OutletDomain

from .factories import ArticleFactory, OutletFactory, UserFactory

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
STORY = (
    "<p>The council voted on Tuesday to close the pool for the summer.</p>"
    "<p>It opens again in May, the clerk said after the meeting.</p>"
)


def page(
    *, site: str = "", url: str = "", body: str = STORY, title: str = "Pool to close"
) -> bytes:
    head = f"<title>{title}</title>"
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    if url:
        head += f'<link rel="canonical" href="{url}">'
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


def import_page(data: bytes, source: str = "page.html", outlet: str = "") -> Article:
    return services.import_article(data=data, source=source, outlet_name=outlet).article


def text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


class TestStatedWinsOverGuessed:
    def test_a_site_name_creates_the_outlet_with_its_domain(self):
        article = import_page(
            page(site="Milltown Courier", url="https://milltowncourier.example/a")
        )
        assert article.outlet.name == "Milltown Courier"
        assert list(article.outlet.domains.values_list("domain", flat=True)) == [
            "milltowncourier.example"
        ]
        assert article.outlet.homepage == "https://milltowncourier.example/"

    def test_the_first_page_at_a_domain_does_not_name_the_later_ones(self):
        first = import_page(page(site="Milltown Courier", url="https://milltowncourier.example/a"))
        stated = json.dumps(
            {
                "body": "The council voted on Tuesday to close the pool.",
                "outlet": "The Milltown Weekly",
                "url": "https://milltowncourier.example/b",
            }
        ).encode()
        second = import_page(stated, "b.json")
        assert second.outlet.name == "The Milltown Weekly"
        assert first.outlet.name == "Milltown Courier"

    def test_a_page_that_states_no_name_takes_the_outlet_of_its_domain(self):
        courier = import_page(
            page(site="Milltown Courier", url="https://milltowncourier.example/a")
        )
        nameless = import_page(
            page(url="https://www.milltowncourier.example/c", body=STORY.replace("pool", "rink")),
            "c.html",
        )
        assert nameless.outlet == courier.outlet

    def test_a_name_finds_its_outlet_by_any_spelling_or_alias(self):
        hill = OutletFactory(name="The Hill", domains=[])
        OutletAlias.objects.create(outlet=hill, name="Capitol Hill Daily")
        assert import_page(page(site="TheHill"), "a.html").outlet == hill
        body = STORY.replace("pool", "rink")
        assert import_page(page(site="Capitol Hill Daily", body=body), "b.html").outlet == hill

    def test_the_editors_outlet_wins_over_the_page(self):
        article = import_page(page(site="Milltown Courier"), outlet="Riverton Tribune")
        assert article.outlet.name == "Riverton Tribune"

    def test_the_editor_may_say_who_carried_it(self):
        article = import_page(page(), outlet="Associated Press via Times Union")
        assert (article.outlet.name, article.via) == ("Associated Press", "Times Union")


class TestSyndication:
    def test_wire_copy_on_a_newspapers_site_is_the_agencys(self):
        data = (ARTICLES / "wire-copy-on-newspaper.html").read_bytes()
        article = import_page(data, "wire.html")
        assert (article.outlet.name, article.via) == ("Associated Press", "Riverton Tribune")
        # the newspaper's domain is not bound to the agency
        assert not OutletDomain.objects.filter(domain="rivertontribune.example").exists()

    def test_the_newspapers_own_story_at_the_same_domain_is_the_newspapers(self):
        import_page((ARTICLES / "wire-copy-on-newspaper.html").read_bytes(), "wire.html")
        own = import_page(
            page(site="Riverton Tribune", url="https://www.rivertontribune.example/own")
        )
        assert own.outlet.name == "Riverton Tribune"
        assert own.via == ""

    def test_one_agency_on_two_sites_is_one_source(self):
        text_a = "SALEM, Ore. (AP) — Ferry workers voted on Tuesday to strike next month."
        text_b = "SALEM, Ore. (AP) — Ferry workers voted to strike, their union said."
        a = import_page(page(site="Riverton Tribune", body=f"<p>{text_a}</p>"), "a.html")
        b = import_page(page(site="Coast Daily", body=f"<p>{text_b}</p>"), "b.html")
        assert a.outlet == b.outlet
        assert a.source_key == b.source_key
        assert {a.via, b.via} == {"Riverton Tribune", "Coast Daily"}


class TestUnknownOutlet:
    def test_shown_with_the_headline_never_the_file_name(self):
        article = ArticleFactory(
            outlet=Outlet.unknown(), headline="Pool closes for summer", source="002_abc.txt"
        )
        assert article.outlet_label == "Unknown outlet (Pool closes for summer)"
        assert "002_abc" not in article.outlet_label

    def test_without_a_headline_by_its_opening_words_past_the_dateline(self):
        article = ArticleFactory(outlet=Outlet.unknown(), headline="")
        assert article.outlet_label == (
            "Unknown outlet (About 4,200 bus drivers walked off the job…)"
        )

    def test_each_unknown_article_is_its_own_source(self):
        first, second = ArticleFactory.create_batch(2, outlet=Outlet.unknown())
        assert first.source_key != second.source_key

    def test_the_batch_page_shows_the_unknown_label_and_the_carrier(self, editor_client):
        data = (ARTICLES / "wire-copy-on-newspaper.html").read_bytes()
        nameless = b"The council voted on Tuesday to close the pool for the summer."
        batch = services.record_batch(
            editor=UserFactory(),
            files=[
                services.received_file(
                    "wire.html", 0, services.import_article(data=data, source="wire.html")
                ),
                services.received_file(
                    "memo.txt", 1, services.import_article(data=nameless, source="memo.txt")
                ),
            ],
        )
        page_text = text(editor_client.get(batch.get_absolute_url()))
        assert "Associated Press via Riverton Tribune" in page_text
        assert "Unknown outlet (The council voted on Tuesday to close the…)" in page_text
        assert "memo.txt Imported Unknown outlet (memo.txt)" not in page_text


class TestRenameAndMerge:
    def test_a_renamed_outlet_keeps_its_old_name_as_an_alias(self):
        outlet = OutletFactory(name="Courier")
        article = ArticleFactory(outlet=outlet)
        services.rename_outlet(outlet=outlet, name="Milltown Courier")
        article.refresh_from_db()
        assert article.outlet_label == "Milltown Courier"
        assert list(outlet.aliases.values_list("name", flat=True)) == ["Courier"]
        assert import_page(page(site="Courier")).outlet == outlet

    def test_renaming_to_another_outlets_name_is_refused(self):
        OutletFactory(name="Milltown Courier")
        outlet = OutletFactory(name="Courier")
        with pytest.raises(services.OutletChangeRefused, match="merge the two outlets instead"):
            services.rename_outlet(outlet=outlet, name="The Milltown Courier")

    def test_merging_moves_articles_domains_and_aliases(self):
        keep = OutletFactory(name="Milltown Courier", domains=["milltowncourier.example"])
        fold = OutletFactory(name="Courier Online", domains=["courier.example"])
        OutletAlias.objects.create(outlet=fold, name="The Courier")
        moved = ArticleFactory(outlet=fold)
        services.merge_outlets(into=keep, outlets=[fold])
        moved.refresh_from_db()
        assert moved.outlet == keep
        assert not Outlet.objects.filter(pk=fold.pk).exists()
        assert set(keep.domains.values_list("domain", flat=True)) == {
            "milltowncourier.example",
            "courier.example",
        }
        assert set(keep.aliases.values_list("name", flat=True)) == {"Courier Online", "The Courier"}
        assert import_page(page(site="Courier Online")).outlet == keep

    def test_the_unknown_outlet_is_neither_renamed_nor_merged(self):
        unknown, other = Outlet.unknown(), OutletFactory()
        with pytest.raises(services.OutletChangeRefused):
            services.rename_outlet(outlet=unknown, name="Somebody")
        with pytest.raises(services.OutletChangeRefused):
            services.merge_outlets(into=other, outlets=[unknown])


class TestOutletPages:
    def test_editors_list_find_and_open_outlets(self, editor_client):
        courier = OutletFactory(name="Milltown Courier", domains=["milltowncourier.example"])
        OutletFactory(name="Riverton Tribune")
        ArticleFactory(outlet=courier, headline="Pool closes for summer")
        listing = text(editor_client.get(reverse("outlet_list"), {"q": "milltown"}))
        assert "Milltown Courier milltowncourier.example" in listing
        assert "Riverton Tribune" not in listing
        detail = text(editor_client.get(courier.get_absolute_url()))
        assert "Pool closes for summer" in detail

    def test_rename_in_the_workbench(self, editor_client):
        outlet = OutletFactory(name="Courier")
        response = editor_client.post(
            reverse("rename_outlet", args=[outlet.pk]), {"name": "Milltown Courier"}
        )
        assert response.status_code == 302
        outlet.refresh_from_db()
        assert outlet.name == "Milltown Courier"
        assert outlet.aliases.get().name == "Courier"

    def test_a_refused_rename_says_why(self, editor_client):
        OutletFactory(name="Milltown Courier")
        outlet = OutletFactory(name="Courier")
        response = editor_client.post(
            reverse("rename_outlet", args=[outlet.pk]), {"name": "milltown courier"}
        )
        assert response.status_code == 400
        assert "already goes by" in text(response)
        outlet.refresh_from_db()
        assert outlet.name == "Courier"

    def test_merge_in_the_workbench_by_name_or_alias(self, editor_client):
        keep = OutletFactory(name="Milltown Courier")
        OutletAlias.objects.create(outlet=keep, name="MC")
        fold = OutletFactory(name="Courier Online")
        ArticleFactory(outlet=fold)
        response = editor_client.post(reverse("merge_outlet", args=[fold.pk]), {"into": "mc"})
        assert response.status_code == 302 and response.url == keep.get_absolute_url()
        assert keep.articles.count() == 1
        assert not Outlet.objects.filter(pk=fold.pk).exists()

    @pytest.mark.parametrize(
        ("into", "message"),
        [("Nobody", "No outlet is called"), ("Courier Online", "That is this outlet")],
    )
    def test_a_merge_that_cannot_be_done_says_why(self, editor_client, into, message):
        fold = OutletFactory(name="Courier Online")
        response = editor_client.post(reverse("merge_outlet", args=[fold.pk]), {"into": into})
        assert response.status_code == 400
        assert message in text(response)

    def test_viewers_cannot_see_or_change_outlets(self, viewer_client):
        outlet = OutletFactory(name="Courier")
        assert viewer_client.get(reverse("outlet_list")).status_code == 403
        assert viewer_client.get(outlet.get_absolute_url()).status_code == 403
        response = viewer_client.post(reverse("rename_outlet", args=[outlet.pk]), {"name": "X"})
        assert response.status_code == 403
        outlet.refresh_from_db()
        assert outlet.name == "Courier"

    def test_logged_out_users_are_sent_to_log_in(self, client):
        response = client.get(reverse("outlet_list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))

    def test_changes_need_the_csrf_token(self, editor):
        outlet = OutletFactory(name="Courier")
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        response = client.post(reverse("rename_outlet", args=[outlet.pk]), {"name": "X"})
        assert response.status_code == 403

    def test_outlet_names_are_escaped(self, editor_client):
        outlet = OutletFactory(name="<script>alert(1)</script> Gazette")
        page_html = editor_client.get(outlet.get_absolute_url()).content.decode()
        assert "<script>alert(1)" not in page_html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Gazette" in page_html


class TestAdmin:
    @pytest.fixture
    def admin_client(self, client):
        client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
        return client

    def test_the_change_page_lists_domains_and_aliases(self, admin_client):
        outlet = OutletFactory(name="Courier", domains=["courier.example"])
        OutletAlias.objects.create(outlet=outlet, name="The Courier Daily")
        response = admin_client.get(reverse("admin:articles_outlet_change", args=[outlet.pk]))
        assert response.status_code == 200
        assert "courier.example" in response.text and "The Courier Daily" in response.text

    def test_renaming_in_the_admin_keeps_the_old_name(self, admin_client):
        outlet = OutletFactory(name="Courier", domains=[])
        data = {
            "name": "Milltown Courier", "slug": outlet.slug, "homepage": "",
            "domains-TOTAL_FORMS": "0", "domains-INITIAL_FORMS": "0",
            "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
        }  # fmt: skip
        response = admin_client.post(
            reverse("admin:articles_outlet_change", args=[outlet.pk]), data
        )
        assert response.status_code == 302
        outlet.refresh_from_db()
        assert outlet.name == "Milltown Courier"
        assert list(outlet.aliases.values_list("name", flat=True)) == ["Courier"]

    @pytest.mark.parametrize(
        ("inline", "message"),
        [
            ({"aliases-0-name": "the milltown courier"}, "already goes by this name"),
            (
                {"domains-0-domain": "WWW.Courier.Example"},
                "Outlet domain with this Domain already exists",
            ),
        ],
    )
    def test_a_clashing_alias_or_domain_is_a_form_error(self, admin_client, inline, message):
        OutletFactory(name="Milltown Courier", domains=["courier.example"])
        outlet = OutletFactory(name="Riverton Tribune", domains=[])
        data = {
            "name": outlet.name, "slug": outlet.slug, "homepage": "",
            "domains-TOTAL_FORMS": "1", "domains-INITIAL_FORMS": "0", "domains-0-domain": "",
            "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-0-name": "",
        } | inline  # fmt: skip
        response = admin_client.post(
            reverse("admin:articles_outlet_change", args=[outlet.pk]), data
        )
        assert response.status_code == 200
        assert message in response.text
        assert not outlet.aliases.exists() and not outlet.domains.exists()

    def test_merge_action_asks_then_merges(self, admin_client):
        keep, fold = OutletFactory(name="Milltown Courier"), OutletFactory(name="Courier Online")
        ArticleFactory(outlet=fold)
        url = reverse("admin:articles_outlet_changelist")
        chosen = {"action": "merge_outlets", "_selected_action": [keep.pk, fold.pk]}
        asked = admin_client.post(url, chosen)
        assert asked.status_code == 200 and "Which outlet do the others become?" in asked.text
        done = admin_client.post(url, chosen | {"into": keep.pk})
        assert done.status_code == 302
        assert keep.articles.count() == 1
        assert not Outlet.objects.filter(pk=fold.pk).exists()


class TestImportCommand:
    def test_the_command_says_who_carried_wire_copy(self, tmp_path):
        out = io.StringIO()
        call_command(
            "import_articles",
            str(ARTICLES / "wire-copy-on-newspaper.html"),
            str(ARTICLES / "lantern-ferry-ramp.html"),
            stdout=out,
        )
        assert "wire-copy-on-newspaper.html: imported (Associated Press, via Riverton Tribune)" in (
            out.getvalue()
        )
