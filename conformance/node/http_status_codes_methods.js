// http: STATUS_CODES for every code Node 10 knows, and METHODS.
const http = require('http');
const net = require('net');
const log = (...a) => console.log(a.map((x) => typeof x === 'string' ? x : JSON.stringify(x === undefined ? null : x)).join(' '));
const q = (s) => JSON.stringify(s);

const codes = [];
for (let c = 100; c < 600; c++) if (http.STATUS_CODES[c] !== undefined) codes.push(`${c} ${http.STATUS_CODES[c]}`);
log(codes.length);
for (const c of codes) log(c);
log(http.METHODS);
