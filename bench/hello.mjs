// The ceiling: a bare node:http hello-world server, measured by the same generator.
import http from 'node:http';
const port = Number(process.env.PORT);
http
  .createServer((req, res) => {
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
        res.end('{"ok":true}');
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
    res.end('{"ok":true}');
  })
  .listen(port, '127.0.0.1');
