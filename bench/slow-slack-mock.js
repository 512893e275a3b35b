// A Slack Web API stand-in whose views.open answers only after a delay (default 2000 ms), for bench/slow-slack.sh.
// Every other POST answers at once. Logs one line per call in the shared mock's format ("$msec $method $uri $status")
// so that ../shared/bench/run.sh counts the views.open calls made during its measured window.
//   node bench/slow-slack-mock.js <port> <access.log> [delay_ms]
'use strict';
const http = require('http');
const fs = require('fs');
const [port, logPath, delayArg] = process.argv.slice(2);
const delayMs = Number(delayArg ?? 2000);
const log = fs.createWriteStream(logPath, { flags: 'a' });

http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url.startsWith('/v3/') ? '{"id":"mock-activity"}' : '{"ok":true}');
      log.write(`${(Date.now() / 1000).toFixed(3)} ${req.method} ${req.url} 200\n`);
    };
    if (req.url === '/api/views.open') setTimeout(answer, delayMs); else answer();
  });
}).listen(Number(port), '127.0.0.1');
