"""The form walker: asks a `policy.forms.FormSpec` one question at a time, keeping every answer.

A form conversation is a :class:`~handlers.forms.flow.FormFlow` subclass. The walker gives it:
one question per screen with the progress marker ("5 of 31"), prompt and example; answers
checked by :mod:`policy.forms.parse` with a re-prompt saying what is wrong; choices as buttons;
Skip on optional questions, Keep on answered ones, Back on every screen (from the first
question out to the menu, the draft kept); conditional questions; repeated groups (Add / Remove
/ Done, members asked one by one); file slots (size checked before download, type by content,
SHA-256 kept); a summary in pages by section (◀ ▶, one Edit button per page opening that
page's answers as buttons; after a typed answer the summary is edited in place); a way to
discard the draft (confirmed); a confirmation screen before Submit, worded per form.

State lives in the database: answers and the cursor in the `Draft` row, the step and the seq of
the buttons in the `Conversation`; both are committed with each update before the next
question is sent, so a restart, `/cancel` or days of silence lose nothing. Once the summary
was reached the draft is *reviewing*: an answered question leads to the next one still open
(e.g. one an edit revealed), else back to the summary; Back there returns to the summary.

The walker keeps the conversation only: opening the draft, saving an answer, group items,
files and what blocks Submit are services (services.drafts), the same the Mini App's form
page calls, worded alike (services.messages.drafts).

Writing a form flow::

    from handlers.forms import FormFlow, FormSession
    from handlers.hand_in import submit_in_chat
    from policy.forms.plan import PLAN          # a FormSpec, listed in services.labels.FORMS

    class PlanFlow(FormFlow):
        name = "plan"
        commands = ("plan",)
        spec = PLAN

        async def open_draft(self, ctx, args):
            return await self.open_form(ctx, args)   # services.drafts.opening's rules

        async def submit(self, form):          # runs after the explicit confirmation
            await submit_in_chat(form)         # services.submissions, the receipt worded once

The modules, each importing only from the rows above it (tests/handlers/test_forms_imports.py):

1. ``cursor`` (where the walk stands), ``values`` (the echo of a typed answer), ``entry`` (one
   answer saved through the service), ``web`` (the Mini App button): nothing of the walker;
2. ``session``: one update's view of the draft, and ``FormHooks``, what the screens may ask of
   the form they walk;
3. ``pages``, ``render``, ``discard``: pieces of screens; 4. ``summary``; 5. ``screens``: which
   screen, shown;
6. ``steps``: answering, moving on or back; 7. ``files``, ``groups``: file slots and repeated
   groups, built on the steps;
8. ``flow``: ``FormFlow``, the conversation that owns the hooks and routes each update.

Texts: ``forms.*`` (the walker's own, services/messages/texts/forms.*.toml) and the form's
``<spec.name>.s.<section>`` / ``<spec.name>.f.<key>.label|prompt|example``.
"""

from handlers.forms.flow import FormFlow
from handlers.forms.session import FormSession

__all__ = ["FormFlow", "FormSession"]
