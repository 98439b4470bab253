import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The directory `snowline train` publishes the propensity model to, relative to the repository root. */
export const MODEL_ARTIFACT_DIR = 'model/propensity';

/** What the inference side reads of an artifact's `metadata.json` (the trainer writes more). */
export const ModelMetadataHeadSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1),
  featureNames: z.array(z.string()).min(1),
});

/** The name, version and feature order of a published model. */
export type ModelMetadataHead = z.infer<typeof ModelMetadataHeadSchema>;

/**
 * Reads a published model's `metadata.json`, or undefined when there is none (no model trained
 * yet: the local stack serves the placeholder).
 *
 * @throws Error naming the file and the field when it exists but is not valid.
 */
export function readModelMetadata(dir: string): ModelMetadataHead | undefined {
  const file = join(dir, 'metadata.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = ModelMetadataHeadSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || 'body'}: ${issue.message}`, { cause: parsed.error });
  }
  return parsed.data;
}
