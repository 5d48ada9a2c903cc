def navigation(request):
    """What the base layout needs to decide which links to show."""
    user = getattr(request, "user", None)
    is_staff = bool(user and user.has_perm("site.view_staff_dashboard"))
    return {
        "nav_staff": is_staff,
        "nav_admin": bool(user and user.has_perm("core.use_admin")),
    }
