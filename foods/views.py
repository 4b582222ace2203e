from django.shortcuts import render


def food_list(request):
    return render(request, "foods/food_list.html")
