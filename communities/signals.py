"""What happens in communities, for the parts that react to it (notices, feeds, digests).

Services send these once the write has committed (`transaction.on_commit`), so a receiver
never sees a post that was rolled back. Receivers connect in `CommunitiesConfig.ready()`.
"""

from django.dispatch import Signal

# sender=Post class; post=the Post, now visible to its readers (at once or when scheduled)
post_published = Signal()
# sender=Post class; post=the Post, comment=the core.conversations Comment on it
comment_posted = Signal()
# sender=Post class; post=the question, comment=the answer its author or an animator accepted
answer_accepted = Signal()
# sender=Community class; community, user: someone became a member (joined or was accepted)
member_joined = Signal()
