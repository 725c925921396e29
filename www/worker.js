// The page's Web Worker: loads the same wasm as the page (Trunk's generated JS glue, whose URL the
// page passes as `?glue=`) and hands control to Rust's `worker_entry`, which runs generation, the
// cache, the ladder and verification off the main thread. One binary, no second wasm build.
const glue = new URL(self.location.href).searchParams.get("glue");
const early = [];
self.onmessage = (event) => early.push(event); // messages that arrive while the wasm loads
import(glue)
  .then(async (bindings) => {
    await bindings.default({ module_or_path: new URL(self.location.href).searchParams.get("wasm") });
    bindings.worker_entry();
    for (const event of early) self.onmessage(event);
  })
  .catch((err) => {
    self.postMessage(JSON.stringify({
      type: "error",
      what: "The background worker could not load the WebAssembly module: " + err,
      hint: "Reload the page. If it persists, the browser may block module workers or WebAssembly.",
    }));
  });
