"""Case pages: the queue (queue.py), one case (case.py), and the forms that change a case (actions.py)."""
