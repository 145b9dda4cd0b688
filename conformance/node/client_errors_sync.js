// Client: errors thrown synchronously by http.request, with their codes and messages.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const tries = [
  () => http.request('https://example.com/'),
  () => http.request('ftp://example.com/'),
  () => http.request({ host: '127.0.0.1', path: '/has space' }),
  () => http.request({ host: '127.0.0.1', method: 'BAD METHOD' }),
  () => http.request({ host: '127.0.0.1', method: 42 }),
  () => http.request({ host: 42 }),
  () => http.request({ host: '127.0.0.1', headers: { 'bad name': 'x' } }),
  () => http.request({ host: '127.0.0.1', headers: { 'x-ok': 'bad\rvalue' } }),
  () => http.request({ host: '127.0.0.1', agent: 'nope' }),
  () => http.request({ host: '127.0.0.1', createConnection: 1, agent: false, timeout: 'x' }),
];
for (const t of tries) {
  try {
    const req = t();
    log('no error');
    req.abort();
  } catch (err) {
    log(err instanceof TypeError ? 'TypeError' : 'Error', err.code, err.message);
  }
}
