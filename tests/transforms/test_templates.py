from __future__ import annotations

from codemods.swap_user.transforms.templates import Templates

from .tools import check_noop, check_transformed, notes_of, options

PATH = "blog/templates/blog/x.html"


def test_perms_in_if_tag():
    check_transformed(
        Templates,
        """\
        {% if perms.auth.change_user %}
          <a href="{% url 'admin:auth_user_change' user.pk %}">Edit</a>
        {% endif %}
        """,
        """\
        {% if perms.accounts.change_user %}
          <a href="{% url 'admin:accounts_user_change' user.pk %}">Edit</a>
        {% endif %}
        """,
        path=PATH,
    )


def test_other_label_every_action():
    check_transformed(
        Templates,
        """\
        {% if perms.auth.add_user or perms.auth.view_user %}x{% endif %}
        {% if perms.auth.delete_user %}y{% endif %}
        """,
        """\
        {% if perms.users.add_user or perms.users.view_user %}x{% endif %}
        {% if perms.users.delete_user %}y{% endif %}
        """,
        path=PATH,
        options=options(label="users"),
    )


def test_quoted_permission_in_membership_test_and_jinja():
    check_transformed(
        Templates,
        """\
        {% if "auth.change_user" in perms %}ok{% endif %}
        {% if request.user.has_perm('auth.view_user') %}ok{% endif %}
        """,
        """\
        {% if "accounts.change_user" in perms %}ok{% endif %}
        {% if request.user.has_perm('accounts.view_user') %}ok{% endif %}
        """,
        path="blog/templates/blog/x.jinja2",
    )


def test_admin_urls_keep_password_change():
    check_transformed(
        Templates,
        """\
        <a href="{% url 'admin:auth_user_changelist' %}">Users</a>
        <a href="{% url "admin:auth_user_add" %}">Add</a>
        <a href="{{ url('admin:auth_user_history', args=[user.pk]) }}">History</a>
        <a href="{% url 'admin:auth_user_password_change' user.pk %}">Password</a>
        """,
        """\
        <a href="{% url 'admin:accounts_user_changelist' %}">Users</a>
        <a href="{% url "admin:accounts_user_add" %}">Add</a>
        <a href="{{ url('admin:accounts_user_history', args=[user.pk]) }}">History</a>
        <a href="{% url 'admin:auth_user_password_change' user.pk %}">Password</a>
        """,
        path=PATH,
    )


def test_text_template_keeps_every_other_byte():
    before = "Hi {{ name }},\r\n\r\n\tYou were granted auth.change_user.\r\nNo trailing newline"
    after = "Hi {{ name }},\r\n\r\n\tYou were granted accounts.change_user.\r\nNo trailing newline"
    check_transformed(Templates, before, after, path="blog/templates/emails/granted.txt")


def test_admin_paths_in_attributes_and_scripts():
    check_transformed(
        Templates,
        """\
        <a href="/admin/auth/user/">Users</a>
        {% url 'admin:auth_user_change' user.pk %} <a href="/admin/auth/user/{{ user.pk }}/change/">Edit</a>
        <a href='{{ request.scheme }}://{{ request.get_host }}/admin/auth/user/?q={{ q|urlencode }}'>Find</a>
        <a href="{% url 'admin:index' %}auth/user/{{ u.pk }}/history/">History</a>
        <script>fetch("/admin/auth/user/" + id + "/delete/");</script>
        """,
        """\
        <a href="/admin/users/user/">Users</a>
        {% url 'admin:users_user_change' user.pk %} <a href="/admin/users/user/{{ user.pk }}/change/">Edit</a>
        <a href='{{ request.scheme }}://{{ request.get_host }}/admin/users/user/?q={{ q|urlencode }}'>Find</a>
        <a href="{% url 'admin:index' %}users/user/{{ u.pk }}/history/">History</a>
        <script>fetch("/admin/users/user/" + id + "/delete/");</script>
        """,
        path=PATH,
        options=options(label="users"),
    )


def test_note_admin_path_in_prose():
    result = check_noop(
        Templates,
        """\
        <p>Staff edit accounts at /admin/auth/user/ (ask an admin).</p>
        <p title="Open /admin/auth/user/ to edit">x</p> <a href="/backoffice/myadmin/auth/user/">y</a>
        """,
        path=PATH,
        options=options(label="users"),
    )
    message = (
        "note: admin path admin/auth/user/ in a template, left as it is (not a quoted path, or it does not start at "
        "the admin's root); after the swap the user admin is at /admin/users/user/; use "
        "{% url 'admin:users_user_changelist' %} (or admin:users_user_change with the user's id) [templates]"
    )
    assert notes_of(result) == [
        "blog/templates/blog/x.html:1:28: " + message,
        "blog/templates/blog/x.html:2:17: " + message,
        "blog/templates/blog/x.html:2:72: " + message,
    ]


def test_note_template_names_the_admin_finds_by_the_models_path():
    result = check_noop(
        Templates,
        """\
        {% extends "admin/auth/user/change_form.html" %}
        {% block content %}{% include "admin/auth/user/stats.html" %}{% endblock %}
        """,
        path="blog/templates/admin/blog/staff/change_form.html",
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == [
        "blog/templates/admin/blog/staff/change_form.html:1:13"
    ]


def test_model_labels_in_tags_keep_their_case():
    check_transformed(
        Templates,
        """\
        {{ attachments_form('auth.User', user.pk, images, settings, user) }}
        {% set form = upload_form(
            "auth.user", user.pk) %}
        {% with model="auth.User" %}{% include "upload.html" %}{% endwith %}
        """,
        """\
        {{ attachments_form('users.User', user.pk, images, settings, user) }}
        {% set form = upload_form(
            "users.user", user.pk) %}
        {% with model="users.User" %}{% include "upload.html" %}{% endwith %}
        """,
        path="kb/jinja2/kb/question.html",
        options=options(label="users"),
    )


def test_noop_model_labels_outside_tags():
    check_noop(
        Templates,
        """\
        <p>Uploads attach to 'auth.User' or "auth.user" rows.</p>
        {# attachments_form('auth.User', user.pk) #}
        {{ attachments_form('auth.Group', group.pk) }} {{ label('auth.users') }}
        """,
        path="kb/jinja2/kb/question.html",
    )


def test_noop_other_permissions_and_urls():
    check_noop(
        Templates,
        """\
        {% if perms.auth.change_group %}{% url 'admin:auth_group_changelist' %}{% endif %}
        {% if perms.auth %}{% url 'admin:blog_user_change' 1 %}{% endif %}
        {% if perms.auth.change_user_profile %}{% endif %}
        <a href="/api/auth/user/">me</a> <a href="{{ api_root }}auth/user/">me</a>
        <a href="/admin/auth/user_profile/">profile</a>
        """,
        path=PATH,
    )


def test_noop_already_renamed():
    check_noop(
        Templates,
        """\
        {% if perms.accounts.change_user %}{% url 'admin:accounts_user_change' user.pk %}{% endif %}
        """,
        path=PATH,
    )


def test_noop_other_roles():
    check_noop(Templates, "perms.auth.change_user\n", path="blog/migrations/notes.txt")
    check_noop(Templates, "perms.auth.change_user\n", path="README.md")
