import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible endpoint that streams `pieces` one every `intervalMs`, like a model
 * writing, so a test can watch the text arrive in a collaborator's copy of the document.
 */
export async function startPacedStreamServer(pieces: readonly string[], intervalMs: number) {
  const open = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    request.resume();
    open.add(response);
    response.on('close', () => open.delete(response));
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const base = { id: 'paced', object: 'chat.completion.chunk', created: 0, model: 'gpt-paced' };
    const send = (body: object) => response.write(`data: ${JSON.stringify(body)}\n\n`);
    const delta = (content: string) => ({
      ...base,
      choices: [{ index: 0, delta: { content }, finish_reason: null, logprobs: null }],
    });
    let index = 0;
    const timer = setInterval(() => {
      const piece = pieces[index++];
      if (piece !== undefined) {
        send(delta(piece));
        return;
      }
      clearInterval(timer);
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }] });
      const usage = {
        prompt_tokens: 10,
        completion_tokens: pieces.length,
        total_tokens: 10 + pieces.length,
      };
      send({ ...base, choices: [], usage });
      response.end('data: [DONE]\n\n');
    }, intervalMs);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
