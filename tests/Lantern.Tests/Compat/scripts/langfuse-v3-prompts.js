// Manages prompts through the real JS SDK v3 and prints one JSON line the test checks.
const { Langfuse } = require("langfuse");

async function main() {
  const langfuse = new Langfuse();
  const fresh = { cacheTtlSeconds: 0 };
  await langfuse.createPrompt({ name: "sdk/greeting", prompt: "Hello {{name}}!", isActive: true, config: { temperature: 0.2 }, tags: ["sdk"] });
  const second = await langfuse.createPrompt({ name: "sdk/greeting", prompt: "Hi {{name}}, welcome to {{place}}", labels: ["staging"], commitMessage: "friendlier" });
  const production = await langfuse.getPrompt("sdk/greeting", undefined, fresh);
  const staging = await langfuse.getPrompt("sdk/greeting", undefined, { ...fresh, label: "staging" });
  const first = await langfuse.getPrompt("sdk/greeting", 1, fresh);
  await langfuse.updatePrompt({ name: "sdk/greeting", version: 2, newLabels: ["production"] });
  const promoted = await langfuse.getPrompt("sdk/greeting");
  await langfuse.createPrompt({
    name: "sdk-chat", type: "chat", labels: ["production"],
    prompt: [{ role: "system", content: "You are {{persona}}." }, { type: "placeholder", name: "history" }, { role: "user", content: "{{question}}" }],
  });
  const chat = await langfuse.getPrompt("sdk-chat", undefined, { ...fresh, type: "chat" });
  const fallback = await langfuse.getPrompt("missing", undefined, { ...fresh, fallback: "local {{x}}", maxRetries: 0 });
  console.log(JSON.stringify({
    secondVersion: second.version,
    productionVersion: production.version, productionText: production.compile({ name: "Ada" }), config: production.config,
    stagingVersion: staging.version, stagingText: staging.compile({ name: "Ada", place: "Lantern" }),
    firstVersion: first.version, firstLabels: first.labels, tags: staging.tags,
    promotedVersion: promoted.version,
    chatVersion: chat.version,
    chatMessages: chat.compile({ persona: "a pirate", question: "Where is the treasure?" },
      { history: [{ role: "user", content: "hi" }, { role: "assistant", content: "ahoy" }] }),
    fallbackIsFallback: fallback.isFallback,
  }));
  await langfuse.shutdownAsync();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
