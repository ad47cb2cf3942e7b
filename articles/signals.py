from django.dispatch import Signal

# Sent once imported articles that want analysis are committed, with
# article_ids=[...]. The fact-checking app listens, queues their analysis and
# answers with the task's result (a django.tasks TaskResult); articles never
# imports factcheck, so data keeps flowing one way.
articles_imported = Signal()
