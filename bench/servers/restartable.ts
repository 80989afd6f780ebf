import type { Service } from '../lib/process.js';

/**
 * A server under test that is started again if its process ends in the middle of a run. On a shared
 * machine another process may stop it (a signal makes swarmdesk exit 0 after a graceful shutdown);
 * the run is then made once more and the restart is reported, never hidden.
 */
export interface Restartable {
  readonly service: Service;
  /** One line per restart: which run, and how the process had ended. */
  readonly restarts: string[];
  run<T>(label: string, work: (service: Service) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export async function restartable(start: () => Promise<Service>): Promise<Restartable> {
  let service = await start();
  let stderr = '';
  const listen = (): void => {
    stderr = '';
    service.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
  };
  listen();
  const restarts: string[] = [];
  return {
    get service() {
      return service;
    },
    restarts,
    async run(label, work) {
      try {
        return await work(service);
      } catch (error) {
        const ended = service.child.exitCode ?? service.child.signalCode;
        if (ended === null) throw error;
        restarts.push(
          `${label}: the process had ended (${ended})${stderr.trim() ? `: ${stderr.trim()}` : ''}`,
        );
        service = await start();
        listen();
        return work(service);
      }
    },
    stop: () => service.stop(),
  };
}
