from django.urls import path

from . import views

app_name = "tickets"
urlpatterns = [
    path("", views.my_tickets, name="my_tickets"),
    path("new/", views.new_ticket, name="new_ticket"),
    path("<int:pk>/", views.ticket_detail, name="ticket_detail"),
    path("<int:pk>/assign/", views.assign_ticket, name="assign_ticket"),
    path("agents/", views.AgentDirectoryView.as_view(), name="agent_list"),
    path("agents/report/", views.agent_report, name="agent_report"),
    path("agents/<int:pk>/", views.edit_agent, name="edit_agent"),
    path("agents/<int:pk>/deactivate/", views.deactivate_agent, name="deactivate_agent"),
]
