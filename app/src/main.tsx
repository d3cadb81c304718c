import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";

import { App } from "./App";
import { loadDeployments } from "./chain/deployments";
import { SuiteContext } from "./chain/hooks";
import { resumePending } from "./chain/transactions";
import { makeConfig } from "./chain/wagmi";
import "./style.css";

const root = createRoot(document.getElementById("root")!);

async function start(): Promise<void> {
  const deployments = await loadDeployments();
  const config = await makeConfig(deployments);
  // Transactions sent before a reload are awaited again, so their status stays true.
  resumePending(config);
  const queries = new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } });
  root.render(
    <StrictMode>
      <WagmiProvider config={config}>
        <QueryClientProvider client={queries}>
          <SuiteContext.Provider value={{ deployments }}>
            <App />
          </SuiteContext.Provider>
        </QueryClientProvider>
      </WagmiProvider>
    </StrictMode>,
  );
}

start().catch((e: unknown) => {
  root.render(
    <p role="alert" style={{ padding: 16 }}>
      Cosmolocal could not start: {e instanceof Error ? e.message : String(e)}
    </p>,
  );
});
