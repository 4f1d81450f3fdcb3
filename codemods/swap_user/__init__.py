"""swap_user: move a live Django project from auth.User to a custom user model that adopts auth_user."""
