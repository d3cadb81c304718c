import type { Server } from "node:http";
export declare function serve(o?: { root?: string; port?: number; deploymentsFile?: string }): Promise<Server>;
