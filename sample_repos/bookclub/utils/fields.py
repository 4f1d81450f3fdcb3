"""Model fields shared by the bookclub apps."""

from django.db import models
from django.db.models.fields.related_descriptors import ReverseOneToOneDescriptor


class AutoReverseOneToOneDescriptor(ReverseOneToOneDescriptor):
    """Reverse side of an AutoOneToOneField: creates the related row on first access."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        try:
            return super().__get__(instance, cls)
        except self.RelatedObjectDoesNotExist:
            related_model = self.related.related_model
            obj, _ = related_model._default_manager.db_manager(instance._state.db).get_or_create(
                **{self.related.field.name: instance}
            )
            self.related.set_cached_value(instance, obj)
            return obj


class AutoOneToOneField(models.OneToOneField):
    """A OneToOneField whose related object is created the first time it is read.

    ``user.reading_stats`` never raises DoesNotExist: a fresh row is saved instead.
    """

    related_accessor_class = AutoReverseOneToOneDescriptor
