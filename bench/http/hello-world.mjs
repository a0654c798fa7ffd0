/**
 * The baseline of the HTTP benchmark: the least a node:http server can do for a request (a
 * small JSON answer), measured exactly like the portal server — own process, same load, same
 * IPC protocol (see protocol.ts) — so the ratio compares like with like.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({ hello: 'world' });
const server = createServer((req, res) => {
  // Read the request to its end, as any real handler must, then answer.
  req.resume();
  req.on('end', () => {
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
