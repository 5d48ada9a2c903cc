"""The events maths (the matchmaking meeting scheduler): plain Python, no Django."""
