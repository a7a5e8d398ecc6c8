// End-to-end check of the gateway with the official `openai` npm client (v7), run by OpenAiNodeClientTests.
// Usage: node openai-client.mjs BASE_URL API_KEY MODEL   (the package is resolved from $INFERSCALE_NPM_OPENAI)
// Prints one JSON object with what each call returned; exits non-zero on an unexpected error.
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';

const [baseURL, apiKey, model] = process.argv.slice(2);
const packageDir = process.env.INFERSCALE_NPM_OPENAI;
if (!packageDir) throw new Error('INFERSCALE_NPM_OPENAI is not set (the folder where `npm install openai` was run)');
const require = createRequire(path.join(packageDir, 'package.json'));
const { default: OpenAI } = await import(require.resolve('openai'));
const pkg = JSON.parse(readFileSync(path.join(packageDir, 'node_modules', 'openai', 'package.json'), 'utf8'));

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const problem = 'a = 7. b = a + 5. c = b * 3. What is c?';
const out = { version: pkg.version };

const models = await client.models.list();
out.models = models.data.map((m) => m.id);

const chat = await client.chat.completions.create({
  model: `majority@4/${model}`, messages: [{ role: 'user', content: problem }], max_tokens: 64, seed: 3,
});
out.chat = { content: chat.choices[0].message.content, finish: chat.choices[0].finish_reason, usage: chat.usage, answer: chat.inferscale?.answer };

const stream = await client.chat.completions.create({
  model: `majority@4/${model}`, messages: [{ role: 'user', content: problem }], max_tokens: 64, seed: 3,
  stream: true, stream_options: { include_usage: true },
});
const streamed = { content: '', chunks: 0, contentChunks: 0, progress: 0, finish: null, usage: null };
for await (const chunk of stream) {
  streamed.chunks++;
  if (chunk.inferscale_progress) streamed.progress++;
  const choice = chunk.choices[0];
  if (choice?.delta?.content) { streamed.content += choice.delta.content; streamed.contentChunks++; }
  if (choice?.finish_reason) streamed.finish = choice.finish_reason;
  if (chunk.usage && chunk.choices.length === 0) streamed.usage = chunk.usage;
}
out.stream = streamed;

const completion = await client.completions.create({
  model, prompt: `Problem: ${problem}\nSolution:\n<think>\n`, max_tokens: 64, temperature: 0,
});
out.completion = { text: completion.choices[0].text, usage: completion.usage };

try {
  await new OpenAI({ baseURL, apiKey: 'wrong-key', maxRetries: 0 }).models.list();
  out.wrongKey = { status: 200 };
} catch (e) {
  out.wrongKey = { status: e.status, type: e.constructor.name, message: e.message };
}
console.log(JSON.stringify(out));
