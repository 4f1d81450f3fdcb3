from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView

from . import reports, services
from .forms import AgentChangeForm, AssignForm, CommentForm, TicketForm
from .models import AuditEntry, Ticket, User


class PortalSignupView(CreateView):
    """Customers create their own account before opening a ticket."""

    form_class = UserCreationForm
    template_name = "tickets/signup.html"
    success_url = reverse_lazy("login")


@login_required
def my_tickets(request):
    tickets = Ticket.objects.filter(
        Q(requester=request.user) | Q(assignee=request.user) | Q(watchers=request.user)
    ).distinct()
    return render(request, "tickets/my_tickets.html", {"tickets": tickets})


@login_required
def new_ticket(request):
    form = TicketForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ticket = services.open_ticket(request.user, **form.cleaned_data)
        messages.success(request, f"Ticket #{ticket.pk} opened.")
        return redirect(ticket)
    return render(request, "tickets/ticket_form.html", {"form": form})


@login_required
def ticket_detail(request, pk):
    ticket = get_object_or_404(Ticket.objects.select_related("requester", "assignee"), pk=pk)
    if not ticket.can_be_seen_by(request.user):
        raise Http404
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        internal = form.cleaned_data["is_internal"] and request.user.is_staff
        services.add_comment(ticket, request.user, form.cleaned_data["body"], internal)
        return redirect(ticket)
    comments = ticket.comments.select_related("author")
    if not request.user.is_staff:
        comments = comments.filter(is_internal=False)
    context = {
        "ticket": ticket,
        "comments": comments,
        "form": form,
        "assign_form": (
            AssignForm(initial={"assignee": ticket.assignee_id}) if request.user.is_staff else None
        ),
    }
    return render(request, "tickets/ticket_detail.html", context)


@login_required
@require_POST
def assign_ticket(request, pk):
    if not request.user.is_staff:
        raise PermissionDenied
    ticket = get_object_or_404(Ticket, pk=pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        services.assign(ticket, form.cleaned_data["assignee"], actor=request.user)
    return redirect(ticket)


class AgentDirectoryView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = ("auth.view_user", "auth.change_user")
    template_name = "tickets/agent_list.html"
    context_object_name = "agents"

    def get_queryset(self):
        return (
            User.objects.filter(is_staff=True).select_related("agent_settings").order_by("username")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["admin_links"] = {
            agent.pk: {
                "change": reverse("admin:auth_user_change", args=[agent.pk]),
                "password": reverse("admin:auth_user_password_change", args=[agent.pk]),
            }
            for agent in context["agents"]
        }
        return context


@login_required
@permission_required("auth.view_user", raise_exception=True)
def agent_report(request):
    context = {
        "workload": reports.agent_workload(),
        "silent_requesters": reports.requesters_without_tickets().count(),
    }
    return render(request, "tickets/agent_report.html", context)


@login_required
def edit_agent(request, pk):
    if not request.user.has_perm("auth.change_user"):
        raise PermissionDenied
    agent = get_object_or_404(User, pk=pk, is_staff=True)
    form = AgentChangeForm(request.POST or None, instance=agent)
    if request.method == "POST" and form.is_valid():
        form.save()
        services.audit(request.user, "updated", agent)
        messages.success(request, f"{agent.username} updated.")
        return redirect("tickets:agent_list")
    context = {
        "form": form,
        "agent": agent,
        "history": AuditEntry.about_user(agent)[:20],
        "password_url": reverse("admin:auth_user_password_change", args=[agent.pk]),
    }
    return render(request, "tickets/agent_form.html", context)


@login_required
@require_POST
def deactivate_agent(request, pk):
    if not request.user.has_perm("auth.change_user"):
        raise PermissionDenied
    agent = get_object_or_404(User, pk=pk)
    released = services.deactivate_account(agent, actor=request.user)
    messages.info(request, f"{agent.username} deactivated; {released} ticket(s) back in the queue.")
    return redirect("tickets:agent_list")
