"""`swap_user --finish`: remove the transition code a swap generated, once every database has adopted auth_user."""
