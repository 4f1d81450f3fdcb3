def drop_inactive_editors(sender, instance, raw=False, **kwargs):
    """A deactivated account must not stay on any section's editor list."""
    if not raw and not instance.is_active:
        instance.edited_sections.clear()
