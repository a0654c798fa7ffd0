/**
 * The baseline of the HTTP benchmark: the least a node:http server can do for a request (a
 * small JSON answer), measured exactly like the portal server — own process, same load, same
 * IPC protocol (see protocol.ts) — so the ratio compares like with like.
 *
 * With an argument, it first busy-waits that many microseconds per request: a handler whose
 * own work costs exactly that and nothing more, against which the benchmark reads what a slower
 * server pays per request beyond its work.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({ hello: 'world' });
const workMicros = Number(process.argv[2] ?? 0);
const server = createServer((req, res) => {
  // Read the request to its end, as any real handler must, then answer.
  req.resume();
  req.on('end', () => {
    if (workMicros > 0) {
      const until = performance.now() + workMicros / 1000;
      while (performance.now() < until);
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});

process.on('message', (message) => {
  if (message.type === 'cpu') {
    const own = process.cpuUsage();
    process.send({ type: 'cpu', ownMicros: own.user + own.system });
  } else if (message.type === 'stop') {
    server.closeAllConnections();
    server.close();
    process.exit(0);
  }
});

server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
