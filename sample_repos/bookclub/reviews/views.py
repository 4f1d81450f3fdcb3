import django.contrib.auth.models
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect, render

from .forms import ReviewForm
from .models import Book, Review


def book_list(request):
    books = Book.objects.annotate(average=Avg("reviews__rating"), review_count=Count("reviews"))
    top_reviewers = (
        django.contrib.auth.models.User.objects.filter(is_active=True)
        .annotate(review_count=Count("reviews"))
        .filter(review_count__gt=0)
        .order_by("-review_count", "username")[:5]
    )
    return render(
        request, "reviews/book_list.html", {"books": books, "top_reviewers": top_reviewers}
    )


def book_detail(request, pk):
    book = get_object_or_404(Book, pk=pk)
    form = None
    if request.user.is_authenticated:
        existing = Review.objects.filter(book=book, author=request.user).first()
        form = ReviewForm(request.POST or None, instance=existing)
        if request.method == "POST" and form.is_valid():
            review = form.save(commit=False)
            review.book = book
            review.author = request.user
            review.save()
            return redirect(book)
    reviews = book.reviews.select_related("author")
    return render(
        request, "reviews/book_detail.html", {"book": book, "reviews": reviews, "form": form}
    )


@login_required
def my_stats(request):
    stats = request.user.reading_stats
    return render(request, "reviews/my_stats.html", {"stats": stats})
