"""doctor: diagnose a Django project whose user model is broken, half-swapped, or about to be swapped."""
