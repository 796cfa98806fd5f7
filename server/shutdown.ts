import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How long a kept-alive connection must have been quiet before a draining server closes it. */
const QUIET_MS = 1000;
const CHECK_EVERY_MS = 100;

interface Connection {
  /** answers not yet finished on this connection */
  inFlight: Set<ServerResponse>;
  /** when its last answer finished (or it connected) */
  quietSince: number;
}

/** The connections of a server, watched from the start, and how to let them end without cutting a request. */
export interface ConnectionDrain {
  /**
   * Stops accepting connections (new ones are refused), lets every request in flight finish and
   * tells its client `Connection: close` in the answer, closes each kept-alive connection once it
   * has been quiet for a second, and resolves when none is left.
   */
  drain(): Promise<void>;
}

/**
 * Graceful shutdown without resets. `http.Server.close()` (and so `app.close()`) destroys at once
 * every kept-alive connection that is between two requests — including one whose client has just
 * sent the next request, which then sees ECONNRESET for a request that no one refused — and leaves a
 * connection whose answer was in flight open until its keep-alive timeout (72 s in Fastify), holding
 * the process. Here a connection ends only after an answer that said `Connection: close`, or after a
 * second in which its client sent nothing. Call before the server listens; `drain()` before app.close().
 */
export function watchConnections(server: Server): ConnectionDrain {
  const connections = new Map<Socket, Connection>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { inFlight: new Set(), quietSince: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  // first, before Fastify's handler can answer: a request that arrives while draining is served, then its connection closes
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (!connection) return;
    connection.inFlight.add(res);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      connection.inFlight.delete(res);
      connection.quietSince = Date.now();
    });
  });
  return {
    async drain() {
      draining = true;
      for (const { inFlight } of connections.values())
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      // the listening socket only: http.Server.close() would also cut the idle connections at once
      if (server.listening) NetServer.prototype.close.call(server);
      while (connections.size > 0) {
        const now = Date.now();
        for (const [socket, { inFlight, quietSince }] of connections)
          if (inFlight.size === 0 && now - quietSince >= QUIET_MS) socket.destroy();
        await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
      }
    },
  };
}
