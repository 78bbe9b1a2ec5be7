"""aiogram imported with its Telegram types built on first use, not all at import.

aiogram declares its ~330 types with pydantic's ``defer_build``, then rebuilds every one of them
at the end of ``aiogram/types/__init__.py`` to resolve their forward references, so importing
anything from aiogram builds them all: 165 MB resident and ~2 s of CPU with pydantic 2.13 (406 MB
with 2.10), although this bot validates only the few objects the Bot API answers it with
(aiogram issue #1513, open). The bot's memory goal (issue 14: ≤ 150 MB) cannot be met on top of
that.

So, before aiogram is first imported, this module arranges that the rebuild at the end of
``aiogram.types`` only hands over its namespace, and that every type and every API method
(``TelegramMethod``, made ``defer_build`` too) is built with that namespace the first time it is
used: pydantic's own "not built yet" path calls ``model_rebuild`` at that moment. What a model
validates is unchanged; ``tests/bot/test_lazy_aiogram.py`` compares the schema of every type and
method with aiogram's own eager build.

If aiogram was already imported, nothing changes: its types are built already.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any, get_args

_namespace: dict[str, Any] = {}
"""What aiogram passes to its rebuild loop: every type by name, plus the typing names."""
_loop_namespace: list[dict[str, Any]] = []
"""The loop's own dict: every call that passes it is the loop asking for a build now."""


def defer_aiogram_builds() -> bool:
    """Install the import hook; False if aiogram is imported already (then it is built)."""
    if "aiogram" in sys.modules:
        return False
    if not any(isinstance(finder, _AiogramHook) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AiogramHook())
    return True


def _lazy_rebuild(real: Callable[..., bool | None]) -> classmethod[Any, Any, bool | None]:
    def model_rebuild(
        cls: Any,
        *,
        force: bool = False,
        raise_errors: bool = True,
        _parent_namespace_depth: int = 2,
        _types_namespace: dict[str, Any] | None = None,
    ) -> bool | None:
        if _types_namespace is not None and not _namespace:
            _loop_namespace.append(_types_namespace)
            _namespace.update(_types_namespace)
        if _loop_namespace and _types_namespace is _loop_namespace[0]:
            return None
        if not _namespace:
            return real(
                cls,
                force=force,
                raise_errors=raise_errors,
                _parent_namespace_depth=_parent_namespace_depth + 1,
                _types_namespace=_types_namespace,
            )
        return real(
            cls,
            force=force,
            raise_errors=raise_errors,
            _parent_namespace_depth=0,
            _types_namespace={**_namespace, **(_types_namespace or {})},
        )

    return classmethod(model_rebuild)


_serialisable: set[type] = set()


def build_with_references(annotation: Any) -> None:
    """Build the models in `annotation` and every model they refer to, recursively.

    Validating builds only the outer model, with the nested ones inside it; serialising also
    needs each nested object's own class built: pydantic-core may hand a nested object to its
    class's serializer, and one not built yet is a placeholder it refuses (TypeError)."""
    stack = list(_models_in(annotation))
    while stack:
        model = stack.pop()
        if model in _serialisable:
            continue
        _serialisable.add(model)
        model.model_rebuild()
        for field in model.__pydantic_fields__.values():
            stack.extend(_models_in(field.annotation))


def _dump_built(real: Callable[..., Any]) -> Callable[..., Any]:
    def dump(self: Any, *args: Any, **kwargs: Any) -> Any:
        if type(self) not in _serialisable:
            build_with_references(type(self))
        return real(self, *args, **kwargs)

    return dump


def _models_in(annotation: Any) -> Iterator[Any]:
    stack = [annotation]
    while stack:
        found = stack.pop()
        if isinstance(found, type) and hasattr(found, "__pydantic_complete__"):
            yield found
        stack.extend(get_args(found))


def _defer(base: Any) -> None:
    base.model_rebuild = _lazy_rebuild(base.model_rebuild.__func__)
    base.model_dump = _dump_built(base.model_dump)
    base.model_dump_json = _dump_built(base.model_dump_json)


def _defer_types(module: ModuleType) -> None:
    _defer(module.TelegramObject)


def _defer_methods(module: ModuleType) -> None:
    """Methods, and ``Response[T]`` (how aiogram reads each answer), build on first use too."""
    module.TelegramMethod.model_config["defer_build"] = True
    for base in (module.TelegramMethod, module.Response):
        _defer(base)


class _AiogramHook(importlib.abc.MetaPathFinder):
    """Runs a patch right after each of aiogram's two base modules is executed, before any
    subclass is defined; steps aside once both ran."""

    def __init__(self) -> None:
        self.pending: dict[str, Callable[[ModuleType], None]] = {
            "aiogram.types.base": _defer_types,
            "aiogram.methods.base": _defer_methods,
        }

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        patch = self.pending.pop(fullname, None)
        if patch is None:
            return None
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return spec
        loader = spec.loader
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            patch(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec
