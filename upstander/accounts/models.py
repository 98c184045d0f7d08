"""Authorities, organisations, users and their roles."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Authority(models.Model):
    """A local authority or multi-academy trust: sees cases its organisations escalate to it."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        TRUST = "trust", "Trust"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LOCAL_AUTHORITY)
    safeguarding_contact = models.CharField(
        max_length=300, blank=True, help_text="How providers reach the authority's safeguarding lead."
    )

    class Meta:
        verbose_name_plural = "authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PRIMARY_SCHOOL = "primary_school", "Primary school"
        SECONDARY_SCHOOL = "secondary_school", "Secondary school"
        COLLEGE = "college", "College"
        ADULT_LEARNING = "adult_learning", "Adult-learning provider"
        YOUTH_SERVICE = "youth_service", "Youth service"
        OTHER = "other", "Other organisation"

    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the reporting address /report/<slug>/.")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.SECONDARY_SCHOOL)
    require_2fa_for_staff = models.BooleanField(
        default=False, help_text="Ask members with only the staff role for a two-factor code too."
    )
    reporting_email = models.EmailField(blank=True, help_text="The dedicated address people can report to.")
    # Single sign-on (accounts/sso.py). Both are the organisation administrator's decision, audited.
    sso_allowed_domains = models.CharField(
        max_length=500,
        blank=True,
        help_text="Email domains (comma-separated) whose unknown, provider-verified addresses may get an account "
        "with no roles at first single sign-on.",
    )
    sso_accept_provider_mfa = models.BooleanField(
        default=False,
        help_text="Accept the sign-in provider's multi-factor check (its 'amr' claim) instead of Upstander's code.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    STAFF = "staff", "Member of staff"
    DSL = "dsl", "Designated safeguarding lead"
    DEPUTY_DSL = "deputy_dsl", "Deputy safeguarding lead"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    ORG_ADMIN = "org_admin", "Organisation administrator"
    AUTHORITY_LEAD = "authority_lead", "Authority safeguarding lead"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        # The installation admin can reach everything: its password passes the validators however it is
        # made (createsuperuser's "bypass validation?" answer and --noinput's environment variable too).
        if password is not None:
            from django.contrib.auth.password_validation import validate_password

            validate_password(password, self.model(email=email, **extra))
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. `is_staff` here means Django-admin access (installers), not the role."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the installation admin site.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Lockout after repeated failed logins (see accounts.backends).
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # TOTP two-factor authentication. The secret is only usable once confirmed.
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True)
    totp_last_step = models.BigIntegerField(default=0, help_text="Last accepted time step (blocks replay).")
    # Single sign-on: the provider's issuer and subject ("iss sub") seen at the first sign-in. Later
    # sign-ins must present the same subject, so an address the provider gives to someone else later
    # (a leaver's mailbox reused) cannot open this account.
    sso_subject = models.CharField(max_length=600, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def has_totp(self) -> bool:
        return bool(self.totp_secret) and self.totp_confirmed_at is not None


class Membership(models.Model):
    """One role for one user in one organisation (or, for authority leads, one authority)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role="authority_lead", authority__isnull=False, organisation__isnull=True)
                    | (~Q(role="authority_lead") & Q(organisation__isnull=False, authority__isnull=True))
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="one_role_per_user_per_organisation",
                condition=Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "authority", "role"],
                name="one_role_per_user_per_authority",
                condition=Q(authority__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.email}: {self.get_role_display()} at {self.organisation or self.authority}"


class ApiKey(models.Model):
    """A key for another system to call Upstander's API for one organisation, within its scopes.

    Only a SHA-256 of the secret is stored; the whole key is shown once, when it is made.
    """

    class Scope(models.TextChoices):
        REPORTS_READ = "reports:read", "Read reports' status"
        REPORTS_WRITE = "reports:write", "Send reports"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, help_text="What uses this key, e.g. 'school app'.")
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Invitation(models.Model):
    """An organisation's offer of a role to an account that already exists.

    An org admin may create accounts for new people, but an existing account can belong to other
    organisations: it joins this one only when its owner, signed in with their own second factor,
    accepts (accounts.services.invitation_accept). Until then it grants nothing.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user.email}: invited as {self.get_role_display()} at {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None and self.expires_at > timezone.now()


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator once (a lost phone needs no admin).

    Codes are 80 random bits, so a plain SHA-256 is enough to make the stored value useless; the
    code itself is shown once, when made.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "code_hash"])]

    def __str__(self) -> str:
        return f"recovery code for {self.user.email}{' (used)' if self.used_at else ''}"
