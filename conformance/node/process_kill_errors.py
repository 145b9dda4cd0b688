# process.kill: names, numbers, signal 0, and Node's errors.
import json

from nodehttp import process


def show(label, f):
    try:
        r = f()
        print(label, 'ok', 'true' if r is True else r)
    except Exception as e:
        name = 'TypeError' if isinstance(e, TypeError) else 'Error'
        if getattr(e, 'code', None) and e.code.startswith('ERR_'):
            name += f' [{e.code}]'
        errno = getattr(e, 'errno', None)
        syscall = getattr(e, 'syscall', None)
        print(label, name, e.code, json.dumps(e.message), errno if errno is not None else 'null',
              syscall if syscall is not None else 'null')


show('signal 0', lambda: process.kill(process.pid, 0))
show('bad number', lambda: process.kill(process.pid, 999))
show('no such pid', lambda: process.kill(2 ** 22 + 12345, 0))
show('unknown name', lambda: process.kill(process.pid, 'SIGFOO'))
show('pid string', lambda: process.kill('abc'))
show('pid fraction', lambda: process.kill(1.5))
show('SIGKILL listener', lambda: process.on('SIGKILL', lambda: None) and 'added')
show('SIGBREAK is an ordinary event here', lambda: process.on('SIGBREAK', lambda: None) and 'added')
print('internal listeners', process.listenerCount('newListener'), process.listenerCount('removeListener'))
