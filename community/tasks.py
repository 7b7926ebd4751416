"""E-mails of the community, sent through django-tasks like the manifesto's.

Nobody's address is shown to anyone before they accept: a proposal tells the volunteer about the
association's need without its contact; the introduction, sent once a volunteer accepted, is the
first e-mail that carries both addresses, and it goes to both.

Links are on the site's address (the Site record, home/site_url.py). The tasks' ``base_url`` argument is
ignored: it is accepted for tasks queued before links came from the Site record.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from home.site_url import site_root_url

from .tokens import ANSWER_SALT, CONFIRM_SALT, FOLLOW_UP_SALT, VOLUNTEER_SALT, confirmation_max_age, make_token


def page_link(page, route, obj, salt):
    """An absolute personal link on the site's address (the Site record, home/site_url.py)."""
    root = site_root_url(page=page)
    return root + page.get_url_parts()[2] + page.reverse_subpage(route, kwargs={"token": make_token(obj, salt)})


def volunteer_link(proposal, page):
    """The volunteer's own page: their account for a profile with one, the personal link for a signatory."""
    if proposal.signature_id:
        return page_link(page, "volunteer", proposal.signature, VOLUNTEER_SALT)
    root = site_root_url(page=page)
    from django.urls import reverse

    return root + reverse("community_account") if proposal.volunteer.user_id else ""


def _send(template, context, to, language, reply_to=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/community/{template}_subject.txt", context).split())
        body = render_to_string(f"emails/community/{template}.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to).send()


def _request(request_id):
    from .models import HelpRequest

    return HelpRequest.objects.select_related("page").filter(pk=request_id, anonymised_at__isnull=True).first()


@task()
def send_confirmation_email(request_id, base_url=None):
    help_request = _request(request_id)
    if help_request is None or help_request.page is None:
        return False
    page = help_request.page
    context = {
        "help_request": help_request,
        "page": page,
        "confirm_url": page_link(page, "confirm", help_request, CONFIRM_SALT),
        "expiry_days": confirmation_max_age() // (24 * 3600),
    }
    _send("confirm", context, [help_request.contact_email], help_request.language)
    return True


@task()
def send_proposal_email(proposal_id, base_url=None):
    from .models import Proposal

    proposal = Proposal.objects.select_related("request__page", "signature", "volunteer").filter(pk=proposal_id).first()
    if proposal is None or proposal.request.page is None or not proposal.email:
        return False
    page = proposal.request.page
    context = {
        "proposal": proposal,
        "help_request": proposal.request,
        "page": page,
        "answer_url": page_link(page, "answer", proposal, ANSWER_SALT),
        "volunteer_url": volunteer_link(proposal, page),
    }
    _send("proposal", context, [proposal.email], proposal.request.language)
    return True


@task()
def send_introduction_email(proposal_id, base_url=None):
    """One e-mail to the association and the volunteer who accepted: each gets the other's address."""
    from .models import Proposal

    proposal = Proposal.objects.select_related("request__page", "signature", "volunteer").filter(pk=proposal_id).first()
    if proposal is None or proposal.answer != Proposal.Answer.ACCEPTED or proposal.introduced_at:
        return False
    help_request = proposal.request
    if help_request.page is None or help_request.anonymised_at:
        return False
    context = {
        "proposal": proposal,
        "help_request": help_request,
        "page": help_request.page,
        "volunteer_url": volunteer_link(proposal, help_request.page),
    }
    to = [help_request.contact_email, proposal.email]
    _send("introduction", context, to, help_request.language, reply_to=to)
    Proposal.objects.filter(pk=proposal.pk).update(introduced_at=timezone.now())
    return True


@task()
def send_follow_up_emails(request_id, base_url=None):
    """ "La mission a-t-elle abouti ?" to the association and each volunteer who accepted."""
    from .models import Proposal

    help_request = _request(request_id)
    if help_request is None or help_request.page is None:
        return False
    page = help_request.page
    context = {
        "help_request": help_request,
        "page": page,
        "follow_up_url": page_link(page, "follow_up", help_request, FOLLOW_UP_SALT),
        "for_association": True,
    }
    _send("follow_up", context, [help_request.contact_email], help_request.language)
    accepted = help_request.proposals.filter(answer=Proposal.Answer.ACCEPTED).select_related("signature", "volunteer")
    for proposal in accepted:
        if not proposal.email:
            continue
        context = {
            "help_request": help_request,
            "page": page,
            "proposal": proposal,
            "follow_up_url": page_link(page, "answer", proposal, ANSWER_SALT),
            "for_association": False,
        }
        _send("follow_up", context, [proposal.email], help_request.language)
    return True
