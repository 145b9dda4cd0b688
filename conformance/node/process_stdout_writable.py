# process.stdout/stderr are Writable streams: write() returns true, callbacks
# run, a Readable pipes into stdout; stdin that is never read does not keep
# the process alive.
from nodehttp import process
from nodehttp.stream import Readable, Writable


def js(v):
    return 'true' if v is True else 'false' if v is False else v


print(js(isinstance(process.stdout, Writable)), js(isinstance(process.stderr, Writable)),
      js(process.stdout.writable), process.stdout.fd, process.stderr.fd, process.stdin.fd)
print(js(isinstance(process.stdin, Readable)), js(process.stdin.isPaused()))
print(js(process.stdout.write('direct\n')))


def written():
    r = Readable({'read': lambda n: None})
    r.pipe(process.stdout)
    r.on('end', lambda: print('readable end'))
    r.push('piped 1\n')
    r.push(b'piped 2\n')
    r.push(None)


process.stdout.write(b'buffer\n', written)
process.stderr.write('to stderr\n')
process.on('exit', lambda code: print('exit', code))
