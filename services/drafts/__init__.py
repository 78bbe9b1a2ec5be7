"""A unit's drafts of an application, a plan or a report: the use cases both surfaces call.

The chat's form walker (handlers/forms) and the Mini App's form page (bot/web/backend/forms.py)
fill the same draft through these, in the caller's unit of work, never committing:

- ``access``: which forms there are, and whose draft a request may touch;
- ``opening``: open or resume the draft for a kind and scope (revision, resume, once a year);
- ``answers``: save one answer (the form's parser), add or remove a repeated group's item;
- ``files``: check a file against its slot (policy/attachments), attach it, clear a slot;
- ``problems``: what blocks Submit, and the remarks an answer earns;
- ``handing``: hand it in (services.submissions) and end the conversation filling it;
- ``discard``: delete a draft begun by mistake.
"""
