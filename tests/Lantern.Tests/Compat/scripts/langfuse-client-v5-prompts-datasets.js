// Prompt management and a dataset experiment through the real JS v5 client (@langfuse/client), with spans from
// @langfuse/tracing exported over OTLP, as an application would. Prints one JSON line the test checks.
// Environment: LANGFUSE_BASE_URL, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY (read by the SDK itself).
const { NodeTracerProvider } = require("@opentelemetry/sdk-trace-node");
const { LangfuseSpanProcessor } = require("@langfuse/otel");
const { startObservation } = require("@langfuse/tracing");
const { LangfuseClient } = require("@langfuse/client");

async function status(promise) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return error.statusCode ?? String(error);
  }
}

async function main() {
  const processor = new LangfuseSpanProcessor();
  const provider = new NodeTracerProvider({ spanProcessors: [processor] });
  provider.register();
  const langfuse = new LangfuseClient();

  await langfuse.prompt.create({ name: "greet", type: "text", prompt: "Hello {{name}}!", labels: ["staging"], config: { temperature: 0.1 } });
  await langfuse.prompt.create({ name: "greet", type: "text", prompt: "Hi {{name}}, welcome back.", labels: ["production"] });
  await langfuse.prompt.create({
    name: "support", type: "chat",
    prompt: [{ role: "system", content: "You help with {{product}}." }, { type: "placeholder", name: "history" }],
  });
  const staging = await langfuse.prompt.get("greet", { label: "staging" });
  const production = await langfuse.prompt.get("greet");
  const chat = await langfuse.prompt.get("support", { type: "chat", label: "latest" });
  await langfuse.prompt.update({ name: "greet", version: 1, newLabels: ["production"] });
  const promoted = await langfuse.prompt.get("greet", { cacheTtlSeconds: 0 });
  const missing = await status(langfuse.prompt.get("nope", { cacheTtlSeconds: 0, maxRetries: 0, fetchTimeoutMs: 2000 }));

  await langfuse.api.datasets.create({ name: "faq", description: "frequent questions" });
  for (const id of ["q1", "q2"]) {
    await langfuse.dataset.createItem({ datasetName: "faq", id, input: { question: id }, expectedOutput: { answer: `a-${id}` } });
  }
  const dataset = await langfuse.dataset.get("faq");
  const links = [];
  for (const item of dataset.items) {
    const generation = startObservation("answer", { input: item.input, model: "gpt-4o" }, { asType: "generation" });
    generation.update({ output: item.expectedOutput }).end();
    await item.link(generation, "v5-run", { description: "from the v5 client" });
    links.push({ item: item.id, trace: generation.traceId, observation: generation.id });
  }
  await processor.forceFlush();
  const run = await langfuse.api.datasets.getRun("faq", "v5-run");
  await provider.shutdown();

  console.log(JSON.stringify({
    staging: { version: staging.version, text: staging.compile({ name: "Ada" }), temperature: staging.config.temperature },
    production: { version: production.version, text: production.compile({ name: "Ada" }) },
    chat: chat.compile({ product: "Lantern" }, { history: [{ role: "user", content: "hi" }] }),
    promotedVersion: promoted.version, missing,
    datasetDescription: dataset.description, itemIds: dataset.items.map((i) => i.id).sort(), links,
    run: { name: run.name, description: run.description, items: run.datasetRunItems.map((r) => ({ item: r.datasetItemId, trace: r.traceId, observation: r.observationId })) },
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
