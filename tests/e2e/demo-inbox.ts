import { startDemoServer } from '../../demo/serve.mjs';

/** The bundled demo inbox on a free 127.0.0.1 port for the tests of one file: `demo.url` once it is up. */
export function useDemoInbox(): { readonly url: string } {
  let server: Awaited<ReturnType<typeof startDemoServer>> | undefined;
  beforeAll(async () => {
    server = await startDemoServer({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the demo inbox is not running (use demo.url inside a test)');
      return server.url;
    },
  };
}
