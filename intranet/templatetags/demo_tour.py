from django import template

from intranet.demo.tour import tour_for

register = template.Library()


@register.inclusion_tag("intranet/demo/tour_panel.html", takes_context=True)
def demo_tour(context):
    """The "what to try" panel of a demo account that has not dismissed it (else nothing)."""
    request = context["request"]
    tour = tour_for(request.user)
    steps = [(step, step.href(request.user)) for step in tour.steps] if tour else []
    return {"tour": tour, "steps": steps, "request": request}
