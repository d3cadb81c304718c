/**
 * A JSON-RPC proxy in front of a node, for tests of tasks under faults: it passes requests through
 * until told to go down (then every connection is dropped, as if the node had stopped), and can go
 * down by itself right after answering a chosen request (for example the first transaction sent),
 * so a task is cut off in the middle, deterministically.
 */
import http from "node:http";
import type net from "node:net";

export interface FaultyProxy {
  url: string;
  /** Drops every connection from now on. */
  down(): void;
  /** Passes requests through again. */
  up(): void;
  /** Goes down right after answering the `n`-th request whose method is `method`. */
  downAfter(method: string, n?: number): void;
  /** JSON-RPC methods seen, in order. */
  readonly methods: string[];
  close(): Promise<void>;
}

interface RpcRequest {
  method?: string;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  let isDown = false;
  let trigger: { method: string; remaining: number } | undefined;
  const methods: string[] = [];
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    if (isDown) {
      req.socket.destroy();
      return;
    }
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      void (async () => {
        let parsed: RpcRequest | RpcRequest[] = {};
        try {
          parsed = JSON.parse(body) as RpcRequest | RpcRequest[];
        } catch {
          /* forwarded as is; the node answers the parse error */
        }
        const names = (Array.isArray(parsed) ? parsed : [parsed]).map((r) => r.method ?? "?");
        methods.push(...names);
        try {
          const upstream = await fetch(target, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          });
          const text = await upstream.text();
          res.writeHead(upstream.status, { "content-type": "application/json" });
          res.end(text);
        } catch {
          req.socket.destroy();
          return;
        }
        if (trigger && names.includes(trigger.method)) {
          trigger.remaining -= 1;
          if (trigger.remaining === 0) {
            trigger = undefined;
            isDown = true;
          }
        }
      })();
    });
  });
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    downAfter: (method: string, n = 1) => {
      trigger = { method, remaining: n };
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
