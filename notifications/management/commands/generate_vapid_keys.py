"""`manage.py generate_vapid_keys`: a new VAPID pair for Web Push, as environment lines."""

from django.core.management.base import BaseCommand

from notifications.vapid import generate_pair


class Command(BaseCommand):
    help = (
        "Print a new VAPID key pair for Web Push, as the WEBPUSH_VAPID_PRIVATE_KEY and "
        "WEBPUSH_VAPID_PUBLIC_KEY lines of an environment file. Keep the private key secret; "
        "changing the pair makes every browser subscribe again."
    )

    def handle(self, *args, **options):
        private, public = generate_pair()
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={public}")
