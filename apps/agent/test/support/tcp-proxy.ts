import type { Socket, TCPSocketListener } from "bun";

type Side = { peer: Socket<Side> | null; queue: Uint8Array[]; closed: boolean };

/** Decides, for each chunk from the hub, whether to cut the connection in the middle of it. */
export type CutRule = (chunk: Uint8Array) => boolean;

/**
 * A TCP proxy on loopback that can cut connections: all at once (`cutAll`), or in the middle of a
 * chunk from the hub that matches a rule (half the chunk is forwarded, then both sides are
 * destroyed), which is how a Wi-Fi drop in the middle of a delivery looks to the agent.
 */
export class TcpProxy {
  private readonly listener: TCPSocketListener<Side>;
  private readonly sockets = new Set<Socket<Side>>();
  cuts = 0;
  cutRule: CutRule | null = null;
  /** Decides, for each chunk from the agent, whether to drop it and cut the connection. */
  clientCutRule: CutRule | null = null;

  constructor(private targetPort: number) {
    this.listener = Bun.listen<Side>({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open: (client) => {
          client.data = { peer: null, queue: [], closed: false };
          this.sockets.add(client);
          void Bun.connect<Side>({
            hostname: "127.0.0.1",
            port: this.targetPort,
            socket: {
              open: (upstream) => {
                upstream.data = { peer: client, queue: [], closed: false };
                this.sockets.add(upstream);
                client.data.peer = upstream;
                for (const chunk of client.data.queue) upstream.write(chunk);
                client.data.queue = [];
                if (client.data.closed) upstream.end();
              },
              data: (upstream, chunk) => this.fromHub(upstream, client, chunk),
              close: (upstream) => {
                this.sockets.delete(upstream);
                client.end();
              },
              error: () => {
                client.end();
              },
            },
          }).catch(() => client.end());
        },
        data: (client, chunk) => {
          if (this.clientCutRule?.(chunk)) {
            this.cuts++;
            client.terminate();
            client.data.peer?.terminate();
            return;
          }
          if (client.data.peer) client.data.peer.write(chunk);
          else client.data.queue.push(new Uint8Array(chunk));
        },
        close: (client) => {
          client.data.closed = true;
          this.sockets.delete(client);
          client.data.peer?.end();
        },
      },
    });
  }

  get port(): number {
    return this.listener.port;
  }

  /** Points new connections at another port (a restarted hub). */
  retarget(port: number): void {
    this.targetPort = port;
  }

  /** Destroys every open connection at once. */
  cutAll(): void {
    for (const socket of [...this.sockets]) socket.terminate();
    this.sockets.clear();
  }

  stop(): void {
    this.cutAll();
    this.listener.stop(true);
  }

  private fromHub(upstream: Socket<Side>, client: Socket<Side>, chunk: Uint8Array): void {
    if (this.cutRule?.(chunk)) {
      this.cuts++;
      client.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
      client.terminate();
      upstream.terminate();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      return;
    }
    client.write(chunk);
  }
}
