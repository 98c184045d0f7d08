"""Escalation rules: from the facts of a case to the duties a DSL should consider (issue 5).

The public API the cases app calls (plain Python, no Django):

    facts = parse_facts(data)                 # FactsError (a ValueError) names a bad field
    recommendation = recommend(facts=facts)   # .duties, most pressing first; .rules_version
    recommendation = escalate(data=data)      # both steps at once

Each `Duty` carries `duty` (a code from DUTY_CODES), `reason`, `legal`, `priority` and `rules` (the
codes of the rules that proposed it), so a case can record exactly what proposed a duty and under
which RULES_VERSION.
"""

from upstander.escalation.facts import Facts, FactsError, Person, parse_facts
from upstander.escalation.rules import (
    DUTY_CODES,
    RULES,
    RULES_VERSION,
    Duty,
    Recommendation,
    Rule,
    escalate,
    recommend,
)

__all__ = [
    "DUTY_CODES",
    "RULES",
    "RULES_VERSION",
    "Duty",
    "Facts",
    "FactsError",
    "Person",
    "Recommendation",
    "Rule",
    "escalate",
    "parse_facts",
    "recommend",
]
