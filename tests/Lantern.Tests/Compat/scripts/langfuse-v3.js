// Drives the real JS SDK v3 (npm langfuse@3.39.2) the way an application does, then flushes.
const { Langfuse } = require("langfuse");

async function main() {
  const langfuse = new Langfuse({ flushAt: 5, flushInterval: 200 }); // keys and base URL from LANGFUSE_* env vars
  const trace = langfuse.trace({
    id: "sdk-trace", name: "sdk-chat", userId: "sdk-user", sessionId: "sdk-session",
    tags: ["compat", "v3"], metadata: { suite: "compat" }, input: { question: "hi" }, release: "1.2.3", version: "v7",
  });
  const span = trace.span({ id: "sdk-span", name: "retrieval", input: { query: "hi" } });
  const generation = span.generation({
    id: "sdk-generation", name: "answer", model: "gpt-4o", modelParameters: { temperature: 0.1, maxTokens: 256 },
    input: [{ role: "user", content: "hi" }],
  });
  generation.update({ completionStartTime: new Date(Date.now() + 5) });
  generation.end({
    output: { role: "assistant", content: "hello" },
    usageDetails: { input: 1000, output: 500 },
  });
  span.end({ output: { documents: 2 } });
  trace.event({ id: "sdk-event", name: "feedback-shown", level: "WARNING", metadata: { position: 1 } });
  trace.score({ id: "sdk-score", name: "quality", value: 0.75, comment: "good" });
  langfuse.score({ id: "sdk-session-score", sessionId: "sdk-session", name: "csat", value: "happy", dataType: "CATEGORICAL" });
  trace.update({ output: { answer: "hello" } });
  await langfuse.shutdownAsync();
  console.log("flushed");
}

main().catch((error) => { console.error(error); process.exit(1); });
