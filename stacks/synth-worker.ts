/**
 * Child process for parallel synthesis: receives one chunk, synthesises it with synthChunk,
 * reports each stack as it goes and the chunk's result at the end, then exits (freeing all of
 * cdktf's memory for that chunk).
 */
import type { EstateConfig } from './estate-app';
import { synthChunk } from './synth-chunk';

export interface ChunkRequest {
  readonly config: EstateConfig;
  readonly names: readonly string[];
  readonly outdir: string;
  readonly batchSize: number;
}

export type WorkerMessage =
  | { readonly kind: 'stack'; readonly name: string; readonly resources: number }
  | { readonly kind: 'done'; readonly result: ReturnType<typeof synthChunk> }
  | { readonly kind: 'error'; readonly message: string };

process.once('message', (request: ChunkRequest) => {
  const send = (message: WorkerMessage) => new Promise<void>((done) => process.send!(message, () => done()));
  let result: WorkerMessage;
  try {
    const chunk = synthChunk(request.config, request.names, request.outdir, request.batchSize, (name, resources) => {
      process.send!({ kind: 'stack', name, resources } satisfies WorkerMessage);
    });
    result = { kind: 'done', result: chunk };
  } catch (err) {
    result = { kind: 'error', message: (err as Error).message ?? String(err) };
  }
  void send(result).then(() => process.exit(0));
});
