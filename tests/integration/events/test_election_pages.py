"""The pages of an election as delegates and the public use them: the election in each phase,
voting through the form (the receipt in the response, never cached), refusals in words next to
their question, finding a ballot by its receipt, the download and the recount."""

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.elections_factories import make_delegate, make_election, open_election
from tests.events_factories import EventFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.events.domain import elections as domain
from wego.events.models import Ballot, Candidacy, Election, VoterRecord
from wego.events.services import elections as service

pytestmark = pytest.mark.django_db

PRESIDENT = f"office-{domain.PRESIDENT}"


@pytest.fixture
def city():
    names = ("Seoul", "Nairobi", "Hebron")
    return {name: make_member(name=name, name_en=name, slug=name.lower()) for name in names}


@pytest.fixture
def election(city):
    event = EventFactory(slug="assembly")
    return make_election(
        event=event,
        title="Elections of the Assembly",
        candidates={
            domain.PRESIDENT: [city["Seoul"], city["Nairobi"]],
            domain.VICE_PRESIDENTS: [city["Hebron"]],
        },
        resolutions=["statutes"],
    )


def url(name, election, **query):
    address = reverse(f"events:{name}", args=[election.event.slug, election.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def text(response) -> str:
    return response.content.decode()


def vote(client, election, member, president=(), statutes="yes"):
    data = {"city": member.pk, PRESIDENT: [m.pk for m in president]}
    if statutes:
        data["resolution-statutes"] = statutes
    return client.post(url("election_vote", election), data)


def published(election, city, client):
    """Seoul and Nairobi vote (both for Seoul as President City), then it is published."""
    receipts = {}
    for name in ("Seoul", "Nairobi"):
        user, _accreditation = make_delegate(election.event, city[name])
        choices = domain.Choices(
            offices={domain.PRESIDENT: [city["Seoul"].pk]},
            resolutions={"statutes": "yes" if name == "Seoul" else "no"},
        )
        receipts[name] = service.cast_vote(election, user, city[name].pk, choices)
    service.close_voting(election)
    service.count_and_publish(election)
    return receipts


# --- the election's page in each phase --------------------------------------------------------


def test_an_election_in_preparation_is_seen_by_staff_only(client, election):
    assert client.get(url("election", election)).status_code == 404
    client.force_login(make_secretariat())
    page = client.get(url("election", election))
    assert page.status_code == 200
    assert "only the staff see this election" in text(page)


def test_with_candidacies_open_the_candidates_are_listed_by_name(client, election, city):
    service.announce(election)
    page = text(client.get(url("election", election)))
    assert "Candidacies are open" in page
    assert "vote for up to 6" in page and "vote for 1)" in page
    assert page.index("Nairobi stands.") < page.index("Seoul stands.")  # by name
    assert "Listed by name until candidacies close" in page
    assert "Quorum: 50% of the 3 full member cities in good standing: at least 2 ballots." in page


def test_once_drawn_the_order_is_published_with_its_seed_and_how_to_check_it(
    client, election, city
):
    service.close_candidacies(election)
    page = text(client.get(url("election", election)))
    assert "Voting has not opened yet" in page
    assert election.seed in page
    assert "seed|office key|member id" in page
    order = domain.ballot_order(
        election.seed, [city["Seoul"].pk, city["Nairobi"].pk], domain.PRESIDENT
    )
    first, second = (next(m for m in city.values() if m.pk == pk).name for pk in order)
    assert page.index(f"{first} stands.") < page.index(f"{second} stands.")
    assert domain.order_key(election.seed, order[0], domain.PRESIDENT) in page


def test_while_voting_the_turnout_is_shown_never_a_count(client, election, city):
    open_election(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    choices = domain.Choices(offices={domain.PRESIDENT: [city["Seoul"].pk]})
    service.cast_vote(election, user, city["Seoul"].pk, choices)
    page = text(client.get(url("election", election)))
    assert "Voting is open." in page
    assert "1 of 3 cities has voted." in page
    assert "Elected" not in page and "Votes" not in page
    assert "Seoul</li>" not in page  # who has voted: the staff's


def test_staff_see_who_has_voted_and_their_actions(client, election, city):
    open_election(election)
    user, _ = make_delegate(election.event, city["Nairobi"])
    service.cast_vote(election, user, city["Nairobi"].pk, domain.Choices())
    client.force_login(make_secretariat())
    page = text(client.get(url("election", election)))
    assert "Cities that have voted" in page
    assert re.search(r"<li><bdi>Nairobi</bdi></li>", page)
    assert "Seoul</li>" not in page


def test_a_delegate_sees_a_link_to_vote_for_their_city_then_that_it_has_voted(
    client, election, city
):
    open_election(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    client.force_login(user)
    page = text(client.get(url("election", election)))
    assert "Vote for Seoul" in page
    assert url("election_vote", election, city=city["Seoul"].pk) in page
    vote(client, election, city["Seoul"], [city["Seoul"]])
    page = text(client.get(url("election", election)))
    assert "Seoul has voted." in page and "Vote for Seoul" not in page


def test_after_closing_the_page_says_the_result_is_to_come(client, election, city):
    open_election(election)
    service.close_voting(election)
    page = text(client.get(url("election", election)))
    assert "Voting has closed and the ballots are counted" in page
    assert "0 of 3 cities have voted." in page


def test_voting_closed_by_the_clock_is_said_so_before_the_count(client, election):
    open_election(election)
    Election.objects.filter(pk=election.pk).update(
        opens_at=timezone.now() - timedelta(hours=2), closes_at=timezone.now() - timedelta(hours=1)
    )
    page = text(client.get(url("election", election)))
    assert "Voting has closed. The ballots will be counted" in page
    assert 'data-local-time><time datetime="' in page  # the reader's clock beside the venue's


def test_the_published_result_in_words_and_percentages(client, election, city):
    open_election(election)
    published(election, city, client)
    page = text(client.get(url("election", election)))
    assert "Voting has closed and the result is published." in page
    assert "The quorum was met" in page
    # Seoul: 2 of 2 ballots; Nairobi none; 2 of 3 cities voted
    assert re.search(r"Seoul</th>\s*<td class=\"numeric\">2</td>", page)
    assert re.search(r"</meter> 100%</span>", page) and re.search(r"</meter> 0%</span>", page)
    assert "<dt>Turnout</dt><dd>66.7%</dd>" in page
    assert "Elected" in page and "Not elected" in page
    assert "Not adopted" in page  # statutes: one yes, one no; a simple majority needs more yes
    assert election.fingerprint in page
    assert url("election_ballots", election) in page
    assert url("election_recount", election) in page
    assert 'action="' + url("election_find_ballot", election) + '"' in page
    assert re.search(r"<li><bdi>Nairobi</bdi></li>\s*<li><bdi>Seoul</bdi></li>", page)


def test_a_share_of_one_ballot_in_two_reads_50_percent(client, election, city):
    open_election(election)
    for name, president in (("Seoul", "Seoul"), ("Nairobi", "Nairobi")):
        user, _ = make_delegate(election.event, city[name])
        choices = domain.Choices(offices={domain.PRESIDENT: [city[president].pk]})
        service.cast_vote(election, user, city[name].pk, choices)
    service.close_voting(election)
    service.count_and_publish(election)
    page = text(client.get(url("election", election)))
    assert page.count("50%") >= 3  # the quorum, Seoul's share and Nairobi's
    assert "0.5" not in page
    assert "Tied for the last seat" in page
    assert "2 candidates have 1 vote each for the last seat" in page


def test_without_quorum_there_is_no_result_and_the_page_says_why(client, election, city):
    open_election(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    service.cast_vote(
        election,
        user,
        city["Seoul"].pk,
        domain.Choices(offices={domain.PRESIDENT: [city["Seoul"].pk]}),
    )
    service.close_voting(election)
    service.count_and_publish(election)
    page = text(client.get(url("election", election)))
    assert "The quorum was not met: 1 ballots were cast and at least 2 were needed" in page
    assert "nobody is elected" in page
    assert "No result (quorum not met)" in page
    assert '<strong class="outcome outcome--elected">' not in page


def test_the_event_page_links_to_its_elections_once_announced(client, election):
    event_page = reverse("events:detail", args=[election.event.slug])
    assert "Elections of the Assembly" not in text(client.get(event_page))
    service.announce(election)
    page = text(client.get(event_page))
    assert election.get_absolute_url() in page and "Candidacies open" in page
    listing = text(client.get(reverse("events:elections", args=[election.event.slug])))
    assert "Elections of the Assembly" in listing and "Voting opens" in listing


# --- voting -----------------------------------------------------------------------------------


@pytest.fixture
def seoul_votes(client, election, city):
    open_election(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    client.force_login(user)
    return user


def test_the_ballot_lists_each_question_in_ballot_order(client, election, city, seoul_votes):
    page = client.get(url("election_vote", election))
    body = text(page)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert 'You vote for <strong dir="auto">Seoul</strong>' in body
    assert f'type="hidden" name="city" value="{city["Seoul"].pk}"' in body
    assert "(vote for 1)" in body and "(vote for up to 6)" in body
    names = [c.member.name for c in service.candidacies_in_order(election.offices.first())]
    assert body.index(f">{names[0]}</label>") < body.index(f">{names[1]}</label>")
    assert 'name="resolution-statutes" value="abstain"' in body
    assert "{#" not in body and "#}" not in body  # no template comment shown as text


def test_a_vote_through_the_form_shows_the_receipt_once_and_is_never_cached(
    client, election, city, seoul_votes
):
    response = vote(client, election, city["Seoul"], [city["Nairobi"]], "abstain")
    body = text(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = re.search(r'id="receipt-code"[^>]*>([0-9A-Z-]{19})<', body).group(1)
    assert domain.normalise_receipt(code) == code
    assert "shown this once and stored nowhere" in body
    assert "Write it down or print this page" in body
    assert "Find your ballot" in body
    ballot = Ballot.objects.get(election=election)
    assert ballot.receipt_digest == domain.receipt_digest(code)
    assert ballot.choices["offices"][domain.PRESIDENT] == [city["Nairobi"].pk]
    assert ballot.choices["resolutions"]["statutes"] == "abstain"
    assert VoterRecord.objects.filter(election=election, member=city["Seoul"]).exists()


def test_a_second_vote_is_refused_in_words(client, election, city, seoul_votes):
    vote(client, election, city["Seoul"], [city["Seoul"]])
    again = vote(client, election, city["Seoul"], [city["Nairobi"]])
    assert again.status_code == 400
    assert "no-store" in again["Cache-Control"]
    assert "This city has already voted in this election. A city votes once." in text(again)
    assert Ballot.objects.filter(election=election).count() == 1
    page = client.get(url("election_vote", election))
    assert "Your vote is cast" in text(page) and "Seoul has voted." in text(page)


def test_too_many_candidates_is_said_next_to_the_office_and_the_marks_are_kept(
    client, election, city, seoul_votes
):
    response = vote(client, election, city["Seoul"], [city["Seoul"], city["Nairobi"]], "no")
    body = text(response)
    assert response.status_code == 400
    sentence = "You marked 2 candidates for President City; mark at most 1."
    office = body.split('id="question-office-president"')[1].split("</fieldset>")[0]
    assert sentence in office
    assert f'href="#question-{PRESIDENT}"' in body  # the summary points at it
    for member in (city["Seoul"], city["Nairobi"]):
        assert re.search(rf'value="{member.pk}"[^>]*checked', office)
    assert re.search(r'value="no"[^>]*checked', body)
    assert not Ballot.objects.exists() and not VoterRecord.objects.exists()


def test_a_candidate_of_another_office_is_refused(client, election, city, seoul_votes):
    response = vote(client, election, city["Seoul"], [city["Hebron"]])
    assert response.status_code == 400
    assert "Mark only the candidates listed for President City." in text(response)
    assert not Ballot.objects.exists()


def test_someone_who_is_no_delegate_is_told_why(client, election, city):
    open_election(election)
    client.force_login(make_user())
    page = client.get(url("election_vote", election))
    assert page.status_code == 403 and "no-store" in page["Cache-Control"]
    assert "Only the accredited delegate of a member city votes" in text(page)
    posted = vote(client, election, city["Seoul"], [city["Seoul"]])
    assert posted.status_code == 403
    assert not Ballot.objects.exists()


def test_a_delegate_cannot_vote_for_another_city(client, election, city, seoul_votes):
    response = vote(client, election, city["Nairobi"], [city["Seoul"]])
    assert response.status_code == 400
    assert "You do not vote for this city" in text(response)
    assert not Ballot.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, election):
    open_election(election)
    response = client.get(url("election_vote", election))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert "no-store" in response["Cache-Control"]


def test_outside_the_window_the_ballot_is_refused(client, election, city):
    service.close_candidacies(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    client.force_login(user)
    before = client.get(url("election_vote", election))
    assert before.status_code == 200 and "Voting has not opened yet." in text(before)
    assert 'name="city"' not in text(before)
    service.open_voting(election)
    service.close_voting(election)
    after = vote(client, election, city["Seoul"], [city["Seoul"]])
    assert after.status_code == 400 and "no-store" in after["Cache-Control"]
    assert "Voting has closed: no more ballots are taken." in text(after)
    assert not Ballot.objects.exists()


def test_a_proxy_holder_chooses_the_city_from_a_list(client, election, city):
    service.close_candidacies(election)
    user, accreditation = make_delegate(election.event, city["Seoul"])
    service.declare_proxy(election, city["Hebron"], accreditation, by=None)
    service.open_voting(election)
    client.force_login(user)
    page = text(client.get(url("election_vote", election, city=city["Hebron"].pk)))
    assert 'type="radio" name="city"' in page
    assert re.search(rf'value="{city["Hebron"].pk}"[^>]*checked', page)
    assert "Hebron (by proxy)" in page
    receipt = vote(client, election, city["Hebron"], [city["Nairobi"]])
    assert receipt.status_code == 200 and "Vote for Seoul" in text(receipt)
    assert VoterRecord.objects.get(election=election).member == city["Hebron"]


def test_a_hidden_election_is_not_found(client, election, city):
    user, _ = make_delegate(election.event, city["Seoul"])
    client.force_login(user)
    assert client.get(url("election_vote", election)).status_code == 404
    odd = f"/events/{election.event.slug}/elections/{'9' * 30}/"
    assert client.get(odd).status_code == 404


# --- after publication ------------------------------------------------------------------------


def test_a_ballot_is_found_by_its_receipt(client, election, city):
    open_election(election)
    receipts = published(election, city, client)
    typed = receipts["Nairobi"].lower().replace("-", " ")
    found = client.post(url("election_find_ballot", election), {"receipt": typed})
    body = text(found)
    assert found.status_code == 200 and "no-store" in found["Cache-Control"]
    assert "Your ballot, as listed" in body
    listed = body.split("Your ballot, as listed")[1].split("</dl>")[0]
    assert "President City" in listed and "Seoul" in listed
    assert "Statutes" in listed and ">No<" in listed
    assert "Blank: nobody marked" in listed  # Vice President Cities
    assert domain.receipt_digest(receipts["Nairobi"]) in body


def test_a_receipt_that_is_no_ballot_or_no_code_is_said_next_to_the_field(client, election, city):
    open_election(election)
    published(election, city, client)
    missing = client.post(url("election_find_ballot", election), {"receipt": domain.new_receipt()})
    assert missing.status_code == 400 and "No ballot has this code" in text(missing)
    assert re.search(
        r'field-errors" id="id_receipt_error">.*No ballot has this code', text(missing)
    )
    malformed = client.post(url("election_find_ballot", election), {"receipt": "K7QF-2MXP"})
    assert malformed.status_code == 400
    assert "This is not a receipt code: 16 letters and digits in four groups" in text(malformed)
    assert 'value="K7QF-2MXP"' in text(malformed)  # what was typed stays


def test_finding_a_ballot_before_publication_says_when(client, election):
    open_election(election)
    page = client.get(url("election_find_ballot", election))
    assert page.status_code == 200
    assert "Once the vote has closed and the result is published" in text(page)
    assert 'name="receipt"' not in text(page)


def test_the_download_is_the_published_list_byte_for_byte(client, election, city):
    open_election(election)
    assert client.get(url("election_ballots", election)).status_code == 404
    published(election, city, client)
    download = client.get(url("election_ballots", election))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    assert f"assembly-election-{election.pk}-ballots.json" in download["Content-Disposition"]
    assert download.content == election.published_list.encode()
    assert hashlib.sha256(download.content).hexdigest() == election.fingerprint
    assert json.loads(download.content)["format"] == "wego-election/1"


def test_the_recount_page_says_the_recount_equals_the_result(client, election, city):
    open_election(election)
    assert client.get(url("election_recount", election)).status_code == 404
    published(election, city, client)
    page = text(client.get(url("election_recount", election)))
    assert "the recount equals the published result" in page
    assert election.fingerprint in page
    name = f"assembly-election-{election.pk}-ballots.json"
    assert f"python3 recount.py {name}" in page and f"{name} --receipt CODE" in page
    assert "events/recount.py" in page


def test_the_recount_page_lists_what_differs(client, election, city):
    open_election(election)
    published(election, city, client)
    document = json.loads(election.published_list)
    document["result"]["ballots"] = 3
    Election.objects.filter(pk=election.pk).update(published_list=json.dumps(document))
    page = text(client.get(url("election_recount", election)))
    assert "the recount does not equal the published result" in page
    assert "The recount differs from the published result." in page
    assert "This is not the fingerprint announced with the result" in page


def test_names_and_titles_read_in_the_readers_language(client, election, city):
    from wego.events.models import Office

    city["Seoul"].name_ar = "سيول"
    city["Seoul"].save()
    Office.objects.filter(election=election, key=domain.PRESIDENT).update(
        title_ar="المدينة الرئيسة"
    )
    open_election(election)
    published(election, city, client)
    page = text(client.get("/ar" + url("election", election)))
    assert "سيول" in page and "المدينة الرئيسة" in page


def test_a_vote_and_a_look_up_leave_no_receipt_in_the_logs(client, election, city, caplog):
    open_election(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    client.force_login(user)
    caplog.set_level("DEBUG")
    response = vote(client, election, city["Seoul"], [city["Nairobi"]])
    code = re.search(r'id="receipt-code"[^>]*>([0-9A-Z-]{19})<', text(response)).group(1)
    assert code not in caplog.text and "Nairobi" not in caplog.text
    other, _ = make_delegate(election.event, city["Nairobi"])
    service.cast_vote(election, other, city["Nairobi"].pk, domain.Choices())
    service.close_voting(election)
    service.count_and_publish(election)
    caplog.clear()
    wrong = domain.new_receipt()
    client.post(url("election_find_ballot", election), {"receipt": wrong})
    client.post(url("election_find_ballot", election), {"receipt": code})
    assert f"no such ballot): election={election.pk}" in caplog.text
    assert wrong not in caplog.text and code not in caplog.text


# --- the work of a vote (bench/bench_voting.py measures its time) -----------------------------


def test_the_ballot_and_the_vote_take_few_queries_whatever_the_number_of_candidates(
    client, election, city
):
    """The ballot page and the vote read the questions in a fixed number of queries (not one
    per office or candidate), and never Django's permission tables (accounts/backends.py)."""
    office = election.offices.get(key=domain.EXECUTIVE_COMMITTEE)
    for n in range(12):
        member = make_member(name=f"Candidate {n}", name_en=f"Candidate {n}", slug=f"c-{n}")
        Candidacy.objects.create(office=office, member=member, statement=f"{member} stands.")
    open_election(election)
    user, _ = make_delegate(election.event, city["Seoul"])
    client.force_login(user)

    with CaptureQueriesContext(connection) as ballot_page:
        page = client.get(url("election_vote", election))
    assert page.status_code == 200 and "Candidate 11" in text(page)
    with CaptureQueriesContext(connection) as cast:
        response = vote(client, election, city["Seoul"], [city["Nairobi"]])
    assert response.status_code == 200 and 'id="receipt-code"' in text(response)
    for captured, budget in ((ballot_page, 11), (cast, 16)):
        statements = [q["sql"] for q in captured.captured_queries]
        assert len(statements) <= budget, "\n".join(statements)
        assert not [s for s in statements if "auth_permission" in s]
        assert not [s for s in statements if 'JOIN "events_event"' in s]
