// Sends one trace to Lantern with the unmodified Langfuse JS SDK v5 (@langfuse/otel + @langfuse/tracing) over the
// OpenTelemetry Node SDK, as an application would. Prints the trace id and observation ids as JSON on stdout.
// Environment: LANGFUSE_BASE_URL, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY (read by the SDK itself).
const { NodeTracerProvider } = require("@opentelemetry/sdk-trace-node");
const { LangfuseSpanProcessor } = require("@langfuse/otel");
const { startActiveObservation, startObservation, propagateAttributes } = require("@langfuse/tracing");

async function main() {
  const processor = new LangfuseSpanProcessor({ environment: "staging", release: "r-42" });
  const provider = new NodeTracerProvider({ spanProcessors: [processor] });
  provider.register();

  const ids = {};
  await startActiveObservation("handle-request", async (root) => {
    ids.traceId = root.traceId;
    ids.root = root.id;
    root.update({ input: { question: "why is the sky blue?" }, metadata: { step: "root" } });
    await propagateAttributes(
      { userId: "user-1", sessionId: "session-1", tags: ["beta", "web"], metadata: { tenant: "acme" }, traceName: "ask" },
      async () => {
        const generation = startObservation(
          "llm-call",
          {
            model: "gpt-4o",
            input: [{ role: "user", content: "why is the sky blue?" }],
            modelParameters: { temperature: 0.2, max_tokens: 100 },
            usageDetails: { input: 1000, output: 500 },
          },
          { asType: "generation" },
        );
        ids.generation = generation.id;
        generation.update({ output: { role: "assistant", content: "Rayleigh scattering." } }).end();

        const tool = startObservation("search", { input: { query: "sky" } }, { asType: "tool" });
        ids.tool = tool.id;
        tool.update({ output: ["result"] }).end();

        const failed = startObservation("fetch-context", { level: "ERROR", statusMessage: "timeout" });
        ids.failed = failed.id;
        failed.end();

        const event = startObservation("user-feedback", { input: "thumbs up" }, { asType: "event" });
        ids.event = event.id;
      },
    );
    root.update({ output: "Rayleigh scattering." });
  });

  await processor.forceFlush();
  await provider.shutdown();
  process.stdout.write(JSON.stringify(ids) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
