"""Django settings for WeGO Platform, all overridable from the environment.

Defaults give a working local install: SQLite in ./var, media in ./var/media,
DEBUG off, a secret key generated once into ./var/secret_key.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from wego.env import (
    SettingError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    stop_on_setting_error,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("WEGO_HOME", str(PACKAGE_DIR.parent.parent))).resolve()
VAR_DIR = BASE_DIR / "var"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "wego.sqlite3")}
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, 0))
    except ValueError as error:
        raise SettingError("DATABASE_URL", f"is not a valid database URL ({error})") from None
    if not config.get("ENGINE"):
        raise SettingError("DATABASE_URL", f"names an unknown database scheme: {url!r}")
    return config


try:
    DEBUG = env_bool("DEBUG", False)
    SECRET_KEY = _secret_key()
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
    DATABASES = {"default": _database()}
    EMAIL_PORT = env_int("EMAIL_PORT", 25, 1)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, 0)
    TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, 0)
    LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, 1)
    LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, 1)
    INVITATION_DAYS = env_int("INVITATION_DAYS", 14, 1)
    TASK_RUNNER = env_choice("WEGO_TASKS", ("database", "immediate"), "database")
except SettingError as error:
    stop_on_setting_error(error)

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "rules.apps.AutodiscoverRulesConfig",
    "wego.core",
    "wego.accounts",
    "wego.members",
    "wego.diagnostic",
    "wego.events",
    "wego.practices",
    "wego.awards",
    "wego.site",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_guid",
]

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",  # first: every log line of the request has its id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "wego.urls"
WSGI_APPLICATION = "wego.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wego.core.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked-out sign-in stops here
    "rules.permissions.ObjectPermissionBackend",
    "wego.accounts.backends.AccountBackend",  # email and password; permissions are rules
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:next_step"  # what the person has to do next
LOGOUT_REDIRECT_URL = "site:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean")), ("ar", _("Arabic"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["wego.formats"]  # one way to write dates in each language
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail: the console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False) if EMAIL_HOST else False
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "WeGO Platform <noreply@we-gov.org>")

# Background tasks (imports, embeddings, PDF batches): a database queue served by
# `manage.py db_worker` by default; WEGO_TASKS=immediate runs them in the request (tests).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASK_RUNNER]
    }
}

# The sentence encoder of search by meaning ("off" to use keyword search only).
PRACTICE_ENCODER = env_str("WEGO_SEMANTIC_MODEL", "use-multilingual-3")

# Shared cache (Redis when CACHE_URL is set; several app servers then share it).
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# A strict Content-Security-Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind HTTPS (SECURE_COOKIES on): plain HTTP is redirected and browsers are told to use HTTPS
# only (HSTS). The proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
else:
    SECURE_HSTS_SECONDS = 0
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sign-in throttling (django-axes, counted in the database, so every app server agrees): after
# LOGIN_FAILURE_LIMIT failed sign-ins for one account, or from one address, signing in there is
# paused for LOGIN_LOCKOUT_MINUTES; a successful sign-in clears the count.
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "wego.accounts.views.sign_in_name"
AXES_LOCKOUT_CALLABLE = "wego.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "wego.core.http.axes_client_ip"
AXES_VERBOSE = False

# Each request has an id (X-Request-ID, taken from a proxy that sets one or made here): in every
# log line, in the response's header and on the error page, so a user can quote it.
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True, "RETURN_HEADER": True}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "loggers": {
        "wego": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
        "wego.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Server errors with their traceback, DEBUG or not (Django prints them only in DEBUG).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
