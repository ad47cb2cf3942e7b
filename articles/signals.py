from django.dispatch import Signal

# Sent once a batch of new articles is committed, with article_ids=[...].
# The fact-checking app listens and queues their analysis; articles never
# imports factcheck, so data keeps flowing one way.
articles_imported = Signal()
