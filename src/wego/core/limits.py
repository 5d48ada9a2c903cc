"""How long the free texts shared across apps may be, in characters (as people count them).

A limit is defined once and used by the model field (with a MaxLengthValidator, so full_clean
enforces it: Django only passes a TextField's max_length on to its form field), by the form
field and by the API schema the text passes through. Texts of one app have their limits in
that app, next to their models. Plain Python: any layer of any app may import it.
"""

# A comment, a message or the reasons for a decision: a few paragraphs, about a page and a half.
# Reviewers' comments to a city (diagnostic, profiles, practices), matchmaking messages and
# answers, award decisions' reasons and judges' comments on one criterion.
COMMENT = 4_000

# A short note: a roadmap item's note, a declared tie between a judge and an application.
NOTE = 2_000
