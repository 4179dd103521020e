import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible endpoint that starts streaming a reply and then stalls, like a model
 * that is still generating: used to cancel or kill a worker mid-step.
 */
export async function startStallingServer(firstWords: string) {
  const open: ServerResponse[] = [];
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (content: string) => ({
      id: 'stall',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta: { content }, finish_reason: null, logprobs: null }],
    });
    response.write(`data: ${JSON.stringify(chunk(firstWords))}\n\n`);
    open.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
