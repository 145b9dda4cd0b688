# A signal listener is an unref'd handle: with nothing else to do the process exits 0.
from nodehttp import process

process.on('SIGINT', lambda *_: print('never'))
process.on('SIGTERM', lambda *_: print('never'))
process.on('exit', lambda code: print('exit', code, process.listenerCount('SIGINT')))
print('listening for signals')
