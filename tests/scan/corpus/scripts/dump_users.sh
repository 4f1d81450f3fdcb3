#!/bin/sh
python manage.py dumpdata auth.user --indent 2 > users.json
python manage.py dumpdata --exclude auth.user --exclude auth.permission > data.json
python manage.py shell -c "from django.contrib.auth.models import User; print(User.objects.count())"
