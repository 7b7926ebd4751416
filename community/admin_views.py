"""The admin page of one help request's volunteers: who was asked and what they answered, the
volunteers suggested (skills and département), and the form that e-mails the proposal to the chosen ones."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from manifesto.models import Signature

from .forms import ProposeForm
from .matching import suggestions_for
from .models import CLOSED_STATUSES, HelpRequest, Proposal, Status, VolunteerPage
from .tasks import send_proposal_email


class ProposeView(WagtailAdminTemplateMixin, FormView):
    template_name = "community/admin/propose.html"
    form_class = ProposeForm
    page_title = gettext_lazy("Volunteers")
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("community.change_helprequest"):
            raise PermissionDenied
        self.help_request = get_object_or_404(HelpRequest, pk=kwargs["pk"], anonymised_at__isnull=True)
        self.suggestions = suggestions_for(self.help_request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.help_request.association

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailsnippets_community_helprequest:list"), "label": _("Help requests")},
            {
                "url": reverse("wagtailsnippets_community_helprequest:edit", args=[self.help_request.pk]),
                "label": self.help_request.association,
            },
            {"url": "", "label": _("Volunteers")},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["choices"] = [(suggestion.key, suggestion.name) for suggestion in self.suggestions]
        return kwargs

    def get_initial(self):
        return {"volunteers_wanted": self.help_request.volunteers_wanted}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = self.help_request.proposals.select_related("signature", "volunteer")
        context.update(
            {
                "help_request": self.help_request,
                "suggestions": self.suggestions,
                "proposals": list(proposals),
                "closed": self.help_request.status in CLOSED_STATUSES,
                "edit_url": reverse("wagtailsnippets_community_helprequest:edit", args=[self.help_request.pk]),
            }
        )
        return context

    def form_valid(self, form):
        help_request = self.help_request
        if help_request.status in CLOSED_STATUSES or not help_request.is_confirmed:
            form.add_error(None, _("This request is closed or not confirmed: it cannot be proposed."))
            return self.form_invalid(form)
        chosen = form.cleaned_data["volunteers"]
        signature_ids = [int(key[1:]) for key in chosen if key.startswith("s")]
        volunteer_ids = [int(key[1:]) for key in chosen if key.startswith("v")]
        created = []
        with transaction.atomic():
            HelpRequest.objects.filter(pk=help_request.pk).update(
                volunteers_wanted=form.cleaned_data["volunteers_wanted"]
            )
            people = [("signature", s) for s in Signature.objects.filter(pk__in=signature_ids)]
            people += [("volunteer", v) for v in VolunteerPage.objects.filter(pk__in=volunteer_ids)]
            for field, person in people:
                try:
                    with transaction.atomic():
                        created.append(Proposal.objects.create(request=help_request, **{field: person}))
                except IntegrityError:
                    continue  # already asked (a second click, or another member of staff)
            if created and help_request.status in (Status.NEW, Status.ACCEPTED):
                HelpRequest.objects.filter(pk=help_request.pk).update(status=Status.PROPOSED)
        for proposal in created:
            transaction.on_commit(lambda pk=proposal.pk: send_proposal_email.enqueue(pk))
        messages.success(
            self.request,
            ngettext(
                "The proposal was sent to %(count)d volunteer.",
                "The proposal was sent to %(count)d volunteers.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect("community_admin:propose", pk=help_request.pk)
