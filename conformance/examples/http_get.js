// Node doc (http.md), "http.get(url[, options][, callback])": the doc's
// program against the stand-in (STANDIN_PORT) instead of nodejs.org; the
// parsed JSON is printed with JSON.stringify (util.inspect is not ported).
const http = require('http');

http.get(`http://127.0.0.1:${process.env.STANDIN_PORT}/dist/index.json`, (res) => {
  const { statusCode } = res;
  const contentType = res.headers['content-type'];

  let error;
  if (statusCode !== 200) {
    error = new Error('Request Failed.\n' +
                      `Status Code: ${statusCode}`);
  } else if (!/^application\/json/.test(contentType)) {
    error = new Error('Invalid content-type.\n' +
                      `Expected application/json but received ${contentType}`);
  }
  if (error) {
    console.error(error.message);
    // consume response data to free up memory
    res.resume();
    return;
  }

  res.setEncoding('utf8');
  let rawData = '';
  res.on('data', (chunk) => { rawData += chunk; });
  res.on('end', () => {
    try {
      const parsedData = JSON.parse(rawData);
      console.log(JSON.stringify(parsedData));
    } catch (e) {
      console.error(e.message);
    }
  });
}).on('error', (e) => {
  console.error(`Got error: ${e.message}`);
});
