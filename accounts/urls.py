"""URLs for signing in, signing up and managing your account."""

from django.urls import path

from . import views, views_data
from .two_factor import views as two_factor_views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("sign-out/everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("sign-up/", views.sign_up, name="signup"),
    path("sign-up/check-your-email/", views.signup_sent, name="signup_sent"),
    path("", views.account, name="account"),
    path("confirm/resend/", views.resend_confirmation, name="resend_confirmation"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("erase/", views.erase_account, name="erase"),
    path("data/", views_data.personal_data, name="personal_data"),
    path("data/<int:pk>/download/", views_data.personal_data_download, name="personal_data_download"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Two-step sign-in (accounts/two_factor).
    path("two-factor/", two_factor_views.manage, name="two_factor"),
    path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("two-factor/set-up/", two_factor_views.set_up, name="two_factor_setup"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes, name="two_factor_recovery_codes"),
    path("two-factor/recovery-codes/new/", two_factor_views.new_recovery_codes, name="two_factor_new_recovery_codes"),
    path("two-factor/turn-off/", two_factor_views.turn_off, name="two_factor_turn_off"),
]
