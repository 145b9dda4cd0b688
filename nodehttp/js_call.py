"""JavaScript's calling rule for Python callables: what Node passes, a
callback takes.

A callable that declares fewer parameters than Node passes gets the first
ones; one that declares more gets ``None`` (undefined) for the missing
required ones.  :func:`arity` reads how many a callable accepts, cached per
code object (the answer depends on the code, not the function object);
:func:`invoke` calls a user callback that way; :func:`padded` and
:func:`padded_on_bind_error` are the rare branch where a callable wants more
than it is given.  nodehttp/events.py calls listeners by the same rule,
with the arity stored at registration.
"""

from __future__ import annotations

import inspect
from functools import partial
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any, Callable

from . import _async

__all__ = ["arity", "padded", "padded_on_bind_error", "is_coroutine_function",
           "invoke", "async_caller"]

_BuiltinType = BuiltinFunctionType
_ModuleType = ModuleType
_FunctionType = FunctionType
_MethodType = MethodType
_CoroutineType = _async.CoroutineType
_SLOW = object()
_CO_VARARGS = inspect.CO_VARARGS
_arity_cache: dict[Any, int | None] = {}
#: functions' arity per code object; bound methods' per function (a class's:
#: long-lived, and hashed by identity where a code object hashes its bytecode),
#: at most _BOUND_MAX of those kept (classes made on the fly)
_code_arity: dict[Any, int | None] = {}
_bound_arity: dict[Any, int | None] = {}
_BOUND_MAX = 4096


def arity(fn: Callable) -> int | None:
    """How many positional arguments ``fn`` accepts (``None``: any number).

    Cached per code object (functions), per function (bound methods) and per
    builtin method (``chunks.append``): the answer depends on the code, not
    the instance.
    """
    cls = fn.__class__
    if cls is _FunctionType:
        code = fn.__code__
        try:
            return _code_arity[code]
        except KeyError:
            n = _code_arity[code] = None if code.co_flags & _CO_VARARGS else code.co_argcount
            return n
    if cls is _MethodType:
        func = fn.__func__
        if func.__class__ is _FunctionType:
            try:
                return _bound_arity[func]
            except KeyError:
                code = func.__code__
                if len(_bound_arity) >= _BOUND_MAX:
                    _bound_arity.clear()
                n = _bound_arity[func] = (None if code.co_flags & _CO_VARARGS
                                          else code.co_argcount - 1)
                return n
    return _other_arity(fn)


def _other_arity(fn: Callable) -> int | None:
    bound = 0
    func = getattr(fn, "__func__", None)  # bound method
    if func is not None and getattr(fn, "__self__", None) is not None:
        code = getattr(func, "__code__", None)
        bound = 1
    else:
        code = getattr(fn, "__code__", None)
    if code is not None:
        key = (code, bound)
        try:
            return _arity_cache[key]
        except KeyError:
            pass
        if code.co_flags & inspect.CO_VARARGS:
            n = None
        else:
            n = code.co_argcount - bound
        _arity_cache[key] = n
        return n
    key = None
    if type(fn) is _BuiltinType:
        owner = fn.__self__
        if owner is None or type(owner) is _ModuleType:
            key = fn
        else:  # a bound builtin method: its descriptor on the type is the key
            key = getattr(type(owner), fn.__name__, None)
        if key is not None:
            try:
                return _arity_cache[key]
            except (KeyError, TypeError):
                pass
    elif type(fn) is partial and not fn.keywords:
        n = arity(fn.func)
        return None if n is None else max(n - len(fn.args), 0)
    n = _signature_arity(fn)
    if key is not None:
        try:
            _arity_cache[key] = n
        except TypeError:  # pragma: no cover - unhashable descriptor
            pass
    return n


def _signature_arity(fn: Callable) -> int | None:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    n = 0
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            return None
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            n += 1
    return n


def _required(fn: Callable) -> int:
    """How many positional parameters ``fn`` requires (no default, not bound)."""
    func = getattr(fn, "__func__", None)
    bound = 0
    if func is not None and getattr(fn, "__self__", None) is not None:
        bound = 1
    else:
        func = fn
    code = getattr(func, "__code__", None)
    if code is not None:
        defaults = getattr(func, "__defaults__", None) or ()
        return max(code.co_argcount - len(defaults) - bound, 0)
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 0
    return sum(1 for p in params if p.default is p.empty
               and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def padded(fn: Callable, args: tuple) -> tuple:
    """``args`` with ``None`` (JavaScript's undefined) for the required
    parameters of ``fn`` that Node does not pass (``lambda err: ...`` called
    with nothing).  Only reached when ``fn`` declares more than ``len(args)``."""
    missing = _required(fn) - len(args)
    return args + (None,) * missing if missing > 0 else args


def padded_on_bind_error(err: TypeError, n: int | None, fn: Callable,
                          args: tuple) -> tuple | None:
    """A call of ``fn`` with ``args[:n]`` raised ``err``.  When that is the
    arguments failing to bind (the traceback has no frame below the caller's)
    because ``fn`` requires more than were passed: the arguments padded with
    ``None``, to call again.  Otherwise None: the error is the listener's."""
    tb = err.__traceback__
    if tb is None or tb.tb_next is not None or not n or n <= len(args):
        return None
    wider = padded(fn, args)
    return wider if len(wider) > len(args) else None


def is_coroutine_function(fn: Callable) -> bool:
    code = getattr(fn, "__code__", None)  # functions and bound methods: a flag test
    if code is not None:
        return bool(code.co_flags & inspect.CO_COROUTINE)
    if fn.__class__ is _BuiltinType:  # C code (``chunks.append``) is never ``async def``
        return False
    return inspect.iscoroutinefunction(fn)


def invoke(fn: Callable, *args: Any) -> Any:
    """Call a user callback Node-style: arguments it does not declare are
    dropped, required ones Node does not pass are ``None`` (undefined).

    ``server.close(lambda: ...)`` works although Node passes ``err``, and
    ``def cb(err, data):`` called with only ``err`` gets ``data=None``.  The
    arity is cached per code object, so this is cheap.
    """
    cls = fn.__class__
    if cls is _FunctionType:  # the common cases, one dict lookup
        n = _code_arity.get(fn.__code__, _SLOW)
        if n is _SLOW:
            n = arity(fn)
    elif cls is _MethodType:
        try:
            n = _bound_arity[fn.__func__]
        except (KeyError, TypeError):  # not yet cached; a method of an unhashable callable
            n = arity(fn)
    else:
        n = arity(fn)
    if n and n > len(args):
        result = fn(*padded(fn, args))
    else:
        result = fn(*args[:n])
    if result is not None and result.__class__ is _CoroutineType:  # an async callback
        return _async.start(result)
    return result


def async_caller(fn: Callable) -> Callable:
    """Wrap an ``async def`` listener: start it as a task (JavaScript runs an async
    function when called); its exception is an unhandled rejection (docs/async.md)."""
    def call(*args: Any) -> None:
        try:
            coro = fn(*args)
        except TypeError as err:
            wider = padded_on_bind_error(err, arity(fn), fn, args)
            if wider is None:
                raise
            coro = fn(*wider)
        _async.start(coro)

    return call
