import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TrainerFailedError } from './errors';

/** `model/train.py`, the Python side of `snowline train`. */
export const TRAIN_SCRIPT = join(import.meta.dirname, '..', '..', 'model', 'train.py');

/** Options of {@link runTrainer}. */
export interface RunTrainerOptions {
  readonly python: string;
  readonly trainCsv: string;
  readonly testCsv: string;
  /** Where model.json, predictions.csv and training.json go. */
  readonly outDir: string;
  readonly seed: number;
  /** Gets the trainer's stderr lines (its progress). @default - dropped */
  readonly progress?: (line: string) => void;
}

/**
 * Runs `model/train.py` (XGBoost and the logistic baseline) and resolves once it has written
 * its files.
 *
 * @throws TrainerFailedError when Python cannot start or the script fails, with its last lines.
 */
export function runTrainer(options: RunTrainerOptions): Promise<void> {
  const args = [TRAIN_SCRIPT, '--train', options.trainCsv, '--test', options.testCsv, '--out', options.outDir, '--seed', String(options.seed)];
  const command = `${options.python} model/train.py`;
  return new Promise((resolve, reject) => {
    const child = spawn(options.python, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OMP_NUM_THREADS: '1' } });
    let stderr = '';
    let pending = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line !== '') options.progress?.(line);
    });
    child.on('error', (cause) => reject(new TrainerFailedError(command, null, '', { cause })));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new TrainerFailedError(command, code, stderr))));
  });
}
