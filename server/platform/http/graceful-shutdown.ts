import type http from 'node:http';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * A keep-alive connection idle this long is closed while draining. Closing an idle connection races
 * with a client that sends on it at that moment; one busy a moment ago is left to its next answer,
 * which carries `Connection: close`, so the client itself ends it.
 */
export const DRAIN_IDLE_MS = 1000;

type Connection = { busy: number; idleSince: number };

/**
 * Rolling restarts without errors: `app.zmDrain()` stops accepting connections (the proxy's other
 * process takes the new ones), answers every request still arriving on an open connection with
 * `Connection: close`, lets in-flight requests finish, and resolves once every connection is gone.
 * Should a request still arrive once the app itself closes, it gets a Chinese 503 with our headers.
 */
export function installGracefulShutdown(app: FastifyInstance) {
  const connections = new Map<net.Socket, Connection>();
  const inFlight = new Set<http.ServerResponse>();
  let draining = false;
  let closing = false;

  app.server.on('connection', (socket: net.Socket) => {
    connections.set(socket, { busy: 0, idleSince: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  // Before Fastify's own listener, so every answer, framework errors included, carries the header.
  app.server.prependListener('request', (req, res) => {
    const c = connections.get(req.socket);
    if (c) c.busy += 1;
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (!c) return;
      c.busy -= 1;
      c.idleSince = Date.now();
    });
  });

  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return;
    reply.header('Connection', 'close');
    throw new AppError(503, 'shutting_down', '服务正在重启，请稍后重试');
  });

  app.decorate('zmDrain', () => {
    draining = true;
    // Answers still being worked on close their connection too (those already streaming cannot say so).
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    return new Promise<void>((resolve) => {
      const reap = setInterval(() => {
        const now = Date.now();
        for (const [socket, c] of connections) {
          if (c.busy === 0 && now - c.idleSince >= DRAIN_IDLE_MS) socket.destroy();
        }
      }, 100);
      // net.Server's close, not http.Server's: that one also drops idle keep-alive connections at once.
      net.Server.prototype.close.call(app.server, () => {
        clearInterval(reap);
        resolve();
      });
    });
  });
}
