from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "upstander.intake"
    label = "intake"
    verbose_name = "Intake pipeline"

    def ready(self) -> None:
        """The apps below announce (upstander.core.hooks); the pipeline queues its tasks, after the
        commit of the transaction that announced (upstander.core.queue)."""
        # Here, not at the top: models may be imported only once the app registry is ready.
        from upstander.core.queue import URGENT, enqueue_on_commit
        from upstander.evidence.hooks import evidence_text_ready, evidence_text_withdrawn
        from upstander.intake import analysing, tasks
        from upstander.reports.hooks import report_received, reporter_replied

        report_received.register(
            "intake",
            lambda *, report_id, urgent=False: enqueue_on_commit(
                tasks.process_report, report_id, priority=URGENT if urgent else None
            ),
        )
        reporter_replied.register(
            "intake", lambda *, report_id: enqueue_on_commit(tasks.reporter_message_alert, report_id)
        )
        evidence_text_ready.register(
            "intake", lambda *, report_id: enqueue_on_commit(tasks.analyse_report_texts, report_id)
        )
        evidence_text_withdrawn.register("intake", analysing.withdraw_evidence_analyses)
