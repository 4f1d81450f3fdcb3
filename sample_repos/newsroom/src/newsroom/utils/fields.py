"""Custom model fields."""

from django.db import models
from django.db.models.fields.related_descriptors import ReverseOneToOneDescriptor


class _CreatingReverseDescriptor(ReverseOneToOneDescriptor):
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        try:
            return super().__get__(instance, cls)
        except self.RelatedObjectDoesNotExist:
            manager = self.related.related_model._base_manager.db_manager(instance._state.db)
            related, _ = manager.get_or_create(**{self.related.field.name: instance})
            self.related.set_cached_value(instance, related)
            return related


class AutoOneToOneField(models.OneToOneField):
    """One-to-one link whose reverse accessor makes the row when it is missing."""

    related_accessor_class = _CreatingReverseDescriptor
