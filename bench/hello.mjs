// The ceiling: a bare node:http hello-world server, measured by the same generator.
// WORKERS=N runs N of them with node:cluster on one port (the ceiling of an N-process Flashmall).
import cluster from 'node:cluster';
import http from 'node:http';
const port = Number(process.env.PORT);
const workers = Number(process.env.WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
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
}
