"""The Awards judging maths: plain Python, no Django."""
