// One worker thread of the WASM pool (pool.ts): its own policy.wasm instance, answering the
// pool's messages in the order they come.
import { parentPort, workerData } from "node:worker_threads";
import type { PoolReply, PoolRequest } from "./pool.js";
import { WasmEngine } from "./wasm.js";

const engine = WasmEngine.fromFile((workerData as { wasmFile: string }).wasmFile);

parentPort?.on("message", (request: PoolRequest) => {
  if (request.type === "prepare") {
    engine.prepareEncoded(request.data);
    return;
  }
  let reply: PoolReply;
  try {
    reply = { job: request.job, outcomes: engine.evaluate(request.objects, request.controlIds) };
  } catch (error) {
    reply = { job: request.job, error: (error as Error).message ?? String(error) };
  }
  parentPort?.postMessage(reply);
});
