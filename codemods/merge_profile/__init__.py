"""merge_profile: fold a one-to-one profile model into the project's custom user model."""
